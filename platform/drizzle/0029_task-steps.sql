-- 我的待办 as a read (#15): the stored next steps of open cases (tasks/refresh.ts). The triggers forget a
-- case's rows whenever anything its steps are computed from changes — the case, its documents, reviews and
-- disclosure, the case it links to, its subject's name or type, its officers' certificates — whatever wrote it
-- (a route, the demo, a test); a read recomputes a case without rows before answering. Existing open cases
-- have no rows after this migration, so they are computed on first read (the backfill).
CREATE TABLE `case_tasks` (
	`case_id` text PRIMARY KEY NOT NULL,
	`computed_for` text NOT NULL,
	`legal_review` integer NOT NULL,
	`due` text,
	`warn_from` text,
	`deadline` text,
	`view` text NOT NULL,
	`actions` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `task_steps` (
	`case_id` text NOT NULL,
	`ord` integer NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`action` text,
	`document` text,
	`name` text NOT NULL,
	`href` text NOT NULL,
	`roles_any` text,
	`roles_also` text,
	`roles_not` text,
	`officers_only` integer NOT NULL,
	`needs_issue` integer NOT NULL,
	PRIMARY KEY(`case_id`, `ord`),
	FOREIGN KEY (`case_id`) REFERENCES `case_tasks`(`case_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TRIGGER `case_tasks_case_update` AFTER UPDATE ON `cases` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`id` UNION ALL SELECT `id` FROM `cases` WHERE `linked_case_id` = new.`id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`id` UNION ALL SELECT `id` FROM `cases` WHERE `linked_case_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_documents_insert` AFTER INSERT ON `documents` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_documents_update` AFTER UPDATE ON `documents` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`case_id` UNION ALL SELECT old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`case_id` UNION ALL SELECT old.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_documents_delete` AFTER DELETE ON `documents` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT old.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_reviews_insert` AFTER INSERT ON `reviews` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_reviews_update` AFTER UPDATE ON `reviews` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`case_id` UNION ALL SELECT old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`case_id` UNION ALL SELECT old.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_reviews_delete` AFTER DELETE ON `reviews` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT old.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_disclosures_insert` AFTER INSERT ON `disclosures` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_disclosures_update` AFTER UPDATE ON `disclosures` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT new.`case_id` UNION ALL SELECT old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT new.`case_id` UNION ALL SELECT old.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_disclosures_delete` AFTER DELETE ON `disclosures` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT old.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_disclosures_linking` AFTER INSERT ON `disclosures` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `linked_case_id` = new.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `linked_case_id` = new.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_disclosures_linking_update` AFTER UPDATE ON `disclosures` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `linked_case_id` = new.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `linked_case_id` = new.`case_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_subject_update` AFTER UPDATE OF `name`, `type` ON `organisations` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT `case_id` FROM `case_tasks` JOIN `cases` ON `cases`.`id` = `case_tasks`.`case_id` WHERE `cases`.`subject_org` = new.`code`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT `case_id` FROM `case_tasks` JOIN `cases` ON `cases`.`id` = `case_tasks`.`case_id` WHERE `cases`.`subject_org` = new.`code`);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_certificate_update` AFTER UPDATE OF `certificate_no`, `certificate_valid_until` ON `users` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT `case_id` FROM `case_tasks` JOIN `cases` ON `cases`.`id` = `case_tasks`.`case_id` WHERE instr(`cases`.`officers`, new.`id`) > 0);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT `case_id` FROM `case_tasks` JOIN `cases` ON `cases`.`id` = `case_tasks`.`case_id` WHERE instr(`cases`.`officers`, new.`id`) > 0);
END;
--> statement-breakpoint
CREATE TRIGGER `case_tasks_disclosures_linking_delete` AFTER DELETE ON `disclosures` BEGIN
	DELETE FROM `task_steps` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `linked_case_id` = old.`case_id`);
	DELETE FROM `case_tasks` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `linked_case_id` = old.`case_id`);
END;
