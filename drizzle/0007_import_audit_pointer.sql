-- One index page fewer per imported file (issue 20): the audit entry a revision is written with (entity
-- 'submission', action 'import' or 'enter', one per revision, in its transaction: services/imports/commit.ts) is
-- no longer in audit_entity_idx; the revision points at it (submissions.audit_id) and a submission's audit is read
-- through that id and the index (services/audit.ts). No row of any table changes: the column is added, filled from
-- the entries already there (through the old index, before it is dropped), and the index made again without them.
ALTER TABLE `submissions` ADD `audit_id` integer;--> statement-breakpoint
UPDATE `submissions` SET `audit_id` = (SELECT a.`id` FROM `audit_log` a WHERE a.`entity` = 'submission' AND a.`entity_id` = CAST(`submissions`.`id` AS TEXT) AND a.`action` IN ('import', 'enter') ORDER BY a.`id` LIMIT 1);--> statement-breakpoint
DROP INDEX `audit_entity_idx`;--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`) WHERE NOT (entity = 'submission' AND action IN ('import', 'enter'));
