/**
 * Issue 13, case 6: merged input cells and hidden or repeated columns make the reading unsure: refused, saying
 * which row or column.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  editForm,
  expectAccepted,
  expectRefused,
  importOne,
  insertColumn,
  messages,
  province,
  storedOf,
  valueOf,
} from './helpers';

afterEach(cleanup);

const FILL = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 }, CBCCVC: { total: 50, female: 20 } };

describe('case 6: merged and hidden cells', () => {
  it('"Tổng số" and "Nữ" merged on one row with 500 typed: MERGED_INPUT naming the row', async () => {
    const p = province();
    const f = await p.form('LCA-S01', FILL);
    let row = 0;
    const bytes = await editForm(f.bytes, (m) => {
      row = m.rows.get('TT_LUOT')!;
      m.ws.unMergeCells(row, m.cols.total, row, m.cols.female);
      m.ws.mergeCells(row, m.cols.total, row, m.cols.female);
      m.cell('TT_LUOT', 'total').value = 500;
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectRefused(p.ctx, before, r, 'MERGED_INPUT');
    const msg = messages(r.errors.filter((e) => e.code === 'MERGED_INPUT'));
    expect(msg).toContain(String(row));
    expect(msg).toMatch(/Tổng số/);
    expect(msg).toMatch(/Nữ/);
  });

  it('a value column hidden by the clerk: HIDDEN_COLUMN', async () => {
    const p = province();
    const f = await p.form('LCA-S01', FILL);
    const bytes = await editForm(f.bytes, (m) => {
      m.ws.getColumn(m.cols.female).hidden = true;
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectRefused(p.ctx, before, r, 'HIDDEN_COLUMN');
    expect(messages(r.errors)).toMatch(/Nữ/);
  });

  it('a hidden column labelled "Tổng số" inserted before the real one: refused, never read instead of it', async () => {
    const p = province();
    const f = await p.form('LCA-S01', FILL);
    const bytes = await editForm(f.bytes, (m) => {
      const at = m.cols.total;
      insertColumn(m.ws, at);
      m.ws.getCell(m.headerRow, at).value = 'Tổng số';
      m.ws.getColumn(at).hidden = true;
      // last year's figures, left in the hidden column
      m.ws.getCell(m.rows.get('TT_LUOT')!, at).value = 999;
      m.ws.getCell(m.rows.get('CBCCVC')!, at).value = 888;
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectRefused(p.ctx, before, r, ['AMBIGUOUS_COLUMN', 'HIDDEN_COLUMN']);
    expect(messages(r.errors)).toMatch(/Tổng số/);
  });

  it('a hidden column with no label outside the table is harmless', async () => {
    const p = province();
    const f = await p.form('LCA-S01', FILL);
    const bytes = await editForm(f.bytes, (m) => {
      const after = m.ws.columnCount + 2;
      m.ws.getCell(m.rows.get('TT_LUOT')!, after).value = 'ghi chú';
      m.ws.getColumn(after).hidden = true;
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    expect(valueOf(storedOf(p.ctx, r.submissionId!), 'TT_LUOT', 'total')).toBe(80);
  });
});
