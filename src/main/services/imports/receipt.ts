/** The receipt dates the officer gives with an import: real, not in the future, not before the period's data. */
import type { ImportResult } from '../../../shared/domain/report';
import { AppError } from '../../../shared/result';
import { receiptDateProblem } from '../../../shared/rules/period';
import { formatDate } from '../../../shared/text/vi';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { getPeriodRow } from '../periods';
import { stableRead } from './stable-reads';

export interface Receipt {
  periodId: number;
  receivedAt?: string | undefined;
  officialDate?: string | undefined;
  receivedReason?: string | undefined;
}

const LABEL = { receivedAt: 'Ngày nhận', officialDate: 'Ngày văn bản' } as const;

/**
 * The receipt dates the officer gave, checked before any file is read: a date in the future, or before the
 * period's data window begins, is refused unless she gives a reason (a late report, after the window, is normal).
 * Returns the odd dates that the reason covers, for the audit log.
 */
export function checkReceipt(ctx: Ctx, input: Receipt): Record<string, string> {
  const period = stableRead(ctx.raw, `period:${input.periodId}`, () => getPeriodRow(ctx.db, input.periodId));
  const today = ctx.today();
  const odd: Record<string, string> = {};
  for (const field of ['receivedAt', 'officialDate'] as const) {
    const date = input[field];
    if (!date) continue;
    const problem = receiptDateProblem(date, today, period.dataFrom);
    if (!problem) continue;
    if (input.receivedReason) {
      odd[field] = date;
      continue;
    }
    const why =
      problem === 'future'
        ? `là ngày trong tương lai (hôm nay là ${formatDate(today)})`
        : `sớm hơn ngày bắt đầu khoảng số liệu của kỳ "${period.label}" (${formatDate(period.dataFrom)}), khi đơn vị chưa thể có báo cáo`;
    throw new AppError(
      'invalid_input',
      `${LABEL[field]} ${formatDate(date)} ${why}. Hãy kiểm tra lại ngày; nếu ngày này đúng, hãy ghi lý do rồi nhập lại.`,
      { field, problem, needsReason: true },
    );
  }
  return odd;
}

/** A reason given for odd receipt dates goes to the audit log, with the files it covered. */
export function auditReceipt(ctx: Ctx, input: Receipt, odd: Record<string, string>, results: ImportResult[]): void {
  if (!Object.keys(odd).length) return;
  const files = results.filter((r) => r.status === 'accepted').map((r) => r.file);
  if (!files.length) return;
  audit(ctx.db, {
    action: 'imports.receiptDate',
    entity: 'period',
    entityId: input.periodId,
    after: { ...odd, files },
    reason: input.receivedReason ?? null,
  });
}
