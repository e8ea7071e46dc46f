ALTER TABLE `file_reviews` ADD `assignee_id` text;--> statement-breakpoint
ALTER TABLE `file_reviews` ADD `assigned_by` text;--> statement-breakpoint
ALTER TABLE `file_reviews` ADD `assigned_at` text;--> statement-breakpoint
CREATE INDEX `file_reviews_assignee` ON `file_reviews` (`assignee_id`,`round_id`);