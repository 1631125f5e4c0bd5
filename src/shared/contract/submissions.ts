import { z } from 'zod';
import { SUBMISSION_STATUSES, type Finding, type StoredValue, type Submission } from '../domain/records';
import { channelSchema } from './imports';
import { id, isoDate, op } from './op';
import { cellEditFields } from './periods';

export interface SubmissionDetail {
  submission: Submission;
  values: StoredValue[];
  findings: Finding[];
  /** every revision of the same unit and period, oldest first */
  revisions: Submission[];
}

const SUBMISSION_WRITE = ['submissions', 'audit', 'status', 'consolidation', 'units.get', 'imports', 'reports'];

export const submissionsContract = {
  'submissions.list': op(z.object({ periodId: id, unitId: id.optional() }).strict()).returns<Submission[]>(),
  'submissions.get': op(z.object({ id }).strict()).returns<SubmissionDetail>(),
  'submissions.correct': op(
    z
      .object({
        ...cellEditFields,
        reason: z.string().trim().min(3, 'Cần ghi lý do sửa (ít nhất 3 ký tự)').max(1000),
      })
      .strict(),
  )
    .invalidates(SUBMISSION_WRITE)
    .returns<SubmissionDetail>(),
  'submissions.setStatus': op(
    z.object({ id, status: z.enum(SUBMISSION_STATUSES), reason: z.string().max(1000).optional() }).strict(),
  )
    .invalidates(SUBMISSION_WRITE)
    .returns<Submission>(),
  'submissions.update': op(
    z
      .object({
        id,
        officialDate: isoDate.nullable().optional(),
        channel: channelSchema.optional(),
      })
      .strict(),
  )
    .invalidates(SUBMISSION_WRITE)
    .returns<Submission>(),
  'submissions.original': op(z.object({ id }).strict()).returns<{ name: string; bytes: Uint8Array }>(),
};
