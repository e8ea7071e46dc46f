DROP INDEX `disclosures_public`;--> statement-breakpoint
CREATE INDEX `disclosures_shown` ON `disclosures` (`published_on`,`id`) WHERE "disclosures"."state" <> 'withdrawn';