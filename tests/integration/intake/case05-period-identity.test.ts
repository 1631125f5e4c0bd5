/**
 * Issue 13, case 5: the period is not just the database's numeric id. A form from another database (whose period
 * is also id 1) or of another year/kind (e.g. after restoring an older backup and creating periods again) is
 * refused, saying which.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { META_SHEET } from '../../../src/main/excel/form-layout';
import { createPeriod } from '../../../src/main/services/periods';
import { addUnits, tableCounts } from '../../helpers/province';
import { tmpCtx } from '../../helpers/tmp';
import { cleanup, editForm, expectAccepted, expectRefused, importOne, messages, province, UNITS } from './helpers';
import { fillForm } from '../../../src/main/demo/form-filler';
import { getCatalog } from '../../../src/main/services/catalog';
import { exportTemplates } from '../../../src/main/services/templates';

afterEach(cleanup);

const FILL = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } };

describe('case 5: the right database, the right period', () => {
  it('a form exported from another database (its period also id 1, another kind): WRONG_DATABASE', async () => {
    const here = province(); // "6 tháng đầu năm 2026", id 1
    const there = province({ kind: 'year' }); // "Năm 2026", also id 1, same units
    expect(there.period.id).toBe(here.period.id);
    const f = await there.form('LCA-S01', FILL);
    const before = tableCounts(here.ctx);
    const r = await importOne(here.ctx, here.period.id, f);
    expectRefused(here.ctx, before, r, 'WRONG_DATABASE');
  });

  it('a form of another database with the same year and kind is still WRONG_DATABASE', async () => {
    const here = province();
    const there = province();
    const f = await there.form('LCA-S01', FILL);
    const before = tableCounts(here.ctx);
    const r = await importOne(here.ctx, here.period.id, f);
    expectRefused(here.ctx, before, r, 'WRONG_DATABASE');
  });

  it('a form of this database but another year: WRONG_PERIOD naming both periods', async () => {
    const p = province();
    const older = createPeriod(p.ctx.db, { year: 2025, kind: 'half_year' });
    const f = await p.form('LCA-S01', FILL, older.id);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'WRONG_PERIOD');
    expect(messages(r.errors)).toContain(older.label);
    expect(messages(r.errors)).toContain(p.period.label);
  });

  it('after restoring an older backup and creating the period again (same id, another kind): WRONG_PERIOD', async () => {
    const ctx = tmpCtx({ today: () => '2026-06-05' });
    try {
      addUnits(ctx, UNITS);
      const backup = await dispatch(ctx, 'backup.export', {});
      if (!backup.ok) throw new Error(JSON.stringify(backup.error));
      const half = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
      const exported = (await exportTemplates(ctx.db, half.id, ['LCA-S01']))[0]!;
      const f = { name: exported.name, bytes: await fillForm(exported.bytes, FILL, getCatalog(ctx.db).cellLabels) };
      const restored = await dispatch(ctx, 'backup.restoreFile', {
        file: backup.data as { name: string; bytes: Uint8Array },
      });
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
      const year = createPeriod(ctx.db, { year: 2026, kind: 'year' });
      expect(year.id).toBe(half.id);
      const before = tableCounts(ctx);
      const r = await importOne(ctx, year.id, f);
      expectRefused(ctx, before, r, 'WRONG_PERIOD');
      expect(messages(r.errors)).toContain(half.label);
      expect(messages(r.errors)).toContain(year.label);
    } finally {
      ctx.dispose();
    }
  });

  it('a form of this period whose metadata has no database identity (an older export) is still accepted', async () => {
    const p = province();
    const f = await p.form('LCA-S01', FILL);
    const bytes = await editForm(f.bytes, (_m, wb) => {
      const meta = wb.getWorksheet(META_SHEET)!;
      for (let r = 1; r <= meta.rowCount; r++) {
        if (meta.getCell(r, 1).value === 'databaseId') meta.getCell(r, 2).value = '';
      }
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
  });
});
