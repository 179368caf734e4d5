CREATE TABLE `custom_nodes` (
	`id` varchar(64) NOT NULL,
	`type` varchar(64) NOT NULL,
	`version` int NOT NULL,
	`owner_id` varchar(64) NOT NULL,
	`definition` longtext NOT NULL,
	`created_at` bigint NOT NULL,
	CONSTRAINT `custom_nodes_id` PRIMARY KEY(`id`),
	CONSTRAINT `custom_nodes_type_version_idx` UNIQUE(`type`,`version`)
);
