CREATE TABLE `alert_recipients` (
	`recipient` text NOT NULL,
	`alert_id` text NOT NULL,
	PRIMARY KEY(`recipient`, `alert_id`)
);
--> statement-breakpoint
CREATE INDEX `alert_recipients_alert` ON `alert_recipients` (`alert_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_code` text NOT NULL,
	`key` text NOT NULL,
	`case_id` text,
	`subject_org` text NOT NULL,
	`subject_path` text NOT NULL,
	`pack_hash` text NOT NULL,
	`level` text NOT NULL,
	`severity` integer NOT NULL,
	`name` text NOT NULL,
	`message` text NOT NULL,
	`why` text NOT NULL,
	`notify` text NOT NULL,
	`status` text DEFAULT 'raised' NOT NULL,
	`raised_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`read_at` text,
	`read_by` text,
	`handled_at` text,
	`handled_by` text,
	`handle_note` text,
	`closed_at` text,
	`closed_why` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_key` ON `alerts` (`key`) WHERE "alerts"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX `alerts_case` ON `alerts` (`case_id`,`status`);--> statement-breakpoint
CREATE INDEX `alerts_subject` ON `alerts` (`subject_org`,`status`,`severity`,`raised_at`);--> statement-breakpoint
CREATE INDEX `alerts_path` ON `alerts` (`subject_path`,`status`);--> statement-breakpoint
CREATE INDEX `alerts_status` ON `alerts` (`status`,`severity`,`raised_at`);--> statement-breakpoint
CREATE TABLE `scheduler_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_pass_at` text
);
