CREATE TABLE `layouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`purpose` text DEFAULT 'import' NOT NULL,
	`definition` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `layouts_name_uq` ON `layouts` (`name`);--> statement-breakpoint
ALTER TABLE `files` ADD `pack` text;--> statement-breakpoint
ALTER TABLE `files` ADD `pack_offset` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `history` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `layout_id` integer;