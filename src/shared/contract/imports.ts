import { z } from 'zod';
import { CHANNELS } from '../domain/records';
import type { ImportAttempt, ImportResult } from '../domain/report';
import { fileSchema, id, isoDate, op } from './op';

export const channelSchema = z.enum(CHANNELS);

type FileBytes = { name: string; bytes: Uint8Array };

/** when and how the files came in (receivedAt defaults to today, channel to e-mail) */
const receipt = {
  receivedAt: isoDate.optional(),
  officialDate: isoDate.optional(),
  channel: channelSchema.optional(),
  /**
   * why a receipt date in the future, or before the period's data window begins, is right (without it such a date
   * is refused; a late report, after the window, needs none); kept in the audit log
   */
  receivedReason: z.string().trim().min(1).max(500).optional(),
  /**
   * the officer confirmed that a new revision may leave blank cells the current revision has figures for
   * (without it such a file is refused with code BLANKING and the cells listed in `blanked`)
   */
  allowBlanking: z.boolean().optional(),
  /** read the file(s) with this saved layout (a form the app did not generate), not as the app's own form */
  layoutId: id.optional(),
};

/** One file to import into a period. */
export const importFileInput = z
  .object({
    periodId: id,
    file: fileSchema,
    ...receipt,
    /** files of one batch share it; the first file of a batch triggers a backup */
    batchId: z.string().max(100).optional(),
    /**
     * check the file as this unit's report (the officer assigns a file the app could not attribute): every
     * identity, period and figure check still applies, except the unit's name
     */
    unitCode: z.string().min(1).max(50).optional(),
  })
  .strict();
/** What the core takes (a file's bytes may be any Uint8Array, a Node Buffer too). */
export type ImportFileInput = Omit<z.infer<typeof importFileInput>, 'file'> & { file: FileBytes };

/** Many files into a period, answered in turn. */
export const importBatchInput = z
  .object({
    periodId: id,
    files: z.array(fileSchema).min(1).max(2000),
    ...receipt,
    batchId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type ImportBatchInput = Omit<z.infer<typeof importBatchInput>, 'files'> & { files: FileBytes[] };

export interface ImportBatchResult {
  batchId: string;
  /** one per file, in the order given */
  results: ImportResult[];
  /** true when the batch was stopped by `imports.cancel` before its last file */
  cancelled: boolean;
}

export const importsContract = {
  'imports.file': op(importFileInput).invalidates(['*']).returns<ImportResult>(),
  /**
   * A whole batch (a folder, a drop of files): each file is answered in turn, with an `import.progress` event; a
   * file whose call fails is reported as rejected, never lost from the list. `batchId` (chosen by the caller)
   * lets `imports.cancel` stop the batch after the file in hand.
   */
  'imports.batch': op(importBatchInput).invalidates(['*']).returns<ImportBatchResult>(),
  /** stop a running batch after the file in hand (the files not started are reported as not imported) */
  'imports.cancel': op(z.object({ batchId: z.string().min(1).max(100) }).strict()).returns<{ cancelled: boolean }>(),
  'imports.recent': op(
    z.object({ periodId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ).returns<ImportAttempt[]>(),
};
