CREATE TABLE `pack_activations` (
	`org_code` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`activated_at` text NOT NULL,
	`activated_by` text NOT NULL,
	FOREIGN KEY (`hash`) REFERENCES `pack_versions`(`hash`) ON UPDATE no action ON DELETE no action
);
