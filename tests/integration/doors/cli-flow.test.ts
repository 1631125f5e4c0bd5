/** The CLI contract of DESIGN.md, end to end on a real database file and real .xlsx files. */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillForm } from '../../../src/main/demo/form-filler';
import { SEED } from '../../../src/main/services/catalog';
import { LAO_CAI_UNITS } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

describe('bdg: the whole cycle through the CLI contract', () => {
  it('init → units import → period → template export → import → status → consolidate → export → backup/restore', async () => {
    const dir = tmpDir();
    const db = join(dir, 'tinh.sqlite');
    expect((await cli(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json'])).code).toBe(0);

    const units = await cli(['units', 'import', '--db', db, LAO_CAI_UNITS, '--json']);
    // the contract's fields, plus the ones issue 15 added (changes, generatedCodes, absent)
    expect(units.json()).toMatchObject({
      imported: 42,
      updated: 0,
      unchanged: 0,
      errors: [],
      changes: [],
      generatedCodes: [],
      absent: [],
    });
    const list = (await cli(['units', 'list', '--db', db, '--json'])).json() as {
      units: Array<Record<string, unknown>>;
    };
    expect(list.units).toHaveLength(42);
    expect(Object.keys(list.units[0]!).sort()).toEqual(
      [
        ...['active', 'code', 'contact', 'email', 'kind', 'name', 'phone'],
        ...['contactPerson', 'position', 'address', 'notes', 'validFrom', 'validTo'],
      ].sort(),
    );

    const cat = (await cli(['catalog', '--db', db, '--json'])).json() as {
      dataElements: Array<{ code: string; cells: string[] }>;
      indicators: Array<{ code: string }>;
    };
    expect(cat.dataElements).toHaveLength(SEED.dataElements.length);
    expect(cat.dataElements[0]).toHaveProperty('cells');
    expect(cat.indicators.map((i) => i.code)).toContain('CL.M1.1');

    const period = (
      await cli([
        'period',
        'create',
        '--db',
        db,
        '--year',
        '2026',
        '--kind',
        'half_year',
        '--deadline',
        '2026-06-10',
        '--json',
      ])
    ).json();
    expect(period).toEqual({
      id: 1,
      label: '6 tháng đầu năm 2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-06-14',
      deadline: '2026-06-10',
      expected: 42,
    });
    const periods = (await cli(['period', 'list', '--db', db, '--json'])).json() as {
      periods: Array<{ id: number; label: string; status: string }>;
    };
    expect(periods.periods[0]).toMatchObject({ id: 1, label: '6 tháng đầu năm 2026', status: 'open' });

    const out = join(dir, 'mau');
    const exp = (await cli(['template', 'export', '--db', db, '--period', '1', '--out', out, '--json'])).json() as {
      files: Array<{ unit: string | null; path: string }>;
    };
    expect(exp.files).toHaveLength(43);
    expect(exp.files.filter((f) => f.unit === null)).toHaveLength(1);
    for (const f of exp.files) expect(existsSync(f.path)).toBe(true);
    const one = (
      await cli([
        'template',
        'export',
        '--db',
        db,
        '--period',
        '1',
        '--out',
        join(dir, 'mot'),
        '--unit',
        exp.files[1]!.unit!,
        '--json',
      ])
    ).json() as { files: unknown[] };
    expect(one.files).toHaveLength(1);

    // three units fill their forms; one sends a broken file
    const inbox = join(dir, 'nhan-ve');
    mkdirSync(inbox);
    const labels = SEED.cellLabels;
    const unitFiles = exp.files.filter((f) => f.unit).slice(0, 3);
    for (const [i, f] of unitFiles.entries()) {
      const bytes = await fillForm(
        readFileSync(f.path),
        { VB_BANHANH: { value: i + 1 }, TT_LUOT: { total: '1.234', female: 600 + i } },
        labels,
      );
      writeFileSync(join(inbox, `don-vi-${i}.xlsx`), bytes);
    }
    writeFileSync(join(inbox, 'hong.xlsx'), 'Mã,Tên\n1,2\n');
    writeFileSync(join(inbox, 'ghi-chu.txt'), 'không phải báo cáo');
    const imp = (
      await cli(['import', '--db', db, '--period', '1', '--received-at', '2026-06-09', inbox, '--json'])
    ).json() as {
      results: Array<{
        file: string;
        status: string;
        unit: string | null;
        revision: number | null;
        errors: Array<{ code: string; message: string }>;
        warnings: unknown[];
      }>;
    };
    expect(imp.results).toHaveLength(4);
    expect(imp.results.filter((r) => r.status === 'accepted')).toHaveLength(3);
    const bad = imp.results.find((r) => r.file.endsWith('hong.xlsx'))!;
    expect(bad).toMatchObject({ status: 'rejected', unit: null, revision: null });
    expect(bad.errors[0]!.message).toMatch(/CSV/);
    for (const r of imp.results)
      expect(Object.keys(r).sort()).toEqual(
        expect.arrayContaining(['file', 'status', 'unit', 'revision', 'errors', 'warnings']),
      );
    const again = (
      await cli(['import', '--db', db, '--period', '1', join(inbox, 'don-vi-0.xlsx'), '--json'])
    ).json() as { results: Array<{ status: string }> };
    expect(again.results[0]!.status).toBe('unchanged');

    const status = (await cli(['status', '--db', db, '--period', '1', '--json'])).json() as Record<string, unknown> & {
      units: Array<Record<string, unknown>>;
    };
    expect(status).toMatchObject({ expected: 42, received: 3, onTime: 3, late: 0, missing: 39 });
    expect(status.units.find((u) => u.status === 'on_time')).toMatchObject({ receivedAt: '2026-06-09', revision: 1 });
    expect(Object.keys(status.units[0]!)).toEqual(expect.arrayContaining(['unit', 'status', 'receivedAt', 'revision']));

    const cons = (await cli(['consolidate', '--db', db, '--period', '1', '--json'])).json() as {
      values: Array<{ code: string; cell: string; value: number; units: number }>;
      indicators: Array<{
        code: string;
        value: number | null;
        numerator: number | null;
        denominator: number | null;
        target: unknown;
        met: boolean | null;
      }>;
      reporting: Record<string, number>;
    };
    expect(cons.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'total')).toEqual({
      code: 'TT_LUOT',
      cell: 'total',
      value: 3702,
      units: 3,
      previous: null, // issue 17: the same cell a year earlier (no 2025 period here)
    });
    expect(cons.values.find((v) => v.code === 'VB_BANHANH')).toEqual({
      code: 'VB_BANHANH',
      cell: 'value',
      value: 6,
      units: 3,
      previous: null,
    });
    expect(cons.reporting).toEqual({ expected: 42, received: 3, onTime: 3, history: 0 });
    expect(cons.indicators.find((i) => i.code === 'CL.M1.1')).toMatchObject({ value: null, met: null });
    expect(cons.indicators.find((i) => i.code === 'CL.M1.1')!.target).toMatchObject({
      year: 2030,
      op: '>=',
      value: 75,
    });

    const xlsx = join(dir, 'bao-cao.xlsx');
    expect((await cli(['export', '--db', db, '--period', '1', '--out', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('Phụ lục I');

    const bk = join(dir, 'sao-luu.sqlite');
    expect((await cli(['backup', '--db', db, '--out', bk])).code).toBe(0);
    await cli(['import', '--db', db, '--period', '1', join(inbox, 'don-vi-1.xlsx')]);
    await cli(['units', 'import', '--db', db, LAO_CAI_UNITS]);
    const restored = await cli(['restore', '--db', db, '--from', bk, '--json']);
    expect(restored.code).toBe(0);
    expect((restored.json() as { keptAs: string }).keptAs).toMatch(/truoc-khoi-phuc/);
    expect((await cli(['check', '--db', db, '--json'])).json()).toEqual({ integrity: 'ok', foreignKeys: 'ok' });
    expect(
      ((await cli(['status', '--db', db, '--period', '1', '--json'])).json() as { received: number }).received,
    ).toBe(3);

    // a corrupt backup is refused and the live database is untouched
    const junk = join(dir, 'hong.sqlite');
    writeFileSync(junk, Buffer.alloc(8192, 7));
    const refused = await cli(['restore', '--db', db, '--from', junk]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/bị hỏng|không phải cơ sở dữ liệu/);
    expect(
      ((await cli(['status', '--db', db, '--period', '1', '--json'])).json() as { received: number }).received,
    ).toBe(3);
  });

  it('usage errors: a missing period, a bad date, an unknown period', async () => {
    const db = join(tmpDir(), 'x.sqlite');
    await cli(['init', '--db', db]);
    const r1 = await cli(['status', '--db', db]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/--period/);
    const r2 = await cli(['import', '--db', db, '--period', '1', '--received-at', '31/02/2026', '.']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/ngày có thật/);
    const r3 = await cli(['status', '--db', db, '--period', '9', '--json']);
    expect(r3.code).toBe(1);
    expect(r3.err).toMatch(/Không tìm thấy kỳ báo cáo số 9/);
  });
});
