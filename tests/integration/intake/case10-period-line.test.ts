/**
 * Issue 13, case 10: a re-typed form with no "Kỳ báo cáo" line is accepted with a warning (NO_PERIOD_LINE) that
 * says the period was taken from the import choice. Re-typed forms come from other producers too: the same file
 * re-saved by LibreOffice Calc.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  codes,
  expectAccepted,
  expectRefused,
  formRows,
  hasSoffice,
  importOne,
  messages,
  num,
  province,
  resaveWithLibreOffice,
  retypedForm,
  sortValues,
  storedOf,
} from './helpers';

afterEach(cleanup);

async function retyped(p: ReturnType<typeof province>, periodLabel: string | null): Promise<Buffer> {
  const typed: Record<string, Record<string, number>> = {
    VB_BANHANH: { value: 4 },
    TT_LUOT: { total: 90, female: 50 },
  };
  return retypedForm({
    periodLabel,
    unitName: 'Sở Y tế',
    unitCode: 'LCA-S03',
    header: 'one-row',
    rows: formRows(p.ctx, 'so_nganh').map((r) => ({
      code: r.code,
      name: r.name,
      unit: r.unit,
      typed: typed[r.code] ?? {},
    })),
  });
}
const TRUTH = sortValues([num('VB_BANHANH', 'value', 4), num('TT_LUOT', 'total', 90), num('TT_LUOT', 'female', 50)]);

describe('case 10: the "Kỳ báo cáo" line', () => {
  it('a re-typed form with no "Kỳ báo cáo" line: accepted with NO_PERIOD_LINE naming the period chosen', async () => {
    const p = province();
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao-so-y-te.xlsx', bytes: await retyped(p, null) });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-S03');
    expect(codes(r.warnings)).toContain('NO_PERIOD_LINE');
    expect(messages(r.warnings.filter((w) => w.code === 'NO_PERIOD_LINE'))).toContain(p.period.label);
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(TRUTH);
  });

  it.skipIf(!hasSoffice())('the same file re-saved by LibreOffice Calc: the same answer', async () => {
    const p = province();
    const saved = resaveWithLibreOffice(await retyped(p, null), 'bao-cao-so-y-te.xlsx');
    const r = await importOne(p.ctx, p.period.id, { name: 'bao-cao-so-y-te.xlsx', bytes: saved });
    expectAccepted(r);
    expect(codes(r.warnings)).toContain('NO_PERIOD_LINE');
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(TRUTH);
  });

  it('with the right "Kỳ báo cáo" line: no NO_PERIOD_LINE', async () => {
    const p = province();
    const r = await importOne(p.ctx, p.period.id, {
      name: 'bao-cao-so-y-te.xlsx',
      bytes: await retyped(p, p.period.label),
    });
    expectAccepted(r);
    expect(codes(r.warnings)).not.toContain('NO_PERIOD_LINE');
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(TRUTH);
  });

  it('with another period in the "Kỳ báo cáo" line: WRONG_PERIOD', async () => {
    const p = province();
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, {
      name: 'bao-cao-so-y-te.xlsx',
      bytes: await retyped(p, '6 tháng đầu năm 2025'),
    });
    expectRefused(p.ctx, before, r, 'WRONG_PERIOD');
    expect(messages(r.errors)).toContain('2025');
  });
});
