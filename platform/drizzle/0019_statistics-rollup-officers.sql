DROP TRIGGER IF EXISTS `case_stats_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `case_stats_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `case_stats_delete`;
--> statement-breakpoint
DROP TABLE `case_stats_officers`;
--> statement-breakpoint
CREATE TABLE `case_stats_officers` (
	`month` text NOT NULL,
	`subject_org` text NOT NULL,
	`officer_id` text NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`month`, `subject_org`, `officer_id`)
);
--> statement-breakpoint
CREATE INDEX `case_stats_month` ON `case_stats` (`month`,`subject_org`,`matter_code`,`closed`,`state`,`cases`);
--> statement-breakpoint
CREATE TRIGGER `case_stats_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `case_stats` (`subject_org`, `month`, `matter_code`, `state`, `closed`, `cases`)
	VALUES (new.subject_org, strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.matter_code, new.state, new.closed_at IS NOT NULL, 1)
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
	INSERT INTO `case_stats_officers` (`month`, `subject_org`, `officer_id`, `cases`)
	SELECT DISTINCT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.subject_org, j.value, 1
	FROM json_each(new.officers) AS j WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_stats_update` AFTER UPDATE OF `subject_org`, `opened_at`, `matter_code`, `state`, `closed_at`, `officers` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.matter_code IS NOT new.matter_code
	OR old.state IS NOT new.state OR (old.closed_at IS NULL) IS NOT (new.closed_at IS NULL) OR old.officers IS NOT new.officers
BEGIN
	UPDATE `case_stats` SET `cases` = `cases` - 1
	WHERE `subject_org` = old.subject_org
		AND `month` = strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes'))
		AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL);
	INSERT INTO `case_stats` (`subject_org`, `month`, `matter_code`, `state`, `closed`, `cases`)
	VALUES (new.subject_org, strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.matter_code, new.state, new.closed_at IS NOT NULL, 1)
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_stats_officers_update` AFTER UPDATE OF `subject_org`, `opened_at`, `officers` ON `cases`
WHEN old.subject_org IS NOT new.subject_org OR old.opened_at IS NOT new.opened_at OR old.officers IS NOT new.officers
BEGIN
	UPDATE `case_stats_officers` SET `cases` = `cases` - 1
	WHERE `month` = strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes'))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers));
	INSERT INTO `case_stats_officers` (`month`, `subject_org`, `officer_id`, `cases`)
	SELECT DISTINCT strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.subject_org, j.value, 1
	FROM json_each(new.officers) AS j WHERE true
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_stats_delete` AFTER DELETE ON `cases` BEGIN
	UPDATE `case_stats` SET `cases` = `cases` - 1
	WHERE `subject_org` = old.subject_org
		AND `month` = strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes'))
		AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL);
	UPDATE `case_stats_officers` SET `cases` = `cases` - 1
	WHERE `month` = strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes'))
		AND `subject_org` = old.subject_org AND `officer_id` IN (SELECT value FROM json_each(old.officers));
END;
--> statement-breakpoint
INSERT INTO `case_stats_officers` (`month`, `subject_org`, `officer_id`, `cases`)
SELECT strftime('%Y-%m', c.`opened_at`, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')), c.`subject_org`, j.value, count(DISTINCT c.`id`)
FROM `cases` AS c, json_each(c.`officers`) AS j GROUP BY 1, 2, 3;
