CREATE TABLE `review_marks` (
	`opened_at` text NOT NULL,
	`case_id` text NOT NULL,
	`subject_org` text NOT NULL,
	`workflow_code` text NOT NULL,
	`state_entered` text NOT NULL,
	`requested_at` text NOT NULL,
	`agreed_at` text,
	PRIMARY KEY(`opened_at`, `case_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `review_marks_case` ON `review_marks` (`case_id`);
--> statement-breakpoint
-- Kept by the reviews' and the cases' writes: each recounts the case's row from its reviews.
CREATE TRIGGER `review_marks_review_insert` AFTER INSERT ON `reviews` BEGIN
	DELETE FROM `review_marks` WHERE `case_id` = new.case_id;
	INSERT INTO `review_marks` (`opened_at`, `case_id`, `subject_org`, `workflow_code`, `state_entered`, `requested_at`, `agreed_at`)
	SELECT c.opened_at, c.id, c.subject_org, c.workflow_code, c.state_entered, max(r.requested_at),
		max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END)
	FROM `cases` AS c JOIN `reviews` AS r ON r.case_id = c.id WHERE c.id = new.case_id GROUP BY c.id;
END;
--> statement-breakpoint
CREATE TRIGGER `review_marks_review_update` AFTER UPDATE OF `case_id`, `requested_at`, `opinion` ON `reviews` BEGIN
	DELETE FROM `review_marks` WHERE `case_id` = old.case_id;
	INSERT INTO `review_marks` (`opened_at`, `case_id`, `subject_org`, `workflow_code`, `state_entered`, `requested_at`, `agreed_at`)
	SELECT c.opened_at, c.id, c.subject_org, c.workflow_code, c.state_entered, max(r.requested_at),
		max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END)
	FROM `cases` AS c JOIN `reviews` AS r ON r.case_id = c.id WHERE c.id = old.case_id GROUP BY c.id;
	DELETE FROM `review_marks` WHERE `case_id` = new.case_id;
	INSERT INTO `review_marks` (`opened_at`, `case_id`, `subject_org`, `workflow_code`, `state_entered`, `requested_at`, `agreed_at`)
	SELECT c.opened_at, c.id, c.subject_org, c.workflow_code, c.state_entered, max(r.requested_at),
		max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END)
	FROM `cases` AS c JOIN `reviews` AS r ON r.case_id = c.id WHERE c.id = new.case_id GROUP BY c.id;
END;
--> statement-breakpoint
CREATE TRIGGER `review_marks_review_delete` AFTER DELETE ON `reviews` BEGIN
	DELETE FROM `review_marks` WHERE `case_id` = old.case_id;
	INSERT INTO `review_marks` (`opened_at`, `case_id`, `subject_org`, `workflow_code`, `state_entered`, `requested_at`, `agreed_at`)
	SELECT c.opened_at, c.id, c.subject_org, c.workflow_code, c.state_entered, max(r.requested_at),
		max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END)
	FROM `cases` AS c JOIN `reviews` AS r ON r.case_id = c.id WHERE c.id = old.case_id GROUP BY c.id;
END;
--> statement-breakpoint
CREATE TRIGGER `review_marks_case_update` AFTER UPDATE OF `id`, `opened_at`, `subject_org`, `workflow_code`, `state_entered` ON `cases`
WHEN old.id IS NOT new.id OR old.opened_at IS NOT new.opened_at OR old.subject_org IS NOT new.subject_org
	OR old.workflow_code IS NOT new.workflow_code OR old.state_entered IS NOT new.state_entered
BEGIN
	DELETE FROM `review_marks` WHERE `case_id` = old.id;
	DELETE FROM `review_marks` WHERE `case_id` = new.id;
	INSERT INTO `review_marks` (`opened_at`, `case_id`, `subject_org`, `workflow_code`, `state_entered`, `requested_at`, `agreed_at`)
	SELECT c.opened_at, c.id, c.subject_org, c.workflow_code, c.state_entered, max(r.requested_at),
		max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END)
	FROM `cases` AS c JOIN `reviews` AS r ON r.case_id = c.id WHERE c.id = new.id GROUP BY c.id;
END;
--> statement-breakpoint
CREATE TRIGGER `review_marks_case_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `review_marks` WHERE `case_id` = old.id;
END;
--> statement-breakpoint
INSERT INTO `review_marks` (`opened_at`, `case_id`, `subject_org`, `workflow_code`, `state_entered`, `requested_at`, `agreed_at`)
SELECT c.opened_at, c.id, c.subject_org, c.workflow_code, c.state_entered, max(r.requested_at),
	max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END)
FROM `cases` AS c JOIN `reviews` AS r ON r.case_id = c.id GROUP BY c.id;
