CREATE TABLE `alert_checks` (
	`case_id` text PRIMARY KEY NOT NULL,
	`checked_on` text NOT NULL,
	`watched` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_checks_due` ON `alert_checks` (`watched`,`checked_on`,`case_id`);--> statement-breakpoint
-- Every existing case is due once: the scheduler's first pass evaluates each and records whether it stays watched.
INSERT INTO `alert_checks` (`case_id`, `checked_on`, `watched`) SELECT `id`, '0000-00-00', 1 FROM `cases`;
