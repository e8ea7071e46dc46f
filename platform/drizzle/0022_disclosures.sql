CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`document_id` text NOT NULL,
	`subject_org` text NOT NULL,
	`subject_path` text NOT NULL,
	`state` text NOT NULL,
	`document_number` text NOT NULL,
	`party_name` text NOT NULL,
	`authority` text NOT NULL,
	`decided_on` text NOT NULL,
	`due_on` text,
	`published_on` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text NOT NULL,
	`content` text NOT NULL,
	`reason` text,
	`changed_at` text,
	`changed_on` text,
	`changed_by` text,
	`cause_case_id` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disclosures_case` ON `disclosures` (`case_id`);--> statement-breakpoint
CREATE INDEX `disclosures_public` ON `disclosures` (`state`,`published_on`,`id`);--> statement-breakpoint
CREATE INDEX `disclosures_number` ON `disclosures` (`document_number`);--> statement-breakpoint
CREATE INDEX `disclosures_subject` ON `disclosures` (`subject_path`,`published_on`);