/** The feedback letter (phiếu phản hồi) for a refused inbox entry: read from its import_attempts row. */
import { eq } from 'drizzle-orm';
import type { PeriodKind } from '../../shared/domain/catalog';
import { AppError } from '../../shared/result';
import { slugify } from '../../shared/text/vi';
import type { Db } from '../db/open';
import { importAttempts, units } from '../db/schema';
import { feedbackDocx, feedbackHtml, feedbackMessage, type FeedbackInput } from '../documents/feedback';
import { getPeriodRow } from './periods';
import { getSettings } from './settings';

/** outcomes a unit gets feedback for: its file was refused */
const REFUSED = new Set(['rejected', 'duplicate', 'unidentified']);

export function feedbackInput(db: Db, entryId: number, today: string): FeedbackInput {
  const a = db.select().from(importAttempts).where(eq(importAttempts.id, entryId)).get();
  if (!a) throw new AppError('not_found', `Không tìm thấy mục số ${entryId} trong hộp thư nhận báo cáo.`);
  if (!REFUSED.has(a.status)) {
    throw new AppError(
      'conflict',
      `Tệp “${a.fileName}” đã được tiếp nhận (${a.status}); phiếu phản hồi chỉ dành cho tệp bị từ chối.`,
    );
  }
  if (a.periodId === null) {
    throw new AppError('conflict', `Tệp “${a.fileName}” chưa rõ thuộc kỳ báo cáo nào: hãy gán kỳ và đơn vị trước.`);
  }
  const u =
    (a.unitId !== null ? db.select().from(units).where(eq(units.id, a.unitId)).get() : undefined) ??
    (a.unitCode ? db.select().from(units).where(eq(units.code, a.unitCode)).get() : undefined);
  if (!u) {
    throw new AppError(
      'conflict',
      `Tệp “${a.fileName}” chưa rõ đơn vị gửi: hãy chọn đơn vị cho tệp trước khi soạn phiếu phản hồi.`,
    );
  }
  const p = getPeriodRow(db, a.periodId);
  return {
    settings: getSettings(db),
    period: {
      id: p.id,
      label: p.label,
      year: p.year,
      kind: p.kind as PeriodKind,
      dataFrom: p.dataFrom,
      dataTo: p.dataTo,
      deadline: p.deadline,
    },
    unit: { code: u.code, name: u.name, email: u.email?.trim() || null },
    entry: {
      id: a.id,
      fileName: a.fileName,
      receivedAt: a.receivedAt ?? a.at,
      status: a.status,
      errors: a.errors ?? [],
      warnings: a.warnings ?? [],
    },
    today,
  };
}

export async function feedbackLetter(db: Db, entryId: number, format: 'html' | 'docx', today: string) {
  const input = feedbackInput(db, entryId, today);
  const base = `phieu-phan-hoi_${slugify(input.unit.name) || input.unit.code}_${slugify(input.period.label)}`;
  const bytes = format === 'docx' ? await feedbackDocx(input) : new TextEncoder().encode(feedbackHtml(input));
  return { name: `${base}.${format}`, bytes, message: feedbackMessage(input), email: input.unit.email };
}
