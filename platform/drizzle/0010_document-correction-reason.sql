ALTER TABLE `documents` ADD `correction_reason` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `sealed_correction_reason` text;