import { z } from 'zod';
import type { ImportAttempt, ImportResult } from '../domain/report';
import type { Finding, StoredValue, Submission } from '../domain/records';
import { fileSchema, id, isoDate, op } from './op';
import { cellValueSchema } from './periods';

export interface SubmissionDetail {
  submission: Submission;
  values: StoredValue[];
  findings: Finding[];
  /** every revision of the same unit and period, oldest first */
  revisions: Submission[];
}

export const submissionsContract = {
  'templates.export': op(
    z.object({ periodId: id, unitCodes: z.array(z.string()).optional(), zip: z.boolean().optional() }).strict(),
  ).returns<{ files: Array<{ unit: string | null; name: string; bytes: Uint8Array }> }>(),
  'imports.file': op(
    z
      .object({
        periodId: id,
        file: fileSchema,
        receivedAt: isoDate.optional(),
        officialDate: isoDate.optional(),
        channel: z.enum(['email', 'usb', 'direct', 'other']).optional(),
        /** files of one batch share it; the first file of a batch triggers a backup */
        batchId: z.string().max(100).optional(),
      })
      .strict(),
  ).returns<ImportResult>(),
  'imports.recent': op(
    z.object({ periodId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ).returns<ImportAttempt[]>(),
  'submissions.list': op(z.object({ periodId: id, unitId: id.optional() }).strict()).returns<Submission[]>(),
  'submissions.get': op(z.object({ id }).strict()).returns<SubmissionDetail>(),
  'submissions.correct': op(
    z
      .object({
        id,
        element: z.string().min(1).max(50),
        cell: z.enum(['total', 'female', 'male', 'value']),
        value: cellValueSchema.nullable(),
        reason: z.string().trim().min(3, 'Cần ghi lý do sửa (ít nhất 3 ký tự)').max(1000),
      })
      .strict(),
  ).returns<SubmissionDetail>(),
  'submissions.setStatus': op(
    z
      .object({ id, status: z.enum(['received', 'needs_fix', 'approved']), reason: z.string().max(1000).optional() })
      .strict(),
  ).returns<Submission>(),
  'submissions.update': op(
    z
      .object({
        id,
        officialDate: isoDate.nullable().optional(),
        channel: z.enum(['email', 'usb', 'direct', 'other']).optional(),
      })
      .strict(),
  ).returns<Submission>(),
  'submissions.original': op(z.object({ id }).strict()).returns<{ name: string; bytes: Uint8Array }>(),
};
