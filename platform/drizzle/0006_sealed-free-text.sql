ALTER TABLE `attachments` ADD `sealed_text` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `sealed_facts` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `sealed_comment` text;