-- Fewer pages written per imported file (issue 20): every accepted file's transaction wrote a page of
-- sqlite_sequence (AUTOINCREMENT on submissions, findings, import_attempts, audit_log). The four tables are rebuilt
-- without AUTOINCREMENT, every row copied with its id (no row of them is ever deleted, so an id is never reused),
-- foreign keys checked before the commit (db/migrate.ts); their own indexes are made again. submissions_period_idx
-- stays: the partial sums read a period's rows in id order through it (services/partial-sums.ts).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_submissions` (
	`id` integer PRIMARY KEY NOT NULL,
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
	`withdrawn_at` text,
	`withdraw_reason` text,
	`history` integer DEFAULT 0 NOT NULL,
	`layout_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_submissions`("id", "period_id", "unit_id", "revision", "received_at", "official_date", "channel", "file_name", "sha256", "status", "superseded_by", "withdrawn_at", "withdraw_reason", "history", "layout_id", "created_at") SELECT "id", "period_id", "unit_id", "revision", "received_at", "official_date", "channel", "file_name", "sha256", "status", "superseded_by", "withdrawn_at", "withdraw_reason", "history", "layout_id", "created_at" FROM `submissions`;--> statement-breakpoint
DROP TABLE `submissions`;--> statement-breakpoint
ALTER TABLE `__new_submissions` RENAME TO `submissions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_rev_uq` ON `submissions` (`period_id`,`unit_id`,`revision`);--> statement-breakpoint
CREATE INDEX `submissions_period_idx` ON `submissions` (`period_id`);--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
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
INSERT INTO `__new_audit_log`("id", "at", "actor", "action", "entity", "entity_id", "before", "after", "reason") SELECT "id", "at", "actor", "action", "entity", "entity_id", "before", "after", "reason" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `__new_findings` (
	`id` integer PRIMARY KEY NOT NULL,
	`submission_id` integer NOT NULL,
	`code` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`element` text,
	`cell` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_findings`("id", "submission_id", "code", "severity", "message", "element", "cell") SELECT "id", "submission_id", "code", "severity", "message", "element", "cell" FROM `findings`;--> statement-breakpoint
DROP TABLE `findings`;--> statement-breakpoint
ALTER TABLE `__new_findings` RENAME TO `findings`;--> statement-breakpoint
CREATE INDEX `findings_submission_idx` ON `findings` (`submission_id`);--> statement-breakpoint
CREATE TABLE `__new_import_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`period_id` integer,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`status` text NOT NULL,
	`unit_code` text,
	`revision` integer,
	`submission_id` integer,
	`errors` text NOT NULL,
	`warnings` text NOT NULL,
	`received_at` text,
	`channel` text,
	`unit_id` integer,
	`note` text,
	`batch_id` text
);
--> statement-breakpoint
INSERT INTO `__new_import_attempts`("id", "at", "period_id", "file_name", "sha256", "status", "unit_code", "revision", "submission_id", "errors", "warnings", "received_at", "channel", "unit_id", "note", "batch_id") SELECT "id", "at", "period_id", "file_name", "sha256", "status", "unit_code", "revision", "submission_id", "errors", "warnings", "received_at", "channel", "unit_id", "note", "batch_id" FROM `import_attempts`;--> statement-breakpoint
DROP TABLE `import_attempts`;--> statement-breakpoint
ALTER TABLE `__new_import_attempts` RENAME TO `import_attempts`;--> statement-breakpoint
CREATE INDEX `import_attempts_period_idx` ON `import_attempts` (`period_id`);