-- Two index pages fewer per imported file (issue 20). A revision's own audit entry (entity 'submission', action
-- 'import' or 'enter') and its inbox entry (import_attempts, status 'accepted') are each written once, with the
-- revision, in its transaction (services/imports/commit.ts): the revision now points at both (submissions.audit_id,
-- submissions.entry_id) and audit_entity_idx / import_attempts_period_idx leave those entries out. A submission's
-- audit is read through the pointer and the index (services/audit.ts); a period's accepted entries through
-- submissions_period_idx and the pointer (schema.ts INBOX_PERIOD_IDS). No row of any table changes: the columns are
-- added, filled from the entries already there (through the old index, or a temporary one), and the indexes made
-- again without those entries.
ALTER TABLE `submissions` ADD `audit_id` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `entry_id` integer;--> statement-breakpoint
UPDATE `submissions` SET `audit_id` = (SELECT a.`id` FROM `audit_log` a WHERE a.`entity` = 'submission' AND a.`entity_id` = CAST(`submissions`.`id` AS TEXT) AND a.`action` IN ('import', 'enter') ORDER BY a.`id` LIMIT 1);--> statement-breakpoint
CREATE INDEX `__import_attempts_submission_tmp` ON `import_attempts` (`submission_id`) WHERE status = 'accepted';--> statement-breakpoint
UPDATE `submissions` SET `entry_id` = (SELECT a.`id` FROM `import_attempts` a WHERE a.`submission_id` = `submissions`.`id` AND a.status = 'accepted' AND a.`period_id` = `submissions`.`period_id` ORDER BY a.`id` LIMIT 1);--> statement-breakpoint
DROP INDEX `__import_attempts_submission_tmp`;--> statement-breakpoint
DROP INDEX `audit_entity_idx`;--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`) WHERE NOT (entity = 'submission' AND action IN ('import', 'enter'));--> statement-breakpoint
DROP INDEX `import_attempts_period_idx`;--> statement-breakpoint
CREATE INDEX `import_attempts_period_idx` ON `import_attempts` (`period_id`) WHERE status <> 'accepted';
