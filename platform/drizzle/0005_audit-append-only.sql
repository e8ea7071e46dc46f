-- The audit chain (执法全过程记录) is append-only: the database itself refuses to change or remove an event.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is refused');
END;
--> statement-breakpoint
-- INSERT OR REPLACE removes the old row without firing DELETE triggers: refuse an insert onto an existing seq.
CREATE TRIGGER `audit_events_no_replace` BEFORE INSERT ON `audit_events`
WHEN EXISTS (SELECT 1 FROM `audit_events` WHERE `seq` = NEW.`seq`)
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: an event cannot be replaced');
END;
