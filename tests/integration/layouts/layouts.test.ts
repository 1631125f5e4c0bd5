/**
 * Issue 17, parts 1 and 2: a province's own forms (written by hand with exceljs, and the same re-saved by
 * LibreOffice: scripts/make-layout-fixtures.ts) mapped once by `layouts.suggest`, saved, and imported with
 * `layoutId` through the same checks, transaction and inbox as the app's own form.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CAM_DUONG,
  FIXTURE_DIR,
  LIBREOFFICE_DIR,
  SO_NOI_VU,
  SO_Y_TE,
  SO_Y_TE_DRIFT,
  SO_Y_TE_REMOVED,
  type FormSpec,
} from '../../../scripts/make-layout-fixtures';
import { dispatch } from '../../../src/main/api/dispatch';
import type { Ctx } from '../../../src/main/api/context';
import { getCatalog } from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import type { LayoutDefinition, LayoutSuggestion } from '../../../src/shared/contract/layouts';
import type { StoredValue } from '../../../src/shared/domain/records';
import { fillOf, tableCounts } from '../../helpers/province';
import {
  cleanup,
  cloneCtx,
  codes,
  expectAccepted,
  expectRefused,
  importBatch,
  importOne,
  messages,
  province,
  sortValues,
  storedOf,
} from '../intake/helpers';

afterEach(cleanup);

async function ok<T>(
  p: Promise<{ ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }>,
) {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

/** What the unit typed, as stored values (the answer key of a spec). */
function typedValues(ctx: Ctx, spec: FormSpec): StoredValue[] {
  const elements = new Map(getCatalog(ctx.db).dataElements.map((d) => [d.code, d]));
  const out: StoredValue[] = [];
  for (const row of spec.rows) {
    if (!row.code) continue;
    const d = elements.get(row.code)!;
    const figures = row.figures ?? [];
    if (d.type === 'yesno') {
      const f = figures[0];
      out.push({ element: d.code, cell: 'value', value: { state: 'yesno', value: f === 'Có' || f === 'x' } });
      continue;
    }
    const cells = d.cells.length === 1 ? ['value' as const] : (['total', 'female'] as const);
    cells.forEach((cell, i) => {
      const f = figures[i];
      if (typeof f === 'number') out.push({ element: d.code, cell, value: { state: 'number', value: f } });
    });
  }
  return sortValues(out);
}

const VARIANTS: Array<[string, string]> = [
  ['exceljs', FIXTURE_DIR],
  ['LibreOffice', LIBREOFFICE_DIR],
];

