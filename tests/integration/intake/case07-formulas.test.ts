/**
 * Issue 13, case 7: a cached 0 is a result. FORMULA_NO_RESULT only when the file holds no cached value at all.
 * Real producers: exceljs writing `<f>H37*1</f><v>0</v>`, and LibreOffice Calc's own re-save.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  editForm,
  expectAccepted,
  expectRefused,
  hasSoffice,
  importOne,
  messages,
  province,
  resaveWithLibreOffice,
  storedOf,
  valueOf,
  xlsxPart,
} from './helpers';

afterEach(cleanup);

describe('case 7: formulas and their cached results', () => {
  it('a formula whose cached result is 0 (exceljs: <f>…</f><v>0</v>) is accepted as 0', async () => {
    const p = province();
    const f = await p.form('LCA-S01', { VB_BANHANH: { value: 0 }, TT_LUOT: { total: 80, female: 45 } });
    let ref = '';
    const bytes = await editForm(f.bytes, (m) => {
      ref = m.cell('VB_BANHANH', 'value').address;
      m.cell('TT_CUOC', 'value').value = { formula: `${ref}*1`, result: 0 };
    });
    const sheet = await xlsxPart(bytes, /worksheets\/sheet1\.xml$/);
    expect(sheet).toMatch(new RegExp(`<f>${ref}\\*1</f><v>0</v>`));
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    const stored = storedOf(p.ctx, r.submissionId!);
    expect(valueOf(stored, 'TT_CUOC', 'value')).toBe(0);
    expect(valueOf(stored, 'VB_BANHANH', 'value')).toBe(0);
  });

  it('a formula with a non-zero cached result is read as that result', async () => {
    const p = province();
    const f = await p.form('LCA-S01', { TT_LUOT: { total: 80, female: 45 } });
    const bytes = await editForm(f.bytes, (m) => {
      m.cell('TT_CUOC', 'value').value = { formula: '3+4', result: 7 };
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    expect(valueOf(storedOf(p.ctx, r.submissionId!), 'TT_CUOC', 'value')).toBe(7);
  });

  it.skipIf(!hasSoffice())(
    'the same form re-saved by LibreOffice Calc (its own cached 0) is accepted as 0',
    async () => {
      const p = province();
      const f = await p.form('LCA-S01', { VB_BANHANH: { value: 0 }, TT_LUOT: { total: 80, female: 45 } });
      const bytes = await editForm(f.bytes, (m) => {
        const ref = m.cell('VB_BANHANH', 'value').address;
        // a formula with no result: LibreOffice computes it and writes its own cached value
        m.cell('TT_CUOC', 'value').value = { formula: `${ref}*1` } as never;
        m.cell('TAPHUAN_LOP', 'value').value = { formula: `${m.cell('TT_LUOT', 'female').address}-45`, result: 0 };
      });
      const saved = resaveWithLibreOffice(bytes, f.name);
      const sheet = await xlsxPart(saved, /worksheets\/sheet\d+\.xml$/);
      // what LibreOffice wrote: the formulas with a cached 0
      expect(sheet).toMatch(/<f[^>]*>[A-Z]+\d+\*1<\/f><v>0<\/v>/);
      expect(sheet).toMatch(/<f[^>]*>[A-Z]+\d+-45<\/f><v>0<\/v>/);
      const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes: saved });
      expectAccepted(r);
      const stored = storedOf(p.ctx, r.submissionId!);
      expect(valueOf(stored, 'TT_CUOC', 'value')).toBe(0);
      expect(valueOf(stored, 'TAPHUAN_LOP', 'value')).toBe(0);
      expect(valueOf(stored, 'TT_LUOT', 'total')).toBe(80);
    },
  );

  it('a formula with no cached value at all: FORMULA_NO_RESULT, nothing written', async () => {
    const p = province();
    const f = await p.form('LCA-S01', { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } });
    let ref = '';
    const bytes = await editForm(f.bytes, (m) => {
      ref = m.cell('VB_BANHANH', 'value').address;
      m.cell('TT_CUOC', 'value').value = { formula: `${ref}*1` } as never;
    });
    const sheet = await xlsxPart(bytes, /worksheets\/sheet1\.xml$/);
    expect(sheet).toMatch(new RegExp(`<f>${ref}\\*1</f>(?!<v>)`));
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectRefused(p.ctx, before, r, 'FORMULA_NO_RESULT');
    expect(messages(r.errors)).toContain(`${ref}*1`);
  });
});
