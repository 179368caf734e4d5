CREATE TABLE `execution_custom_data` (
	`execution_id` varchar(64) NOT NULL,
	`name` varchar(50) NOT NULL,
	`value` varchar(255) NOT NULL,
	CONSTRAINT `execution_custom_data_execution_id_name_pk` PRIMARY KEY(`execution_id`,`name`)
);
--> statement-breakpoint
CREATE INDEX `execution_custom_data_value_idx` ON `execution_custom_data` (`name`,`value`);