describe.each(VARIANTS)('a province form written by %s', (_writer, dir) => {
  const file = (spec: FormSpec, name = spec.file) => ({ name, bytes: readFileSync(join(dir, spec.file)) });

  function setup() {
    const p = province({ kind: 'year', year: 2025 });
    return p;
  }
  async function suggest(ctx: Ctx, spec: FormSpec, name?: string): Promise<LayoutSuggestion> {
    return ok<LayoutSuggestion>(dispatch(ctx, 'layouts.suggest', { file: file(spec, name) }));
  }
  async function save(ctx: Ctx, s: LayoutSuggestion, name: string): Promise<number> {
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s;
    return (await ok<{ id: number }>(dispatch(ctx, 'layouts.save', { name, definition }))).id;
  }
  const answerKey = (spec: FormSpec) => spec.rows.filter((r) => !r.section).map((r) => r.code);

  it('single-row header: rows proposed as the answer key, province-only rows left unmapped, unit in a cell', async () => {
    const { ctx } = setup();
    const s = await suggest(ctx, SO_Y_TE);
    expect(s.sheet).toBe('Biểu 01');
    expect(s.headerRows).toEqual([5]);
    expect(s.columns).toEqual({ total: 'D', female: 'E', male: null, value: null });
    expect(s.rows.map((r) => r.code)).toEqual(answerKey(SO_Y_TE));
    // section headings ("I", "II" in the STT column, no figure) are not data rows
    expect(s.rows.some((r) => /CÔNG TÁC CHỈ ĐẠO|NGUỒN NHÂN LỰC/.test(r.label))).toBe(false);
    for (const r of s.rows) {
      if (r.code) expect(r.confidence, r.label).toBeGreaterThanOrEqual(0.5);
      else expect(r.confidence, r.label).toBeLessThan(0.5);
    }
    expect(s.unit).toEqual({ source: 'cell', cell: 'A3' });
    expect(s.unitFound).toEqual({ code: 'LCA-S03', name: 'Sở Y tế' });
    expect(s.period).toEqual({ cell: 'A1' });
    expect(s.periodFound).toMatchObject({ year: 2025, kind: 'year' });
    expect(s.preview.rows.length).toBeLessThanOrEqual(400);
    expect(s.preview.rows.find((r) => r.row === 5)?.cells).toMatchObject({ B: 'Nội dung', D: 'Tổng số' });
  });

  it('two-row header ("Số liệu" over "Tổng số | Trong đó: Nữ"), the unit only in the file name', async () => {
    const { ctx } = setup();
    const s = await suggest(ctx, SO_NOI_VU);
    expect(s.headerRows).toEqual([3, 4]);
    expect(s.columns).toEqual({ total: 'D', female: 'E', male: null, value: null });
    expect(s.rows.map((r) => r.code)).toEqual(answerKey(SO_NOI_VU));
    // the numbering row "(1) (2) …" is not a data row
    expect(s.rows[0]!.row).toBe(6);
    expect(s.unit).toEqual({ source: 'file', cell: null });
    expect(s.unitFound).toEqual({ code: 'LCA-S01', name: 'Sở Nội vụ' });
  });

  it('value-only form with yes/no rows: one "Kết quả" column, the unit named in a "Tên đơn vị" cell', async () => {
    const { ctx } = setup();
    const s = await suggest(ctx, CAM_DUONG);
    expect(s.columns).toEqual({ total: null, female: null, male: null, value: 'C' });
    expect(s.rows.map((r) => r.code)).toEqual(answerKey(CAM_DUONG));
    expect(s.unit.source).toBe('cell');
    expect(s.unitFound?.code).toBe('LCA-X01');
  });

  it('imports by the layout: the values typed, the inbox entry, the same messages as the app’s own form', async () => {
    const p = setup();
    const twin = cloneCtx(p.ctx);
    const id = await save(p.ctx, await suggest(p.ctx, SO_Y_TE), 'Biểu Sở Y tế');
    const r = await importOne(p.ctx, p.period.id, file(SO_Y_TE), { layoutId: id });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-S03');
    const want = typedValues(p.ctx, SO_Y_TE);
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(want);
    const sub = p.ctx.raw.prepare('SELECT layout_id AS layoutId FROM submissions WHERE id = ?').get(r.submissionId);
    expect(sub).toEqual({ layoutId: id });
    const entry = p.ctx.raw
      .prepare('SELECT status, file_name AS name, submission_id AS sid FROM import_attempts WHERE id = ?')
      .get(r.entryId);
    expect(entry).toEqual({ status: 'accepted', name: SO_Y_TE.file, sid: r.submissionId });

    // the app's own form with the same figures, in a twin database: the same values and the same messages
    const own = await p.form('LCA-S03', fillOf(want));
    const mine = await importOne(twin, p.period.id, own);
    expectAccepted(mine);
    expect(storedOf(twin, mine.submissionId!)).toEqual(want);
    expect(codes(r.warnings).sort()).toEqual(codes(mine.warnings).sort());
    expect(messages(r.warnings)).toBe(messages(mine.warnings));
  });

  it('imports a folder of forms (two-row, value-only, yes/no "x" and blank) in one batch', async () => {
    const p = setup();
    const noiVu = await save(p.ctx, await suggest(p.ctx, SO_NOI_VU), 'Biểu Sở Nội vụ');
    const results = await importBatch(p.ctx, p.period.id, [file(SO_NOI_VU)], { layoutId: noiVu });
    expectAccepted(results[0]!);
    expect(results[0]!.unit).toBe('LCA-S01');
    // "Số cơ sở trợ giúp xã hội công lập" is not on Sở Nội vụ's form (the catalogue says who reports what): the
    // same warning as on the app's own form, and not counted
    expect(codes(results[0]!.warnings)).toContain('ROW_NOT_FOR_UNIT');
    expect(messages(results[0]!.warnings)).toContain('CSTGXH');
    expect(storedOf(p.ctx, results[0]!.submissionId!)).toEqual(
      typedValues(p.ctx, SO_NOI_VU).filter((v) => v.element !== 'CSTGXH'),
    );

    const xa = await save(p.ctx, await suggest(p.ctx, CAM_DUONG), 'Biểu xã');
    const [cam] = await importBatch(p.ctx, p.period.id, [file(CAM_DUONG)], { layoutId: xa });
    expectAccepted(cam!);
    expect(cam!.unit).toBe('LCA-X01');
    const stored = storedOf(p.ctx, cam!.submissionId!);
    expect(stored).toEqual(typedValues(p.ctx, CAM_DUONG));
    // "x" is Có, the blank box Không
    expect(stored.find((v) => v.element === 'XA_DU4TINBAI')?.value).toEqual({ state: 'yesno', value: true });
    expect(stored.find((v) => v.element === 'NTM_18_6')?.value).toEqual({ state: 'yesno', value: false });
  });

  it('a one-figure row reads the column its layout row names instead of the first figure column', async () => {
    const p = setup();
    const s = await suggest(p.ctx, SO_Y_TE);
    // she says the maternal deaths are read from column E (blank in the file): no figure, and the 0 typed under
    // "Tổng số" is set apart as not counted
    s.rows = s.rows.map((r) => (r.code === 'TUVONG_ME' ? { ...r, column: 'E' } : r));
    const id = await save(p.ctx, s, 'Biểu Sở Y tế (cột E)');
    const r = await importOne(p.ctx, p.period.id, file(SO_Y_TE), { layoutId: id });
    expectAccepted(r);
    const stored = storedOf(p.ctx, r.submissionId!);
    expect(stored.find((v) => v.element === 'TUVONG_ME')).toBeUndefined();
    expect(stored).toEqual(typedValues(p.ctx, SO_Y_TE).filter((v) => v.element !== 'TUVONG_ME'));
    expect(codes(r.notCounted)).toEqual(['VALUE_IN_GREY_CELL']);
    expect(messages(r.notCounted)).toContain('TUVONG_ME');
  });

  it('a drifted copy (a row and a column inserted) is matched by labels again and imports the same values', async () => {
    const p = setup();
    const id = await save(p.ctx, await suggest(p.ctx, SO_Y_TE), 'Biểu Sở Y tế');
    const r = await importOne(p.ctx, p.period.id, file(SO_Y_TE_DRIFT), { layoutId: id });
    expectAccepted(r);
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(typedValues(p.ctx, SO_Y_TE));
  });

  it('a copy with a mapped row removed is refused, naming the row; nothing is written but the inbox', async () => {
    const p = setup();
    const id = await save(p.ctx, await suggest(p.ctx, SO_Y_TE), 'Biểu Sở Y tế');
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, file(SO_Y_TE_REMOVED), { layoutId: id });
    expectRefused(p.ctx, before, r, 'LAYOUT_ROW_GONE');
    expect(messages(r.errors)).toContain('"Số cuộc tuyên truyền, phổ biến pháp luật về BĐG"');
    expect(r.unit).toBe('LCA-S03');
  });

  it('a title naming another year is refused; a file naming no unit is unidentified (the officer is asked)', async () => {
    const p = setup();
    const id = await save(p.ctx, await suggest(p.ctx, SO_Y_TE), 'Biểu Sở Y tế');
    const p2026 = createPeriod(p.ctx.db, { year: 2026, kind: 'year' });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p2026.id, file(SO_Y_TE), { layoutId: id });
    expectRefused(p.ctx, before, r, 'WRONG_PERIOD');
    expect(messages(r.errors)).toContain('năm 2025 (kỳ này là năm 2026)');

    const noiVu = await save(p.ctx, await suggest(p.ctx, SO_NOI_VU), 'Biểu Sở Nội vụ');
    const before2 = tableCounts(p.ctx);
    const u = await importOne(p.ctx, p.period.id, file(SO_NOI_VU, 'bao-cao-nam-2025.xlsx'), { layoutId: noiVu });
    expectRefused(p.ctx, before2, u, 'UNKNOWN_UNIT', 'unidentified');
    // she assigns the inbox entry to a unit: its original is read with the same layout again
    const assigned = await ok<{ status: string; unit: string | null }>(
      dispatch(p.ctx, 'inbox.assign', { id: u.entryId!, unitCode: 'LCA-S01', layoutId: noiVu }),
    );
    expect(assigned).toMatchObject({ status: 'accepted', unit: 'LCA-S01' });
    // or she says whose it is as she imports it again: the same bytes as the revision now standing
    const chosen = await importOne(p.ctx, p.period.id, file(SO_NOI_VU, 'bao-cao-nam-2025.xlsx'), {
      layoutId: noiVu,
      unitCode: 'LCA-S01',
    });
    expect(chosen.status).toBe('unchanged');
  });
});

