CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `data_elements` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`type` text NOT NULL,
	`cells` text NOT NULL,
	`section` text NOT NULL,
	`reported_by` text NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`collected_from` text NOT NULL,
	`aggregation` text NOT NULL,
	`research_code` text,
	`strategy_code` text,
	`targets` text,
	`local` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`code` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`element` text,
	`cell` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_submission_idx` ON `findings` (`submission_id`);--> statement-breakpoint
CREATE TABLE `import_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`period_id` integer,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`status` text NOT NULL,
	`unit_code` text,
	`revision` integer,
	`submission_id` integer,
	`errors` text NOT NULL,
	`warnings` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_attempts_period_idx` ON `import_attempts` (`period_id`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`numerator` text NOT NULL,
	`denominator` text NOT NULL,
	`factor` real NOT NULL,
	`targets` text NOT NULL,
	`verified` text,
	`source` text,
	`local` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `period_units` (
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`period_id`, `unit_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`data_from` text NOT NULL,
	`data_to` text NOT NULL,
	`deadline` text NOT NULL,
	`template_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `province_targets` (
	`indicator` text NOT NULL,
	`year` integer NOT NULL,
	`op` text NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`indicator`, `year`)
);
--> statement-breakpoint
CREATE TABLE `province_values` (
	`period_id` integer NOT NULL,
	`element` text NOT NULL,
	`cell` text NOT NULL,
	`state` text NOT NULL,
	`num` real,
	`text` text,
	PRIMARY KEY(`period_id`, `element`, `cell`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sections` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `submission_values` (
	`submission_id` integer NOT NULL,
	`element` text NOT NULL,
	`cell` text NOT NULL,
	`state` text NOT NULL,
	`num` real,
	`text` text,
	PRIMARY KEY(`submission_id`, `element`, `cell`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`received_at` text NOT NULL,
	`official_date` text,
	`channel` text DEFAULT 'email' NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`superseded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_rev_uq` ON `submissions` (`period_id`,`unit_id`,`revision`);--> statement-breakpoint
CREATE INDEX `submissions_period_idx` ON `submissions` (`period_id`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`period_kinds` text NOT NULL,
	`rows` text NOT NULL,
	`frozen` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `templates_code_version_uq` ON `templates` (`code`,`version`);--> statement-breakpoint
CREATE TABLE `unit_kinds` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_links` (
	`predecessor_id` integer NOT NULL,
	`successor_id` integer NOT NULL,
	`effective_date` text NOT NULL,
	PRIMARY KEY(`predecessor_id`, `successor_id`),
	FOREIGN KEY (`predecessor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`search_key` text NOT NULL,
	`kind` text NOT NULL,
	`group_name` text,
	`parent_id` integer,
	`valid_from` text,
	`valid_to` text,
	`contact` text,
	`phone` text,
	`email` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_uq` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_search_idx` ON `units` (`search_key`);--> statement-breakpoint
CREATE TABLE `validation_rules` (
	`code` text PRIMARY KEY NOT NULL,
	`left` text NOT NULL,
	`op` text NOT NULL,
	`right` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`local` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
