CREATE TABLE `officer_matter_counts` (
	`period` text NOT NULL,
	`subject_org` text NOT NULL,
	`officer_id` text NOT NULL,
	`matter_code` text NOT NULL,
	`closed` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`period`, `subject_org`, `officer_id`, `matter_code`, `closed`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `officer_matter_counts_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `officer_matter_counts` (`period`, `subject_org`, `officer_id`, `matter_code`, `closed`, `cases`)
	SELECT DISTINCT p.p, new.subject_org, j.value, new.matter_code, new.closed_at IS NOT NULL, 1
	FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p, json_each(new.officers) AS j WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `officer_matter_counts_update` AFTER UPDATE OF `subject_org`, `opened_at`, `matter_code`, `closed_at`, `officers` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.matter_code IS NOT new.matter_code
	OR (old.closed_at IS NULL) IS NOT (new.closed_at IS NULL) OR old.officers IS NOT new.officers
BEGIN
	DELETE FROM `officer_matter_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `officer_matter_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL);
	INSERT INTO `officer_matter_counts` (`period`, `subject_org`, `officer_id`, `matter_code`, `closed`, `cases`)
	SELECT DISTINCT p.p, new.subject_org, j.value, new.matter_code, new.closed_at IS NOT NULL, 1
	FROM (SELECT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')) AS p UNION ALL SELECT substr(strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4)) AS p, json_each(new.officers) AS j WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `officer_matter_counts_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `officer_matter_counts` WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL) AND `cases` = 1;
	UPDATE `officer_matter_counts` SET `cases` = `cases` - 1 WHERE `period` IN (strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), substr(strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers))
		AND `matter_code` = old.matter_code AND `closed` = (old.closed_at IS NOT NULL);
END;
--> statement-breakpoint
INSERT INTO `officer_matter_counts` (`period`, `subject_org`, `officer_id`, `matter_code`, `closed`, `cases`)
SELECT strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), c.subject_org, j.value, c.matter_code, c.closed_at IS NOT NULL, count(DISTINCT c.id)
FROM `cases` AS c, json_each(c.officers) AS j GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `officer_matter_counts` (`period`, `subject_org`, `officer_id`, `matter_code`, `closed`, `cases`)
SELECT substr(strftime('%Y-%m', c.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), 1, 4), c.subject_org, j.value, c.matter_code, c.closed_at IS NOT NULL, count(DISTINCT c.id)
FROM `cases` AS c, json_each(c.officers) AS j GROUP BY 1, 2, 3, 4, 5;
