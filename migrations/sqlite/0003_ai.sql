CREATE TABLE `agent_memory` (
	`workflow_id` text NOT NULL,
	`key` text NOT NULL,
	`messages` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workflow_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `ai_usage` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`workflow_id` text,
	`operation` text NOT NULL,
	`model` text NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	`total_tokens` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ai_usage_user_at_idx` ON `ai_usage` (`user_id`,`at`);