/**
 * Issue 13, case 4: the form is found by its content, not by its sheet name: two visible sheets with the table are
 * refused naming both; a hidden sheet never beats a visible one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  copySheet,
  editForm,
  expectAccepted,
  expectRefused,
  importOne,
  locate,
  messages,
  num,
  province,
  sortValues,
  storedOf,
} from './helpers';

afterEach(cleanup);

const OLD = { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } };

describe('case 4: which sheet is the report?', () => {
  it('a visible filled copy "Báo cáo (2)" beside "Báo cáo": TWO_FORMS naming both sheets', async () => {
    const p = province();
    const f = await p.form('LCA-S01', OLD);
    const bytes = await editForm(f.bytes, (m, wb) => {
      const copy = locate(copySheet(wb, m.ws, 'Báo cáo (2)'));
      copy.cell('VB_BANHANH', 'value').value = 3;
      copy.cell('TT_LUOT', 'female').value = 46;
    });
    const before = tableCounts(p.ctx);
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectRefused(p.ctx, before, r, 'TWO_FORMS');
    const msg = messages(r.errors.filter((e) => e.code === 'TWO_FORMS'));
    expect(msg).toContain('"Báo cáo"');
    expect(msg).toContain('"Báo cáo (2)"');
  });

  it('"Báo cáo" hidden and "Báo cáo (2)" visible: the visible sheet is read', async () => {
    const p = province();
    const f = await p.form('LCA-S01', OLD);
    const bytes = await editForm(f.bytes, (m, wb) => {
      const copy = locate(copySheet(wb, m.ws, 'Báo cáo (2)'));
      copy.cell('VB_BANHANH', 'value').value = 3;
      copy.cell('TT_LUOT', 'female').value = 46;
      m.ws.state = 'hidden';
      wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    expect(r.unit).toBe('LCA-S01');
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(
      sortValues([num('VB_BANHANH', 'value', 3), num('TT_LUOT', 'total', 80), num('TT_LUOT', 'female', 46)]),
    );
  });

  it('the form sheet renamed ("Sheet1") is still found by its content', async () => {
    const p = province();
    const f = await p.form('LCA-S01', OLD);
    const bytes = await editForm(f.bytes, (m) => {
      m.ws.name = 'Sheet1';
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    expect(storedOf(p.ctx, r.submissionId!)).toEqual(
      sortValues([num('VB_BANHANH', 'value', 2), num('TT_LUOT', 'total', 80), num('TT_LUOT', 'female', 45)]),
    );
  });

  it('an unrelated extra sheet (notes, no table) changes nothing', async () => {
    const p = province();
    const f = await p.form('LCA-S01', OLD);
    const bytes = await editForm(f.bytes, (_m, wb) => {
      const ws = wb.addWorksheet('Ghi chú');
      ws.getCell('A1').value = 'Số liệu lấy từ phần mềm quản lý cán bộ';
      ws.getCell('A2').value = 'Tổng số';
      ws.getCell('B2').value = 999;
    });
    const r = await importOne(p.ctx, p.period.id, { name: f.name, bytes });
    expectAccepted(r);
    expect(storedOf(p.ctx, r.submissionId!)).toHaveLength(3);
  });
});
