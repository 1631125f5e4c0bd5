/**
 * Issue 13, case 1: a blank form is not a report; a new revision does not silently wipe figures; a re-typed form
 * with a two-row header ("Số liệu" over "Tổng số | Nữ | Nam") is read, not taken as empty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectOnlyInbox, tableCounts } from '../../helpers/province';
import {
  cleanup,
  codes,
  expectAccepted,
  expectRefused,
  formRows,
  hasSoffice,
  importOne,
  latestValues,
  messages,
  num,
  province,
  resaveWithLibreOffice,
  retypedForm,
  sortValues,
  storedOf,
  valueOf,
} from './helpers';

afterEach(cleanup);

const FIRST = {
  VB_BANHANH: { value: 3 },
  TT_LUOT: { total: 100, female: 60 },
  CBCCVC: { total: 50, female: 20 },
  KINHPHI: { value: 12.5 },
};

describe('case 1: empty forms and blanking', () => {
  it('the blank form exactly as exported is refused (EMPTY_FORM) and writes nothing', async () => {
    const p = province();
    const blank = await p.form('LCA-S01');
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, blank);
    expectRefused(p.ctx, before, r, 'EMPTY_FORM');
    expect(messages(r.errors)).toMatch(/chưa điền số liệu/);
    // the generic copy, blank, is no report either (whatever else is said about its unit)
    const generic = await p.generic();
    const r2 = await importOne(p.ctx, p.period.id, generic);
    expect(r2.status).not.toBe('accepted');
    expectOnlyInbox(p.ctx, before, 2);
  });

  it('the blank form sent after a filled revision is refused and the figures stay', async () => {
    const p = province();
    const first = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', FIRST));
    expectAccepted(first);
    const figures = latestValues(p.ctx, p.period.id, 'LCA-S01');
    expect(figures).toHaveLength(6);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, await p.form('LCA-S01'));
    expectRefused(p.ctx, before, r, 'EMPTY_FORM');
    expect(latestValues(p.ctx, p.period.id, 'LCA-S01')).toEqual(figures);
  });

  it('a revision that blanks cells the current one has is refused (BLANKING) unless allowBlanking', async () => {
    const p = province();
    const first = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', FIRST));
    expectAccepted(first);
    const figures = latestValues(p.ctx, p.period.id, 'LCA-S01');
    // the second file leaves CBCCVC (both cells) blank and changes VB_BANHANH
    const second = await p.form('LCA-S01', {
      VB_BANHANH: { value: 4 },
      TT_LUOT: { total: 100, female: 60 },
      KINHPHI: { value: 12.5 },
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, second);
    expectRefused(p.ctx, before, r, 'BLANKING');
    expect(latestValues(p.ctx, p.period.id, 'LCA-S01')).toEqual(figures);
    const blanked = (r.blanked ?? []).map((b) => `${b.element}.${b.cell}`).sort();
    expect(blanked).toEqual(['CBCCVC.female', 'CBCCVC.total']);
    // the message gives the count and names the cells
    const msg = messages(r.errors.filter((e) => e.code === 'BLANKING'));
    expect(msg).toMatch(/\b2\b/);
    expect(msg).toMatch(/CBCCVC|cán bộ/i);

    // the officer confirms: the same file goes in as revision 2, CBCCVC no longer reported
    const ok = await importOne(p.ctx, p.period.id, second, { allowBlanking: true });
    expectAccepted(ok);
    expect(ok.revision).toBe(2);
    expect(storedOf(p.ctx, ok.submissionId!)).toEqual(
      sortValues([
        num('VB_BANHANH', 'value', 4),
        num('TT_LUOT', 'total', 100),
        num('TT_LUOT', 'female', 60),
        num('KINHPHI', 'value', 12.5),
      ]),
    );
  });

  it('a revision that only changes figures (no blank) needs no confirmation', async () => {
    const p = province();
    expectAccepted(await importOne(p.ctx, p.period.id, await p.form('LCA-S01', FIRST)));
    const r = await importOne(
      p.ctx,
      p.period.id,
      await p.form('LCA-S01', { ...FIRST, VB_BANHANH: { value: 9 }, TAPHUAN_LOP: { value: 2 } }),
    );
    expectAccepted(r);
    expect(codes(r.errors)).not.toContain('BLANKING');
    expect(r.revision).toBe(2);
  });

  /** Sở Nội vụ re-typed its form: two header rows, codes in "Mã số", the unit in the title lines, no _meta. */
  async function retypedTwoRow(p: ReturnType<typeof province>): Promise<{
    bytes: Buffer;
    truth: ReturnType<typeof num>[];
  }> {
    const rows = formRows(p.ctx, 'so_nganh');
    const typed: Record<string, Record<string, number | string>> = {
      VB_BANHANH: { value: 3 },
      TT_CUOC: { value: 7 },
      TT_LUOT: { total: 120, female: 70 },
      KINHPHI: { value: 45.5 },
      CBCCVC: { total: 400, female: 210 },
      SINH_SONG: { total: 600, male: 310, female: 290 },
      DN_TONG: { value: 150 },
    };
    const bytes = await retypedForm({
      periodLabel: p.period.label,
      unitName: 'Sở Nội vụ',
      unitCode: 'LCA-S01',
      header: 'two-row',
      rows: rows.map((r) => ({ code: r.code, name: r.name, unit: r.unit, typed: typed[r.code] ?? {} })),
    });
    // only the rows on Sở Nội vụ's form (SINH_SONG and DN_TONG are Sở Y tế's and Sở Tài chính's)
    const onForm = new Set(rows.map((r) => r.code));
    const truth = Object.entries(typed)
      .filter(([el]) => onForm.has(el))
      .flatMap(([el, cells]) => Object.entries(cells).map(([k, v]) => num(el, k as 'value', v as number)));
    return { bytes, truth: sortValues(truth) };
  }

  it('a re-typed form with a two-row header is read with the figures typed, no grey-cell warnings', async () => {
    const p = province();
    const { bytes, truth } = await retypedTwoRow(p);
    const r = await importOne(p.ctx, p.period.id, { name: 'Bao-cao-So-Noi-vu.xlsx', bytes });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-S01');
    expect(codes(r.warnings)).not.toContain('VALUE_IN_GREY_CELL');
    expect(codes(r.notCounted)).not.toContain('VALUE_IN_GREY_CELL');
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(truth);
    expect(valueOf(truth, 'VB_BANHANH', 'value')).toBe(3);
  });

  it.skipIf(!hasSoffice())('the same re-typed form saved by LibreOffice Calc reads the same figures', async () => {
    const p = province();
    const { bytes, truth } = await retypedTwoRow(p);
    const saved = resaveWithLibreOffice(bytes, 'Bao-cao-So-Noi-vu.xlsx');
    const r = await importOne(p.ctx, p.period.id, { name: 'Bao-cao-So-Noi-vu.xlsx', bytes: saved });
    expectAccepted(r);
    expect(codes(r.warnings)).not.toContain('VALUE_IN_GREY_CELL');
    expect(codes(r.notCounted)).not.toContain('VALUE_IN_GREY_CELL');
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(truth);
  });

  it('a re-typed two-row form with no figure at all is EMPTY_FORM, not 0 of 65 figures accepted', async () => {
    const p = province();
    const rows = formRows(p.ctx, 'so_nganh');
    const bytes = await retypedForm({
      periodLabel: p.period.label,
      unitName: 'Sở Nội vụ',
      unitCode: 'LCA-S01',
      header: 'two-row',
      rows: rows.map((r) => ({ code: r.code, name: r.name, unit: r.unit, typed: {} })),
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: 'So-Noi-vu.xlsx', bytes });
    expectRefused(p.ctx, before, r, 'EMPTY_FORM');
  });
});
