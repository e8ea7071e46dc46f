CREATE TABLE `assessment_results` (
	`run_id` text NOT NULL,
	`subject_code` text NOT NULL,
	`subject_path` text NOT NULL,
	`rank` integer NOT NULL,
	`score` real NOT NULL,
	`grade` text,
	`result` text NOT NULL,
	PRIMARY KEY(`run_id`, `subject_code`)
);
--> statement-breakpoint
CREATE INDEX `assessment_results_rank` ON `assessment_results` (`run_id`,`rank`);--> statement-breakpoint
CREATE TABLE `assessment_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`scheme_code` text NOT NULL,
	`pack_hash` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`as_of` text NOT NULL,
	`status` text NOT NULL,
	`summary` text NOT NULL,
	`computed_at` text NOT NULL,
	`computed_by` text NOT NULL,
	`published_at` text,
	`published_by` text
);
--> statement-breakpoint
CREATE INDEX `assessment_runs_scheme` ON `assessment_runs` (`scheme_code`,`computed_at`);--> statement-breakpoint
CREATE TRIGGER `assessment_runs_frozen_update` BEFORE UPDATE ON `assessment_runs` WHEN OLD.`status` = 'published'
BEGIN SELECT RAISE(ABORT, 'a published assessment run is frozen'); END;--> statement-breakpoint
CREATE TRIGGER `assessment_runs_frozen_delete` BEFORE DELETE ON `assessment_runs` WHEN OLD.`status` = 'published'
BEGIN SELECT RAISE(ABORT, 'a published assessment run is frozen'); END;--> statement-breakpoint
CREATE TRIGGER `assessment_results_frozen_insert` BEFORE INSERT ON `assessment_results`
WHEN (SELECT `status` FROM `assessment_runs` WHERE `id` = NEW.`run_id`) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published assessment run is frozen'); END;--> statement-breakpoint
CREATE TRIGGER `assessment_results_frozen_update` BEFORE UPDATE ON `assessment_results`
WHEN (SELECT `status` FROM `assessment_runs` WHERE `id` = OLD.`run_id`) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published assessment run is frozen'); END;--> statement-breakpoint
CREATE TRIGGER `assessment_results_frozen_delete` BEFORE DELETE ON `assessment_results`
WHEN (SELECT `status` FROM `assessment_runs` WHERE `id` = OLD.`run_id`) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published assessment run is frozen'); END;
