/**
 * Issue 13, case 11: a value typed into a grey (not applicable) cell is not counted, and says so apart from the
 * other warnings: `notCounted: [{ code: 'VALUE_IN_GREY_CELL', message }]`, not in `warnings`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { getCatalog } from '../../../src/main/services/catalog';
import { cleanup, codes, editForm, expectAccepted, importOne, num, province, sortValues, storedOf } from './helpers';

afterEach(cleanup);

describe('case 11: values in grey cells', () => {
  it('a value in a grey cell: accepted, not counted, listed in notCounted and not among the warnings', async () => {
    const p = province();
    const f = await p.form('LCA-S01', { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } });
    // grey cells: those of the value columns that are not in the element's `cells`
    const el = getCatalog(p.ctx.db).dataElements.find((d) => d.code === 'VB_BANHANH')!;
    expect(el.cells).toEqual(['value']);
    let row = 0;
    const bytes = await editForm(f.bytes, (m) => {
      row = m.rows.get('VB_BANHANH')!;
      m.cell('VB_BANHANH', 'total').value = 7; // grey
      m.cell('TT_LUOT', 'male').value = 35; // grey: TT_LUOT has total and female only
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    expect(codes(r.warnings)).not.toContain('VALUE_IN_GREY_CELL');
    expect(codes(r.notCounted)).toEqual(['VALUE_IN_GREY_CELL', 'VALUE_IN_GREY_CELL']);
    const msgs = (r.notCounted ?? []).map((n) => n.message).join('\n');
    expect(msgs).toContain(String(row));
    expect(msgs).toMatch(/"7"|\b7\b/);
    expect(msgs).toMatch(/"35"|\b35\b/);
    // the figures stored are the element's cells only
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(
      sortValues([num('VB_BANHANH', 'value', 2), num('TT_LUOT', 'total', 80), num('TT_LUOT', 'female', 45)]),
    );
    // the submission keeps the trace
    const d = await dispatch(p.ctx, 'submissions.get', { id: r.submissionId! });
    expect(JSON.stringify(d)).toContain('VALUE_IN_GREY_CELL');
  });

  it('a form with no grey-cell value has an empty (or no) notCounted list', async () => {
    const p = province();
    const r = await importOne(p.ctx, p.period.id, await p.form('LCA-S01', { VB_BANHANH: { value: 2 } }));
    expectAccepted(r);
    expect(r.notCounted ?? []).toEqual([]);
  });
});
