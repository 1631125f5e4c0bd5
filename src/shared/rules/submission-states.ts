/** Where each unit's latest report stands (đã nhận, cần bổ sung, đã duyệt), for the screens that follow a period. */
import type { Submission, SubmissionStatus } from '../domain/records';

export interface SubmissionStates {
  counts: Record<SubmissionStatus, number>;
  /** the latest reports marked "cần bổ sung", by unit name */
  needsFix: Submission[];
}

export function submissionStates(subs: Submission[], compare: (a: string, b: string) => number): SubmissionStates {
  const counts: Record<SubmissionStatus, number> = { received: 0, needs_fix: 0, approved: 0 };
  const latest = subs.filter((s) => s.supersededBy === null);
  for (const s of latest) counts[s.status]++;
  const needsFix = latest.filter((s) => s.status === 'needs_fix').sort((a, b) => compare(a.unitName, b.unitName));
  return { counts, needsFix };
}
