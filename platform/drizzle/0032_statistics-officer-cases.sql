CREATE TABLE `case_officers` (
	`officer_id` text NOT NULL,
	`opened_at` text NOT NULL,
	`number` text NOT NULL,
	`case_id` text NOT NULL,
	`subject_org` text NOT NULL,
	`subject_path` text NOT NULL,
	`matter_code` text NOT NULL,
	PRIMARY KEY(`officer_id`, `opened_at`, `number`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `case_period_counts` (
	`period` text NOT NULL,
	`matter_code` text NOT NULL,
	`closed` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`period`, `matter_code`, `closed`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `case_officers_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `case_officers` (`officer_id`, `opened_at`, `number`, `case_id`, `subject_org`, `subject_path`, `matter_code`)
	SELECT DISTINCT j.value, new.opened_at, new.number, new.id, new.subject_org, new.subject_path, new.matter_code FROM json_each(new.officers) AS j;
END;
--> statement-breakpoint
CREATE TRIGGER `case_officers_update` AFTER UPDATE OF `id`, `number`, `opened_at`, `officers`, `subject_org`, `subject_path`, `matter_code` ON `cases`
WHEN old.id IS NOT new.id OR old.number IS NOT new.number OR old.opened_at IS NOT new.opened_at OR old.officers IS NOT new.officers
	OR old.subject_org IS NOT new.subject_org OR old.subject_path IS NOT new.subject_path OR old.matter_code IS NOT new.matter_code
BEGIN
	DELETE FROM `case_officers` WHERE `officer_id` IN (SELECT value FROM json_each(old.officers)) AND `opened_at` = old.opened_at AND `number` = old.number;
	INSERT INTO `case_officers` (`officer_id`, `opened_at`, `number`, `case_id`, `subject_org`, `subject_path`, `matter_code`)
	SELECT DISTINCT j.value, new.opened_at, new.number, new.id, new.subject_org, new.subject_path, new.matter_code FROM json_each(new.officers) AS j;
END;
--> statement-breakpoint
CREATE TRIGGER `case_officers_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `case_officers` WHERE `officer_id` IN (SELECT value FROM json_each(old.officers)) AND `opened_at` = old.opened_at AND `number` = old.number;
END;
--> statement-breakpoint
CREATE TRIGGER `case_period_counts_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `case_period_counts` (`period`, `matter_code`, `closed`, `cases`)
	SELECT p.p, new.matter_code, new.closed_at IS NOT NULL, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_period_counts_update` AFTER UPDATE OF `opened_at`, `matter_code`, `closed_at` ON `cases`
WHEN old.opened_at IS NOT new.opened_at OR old.matter_code IS NOT new.matter_code OR (old.closed_at IS NULL) IS NOT (new.closed_at IS NULL)
BEGIN
	DELETE FROM `case_period_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `case_period_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL);
	INSERT INTO `case_period_counts` (`period`, `matter_code`, `closed`, `cases`)
	SELECT p.p, new.matter_code, new.closed_at IS NOT NULL, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_period_counts_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `case_period_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `case_period_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL);
END;
--> statement-breakpoint
-- Filled from what the triggers have kept: each case's officers in the list's order, and case_counts summed over the subjects.
INSERT INTO `case_officers` (`officer_id`, `opened_at`, `number`, `case_id`, `subject_org`, `subject_path`, `matter_code`)
SELECT DISTINCT j.value, c.opened_at, c.number, c.id, c.subject_org, c.subject_path, c.matter_code
FROM `cases` AS c, json_each(c.officers) AS j ORDER BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `case_period_counts` (`period`, `matter_code`, `closed`, `cases`)
SELECT `period`, `matter_code`, `closed`, sum(`cases`) FROM `case_counts` GROUP BY 1, 2, 3;
