import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { META_SHEET } from '../../../src/main/excel/form-layout';
import { getCatalog } from '../../../src/main/services/catalog';
import { unitFigures } from '../../../src/main/demo/data';
import { importFile } from '../../../src/main/services/imports';
import { createPeriod, expectedUnits, setExpected } from '../../../src/main/services/periods';
import { originalFile, submissionValues } from '../../../src/main/services/submissions';
import { periodStatus } from '../../../src/main/services/consolidation';
import { addUnits, filledForm, fillOf, smallProvince, expectOnlyInbox, tableCounts } from '../../helpers/province';
import { tmpCtx } from '../../helpers/tmp';
import type { StoredValue } from '../../../src/shared/domain/records';
import type { UnitKind } from '../../../src/shared/domain/catalog';
import { SHARED_FIXTURES } from '../../helpers/shared';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});
function province() {
  const p = smallProvince();
  cleanup.push(() => p.ctx.dispose());
  return p;
}
const key = (v: StoredValue) => `${v.element}.${v.cell}`;
const sortValues = (list: StoredValue[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));

describe('import pipeline on a real database', () => {
  it('stores every value of 50 filled files exactly', async () => {
    const ctx = tmpCtx({ today: () => '2026-06-05' });
    cleanup.push(() => ctx.dispose());
    const kinds: UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];
    addUnits(
      ctx,
      Array.from(
        { length: 50 },
        (_, i) =>
          [`U${String(i + 1).padStart(2, '0')}`, `Đơn vị số ${i + 1}`, kinds[i % 4]!] as [string, string, UnitKind],
      ),
    );
    const period = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
    const catalog = getCatalog(ctx.db);
    const files = (await dispatch(ctx, 'templates.export', { periodId: period.id })) as {
      ok: true;
      data: { files: Array<{ unit: string | null; name: string; bytes: Uint8Array }> };
    };
    expect(files.data.files).toHaveLength(51);
    expect(files.data.files.filter((f) => f.unit === null)).toHaveLength(1);
    const { fillForm } = await import('../../../src/main/demo/form-filler');
    const { templateRowsFor } = await import('../../../src/main/excel/form-layout');
    let i = 0;
    for (const f of files.data.files.filter((x) => x.unit)) {
      const unit = ctx.raw.prepare('SELECT code, name, kind FROM units WHERE code = ?').get(f.unit) as {
        code: string;
        name: string;
        kind: UnitKind;
      };
      const rows = new Set(templateRowsFor(catalog.templates[0]!, catalog.dataElements, unit).map((e) => e.code));
      const figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1000 + i++).filter(
        (v) => rows.has(v.element),
      );
      const bytes = await fillForm(f.bytes, fillOf(figures), catalog.cellLabels);
      const r = await importFile(ctx, { periodId: period.id, file: { name: f.name, bytes } });
      expect(r.errors).toEqual([]);
      expect(r.status).toBe('accepted');
      expect(sortValues(submissionValues(ctx.db, r.submissionId!))).toEqual(sortValues(figures));
    }
    expect(periodStatus(ctx.db, period.id)).toMatchObject({ expected: 50, received: 50, missing: 0 });
  });

  it('the same file twice changes nothing; another file is a new revision; timeliness stays on the first', async () => {
    const { ctx, period, importAs } = province();
    const f = await filledForm(ctx, period.id, 'S01', {
      VB_BANHANH: { value: 3 },
      TT_LUOT: { total: 100, female: 60 },
    });
    const first = await importFile(ctx, { periodId: period.id, file: f, receivedAt: '2026-06-08' });
    expect(first).toMatchObject({ status: 'accepted', revision: 1, unit: 'S01' });
    const counts = tableCounts(ctx);
    const again = await importFile(ctx, { periodId: period.id, file: f, receivedAt: '2026-06-20' });
    expect(again).toMatchObject({ status: 'unchanged', revision: 1, submissionId: first.submissionId });
    expectOnlyInbox(ctx, counts);
    const second = await importAs(
      'S01',
      { VB_BANHANH: { value: 5 }, TT_LUOT: { total: 100, female: 61 } },
      '2026-06-20',
    );
    expect(second).toMatchObject({ status: 'accepted', revision: 2 });
    const list = (await dispatch(ctx, 'submissions.list', { periodId: period.id, unitId: undefined })) as {
      ok: true;
      data: Array<{ revision: number; supersededBy: number | null; id: number }>;
    };
    const revs = list.data.filter((s) => s.revision <= 2);
    expect(revs.find((s) => s.revision === 1)!.supersededBy).toBe(second.submissionId);
    const status = periodStatus(ctx.db, period.id);
    const s01 = status.units.find((u) => u.unit === 'S01')!;
    // first report 08/06 ≤ deadline 10/06: on time, although revision 2 came on 20/06
    expect(s01).toMatchObject({ status: 'on_time', receivedAt: '2026-06-08', revision: 2 });
    // the consolidation uses the latest revision
    const c = (await dispatch(ctx, 'consolidation.get', { periodId: period.id })) as {
      ok: true;
      data: { values: Array<{ code: string; cell: string; value: number }> };
    };
    expect(c.data.values.find((v) => v.code === 'VB_BANHANH')!.value).toBe(5);
    // the original is archived with its SHA-256
    const orig = originalFile(ctx, first.submissionId!);
    expect(Buffer.from(orig.bytes).equals(f.bytes)).toBe(true);
  });

  it('a file that fails an error-level rule writes nothing at all', async () => {
    const { ctx, importAs } = province();
    const before = tableCounts(ctx);
    const r = await importAs('S01', { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 10, female: 12 } });
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => e.code)).toContain('R01');
    expect(r.errors[0]!.message).toMatch(/Nữ = 12, Tổng số = 10/);
    expectOnlyInbox(ctx, before);
  });

  it('a warning-level rule is recorded with the submission and shown', async () => {
    const { ctx, importAs } = province();
    const r = await importAs('S01', {
      CBCCVC: { total: 50, female: 20 },
      QUYHOACH: { total: 60, female: 10 },
      LDQL: { total: 5, female: 2 },
    });
    expect(r.status).toBe('accepted');
    expect(r.warnings.map((w) => w.code)).toContain('R46');
    const d = (await dispatch(ctx, 'submissions.get', { id: r.submissionId! })) as {
      ok: true;
      data: { findings: Array<{ code: string; severity: string }> };
    };
    expect(d.data.findings).toContainEqual(expect.objectContaining({ code: 'R46', severity: 'warning' }));
  });

  it('refuses a file of another period, the generic copy, and a unit not expected', async () => {
    const { ctx, period } = province();
    const other = createPeriod(ctx.db, { year: 2026, kind: 'year' });
    const fOther = await filledForm(ctx, other.id, 'S01', { VB_BANHANH: { value: 1 } });
    const before = tableCounts(ctx);
    const r1 = await importFile(ctx, { periodId: period.id, file: fOther });
    expect(r1.errors.map((e) => e.code)).toContain('WRONG_PERIOD');
    expect(r1.errors[0]!.message).toMatch(/Năm 2026/);
    const generic = (await dispatch(ctx, 'templates.export', { periodId: period.id })) as {
      ok: true;
      data: { files: Array<{ unit: string | null; name: string; bytes: Uint8Array }> };
    };
    const g = generic.data.files.find((f) => f.unit === null)!;
    const r2 = await importFile(ctx, { periodId: period.id, file: { name: g.name, bytes: g.bytes } });
    expect(r2.errors.map((e) => e.code)).toContain('UNKNOWN_UNIT');
    // S02 taken off the period's expected list after its form was sent
    const fS02 = await filledForm(ctx, period.id, 'S02', { VB_BANHANH: { value: 1 } });
    const keep = expectedUnits(ctx.db, period.id)
      .filter((u) => u.code !== 'S02')
      .map((u) => u.id);
    setExpected(ctx.db, period.id, keep);
    const r3 = await importFile(ctx, { periodId: period.id, file: fS02 });
    expect(r3.errors.map((e) => e.code)).toEqual(['NOT_EXPECTED']);
    expect(r3.errors[0]!.message).toMatch(/không thuộc danh sách đơn vị phải báo cáo/);
    expect(tableCounts(ctx)).toMatchObject({
      submissions: before.submissions,
      submission_values: before.submission_values,
    });
  });

  it('falls back to the visible header and the Mã số column when the metadata sheet is gone', async () => {
    const { ctx, period } = province();
    const f = await filledForm(ctx, period.id, 'X01', { VB_BANHANH: { value: 2 }, THD_KEHOACH: { value: true } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.bytes as unknown as ExcelJS.Buffer);
    wb.removeWorksheet(wb.getWorksheet(META_SHEET)!.id);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile(ctx, { periodId: period.id, file: { name: 'khong-meta.xlsx', bytes } });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'accepted', unit: 'X01' });
    expect(sortValues(submissionValues(ctx.db, r.submissionId!))).toEqual(
      sortValues([
        { element: 'VB_BANHANH', cell: 'value', value: { state: 'number', value: 2 } },
        { element: 'THD_KEHOACH', cell: 'value', value: { state: 'yesno', value: true } },
      ]),
    );
  });

  it('each broken file is rejected with a Vietnamese message and nothing is written', async () => {
    const { ctx, period } = province();
    const dirs = [join(SHARED_FIXTURES, 'hong'), join(__dirname, '../../fixtures/xlsx/bad')];
    const before = tableCounts(ctx);
    let n = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir)) {
        if (name === 'don-vi-dinh-dang-cu.xls') continue; // a unit list, not a report: covered below
        const r = await importFile(ctx, { periodId: period.id, file: { name, bytes: readFileSync(join(dir, name)) } });
        n++;
        expect(r.status, name).toBe('rejected');
        expect(r.errors.length, name).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.message, name).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
          expect(e.message, name).not.toMatch(/at \w+ \(|Error:|undefined|TypeError/);
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(4);
    // no figure moved; each broken file is one inbox entry (its original kept for the officer to reopen)
    expectOnlyInbox(ctx, before, n);
    const xls = await importFile(ctx, {
      periodId: period.id,
      file: {
        name: 'don-vi-dinh-dang-cu.xls',
        bytes: readFileSync(join(SHARED_FIXTURES, 'hong/don-vi-dinh-dang-cu.xls')),
      },
    });
    expect(xls.status).toBe('rejected');
    expectOnlyInbox(ctx, before, n + 1);
  });

  it('the import door returns Vietnamese errors for an unknown period', async () => {
    const { ctx } = province();
    const r = await dispatch(ctx, 'imports.file', {
      periodId: 999,
      file: { name: 'a.xlsx', bytes: new Uint8Array([1]) },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
