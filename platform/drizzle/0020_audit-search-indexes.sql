CREATE INDEX `audit_actor` ON `audit_events` (`actor`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_action` ON `audit_events` (`action`,`seq`);