describe('a workbook with no table', () => {
  it('is refused by suggest with a Vietnamese message saying what to check', async () => {
    const { ctx } = province({ kind: 'year', year: 2025 });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Thư').getCell('A1').value = 'Kính gửi: Ban Vì sự tiến bộ phụ nữ tỉnh';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await dispatch(ctx, 'layouts.suggest', { file: { name: 'cong-van.xlsx', bytes } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_file');
      expect(r.error.message).toContain('Không tìm thấy bảng số liệu trong tệp "cong-van.xlsx"');
    }
  });
});

describe('the unit named by the sheet', () => {
  it('is found from the sheet name when no header cell names it; each file of the layout is read by its own sheet', async () => {
    const p = province({ kind: 'year', year: 2025 });
    const form = async (sheet: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(sheet);
      ws.addRow(['SỐ LIỆU BÌNH ĐẲNG GIỚI NĂM 2025']);
      ws.addRow([]);
      ws.addRow(['STT', 'Nội dung', 'Số lượng']);
      ws.addRow(['1', 'Số văn bản chỉ đạo về BĐG, VSTBPN được ban hành', 2]);
      ws.addRow(['2', 'Số cuộc tuyên truyền, phổ biến pháp luật về BĐG', 7]);
      return { name: 'so-lieu-2025.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    };
    const s = await ok<LayoutSuggestion>(dispatch(p.ctx, 'layouts.suggest', { file: await form('Sở Tài chính') }));
    expect(s.unit).toEqual({ source: 'sheet', cell: null });
    expect(s.unitFound).toEqual({ code: 'LCA-S02', name: 'Sở Tài chính' });
    expect(s.rows.map((r) => r.code)).toEqual(['VB_BANHANH', 'TT_CUOC']);
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s;
    const { id } = await ok<{ id: number }>(dispatch(p.ctx, 'layouts.save', { name: 'Biểu theo trang', definition }));
    // another unit's file in the same layout: its sheet is named after it
    const r = await importOne(p.ctx, p.period.id, await form('Sở Y tế'), { layoutId: id });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-S03');
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(
      sortValues([
        { element: 'TT_CUOC', cell: 'value', value: { state: 'number', value: 7 } },
        { element: 'VB_BANHANH', cell: 'value', value: { state: 'number', value: 2 } },
      ]),
    );
  });
});

describe('saving layouts', () => {
  it('checks the codes against the catalogue and the name; lists, gets and deletes, audited', async () => {
    const { ctx } = province({ kind: 'year', year: 2025 });
    const s = await ok<LayoutSuggestion>(
      dispatch(ctx, 'layouts.suggest', {
        file: { name: SO_Y_TE.file, bytes: readFileSync(join(FIXTURE_DIR, SO_Y_TE.file)) },
      }),
    );
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s;
    const bad: LayoutDefinition = {
      ...definition,
      rows: definition.rows.map((r, i) => (i === 0 ? { ...r, code: 'KHONG_CO' } : r)),
    };
    const refused = await dispatch(ctx, 'layouts.save', { name: 'Biểu', definition: bad });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_input');
      expect(refused.error.message).toContain(`Dòng ${definition.rows[0]!.row}`);
      expect(refused.error.message).toContain('"KHONG_CO"');
    }
    const twice = await dispatch(ctx, 'layouts.save', {
      name: 'Biểu',
      definition: { ...definition, rows: definition.rows.map((r) => ({ ...r, code: 'TT_CUOC' })) },
    });
    expect(twice.ok).toBe(false);

    // the whole suggestion may be sent back (the review screen's copy): its preview and findings are not kept
    const { id } = await ok<{ id: number }>(
      dispatch(ctx, 'layouts.save', { name: 'Biểu Sở Y tế', definition: { ...definition, preview: s.preview } }),
    );
    const again = await dispatch(ctx, 'layouts.save', { name: 'Biểu Sở Y tế', definition });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    const list = await ok<{ layouts: Array<{ id: number; name: string; rows: number }> }>(
      dispatch(ctx, 'layouts.list', {}),
    );
    expect(list.layouts).toMatchObject([{ id, name: 'Biểu Sở Y tế', rows: 8, purpose: 'import' }]);
    const got = await ok<{ definition: LayoutDefinition }>(dispatch(ctx, 'layouts.get', { id }));
    expect(got.definition.rows).toEqual(definition.rows);
    expect(got.definition).not.toHaveProperty('preview');
    expect(await ok(dispatch(ctx, 'layouts.delete', { id }))).toEqual({ deleted: true });
    const audited = ctx.raw
      .prepare("SELECT action FROM audit_log WHERE entity = 'layout' ORDER BY id")
      .all()
      .map((x) => (x as { action: string }).action);
    expect(audited).toEqual(['layout.create', 'layout.delete']);
  });
});
