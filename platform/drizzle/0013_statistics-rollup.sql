CREATE TABLE `case_stats` (
	`subject_org` text NOT NULL,
	`month` text NOT NULL,
	`matter_code` text NOT NULL,
	`state` text NOT NULL,
	`closed` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`subject_org`, `month`, `matter_code`, `state`, `closed`)
);
--> statement-breakpoint
CREATE TABLE `case_stats_officers` (
	`subject_org` text NOT NULL,
	`officer_id` text NOT NULL,
	`month` text NOT NULL,
	`matter_code` text NOT NULL,
	`state` text NOT NULL,
	`closed` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`subject_org`, `officer_id`, `month`, `matter_code`, `state`, `closed`)
);
--> statement-breakpoint
CREATE TABLE `statistics_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`month_offset` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `statistics_settings` (`id`, `month_offset`) VALUES (1, '+480 minutes');
--> statement-breakpoint
CREATE TRIGGER `case_stats_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `case_stats` (`subject_org`, `month`, `matter_code`, `state`, `closed`, `cases`)
	VALUES (new.subject_org, strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.matter_code, new.state, new.closed_at IS NOT NULL, 1)
	ON CONFLICT DO UPDATE SET `cases` = `cases` + 1;
	INSERT INTO `case_stats_officers` (`subject_org`, `officer_id`, `month`, `matter_code`, `state`, `closed`, `cases`)
	SELECT DISTINCT new.subject_org, j.value, strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.matter_code, new.state, new.closed_at IS NOT NULL, 1
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
	UPDATE `case_stats_officers` SET `cases` = `cases` - 1
	WHERE `subject_org` = old.subject_org
		AND `month` = strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes'))
		AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL)
		AND `officer_id` IN (SELECT value FROM json_each(old.officers));
	INSERT INTO `case_stats_officers` (`subject_org`, `officer_id`, `month`, `matter_code`, `state`, `closed`, `cases`)
	SELECT DISTINCT new.subject_org, j.value, strftime('%Y-%m', new.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes')),
		new.matter_code, new.state, new.closed_at IS NOT NULL, 1
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
	WHERE `subject_org` = old.subject_org
		AND `month` = strftime('%Y-%m', old.opened_at, coalesce((SELECT `month_offset` FROM `statistics_settings` WHERE `id` = 1), '+0 minutes'))
		AND `matter_code` = old.matter_code AND `state` = old.state AND `closed` = (old.closed_at IS NOT NULL)
		AND `officer_id` IN (SELECT value FROM json_each(old.officers));
END;
--> statement-breakpoint
INSERT INTO `case_stats` (`subject_org`, `month`, `matter_code`, `state`, `closed`, `cases`)
SELECT `subject_org`, strftime('%Y-%m', `opened_at`, '+480 minutes'), `matter_code`, `state`, `closed_at` IS NOT NULL, count(*)
FROM `cases` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `case_stats_officers` (`subject_org`, `officer_id`, `month`, `matter_code`, `state`, `closed`, `cases`)
SELECT c.`subject_org`, j.value, strftime('%Y-%m', c.`opened_at`, '+480 minutes'), c.`matter_code`, c.`state`, c.`closed_at` IS NOT NULL, count(DISTINCT c.`id`)
FROM `cases` AS c, json_each(c.`officers`) AS j GROUP BY 1, 2, 3, 4, 5, 6;
