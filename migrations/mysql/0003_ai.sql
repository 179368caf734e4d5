CREATE TABLE `agent_memory` (
	`workflow_id` varchar(64) NOT NULL,
	`key` varchar(255) NOT NULL,
	`messages` longtext NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `agent_memory_workflow_id_key_pk` PRIMARY KEY(`workflow_id`,`key`)
);
--> statement-breakpoint
CREATE TABLE `ai_usage` (
	`id` varchar(64) NOT NULL,
	`user_id` varchar(64),
	`workflow_id` varchar(64),
	`operation` varchar(64) NOT NULL,
	`model` varchar(128) NOT NULL,
	`prompt_tokens` int NOT NULL,
	`completion_tokens` int NOT NULL,
	`total_tokens` int NOT NULL,
	`at` bigint NOT NULL,
	CONSTRAINT `ai_usage_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `ai_usage_user_at_idx` ON `ai_usage` (`user_id`,`at`);