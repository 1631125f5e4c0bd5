-- submission_values becomes a WITHOUT ROWID table clustered on its primary key (submission_id, element, cell):
-- one B-tree per inserted value instead of three (rowid table, primary-key index, covering index), and the
-- consolidation reads a submission's values straight from that B-tree. drizzle-kit cannot express WITHOUT ROWID,
-- so this rebuild is written by hand; the schema snapshot only records that the covering index is gone.
DROP INDEX `submission_values_cover_idx`;--> statement-breakpoint
CREATE TABLE `__new_submission_values` (
	`submission_id` integer NOT NULL,
	`element` text NOT NULL,
	`cell` text NOT NULL,
	`state` text NOT NULL,
	`num` real,
	`text` text,
	PRIMARY KEY(`submission_id`, `element`, `cell`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_submission_values` (`submission_id`, `element`, `cell`, `state`, `num`, `text`)
	SELECT `submission_id`, `element`, `cell`, `state`, `num`, `text` FROM `submission_values`;--> statement-breakpoint
DROP TABLE `submission_values`;--> statement-breakpoint
ALTER TABLE `__new_submission_values` RENAME TO `submission_values`;
