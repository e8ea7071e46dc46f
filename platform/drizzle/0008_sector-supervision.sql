CREATE TABLE `sector_supervision` (
	`supervisor_code` text NOT NULL,
	`supervised_code` text NOT NULL,
	`supervised_path` text NOT NULL,
	PRIMARY KEY(`supervisor_code`, `supervised_code`)
);