CREATE TABLE `plan_assignments` (
	`task_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`task_id`, `unit_id`),
	FOREIGN KEY (`task_id`) REFERENCES `plan_tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_assignments_unit_idx` ON `plan_assignments` (`unit_id`);--> statement-breakpoint
CREATE TABLE `plan_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`section` text NOT NULL,
	`stt` text,
	`title` text NOT NULL,
	`description` text,
	`due` text,
	`product` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `plan_tasks_year_idx` ON `plan_tasks` (`year`);--> statement-breakpoint
CREATE TABLE `plan_unmatched` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `plan_tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `data_elements` ADD `reporter_units` text;