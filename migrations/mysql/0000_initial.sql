CREATE TABLE `api_keys` (
	`id` varchar(64) NOT NULL,
	`user_id` varchar(64) NOT NULL,
	`name` varchar(200) NOT NULL,
	`key_hash` varchar(64) NOT NULL,
	`prefix` varchar(32) NOT NULL,
	`created_at` bigint NOT NULL,
	`last_used_at` bigint,
	`revoked_at` bigint,
	CONSTRAINT `api_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_keys_key_hash_unique` UNIQUE(`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` varchar(64) NOT NULL,
	`at` bigint NOT NULL,
	`user_id` varchar(64),
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32),
	`target_id` varchar(64),
	`details` text,
	`ip` varchar(64),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `credential_shares` (
	`credential_id` varchar(64) NOT NULL,
	`user_id` varchar(64) NOT NULL,
	`created_at` bigint NOT NULL,
	CONSTRAINT `credential_shares_credential_id_user_id_pk` PRIMARY KEY(`credential_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` varchar(64) NOT NULL,
	`owner_id` varchar(64) NOT NULL,
	`name` varchar(200) NOT NULL,
	`type` varchar(64) NOT NULL,
	`public_data` text NOT NULL,
	`secret_data` text NOT NULL,
	`key_id` varchar(32) NOT NULL,
	`created_at` bigint NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `credentials_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `doc_snapshots` (
	`workflow_id` varchar(64) NOT NULL,
	`snapshot` longblob NOT NULL,
	`upto_seq` bigint NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `doc_snapshots_workflow_id` PRIMARY KEY(`workflow_id`)
);
--> statement-breakpoint
CREATE TABLE `doc_updates` (
	`seq` bigint AUTO_INCREMENT NOT NULL,
	`workflow_id` varchar(64) NOT NULL,
	`update` longblob NOT NULL,
	`user_id` varchar(64),
	`created_at` bigint NOT NULL,
	`bytes` int NOT NULL,
	`compacted` boolean NOT NULL DEFAULT false,
	CONSTRAINT `doc_updates_seq` PRIMARY KEY(`seq`)
);
--> statement-breakpoint
CREATE TABLE `executions` (
	`id` varchar(64) NOT NULL,
	`workflow_id` varchar(64) NOT NULL,
	`version_id` varchar(64),
	`status` varchar(16) NOT NULL,
	`mode` varchar(16) NOT NULL,
	`created_by` varchar(64),
	`created_at` bigint NOT NULL,
	`started_at` bigint,
	`finished_at` bigint,
	`error` text,
	`run_data` longtext,
	`input` longtext,
	`idempotency_key` varchar(255),
	`parent_execution_id` varchar(64),
	`retry_of` varchar(64),
	CONSTRAINT `executions_id` PRIMARY KEY(`id`),
	CONSTRAINT `executions_idempotency_idx` UNIQUE(`workflow_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` varchar(64) NOT NULL,
	`user_id` varchar(64) NOT NULL,
	`expires_at` bigint NOT NULL,
	`created_at` bigint NOT NULL,
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` varchar(128) NOT NULL,
	`value` text NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `settings_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` varchar(64) NOT NULL,
	`email` varchar(320) NOT NULL,
	`name` varchar(200) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` varchar(16) NOT NULL,
	`created_at` bigint NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `workflow_members` (
	`workflow_id` varchar(64) NOT NULL,
	`user_id` varchar(64) NOT NULL,
	`role` varchar(16) NOT NULL,
	`created_at` bigint NOT NULL,
	CONSTRAINT `workflow_members_workflow_id_user_id_pk` PRIMARY KEY(`workflow_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `workflow_versions` (
	`id` varchar(64) NOT NULL,
	`workflow_id` varchar(64) NOT NULL,
	`number` int NOT NULL,
	`workflow_json` longtext NOT NULL,
	`author_id` varchar(64) NOT NULL,
	`created_at` bigint NOT NULL,
	CONSTRAINT `workflow_versions_id` PRIMARY KEY(`id`),
	CONSTRAINT `versions_workflow_number_idx` UNIQUE(`workflow_id`,`number`)
);
--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` varchar(64) NOT NULL,
	`name` varchar(256) NOT NULL,
	`owner_id` varchar(64) NOT NULL,
	`created_at` bigint NOT NULL,
	`updated_at` bigint NOT NULL,
	`published_version_id` varchar(64),
	`archived` boolean NOT NULL DEFAULT false,
	CONSTRAINT `workflows_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `api_keys_user_idx` ON `api_keys` (`user_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `credential_shares_user_idx` ON `credential_shares` (`user_id`);--> statement-breakpoint
CREATE INDEX `credentials_owner_idx` ON `credentials` (`owner_id`);--> statement-breakpoint
CREATE INDEX `doc_updates_workflow_idx` ON `doc_updates` (`workflow_id`,`compacted`,`seq`);--> statement-breakpoint
CREATE INDEX `executions_workflow_idx` ON `executions` (`workflow_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `executions_status_idx` ON `executions` (`status`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `members_user_idx` ON `workflow_members` (`user_id`);--> statement-breakpoint
CREATE INDEX `workflows_owner_idx` ON `workflows` (`owner_id`);--> statement-breakpoint
CREATE INDEX `workflows_updated_idx` ON `workflows` (`updated_at`);