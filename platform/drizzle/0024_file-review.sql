CREATE TABLE `file_review_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`checklist_code` text NOT NULL,
	`pack_hash` text NOT NULL,
	`org_code` text NOT NULL,
	`org_path` text NOT NULL,
	`subjects` text NOT NULL,
	`rule` text NOT NULL,
	`seed` text NOT NULL,
	`algorithm` text NOT NULL,
	`strata` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `file_review_rounds_org` ON `file_review_rounds` (`org_path`,`created_at`);--> statement-breakpoint
CREATE TABLE `file_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`case_id` text NOT NULL,
	`case_number` text NOT NULL,
	`subject_org` text NOT NULL,
	`subject_path` text NOT NULL,
	`workflow_code` text NOT NULL,
	`checklist_code` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`marks` text NOT NULL,
	`total` real,
	`qualified` integer,
	`reviewer_id` text,
	`finished_at` text,
	`corrections` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `file_review_rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `file_reviews_ordinal` ON `file_reviews` (`round_id`,`ordinal`);--> statement-breakpoint
CREATE UNIQUE INDEX `file_reviews_case` ON `file_reviews` (`round_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `file_reviews_finished` ON `file_reviews` (`subject_org`,`finished_at`);