CREATE TABLE `case_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_org` text NOT NULL,
	`subject_path` text NOT NULL,
	`pack_hash` text NOT NULL,
	`kind` text NOT NULL,
	`received_on` text NOT NULL,
	`description` text NOT NULL,
	`party_name` text,
	`sealed_text` text,
	`registered_by` text NOT NULL,
	`registered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`due_on` text NOT NULL,
	`extended_by` text,
	`extension_reason` text,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`outcome_reason` text,
	`transferred_to` text,
	`case_id` text,
	`decided_by` text,
	`decided_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_sources_subject` ON `case_sources` (`subject_org`,`outcome`);--> statement-breakpoint
CREATE INDEX `case_sources_path` ON `case_sources` (`subject_path`);--> statement-breakpoint
CREATE UNIQUE INDEX `case_sources_case` ON `case_sources` (`case_id`);