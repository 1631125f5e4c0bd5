/** The CLI contract's layout additions (issue 17): `layout suggest|save|list` and `import --layout ID`. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, SO_Y_TE, SO_Y_TE_REMOVED } from '../../../scripts/make-layout-fixtures';
import { LAO_CAI_UNITS } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

describe('bdg layout: a province form mapped once, then imported by its layout', () => {
  it('suggest prints the contract fields, save takes them back, list counts the rows, import --layout reads by it', async () => {
    const dir = tmpDir();
    const db = join(dir, 'tinh.sqlite');
    expect((await cli(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json'])).code).toBe(0);
    expect((await cli(['units', 'import', '--db', db, LAO_CAI_UNITS, '--json'])).code).toBe(0);
    expect((await cli(['period', 'create', '--db', db, '--year', '2025', '--kind', 'year', '--json'])).code).toBe(0);

    const form = join(FIXTURE_DIR, SO_Y_TE.file);
    const s = await cli(['layout', 'suggest', '--db', db, form, '--json']);
    expect(s.code, s.err).toBe(0);
    const suggestion = s.json();
    expect(suggestion).not.toHaveProperty('preview');
    expect(suggestion).toMatchObject({
      sheet: 'Biểu 01',
      headerRows: [5],
      columns: { total: 'D', female: 'E', male: null, value: null },
      unit: { source: 'cell', cell: 'A3' },
      period: { cell: 'A1' },
    });
    const rows = suggestion.rows as Array<{ row: number; label: string; code: string | null; confidence: number }>;
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['row', 'label', 'code', 'confidence']));
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
    expect(rows.find((r) => r.label.startsWith('Số cuộc tuyên truyền'))?.code).toBe('TT_CUOC');
    expect(rows.find((r) => r.label.startsWith('Số buổi sinh hoạt'))?.code).toBeNull();

    // she clears one row (the maternal deaths are not hers to report) and saves
    const edited = {
      ...suggestion,
      rows: rows.map((r) => (r.label.startsWith('Số ca tử vong mẹ') ? { ...r, code: null } : r)),
    };
    const layoutFile = join(dir, 'mau.json');
    writeFileSync(layoutFile, JSON.stringify(edited));
    const saved = await cli(['layout', 'save', '--db', db, '--name', 'Biểu Sở Y tế', '--from', layoutFile, '--json']);
    expect(saved.code, saved.err).toBe(0);
    const { id } = saved.json() as { id: number };
    expect(saved.json()).toEqual({ id });
    const list = await cli(['layout', 'list', '--db', db, '--json']);
    expect((list.json() as { layouts: unknown[] }).layouts).toMatchObject([{ id, name: 'Biểu Sở Y tế', rows: 7 }]);

    // the same name again: refused, JSON error with a code, Vietnamese on stderr
    const again = await cli(['layout', 'save', '--db', db, '--name', 'Biểu Sở Y tế', '--from', layoutFile, '--json']);
    expect(again.code).toBe(1);
    expect((again.json() as { error: { code: string } }).error.code).toBe('failed');
    expect(again.err).toContain('Đã có mẫu biểu ngoài tên "Biểu Sở Y tế"');

    // a folder in that layout: accepted with the typed figures; a copy with a mapped row removed is refused
    const inbox = join(dir, 'nhan-ve');
    mkdirSync(inbox);
    copyFileSync(form, join(inbox, SO_Y_TE.file));
    const r = await cli(['import', '--db', db, '--period', '1', '--layout', String(id), inbox, '--json']);
    expect(r.code, r.err).toBe(0);
    const [res] = (r.json() as { results: Array<{ status: string; unit: string; errors: unknown[] }> }).results;
    expect(res).toMatchObject({ status: 'accepted', unit: 'LCA-S04', errors: [] });
    const c = await cli(['consolidate', '--db', db, '--period', '1', '--json']);
    const values = (c.json() as { values: Array<{ code: string; cell: string; value: number }> }).values;
    expect(values.find((v) => v.code === 'TT_LUOT' && v.cell === 'female')?.value).toBe(800);
    expect(values.find((v) => v.code === 'VB_BANHANH' && v.cell === 'value')?.value).toBe(3);

    const gone = join(dir, SO_Y_TE_REMOVED.file);
    writeFileSync(gone, readFileSync(join(FIXTURE_DIR, SO_Y_TE_REMOVED.file)));
    const g = await cli(['import', '--db', db, '--period', '1', '--layout', String(id), gone, '--json']);
    const [refused] = (
      g.json() as { results: Array<{ status: string; errors: Array<{ code: string; message: string }> }> }
    ).results;
    expect(refused!.status).toBe('rejected');
    expect(refused!.errors.map((e) => e.code)).toContain('LAYOUT_ROW_GONE');

    // a layout that does not exist: a JSON error
    const none = await cli(['import', '--db', db, '--period', '1', '--layout', '99', inbox, '--json']);
    expect(none.code).toBe(1);
    expect((none.json() as { error: { code: string } }).error.code).toBe('failed');
    expect(none.err).toContain('Không có mẫu biểu ngoài số 99');
  });
});
