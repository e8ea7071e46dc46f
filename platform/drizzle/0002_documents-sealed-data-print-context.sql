ALTER TABLE `documents` ADD `sealed_data` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `print_context` text;