/**
 * Issue 19, finding 5, "dates are dates": the contract itself refuses impossible dates (a regex let "2026-02-31"
 * and "9999-99-99" through to the database), the same for every door; a receipt date in the future, or before
 * the period's data window begins, is refused unless the officer gives a reason (which goes to the audit log);
 * a late report, after the window, stays accepted without one. The CLI's --received-at keeps its usage error.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { listAudit } from '../../../src/main/services/audit';
import { isCalendarDate } from '../../../src/shared/rules/period';
import { filledForm, smallProvince } from '../../helpers/province';
import { tmpCtx, tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

describe('dates are dates', () => {
  it('isCalendarDate: real days of 2000–2100 only', () => {
    for (const ok of ['2000-01-01', '2024-02-29', '2026-12-31', '2100-12-31'])
      expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of [
      '2026-02-31',
      '2025-02-29',
      '2100-02-29',
      '9999-99-99',
      '1999-12-31',
      '2101-01-01',
      '2026-00-10',
      '2026-13-01',
      '2026-04-31',
      '2026-1-01',
      '2026-01-01T00:00',
      ' 2026-01-01',
      '',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('periods.create and units.save refuse impossible dates through dispatch, in Vietnamese', async () => {
    const ctx = tmpCtx();
    try {
      for (const deadline of ['2026-02-31', '9999-99-99', '1999-01-01']) {
        const r = await dispatch(ctx, 'periods.create', { year: 2026, kind: 'half_year', deadline });
        expect(r.ok, deadline).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('invalid_input');
          expect(r.error.message).toMatch(/ngày có thật/);
        }
      }
      const list = await dispatch(ctx, 'periods.list', {});
      expect(list.ok && list.data).toEqual([]);
      const u = await dispatch(ctx, 'units.save', {
        code: 'S9',
        name: 'Sở thử',
        kind: 'so_nganh',
        validFrom: '2026-02-30',
      });
      expect(u.ok).toBe(false);
      const good = await dispatch(ctx, 'periods.create', { year: 2026, kind: 'half_year', deadline: '2026-06-10' });
      expect(good.ok).toBe(true);
    } finally {
      ctx.dispose();
    }
  });

  it('a receipt date in the future or before the data window needs a reason; a late one does not', async () => {
    // today 2026-06-05; the 6-month period's data window is 15/12/2025 → 14/06/2026
    const { ctx, period } = smallProvince();
    try {
      const form = (unit: string) => filledForm(ctx, period.id, unit, { VB_BANHANH: { value: 3 } });
      const counts = () => (ctx.raw.prepare('SELECT count(*) n FROM submissions').get() as { n: number }).n;

      for (const receivedAt of ['1999-01-01', '2026-02-31']) {
        const r = await dispatch(ctx, 'imports.file', { periodId: period.id, file: await form('S01'), receivedAt });
        expect(r.ok, receivedAt).toBe(false);
      }
      const future = await dispatch(ctx, 'imports.file', {
        periodId: period.id,
        file: await form('S01'),
        receivedAt: '2026-06-20',
      });
      expect(future.ok).toBe(false);
      if (!future.ok) {
        expect(future.error.code).toBe('invalid_input');
        expect(future.error.message).toMatch(/Ngày nhận 20\/06\/2026 là ngày trong tương lai.*lý do/);
      }
      const early = await dispatch(ctx, 'imports.batch', {
        periodId: period.id,
        files: [await form('S01')],
        receivedAt: '2025-11-30',
      });
      expect(early.ok).toBe(false);
      if (!early.ok) expect(early.error.message).toMatch(/sớm hơn ngày bắt đầu khoảng số liệu.*15\/12\/2025/);
      const officialFuture = await dispatch(ctx, 'imports.file', {
        periodId: period.id,
        file: await form('S01'),
        officialDate: '2026-07-01',
      });
      expect(officialFuture.ok).toBe(false);
      expect(counts()).toBe(0);

      // with a reason: accepted, and the reason is in the audit log
      const withReason = await dispatch(ctx, 'imports.file', {
        periodId: period.id,
        file: await form('S01'),
        receivedAt: '2025-11-30',
        receivedReason: 'Đơn vị gửi bản giấy sớm theo công văn riêng',
      });
      expect(withReason.ok && (withReason.data as { status: string }).status).toBe('accepted');
      const logged = listAudit(ctx.db, { entity: 'period', limit: 10 }).find((a) => a.action === 'imports.receiptDate');
      expect(logged?.reason).toBe('Đơn vị gửi bản giấy sớm theo công văn riêng');

      // within the window, and late (after the window, before today): no reason needed
      const inWindow = await dispatch(ctx, 'imports.file', {
        periodId: period.id,
        file: await form('S02'),
        receivedAt: '2026-06-01',
      });
      expect(inWindow.ok && (inWindow.data as { status: string }).status).toBe('accepted');
    } finally {
      ctx.dispose();
    }

    // a late report: the window has ended, today is after it
    const late = smallProvince();
    try {
      const lateCtx = Object.assign(late.ctx, { today: () => '2026-09-01' });
      const f = await filledForm(lateCtx, late.period.id, 'X01', { VB_BANHANH: { value: 1 } });
      const r = await dispatch(lateCtx, 'imports.file', {
        periodId: late.period.id,
        file: f,
        receivedAt: '2026-08-20',
      });
      expect(r.ok && (r.data as { status: string }).status).toBe('accepted');
    } finally {
      late.ctx.dispose();
    }
  });

  it('CLI: --received-at outside 2000–2100 or not a real day is a usage error (exit 2)', async () => {
    const db = join(tmpDir(), 'x.sqlite');
    await cli(['init', '--db', db]);
    for (const d of ['31/02/2026', '1999-01-01', '01/01/2101']) {
      const r = await cli(['import', '--db', db, '--period', '1', '--received-at', d, '.']);
      expect(r.code, d).toBe(2);
      expect(r.err).toMatch(/ngày có thật/);
    }
    const r = await cli([
      'import',
      '--db',
      db,
      '--period',
      '1',
      '--received-at',
      '2026-01-01',
      '--received-reason',
      ' ',
      '.',
    ]);
    expect(r.code).toBe(2);
  });
});
