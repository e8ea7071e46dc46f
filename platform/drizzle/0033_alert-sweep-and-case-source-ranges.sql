ALTER TABLE `scheduler_leases` ADD `swept_on` text;--> statement-breakpoint
CREATE INDEX `case_sources_decided` ON `case_sources` (`decided_at`);--> statement-breakpoint
CREATE INDEX `case_sources_kind` ON `case_sources` (`kind`,`received_on`);--> statement-breakpoint
CREATE INDEX `cases_open` ON `cases` (`id`) WHERE closed_at IS NULL;