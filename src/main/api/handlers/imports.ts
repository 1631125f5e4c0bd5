import type { importsContract } from '../../../shared/contract/imports';
import { auditReceipt, checkReceipt, importBatch, importFile, recentImports } from '../../services/imports';
import { importAs } from '../../services/inbox-assign';
import type { HandlersFor } from '../types';

export const importsHandlers: HandlersFor<typeof importsContract> = {
  'imports.file': async (input, ctx) => {
    const odd = checkReceipt(ctx, input);
    const { unitCode } = input;
    const result = unitCode ? await importAs(ctx, { ...input, unitCode }) : await importFile(ctx, input);
    auditReceipt(ctx, input, odd, [result]);
    // listeners (e.g. a second window, the tray) learn about each file as it is answered
    ctx.emit('import.progress', {
      batchId: input.batchId ?? null,
      file: result.file,
      status: result.status,
      unit: result.unit,
    });
    return result;
  },
  'imports.batch': async (input, ctx) => {
    const odd = checkReceipt(ctx, input);
    const result = await importBatch(ctx, input);
    auditReceipt(ctx, input, odd, result.results);
    return result;
  },
  'imports.cancel': ({ batchId }, ctx) => {
    ctx.cancelledBatches.add(batchId);
    return { cancelled: true };
  },
  'imports.recent': ({ periodId, limit }, ctx) => recentImports(ctx.db, periodId, limit),
};
