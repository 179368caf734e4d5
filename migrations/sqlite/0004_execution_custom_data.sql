CREATE TABLE `execution_custom_data` (
	`execution_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`execution_id`, `name`)
);
--> statement-breakpoint
CREATE INDEX `execution_custom_data_value_idx` ON `execution_custom_data` (`name`,`value`);