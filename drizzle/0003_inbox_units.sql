ALTER TABLE `import_attempts` ADD `received_at` text;--> statement-breakpoint
ALTER TABLE `import_attempts` ADD `channel` text;--> statement-breakpoint
ALTER TABLE `import_attempts` ADD `unit_id` integer;--> statement-breakpoint
ALTER TABLE `import_attempts` ADD `note` text;--> statement-breakpoint
ALTER TABLE `import_attempts` ADD `batch_id` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `withdrawn_at` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `withdraw_reason` text;--> statement-breakpoint
ALTER TABLE `units` ADD `position` text;--> statement-breakpoint
ALTER TABLE `units` ADD `address` text;