CREATE TABLE `entity_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`declared_by` text NOT NULL,
	`declared_at` text NOT NULL,
	FOREIGN KEY (`entity_id`) REFERENCES `market_entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entity_conflicts_pair` ON `entity_conflicts` (`entity_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `inspection_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sector` text NOT NULL,
	`org_code` text NOT NULL,
	`org_path` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`matter_code` text NOT NULL,
	`scheme_code` text NOT NULL,
	`pack_hash` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`seed` text,
	`algorithm` text,
	`classes` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`drawn_by` text,
	`drawn_at` text,
	`opened_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inspection_plans_org` ON `inspection_plans` (`org_path`,`created_at`);--> statement-breakpoint
CREATE TABLE `market_entities` (
	`id` text PRIMARY KEY NOT NULL,
	`credit_code` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`sector` text NOT NULL,
	`org_code` text NOT NULL,
	`org_path` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `market_entities_credit_code` ON `market_entities` (`credit_code`);--> statement-breakpoint
CREATE INDEX `market_entities_org` ON `market_entities` (`org_path`,`sector`);--> statement-breakpoint
CREATE TABLE `plan_inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`entity_id` text NOT NULL,
	`risk_class` text NOT NULL,
	`officers` text NOT NULL,
	`case_id` text,
	`case_number` text,
	FOREIGN KEY (`plan_id`) REFERENCES `inspection_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entity_id`) REFERENCES `market_entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_inspections_ordinal` ON `plan_inspections` (`plan_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `plan_inspections_entity` ON `plan_inspections` (`entity_id`);