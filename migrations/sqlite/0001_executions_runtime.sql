CREATE TABLE `execution_checkpoints` (
	`execution_id` text NOT NULL,
	`node_name` text NOT NULL,
	`run_index` integer NOT NULL,
	`task` text NOT NULL,
	PRIMARY KEY(`execution_id`, `node_name`, `run_index`)
);
--> statement-breakpoint
ALTER TABLE `executions` ADD `heartbeat_at` integer;--> statement-breakpoint
ALTER TABLE `executions` ADD `wait_till` integer;--> statement-breakpoint
ALTER TABLE `executions` ADD `workflow_json` text;