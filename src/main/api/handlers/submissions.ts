import type { submissionsContract } from '../../../shared/contract/submissions';
import { importFile, recentImports } from '../../services/imports';
import { getPeriodRow } from '../../services/periods';
import {
  correctValue,
  getSubmissionDetail,
  listSubmissions,
  originalFile,
  setSubmissionStatus,
  updateSubmission,
} from '../../services/submissions';
import { exportTemplates, slugify, zipFiles } from '../../services/templates';
import type { HandlersFor } from '../types';

export const submissionsHandlers: HandlersFor<typeof submissionsContract> = {
  'templates.export': async ({ periodId, unitCodes, zip }, ctx) => {
    const files = await exportTemplates(ctx.db, periodId, unitCodes);
    if (!zip) return { files };
    const p = getPeriodRow(ctx.db, periodId);
    return { files: [await zipFiles(files, `mau-bieu_${slugify(p.label)}.zip`)] };
  },
  'imports.file': async (input, ctx) => {
    const result = await importFile(ctx, input);
    // listeners (e.g. a second window, the tray) learn about each file as it is answered
    ctx.emit('import.progress', {
      batchId: input.batchId ?? null,
      file: result.file,
      status: result.status,
      unit: result.unit,
    });
    return result;
  },
  'imports.recent': ({ periodId, limit }, ctx) => recentImports(ctx.db, periodId, limit),
  'submissions.list': ({ periodId, unitId }, ctx) => listSubmissions(ctx.db, periodId, unitId),
  'submissions.get': ({ id }, ctx) => getSubmissionDetail(ctx.db, id),
  'submissions.correct': (input, ctx) => correctValue(ctx.db, input),
  'submissions.setStatus': ({ id, status, reason }, ctx) => setSubmissionStatus(ctx.db, id, status, reason),
  'submissions.update': (input, ctx) => updateSubmission(ctx.db, input),
  'submissions.original': ({ id }, ctx) => originalFile(ctx.db, id),
};
