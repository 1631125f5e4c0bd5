/**
 * The import pipeline, in pieces that say what they do:
 *   file.ts      importFile: one file from bytes to a committed revision (or a rejection), the orchestration
 *   identify.ts  does the file belong to this period, template, province and an expected unit (pure)
 *   check.ts     its figures against the unit's form and the validation rules (pure)
 *   commit.ts    the statements (prepared once per connection) and the one transaction
 *   result.ts    the messages and the per-file results
 *   batch.ts     importBatch: many files in turn, with progress and cancellation
 *   history.ts   recentImports: the attempts, newest first
 *   receipt.ts   the receipt dates the officer gives (checked before any file is read; a reason is audited)
 */
export { importFile, type ImportFileInput } from './file';
export { importBatch, type ImportBatchInput } from './batch';
export { recentImports } from './history';
export { auditReceipt, checkReceipt, type Receipt } from './receipt';
export { sha256 } from './commit';
