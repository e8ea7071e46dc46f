ALTER TABLE `cases` ADD `linked_case_id` text;--> statement-breakpoint
CREATE INDEX `cases_linked` ON `cases` (`linked_case_id`);