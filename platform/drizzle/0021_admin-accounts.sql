CREATE TABLE `security_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`min_length` integer NOT NULL,
	`min_classes` integer NOT NULL,
	`max_failures` integer NOT NULL,
	`lock_minutes` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `users` ADD `locked_at` text;