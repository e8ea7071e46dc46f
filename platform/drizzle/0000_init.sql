CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`filename` text NOT NULL,
	`note` text,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`case_id` text,
	`target` text,
	`before` text,
	`after` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_case` ON `audit_events` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`matter_code` text NOT NULL,
	`workflow_code` text NOT NULL,
	`category` text NOT NULL,
	`subject_org` text NOT NULL,
	`subject_path` text NOT NULL,
	`pack_hash` text NOT NULL,
	`state` text NOT NULL,
	`party` text NOT NULL,
	`facts` text NOT NULL,
	`officers` text NOT NULL,
	`state_entered` text NOT NULL,
	`extensions` text NOT NULL,
	`violation_date` text,
	`opened_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`closed_at` text,
	`created_by` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_number_unique` ON `cases` (`number`);--> statement-breakpoint
CREATE INDEX `cases_subject` ON `cases` (`subject_org`,`state`);--> statement-breakpoint
CREATE INDEX `cases_path` ON `cases` (`subject_path`);--> statement-breakpoint
CREATE TABLE `document_counters` (
	`pattern` text NOT NULL,
	`org_code` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`pattern`, `org_code`, `year`)
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`form_code` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`number` text,
	`data` text NOT NULL,
	`form_hash` text NOT NULL,
	`hash` text,
	`supersedes` text,
	`created_by` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`issued_at` text,
	`issued_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_case_form_version` ON `documents` (`case_id`,`form_code`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_number` ON `documents` (`number`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`type` text NOT NULL,
	`parent` text,
	`numbering_prefix` text,
	`enforcement_subject` integer NOT NULL,
	`path` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pack_versions` (
	`hash` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`version` text NOT NULL,
	`name` text NOT NULL,
	`bundle` text NOT NULL,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`imported_by` text,
	`active` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pack_versions_id_version` ON `pack_versions` (`pack_id`,`version`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`due_date` text,
	`reviewer` text,
	`opinion` text,
	`checklist` text,
	`comment` text,
	`decided_at` text
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`org_code` text NOT NULL,
	`roles` text NOT NULL,
	`certificate_no` text,
	`certificate_valid_until` text,
	`legal_qualification` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`password_changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);