CREATE TABLE `execution_checkpoints` (
	`execution_id` varchar(64) NOT NULL,
	`node_name` varchar(128) NOT NULL,
	`run_index` int NOT NULL,
	`task` longtext NOT NULL,
	CONSTRAINT `execution_checkpoints_execution_id_node_name_run_index_pk` PRIMARY KEY(`execution_id`,`node_name`,`run_index`)
);
--> statement-breakpoint
ALTER TABLE `executions` ADD `heartbeat_at` bigint;--> statement-breakpoint
ALTER TABLE `executions` ADD `wait_till` bigint;--> statement-breakpoint
ALTER TABLE `executions` ADD `workflow_json` longtext;