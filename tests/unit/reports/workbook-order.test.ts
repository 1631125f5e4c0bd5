/**
 * Issue 20: the workbook's orders by unit name (documents/workbook-order.ts: each distinct name ranked once, then
 * numbers compared) are model.ts's sortedUnits and textRows, on names the Vietnamese collator finds equal though
 * they differ (case, diacritics: sensitivity 'base'), names that differ only in a number, and codes that break
 * the ties. Equality only.
 */
import { describe, expect, it } from 'vitest';
import { sortedUnits, textRows, type ReportModel } from '../../../src/main/documents/model';
import { figureTableOf } from '../../../src/main/documents/workbook-figures';
import { sortedTextRows, sortedUnitIndexes, unitNameRanks } from '../../../src/main/documents/workbook-order';
import { compareVi } from '../../../src/shared/text/vi';
import { makeReportModel } from '../../helpers/report-model';

const NAMES = [
  'Xã Tân Lập',
  'Xã TÂN LẬP',
  'Xa Tan Lap',
  'xã tân lập',
  'Xã Tân Lập 2',
  'Xã Tân Lập 10',
  'Xã Tân Lập 02',
  'Xa Tân Lập',
  'Phường Đông Hà',
  'Phường Dong Ha',
  'Ủy ban nhân dân xã A',
  'Uy ban nhan dan xa A',
  'Đặc khu Côn Đảo',
  'Sở Y tế',
  'So Y te',
  '=SUM(A1)',
  ' Xã Có Khoảng Trắng',
];

function hostileModel(): ReportModel {
  const model = makeReportModel();
  const unit = model.byUnit[0]!;
  const answer = model.consolidation.texts[0]!;
  const elements = [...new Set(model.consolidation.texts.map((t) => t.code))];
  expect(elements.length).toBeGreaterThan(0);
  for (let i = 0; i < 60; i++) {
    const name = NAMES[(i * 7) % NAMES.length]!;
    // codes out of order, some equal under the collator too
    const code = [`U${(i * 13) % 17}`, `u${(i * 13) % 17}`, `Ư${i}`][i % 3]!;
    model.byUnit.push({ unitCode: code, unitName: name, kind: unit.kind, values: unit.values });
    for (const el of elements)
      model.consolidation.texts.push({ ...answer, code: el, unit: code, unitName: name, text: `ý kiến ${i}` });
  }
  return model;
}

describe('the workbook sorts units and answers as model.ts does', () => {
  it('names equal under the collator share a rank (the codes break their ties)', () => {
    const model = hostileModel();
    // the test is about ties: several different names compare equal
    expect(compareVi('Xã Tân Lập', 'XÃ TÂN LẬP')).toBe(0);
    expect(compareVi('Xã Tân Lập 2', 'Xã Tân Lập 02')).toBe(0);
    const table = figureTableOf(model.byUnit);
    const ranks = unitNameRanks(model, table);
    const want = sortedUnits(model).map((u) => `${u.unitName}|${u.unitCode}`);
    const got = sortedUnitIndexes(table, ranks).map((i) => `${table.units[i]!.unitName}|${table.units[i]!.unitCode}`);
    expect(got).toEqual(want);
    expect(sortedTextRows(model, ranks)).toEqual(textRows(model));
  });

  it('a name not ranked in advance is compared by the collator', () => {
    const model = hostileModel();
    const ranks = unitNameRanks(makeReportModel(), figureTableOf([]));
    expect(sortedTextRows(model, ranks)).toEqual(textRows(model));
  });
});
