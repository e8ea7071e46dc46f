-- The rollups of 0013 and 0019 (case_stats, case_stats_officers) give way to the period rollups: their triggers go first.
DROP TRIGGER IF EXISTS `case_stats_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `case_stats_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `case_stats_officers_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `case_stats_delete`;
--> statement-breakpoint
CREATE TABLE `case_closings` (
	`period` text NOT NULL,
	`subject_org` text NOT NULL,
	`matter_code` text NOT NULL,
	`category` text NOT NULL,
	`closed_month` text NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`period`, `subject_org`, `matter_code`, `category`, `closed_month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `case_counts` (
	`period` text NOT NULL,
	`subject_org` text NOT NULL,
	`matter_code` text NOT NULL,
	`closed` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`period`, `subject_org`, `matter_code`, `closed`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `case_state_counts` (
	`period` text NOT NULL,
	`subject_org` text NOT NULL,
	`matter_code` text NOT NULL,
	`state` text NOT NULL,
	`closed` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`period`, `subject_org`, `matter_code`, `state`, `closed`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `officer_counts` (
	`period` text NOT NULL,
	`subject_org` text NOT NULL,
	`officer_id` text NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`period`, `subject_org`, `officer_id`)
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `case_stats`;--> statement-breakpoint
DROP TABLE `case_stats_officers`;
--> statement-breakpoint
CREATE TRIGGER `case_rollups_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `case_counts` (`period`, `subject_org`, `matter_code`, `closed`, `cases`)
	SELECT p.p, new.subject_org, new.matter_code, new.closed_at IS NOT NULL, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
	INSERT INTO `case_state_counts` (`period`, `subject_org`, `matter_code`, `state`, `closed`, `cases`)
	SELECT p.p, new.subject_org, new.matter_code, new.state, new.closed_at IS NOT NULL, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
	INSERT INTO `case_closings` (`period`, `subject_org`, `matter_code`, `category`, `closed_month`, `cases`)
	SELECT p.p, new.subject_org, new.matter_code, new.category, CASE WHEN new.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', new.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
	INSERT INTO `officer_counts` (`period`, `subject_org`, `officer_id`, `cases`)
	SELECT DISTINCT p.p, new.subject_org, j.value, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p, json_each(new.officers) AS j WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_counts_update` AFTER UPDATE OF `subject_org`, `opened_at`, `matter_code`, `closed_at` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.matter_code IS NOT new.matter_code
	OR (old.closed_at IS NULL) IS NOT (new.closed_at IS NULL)
BEGIN
	DELETE FROM `case_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `case_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL);
	INSERT INTO `case_counts` (`period`, `subject_org`, `matter_code`, `closed`, `cases`)
	SELECT p.p, new.subject_org, new.matter_code, new.closed_at IS NOT NULL, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_state_counts_update` AFTER UPDATE OF `subject_org`, `opened_at`, `matter_code`, `state`, `closed_at` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.matter_code IS NOT new.matter_code
	OR old.state IS NOT new.state OR (old.closed_at IS NULL) IS NOT (new.closed_at IS NULL)
BEGIN
	DELETE FROM `case_state_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `case_state_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL);
	INSERT INTO `case_state_counts` (`period`, `subject_org`, `matter_code`, `state`, `closed`, `cases`)
	SELECT p.p, new.subject_org, new.matter_code, new.state, new.closed_at IS NOT NULL, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_closings_update` AFTER UPDATE OF `subject_org`, `opened_at`, `matter_code`, `category`, `closed_at` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.matter_code IS NOT new.matter_code
	OR old.category IS NOT new.category OR old.closed_at IS NOT new.closed_at
BEGIN
	DELETE FROM `case_closings` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `category` = old.category AND `closed_month` = (CASE WHEN old.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', old.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END) AND `cases` = 1;
	UPDATE `case_closings` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `category` = old.category AND `closed_month` = (CASE WHEN old.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', old.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END);
	INSERT INTO `case_closings` (`period`, `subject_org`, `matter_code`, `category`, `closed_month`, `cases`)
	SELECT p.p, new.subject_org, new.matter_code, new.category, CASE WHEN new.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', new.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `officer_counts_update` AFTER UPDATE OF `subject_org`, `opened_at`, `officers` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.officers IS NOT new.officers
BEGIN
	DELETE FROM `officer_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers)) AND `cases` = 1;
	UPDATE `officer_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers));
	INSERT INTO `officer_counts` (`period`, `subject_org`, `officer_id`, `cases`)
	SELECT DISTINCT p.p, new.subject_org, j.value, 1 FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p, json_each(new.officers) AS j WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_rollups_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `case_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `case_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL);
	DELETE FROM `case_state_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `case_state_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL);
	DELETE FROM `case_closings` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `category` = old.category AND `closed_month` = (CASE WHEN old.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', old.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END) AND `cases` = 1;
	UPDATE `case_closings` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `matter_code` = old.matter_code AND `category` = old.category AND `closed_month` = (CASE WHEN old.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', old.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END);
	DELETE FROM `officer_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers)) AND `cases` = 1;
	UPDATE `officer_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers));
END;
--> statement-breakpoint
INSERT INTO `case_counts` (`period`, `subject_org`, `matter_code`, `closed`, `cases`)
SELECT strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), c.subject_org, c.matter_code, c.closed_at IS NOT NULL, count(*)
FROM `cases` AS c GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `case_counts` (`period`, `subject_org`, `matter_code`, `closed`, `cases`)
SELECT substr(strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4), c.subject_org, c.matter_code, c.closed_at IS NOT NULL, count(*)
FROM `cases` AS c GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `case_state_counts` (`period`, `subject_org`, `matter_code`, `state`, `closed`, `cases`)
SELECT strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), c.subject_org, c.matter_code, c.state, c.closed_at IS NOT NULL, count(*)
FROM `cases` AS c GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `case_state_counts` (`period`, `subject_org`, `matter_code`, `state`, `closed`, `cases`)
SELECT substr(strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4), c.subject_org, c.matter_code, c.state, c.closed_at IS NOT NULL, count(*)
FROM `cases` AS c GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `case_closings` (`period`, `subject_org`, `matter_code`, `category`, `closed_month`, `cases`)
SELECT strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), c.subject_org, c.matter_code, c.category, CASE WHEN c.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', c.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END, count(*)
FROM `cases` AS c GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `case_closings` (`period`, `subject_org`, `matter_code`, `category`, `closed_month`, `cases`)
SELECT substr(strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4), c.subject_org, c.matter_code, c.category, CASE WHEN c.closed_at IS NULL THEN '' ELSE strftime('%Y-%m', c.closed_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) END, count(*)
FROM `cases` AS c GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `officer_counts` (`period`, `subject_org`, `officer_id`, `cases`)
SELECT strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), c.subject_org, j.value, count(DISTINCT c.id)
FROM `cases` AS c, json_each(c.officers) AS j GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `officer_counts` (`period`, `subject_org`, `officer_id`, `cases`)
SELECT substr(strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4), c.subject_org, j.value, count(DISTINCT c.id)
FROM `cases` AS c, json_each(c.officers) AS j GROUP BY 1, 2, 3;
