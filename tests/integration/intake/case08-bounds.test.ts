/**
 * Issue 13, case 8: bounds. Counts are whole numbers 0 ≤ n ≤ 10^9, decimals up to 10^12; beyond, the cell is
 * refused; nothing non-finite reaches the database or a consolidation (`consolidation.get` never has a null or
 * non-finite value).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import type { Ctx } from '../../../src/main/api/context';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  editForm,
  expectAccepted,
  expectNothingWritten,
  expectRefused,
  importOne,
  messages,
  province,
  storedOf,
  valueOf,
  xlsxPart,
} from './helpers';

afterEach(cleanup);

const BASE = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } };

/** Every number anywhere in the consolidation is finite; every `values[].value` is a number. */
async function expectFiniteConsolidation(ctx: Ctx, periodId: number): Promise<void> {
  const c = await dispatch(ctx, 'consolidation.get', { periodId });
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const bad: string[] = [];
  const walk = (x: unknown, path: string): void => {
    if (typeof x === 'number' && !Number.isFinite(x)) bad.push(`${path} = ${x}`);
    else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
  };
  walk(c.data, 'consolidation');
  expect(bad).toEqual([]);
  const data = c.data as {
    values: Array<{ code: string; cell: string; value: unknown }>;
    byKind: Array<{ values: Array<{ value: unknown }> }>;
  };
  for (const v of [...data.values, ...data.byKind.flatMap((k) => k.values)]) {
    expect(typeof v.value, `${JSON.stringify(v)}`).toBe('number');
  }
  // and the JSON the CLI prints has no null value
  const json = JSON.parse(JSON.stringify(c.data)) as typeof data;
  expect(json.values.filter((v) => v.value === null)).toEqual([]);
}

describe('case 8: bounds', () => {
  const counts: Array<[string, number | string]> = [
    ['1e20', 1e20],
    ['1e308', 1e308],
    ['2^53+1 as a number', 2 ** 53 + 1],
    ['2^53+1 typed as text', '9007199254740993'],
    ['10^9 + 1', 1_000_000_001],
  ];
  for (const [label, v] of counts) {
    it(`${label} in a count cell: OUT_OF_RANGE, nothing written`, async () => {
      const p = province();
      const f = await p.form('LCA-S01', BASE);
      const bytes = await editForm(f.bytes, (m) => {
        m.cell('TT_CUOC', 'value').value = v;
      });
      const before = tableCounts(p.ctx);
      const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
      expectRefused(p.ctx, before, r, 'OUT_OF_RANGE');
      expect(messages(r.errors)).toMatch(/TT_CUOC|tuyên truyền/);
      await expectFiniteConsolidation(p.ctx, p.period.id);
    });
  }

  it('1e13 in a decimal cell (KINHPHI): OUT_OF_RANGE', async () => {
    const p = province();
    const f = await p.form('LCA-S01', { ...BASE, KINHPHI: { value: 1e13 } });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'OUT_OF_RANGE');
  });

  it('a negative count: refused (TYPE_NEGATIVE)', async () => {
    const p = province();
    const f = await p.form('LCA-S01', { ...BASE, TT_CUOC: { value: -5 } });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, f);
    expectRefused(p.ctx, before, r, 'TYPE_NEGATIVE');
  });

  // beyond the list: exceljs writes <v>Infinity</v> / <v>NaN</v>; such a cell must not be read silently as blank
  it('"Infinity" or "NaN" as a cell value in the XML is refused, not read as a blank', async () => {
    const p = province();
    const f = await p.form('LCA-S01', BASE);
    for (const v of [Infinity, NaN]) {
      const bytes = await editForm(f.bytes, (m) => {
        m.cell('TT_CUOC', 'value').value = v;
      });
      const xml = await xlsxPart(bytes, /worksheets\/sheet1\.xml$/);
      expect(xml).toMatch(new RegExp(`<v>${String(v)}</v>|t="str"|t="s"`));
      const before = tableCounts(p.ctx);
      const r = await importOne(p.ctx, p.period.id, { name: `${String(v)}.xlsx`, bytes });
      expect(r.status, `${String(v)}: ${messages(r.errors)}`).toBe('rejected');
      expect(r.errors.length).toBeGreaterThan(0);
      expectNothingWritten(p.ctx, before);
    }
    await expectFiniteConsolidation(p.ctx, p.period.id);
  });

  it('the limits themselves are accepted, and five units at the limit consolidate to finite numbers', async () => {
    const p = province();
    const units = ['LCA-S01', 'LCA-S02', 'LCA-S03', 'LCA-D01', 'LCA-X01'];
    for (const u of units) {
      const r = await importOne(
        p.ctx,
        p.period.id,
        await p.form(u, {
          VB_BANHANH: { value: 1_000_000_000 },
          TT_LUOT: { total: 1_000_000_000, female: 1_000_000_000 },
          KINHPHI: { value: 1_000_000_000_000 },
        }),
      );
      expectAccepted(r);
      const stored = storedOf(p.ctx, r.submissionId!);
      expect(valueOf(stored, 'VB_BANHANH', 'value')).toBe(1_000_000_000);
      expect(valueOf(stored, 'KINHPHI', 'value')).toBe(1_000_000_000_000);
    }
    // and the refused ones on top
    for (const v of [1e20, 1e308]) {
      const r = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', { ...BASE, TT_CUOC: { value: v } }));
      expect(r.status).toBe('rejected');
    }
    await expectFiniteConsolidation(p.ctx, p.period.id);
    const c = await dispatch(p.ctx, 'consolidation.get', { periodId: p.period.id });
    const values = (c as { ok: true; data: { values: Array<{ code: string; cell: string; value: number }> } }).data
      .values;
    expect(values.find((v) => v.code === 'VB_BANHANH' && v.cell === 'value')?.value).toBe(5_000_000_000);
  });
});
