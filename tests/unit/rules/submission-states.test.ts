/** Each unit's latest report counted once, by its state; the ones to complete listed by name. */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../src/shared/domain/records';
import { submissionStates } from '../../../src/shared/rules/submission-states';
import { compareVi } from '../../../src/shared/text/vi';

let id = 0;
const sub = (unitName: string, status: Submission['status'], supersededBy: number | null = null) =>
  ({ id: ++id, unitName, status, supersededBy }) as Submission;

describe('submissionStates', () => {
  it('counts the latest revisions only and lists "cần bổ sung" by name', () => {
    const s = submissionStates(
      [
        sub('Xã Ia Hrung', 'needs_fix', 99),
        sub('Xã Ia Hrung', 'received'),
        sub('Sở Y tế', 'needs_fix'),
        sub('Đoàn Thanh niên', 'needs_fix'),
        sub('Sở Nội vụ', 'approved'),
      ],
      compareVi,
    );
    expect(s.counts).toEqual({ received: 1, needs_fix: 2, approved: 1 });
    expect(s.needsFix.map((x) => x.unitName)).toEqual(['Đoàn Thanh niên', 'Sở Y tế']);
  });
});
