import type { submissionsContract } from '../../../shared/contract/submissions';
import {
  correctValue,
  getSubmissionDetail,
  listSubmissions,
  originalFile,
  setSubmissionStatus,
  updateSubmission,
} from '../../services/submissions';
import type { HandlersFor } from '../types';

export const submissionsHandlers: HandlersFor<typeof submissionsContract> = {
  'submissions.list': ({ periodId, unitId }, ctx) => listSubmissions(ctx.db, periodId, unitId),
  'submissions.get': ({ id }, ctx) => getSubmissionDetail(ctx.db, id),
  'submissions.correct': (input, ctx) => correctValue(ctx.db, input),
  'submissions.setStatus': ({ id, status, reason }, ctx) => setSubmissionStatus(ctx.db, id, status, reason),
  'submissions.update': (input, ctx) => updateSubmission(ctx.db, input),
  'submissions.original': ({ id }, ctx) => originalFile(ctx, id),
};
