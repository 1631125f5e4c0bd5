/**
 * Issue 13, case 9: ambiguous numbers are not guessed. Text that is a valid Vietnamese number is read the
 * Vietnamese way; text that only reads as a US number is refused with the other reading shown; a comma before
 * exactly three digits in a decimal cell is read the Vietnamese way and asked about; a percent format or a date in
 * a count cell is refused. KINHPHI is the catalogue's decimal element, VB_BANHANH/TT_CUOC integer counts.
 */
import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  codes,
  editForm,
  expectAccepted,
  expectRefused,
  importOne,
  messages,
  province,
  storedOf,
  valueOf,
} from './helpers';
import type { CellKey } from '../../../src/shared/domain/catalog';

afterEach(cleanup);

const BASE = { TT_LUOT: { total: 80, female: 45 } };

async function typed(
  p: ReturnType<typeof province>,
  cells: Array<[string, CellKey, ExcelJS.CellValue, string?]>,
): Promise<{ name: string; bytes: Buffer }> {
  const f = await p.form('LCA-S01', BASE);
  const bytes = await editForm(f.bytes, (m) => {
    for (const [el, k, v, fmt] of cells) {
      const c = m.cell(el, k);
      c.value = v;
      if (fmt) c.numFmt = fmt;
    }
  });
  return { name: f.name, bytes };
}

describe('case 9: numbers typed as text, formats', () => {
  const usOnly: Array<[string, string, string]> = [
    // text, element, the other (US) reading as the message shows it (vi-VN)
    ['1,234.5', 'KINHPHI', '1.234,5'],
    ['1.50', 'KINHPHI', '1,5'],
    ['0.5', 'KINHPHI', '0,5'],
    ['1,234.5', 'TT_CUOC', '1.234,5'],
    ['1.50', 'TT_CUOC', '1,5'],
  ];
  for (const [text, el, other] of usOnly) {
    it(`"${text}" in ${el}: AMBIGUOUS_NUMBER showing ${other}`, async () => {
      const p = province();
      const f = await typed(p, [[el, 'value', text]]);
      const before = tableCounts(p.ctx);
      const r = await importOne(p.ctx, p.period.id, f);
      expectRefused(p.ctx, before, r, 'AMBIGUOUS_NUMBER');
      const msg = messages(r.errors.filter((e) => e.code === 'AMBIGUOUS_NUMBER'));
      expect(msg).toContain(`"${text}"`);
      expect(msg).toContain(other);
    });
  }

  it('"1.500" → 1500 and "1.234" → 1234 in counts, "12,5" → 12.5 in a decimal, "1 234" → 1234', async () => {
    const p = province();
    const f = await typed(p, [
      ['VB_BANHANH', 'value', '1.500'],
      ['TT_CUOC', 'value', '1.234'],
      ['KINHPHI', 'value', '12,5'],
      ['TAPHUAN_LOP', 'value', '1 234'],
      ['CBCCVC', 'total', '1.234.567'],
      ['CBCCVC', 'female', '600.000'],
    ]);
    const r = await importOne(p.ctx, p.period.id, f);
    expectAccepted(r);
    expect(codes(r.warnings)).not.toContain('COMMA_THOUSANDS');
    const stored = storedOf(p.ctx, r.submissionId!);
    expect(valueOf(stored, 'VB_BANHANH', 'value')).toBe(1500);
    expect(valueOf(stored, 'TT_CUOC', 'value')).toBe(1234);
    expect(valueOf(stored, 'KINHPHI', 'value')).toBe(12.5);
    expect(valueOf(stored, 'TAPHUAN_LOP', 'value')).toBe(1234);
    expect(valueOf(stored, 'CBCCVC', 'total')).toBe(1234567);
    expect(valueOf(stored, 'CBCCVC', 'female')).toBe(600000);
  });

  it('"1.234,5" in a decimal cell → 1234.5', async () => {
    const p = province();
    const r = await importOne(p.ctx, p.period.id, await typed(p, [['KINHPHI', 'value', '1.234,5']]));
    expectAccepted(r);
    expect(valueOf(storedOf(p.ctx, r.submissionId!), 'KINHPHI', 'value')).toBe(1234.5);
  });

  it('"1,234" in a decimal cell: accepted as 1,234 (1.234) with COMMA_THOUSANDS asking about 1.234', async () => {
    const p = province();
    const r = await importOne(p.ctx, p.period.id, await typed(p, [['KINHPHI', 'value', '1,234']]));
    expectAccepted(r);
    expect(valueOf(storedOf(p.ctx, r.submissionId!), 'KINHPHI', 'value')).toBe(1.234);
    expect(codes(r.warnings)).toContain('COMMA_THOUSANDS');
    const msg = messages(r.warnings.filter((w) => w.code === 'COMMA_THOUSANDS'));
    expect(msg).toContain('1.234');
    expect(msg).toMatch(/một nghìn hai trăm ba mươi tư/);
  });

  it('"1,234" in a count cell is refused (a count is not 1,234)', async () => {
    const p = province();
    const f = await typed(p, [['TT_CUOC', 'value', '1,234']]);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'AMBIGUOUS_NUMBER');
    expect(messages(r.errors)).toContain('1.234');
  });

  it('a percent-formatted number (0%) in a count: PERCENT_IN_COUNT', async () => {
    const p = province();
    const f = await typed(p, [['TT_CUOC', 'value', 0.12, '0%']]);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'PERCENT_IN_COUNT');
    expect(messages(r.errors)).toContain('12%');
  });

  it('a percent-formatted 100% in the female cell of a count row is refused too', async () => {
    const p = province();
    const f = await typed(p, [['TT_LUOT', 'female', 1, '0.00%']]);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'PERCENT_IN_COUNT');
  });

  it('a date in a count cell: TYPE_TEXT_IN_NUMBER', async () => {
    const p = province();
    const f = await typed(p, [['TT_CUOC', 'value', new Date(Date.UTC(2026, 2, 8)), 'dd/mm/yyyy']]);
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'TYPE_TEXT_IN_NUMBER');
    expect(messages(r.errors)).toMatch(/ngày tháng/);
  });
});
