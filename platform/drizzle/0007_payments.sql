CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`amount` integer NOT NULL,
	`paid_on` text NOT NULL,
	`reference` text,
	`recorded_by` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payments_case` ON `payments` (`case_id`,`paid_on`);