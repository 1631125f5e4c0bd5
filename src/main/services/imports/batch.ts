/** A batch of files (a folder, a drop): each file imported in turn, with progress and cancellation. */
import { randomUUID } from 'node:crypto';
import type { ImportBatchInput, ImportBatchResult } from '../../../shared/contract/imports';
import type { ImportResult } from '../../../shared/domain/report';
import { AppError, INTERNAL_MESSAGE } from '../../../shared/result';
import type { Ctx } from '../context';
import { getPeriodRow } from '../periods';
import { importFile } from './file';
import { reject } from './result';

export type { ImportBatchInput };

/**
 * Imports a batch file by file, in the order given. A file whose import fails unexpectedly is reported as
 * rejected with a plain message (the others go on); a period that does not exist fails the whole batch.
 * Each answered file is announced with an `import.progress` event; `imports.cancel` stops after the file in hand.
 */
export async function importBatch(ctx: Ctx, input: ImportBatchInput): Promise<ImportBatchResult> {
  getPeriodRow(ctx.db, input.periodId); // not_found before any file
  const batchId = input.batchId ?? randomUUID();
  const results: ImportResult[] = [];
  let cancelled = false;
  try {
    for (let i = 0; i < input.files.length; i++) {
      if (ctx.cancelledBatches.has(batchId)) {
        cancelled = true;
        break;
      }
      const file = input.files[i]!;
      const { files: _files, ...rest } = input;
      let result: ImportResult;
      try {
        result = await importFile(ctx, { ...rest, file, batchId });
      } catch (e) {
        result = reject(file.name, [
          {
            code: e instanceof AppError ? e.code : 'internal',
            message: e instanceof AppError ? e.message : INTERNAL_MESSAGE,
          },
        ]);
      }
      results.push(result);
      ctx.emit('import.progress', {
        batchId,
        index: i,
        total: input.files.length,
        file: result.file,
        status: result.status,
        unit: result.unit,
      });
    }
  } finally {
    ctx.cancelledBatches.delete(batchId);
  }
  return { batchId, results, cancelled };
}
