/**
 * Issue 13, case 2: the unit is read from every source (hidden metadata, the visible "Đơn vị báo cáo"/"Mã đơn vị"
 * lines, the file name) and cross-checked; a disagreement is refused naming both readings, nothing sure is
 * `unidentified`.
 */
import type { Worksheet } from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  dropMeta,
  editForm,
  expectAccepted,
  expectRefused,
  importOne,
  messages,
  province,
  submissionsOf,
} from './helpers';

afterEach(cleanup);

const FILL = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } };

/** The value cell of an identity line ("Đơn vị báo cáo:" in A:B, the value merged over C:H). */
function setLine(ws: Worksheet, label: string, value: string): void {
  for (let r = 1; r <= 20; r++) {
    if (ws.getCell(r, 1).value === label) {
      ws.getCell(r, 3).value = value;
      return;
    }
  }
  throw new Error(`no line ${label}`);
}

describe('case 2: whose report is it?', () => {
  it("Sở Tài chính's clerk reuses Sở Nội vụ's file and overwrites the visible lines: UNIT_MISMATCH naming both", async () => {
    const p = province();
    const noiVu = await p.form('LCA-S01', FILL);
    const bytes = await editForm(noiVu.bytes, (m) => {
      setLine(m.ws, 'Đơn vị báo cáo:', 'Sở Tài chính');
      setLine(m.ws, 'Mã đơn vị:', 'LCA-S02');
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: 'So-Tai-chinh.xlsx', bytes });
    expectRefused(p.ctx, before, r, 'UNIT_MISMATCH');
    const msg = messages(r.errors.filter((e) => e.code === 'UNIT_MISMATCH'));
    for (const s of ['Sở Tài chính', 'LCA-S02', 'Sở Nội vụ', 'LCA-S01']) expect(msg).toContain(s);
    expect(submissionsOf(p.ctx, p.period.id, 'LCA-S01')).toBe(0);
    expect(submissionsOf(p.ctx, p.period.id, 'LCA-S02')).toBe(0);
  });

  it('only the visible name overwritten (code left as LCA-S01) is refused too', async () => {
    const p = province();
    const bytes = await editForm((await p.form('LCA-S01', FILL)).bytes, (m) =>
      setLine(m.ws, 'Đơn vị báo cáo:', 'Sở Tài chính'),
    );
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao.xlsx', bytes });
    expectRefused(p.ctx, before, r, 'UNIT_MISMATCH');
    expect(messages(r.errors)).toContain('Sở Tài chính');
    expect(messages(r.errors)).toContain('Sở Nội vụ');
  });

  it('a visible name written another way (case, diacritics, "UBND" prefix) is the same unit', async () => {
    const p = province();
    const bytes = await editForm((await p.form('LCA-X01', FILL)).bytes, (m) =>
      setLine(m.ws, 'Đơn vị báo cáo:', 'UBND phuong Cam Duong'),
    );
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao.xlsx', bytes });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-X01');
  });

  it('on the generic copy, a typed code that contradicts the typed name: UNIT_MISMATCH', async () => {
    const p = province();
    const generic = await p.generic(FILL);
    const bytes = await editForm(generic.bytes, (m) => {
      setLine(m.ws, 'Đơn vị báo cáo:', 'Sở Tài chính');
      setLine(m.ws, 'Mã đơn vị:', 'LCA-S01');
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao-6-thang.xlsx', bytes });
    expectRefused(p.ctx, before, r, 'UNIT_MISMATCH');
    const msg = messages(r.errors);
    for (const s of ['Sở Tài chính', 'Sở Nội vụ', 'LCA-S01']) expect(msg).toContain(s);
  });

  it('the generic copy with the unit typed consistently is accepted under that unit', async () => {
    const p = province();
    const bytes = await editForm((await p.generic(FILL)).bytes, (m) => {
      setLine(m.ws, 'Đơn vị báo cáo:', 'Sở Tài chính');
      setLine(m.ws, 'Mã đơn vị:', 'LCA-S02');
    });
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao-6-thang.xlsx', bytes });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-S02');
  });

  it('the generic copy with no unit at all is unidentified (UNKNOWN_UNIT), nothing written', async () => {
    const p = province();
    const generic = await p.generic(FILL);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao-6-thang.xlsx', bytes: generic.bytes });
    expectRefused(p.ctx, before, r, 'UNKNOWN_UNIT', 'unidentified');
    expect(r.unit).toBeNull();
  });

  it("another unit's form with this unit's name and code typed, no metadata sheet, a neutral name: asked, not credited", async () => {
    // Sở Nội vụ's form (a provincial department's rows, domestic violence cases among them) with the women's union's
    // name and code typed over the visible lines and the hidden metadata sheet deleted: nothing but the typed lines
    // says who sent it, and they disagree with the rows the file carries
    const p = province();
    const fill = { VB_BANHANH: { value: 2 }, BLGD_VU: { value: 5 }, BLGD_VU_XULY: { value: 2 } };
    const bytes = await editForm((await p.form('LCA-S01', fill)).bytes, (m, wb) => {
      setLine(m.ws, 'Đơn vị báo cáo:', 'Hội Liên hiệp Phụ nữ tỉnh');
      setLine(m.ws, 'Mã đơn vị:', 'LCA-D01');
      dropMeta(wb);
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: 'BC BĐG.xlsx', bytes });
    expectRefused(p.ctx, before, r, 'ROWS_OF_ANOTHER_UNIT', 'unidentified');
    const msg = messages(r.errors);
    for (const s of ['Hội Liên hiệp Phụ nữ tỉnh', 'LCA-D01', 'BLGD_VU', 'BLGD_VU_XULY', 'chọn đúng đơn vị']) {
      expect(msg).toContain(s);
    }
    expect(r.unit).toBeNull();
    expect(submissionsOf(p.ctx, p.period.id, 'LCA-D01')).toBe(0);
    // the officer, having looked, says it is the union's: taken, the rows not on its form named and not counted
    const chosen = await importOne(p.ctx, p.period.id, { name: 'BC BĐG.xlsx', bytes }, { unitCode: 'LCA-D01' });
    expectAccepted(chosen);
    expect(chosen.unit).toBe('LCA-D01');
    const notForUnit = chosen.warnings.filter((w) => w.code === 'ROW_NOT_FOR_UNIT').map((w) => w.message);
    expect(notForUnit.some((m) => m.includes('BLGD_VU'))).toBe(true);
  });

  it("the same edit with the file's own rows only (the union's form, its metadata deleted) is taken as ever", async () => {
    const p = province();
    const bytes = await editForm((await p.form('LCA-D01', FILL)).bytes, (_m, wb) => dropMeta(wb));
    const r = await importOne(p.ctx, p.period.id, { name: 'BC BĐG.xlsx', bytes });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-D01');
  });
});
