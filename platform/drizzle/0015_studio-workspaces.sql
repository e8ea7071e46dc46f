CREATE TABLE `studio_workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`name` text NOT NULL,
	`base` text,
	`files` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`published_hash` text
);
--> statement-breakpoint
CREATE INDEX `studio_workspaces_pack` ON `studio_workspaces` (`pack_id`);