import { z } from 'zod';
import type { ImportAttempt, ImportResult } from '../domain/report';
import { fileSchema, id, isoDate, op } from './op';

export const channelSchema = z.enum(['email', 'usb', 'direct', 'other']);

export interface ImportBatchResult {
  batchId: string;
  /** one per file, in the order given */
  results: ImportResult[];
  /** true when the batch was stopped by `imports.cancel` before its last file */
  cancelled: boolean;
}

export const importsContract = {
  'imports.file': op(
    z
      .object({
        periodId: id,
        file: fileSchema,
        receivedAt: isoDate.optional(),
        officialDate: isoDate.optional(),
        channel: channelSchema.optional(),
        /** files of one batch share it; the first file of a batch triggers a backup */
        batchId: z.string().max(100).optional(),
      })
      .strict(),
  )
    .invalidates(['*'])
    .returns<ImportResult>(),
  /**
   * A whole batch (a folder, a drop of files): each file is answered in turn, with an `import.progress` event; a
   * file whose call fails is reported as rejected, never lost from the list. `batchId` (chosen by the caller)
   * lets `imports.cancel` stop the batch after the file in hand.
   */
  'imports.batch': op(
    z
      .object({
        periodId: id,
        files: z.array(fileSchema).min(1).max(2000),
        receivedAt: isoDate.optional(),
        officialDate: isoDate.optional(),
        channel: channelSchema.optional(),
        batchId: z.string().min(1).max(100).optional(),
      })
      .strict(),
  )
    .invalidates(['*'])
    .returns<ImportBatchResult>(),
  /** stop a running batch after the file in hand (the files not started are reported as not imported) */
  'imports.cancel': op(z.object({ batchId: z.string().min(1).max(100) }).strict()).returns<{ cancelled: boolean }>(),
  'imports.recent': op(
    z.object({ periodId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ).returns<ImportAttempt[]>(),
};
