/** The CLI door of the inbox: `inbox`, `import --unit`, `submission enter | withdraw | set-received`, `status`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillForm } from '../../../src/main/demo/form-filler';
import { SEED } from '../../../src/main/services/catalog';
import { LAO_CAI_UNITS } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

type Entry = {
  id: number;
  file: string | null;
  receivedAt: string;
  channel: string;
  status: string;
  unit: string | null;
  revision: number | null;
  errors: Array<{ code: string; message: string }>;
  warnings: Array<{ code: string; message: string }>;
};
type Result = Entry & { submissionId: number | null; entryId: number };

describe('bdg inbox and submission', () => {
  it('a refused file is listed and its unit returned; assign with --unit; paper entry, withdraw, date correction', async () => {
    const dir = tmpDir();
    const db = join(dir, 'tinh.sqlite');
    expect((await cli(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json'])).code).toBe(0);
    expect((await cli(['units', 'import', '--db', db, LAO_CAI_UNITS, '--json'])).code).toBe(0);
    expect((await cli(['period', 'create', '--db', db, '--year', '2026', '--kind', 'half_year', '--json'])).code).toBe(
      0,
    );
    const exp = (
      await cli(['template', 'export', '--db', db, '--period', '1', '--out', join(dir, 'mau'), '--json'])
    ).json<{ files: Array<{ unit: string | null; path: string }> }>().files;
    const a = exp.find((f) => f.unit)!;
    const unit = a.unit!;
    const generic = exp.find((f) => f.unit === null)!;
    const fill = async (path: string, fillWith: Parameters<typeof fillForm>[1]) =>
      fillForm(readFileSync(path), fillWith, SEED.cellLabels);

    // a file with a rule error (nữ > tổng số): refused, in the inbox, the unit "returned"
    const bad = join(dir, 'sai.xlsx');
    writeFileSync(bad, await fill(a.path, { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 10, female: 12 } }));
    const r1 = await cli(['import', '--db', db, '--period', '1', '--received-at', '2026-06-03', bad, '--json']);
    expect(r1.code).toBe(0);
    const refused = r1.json<{ results: Result[] }>().results[0]!;
    expect(refused.status).toBe('rejected');
    const inbox = await cli(['inbox', '--db', db, '--period', '1', '--json']);
    expect(inbox.code).toBe(0);
    const entries = inbox.json<{ entries: Entry[] }>().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: refused.entryId,
      file: 'sai.xlsx',
      receivedAt: '2026-06-03',
      channel: 'file',
      status: 'rejected',
      unit,
      revision: null,
      warnings: [],
    });
    expect(entries[0]!.errors.map((e) => e.code)).toContain('R01');
    const st1 = (await cli(['status', '--db', db, '--period', '1', '--json'])).json<{
      returned: number;
      units: Array<{ unit: string; status: string; firstAttemptAt: string | null; returnReason: string | null }>;
    }>();
    expect(st1.returned).toBe(1);
    expect(st1.units.find((u) => u.unit === unit)).toMatchObject({
      status: 'returned',
      firstAttemptAt: '2026-06-03',
      returnReason: refused.errors[0]!.message,
    });
    const human = await cli(['inbox', '--db', db, '--period', '1']);
    expect(human.out).toContain('bị từ chối');
    expect(human.out).toContain('03/06/2026');

    // the generic copy: unidentified; then checked as the unit's report with --unit
    const chung = join(dir, 'chung.xlsx');
    writeFileSync(chung, await fill(generic.path, { VB_BANHANH: { value: 4 }, TT_LUOT: { total: 100, female: 60 } }));
    const u = (await cli(['import', '--db', db, '--period', '1', chung, '--json'])).json<{ results: Result[] }>()
      .results[0]!;
    expect(u.status).toBe('unidentified');
    const as = await cli([
      'import',
      '--db',
      db,
      '--period',
      '1',
      '--received-at',
      '2026-06-04',
      '--unit',
      unit,
      chung,
      '--json',
    ]);
    expect(as.code).toBe(0);
    const assigned = as.json<{ results: Result[] }>().results[0]!;
    expect(assigned).toMatchObject({ status: 'accepted', unit, revision: 1 });
    const twoUnits = await cli(['import', '--db', db, '--period', '1', '--unit', unit, '--unit', 'X', chung, '--json']);
    expect(twoUnits.code).toBe(2);

    // a paper report with its scan
    const values = join(dir, 'so-lieu.json');
    writeFileSync(values, JSON.stringify({ VB_BANHANH: { value: '7' }, TT_LUOT: { total: '1.500', female: 800 } }));
    const scan = join(dir, 'ban-scan.pdf');
    writeFileSync(scan, Buffer.from('%PDF-1.4\n% bản scan\n'));
    const enter = await cli([
      'submission',
      'enter',
      '--db',
      db,
      '--period',
      '1',
      '--unit',
      unit,
      '--values',
      values,
      '--scan',
      scan,
      '--received-at',
      '2026-06-05',
      '--json',
    ]);
    expect(enter.code, enter.err).toBe(0);
    const entered = enter.json<Result>();
    expect(entered).toMatchObject({ status: 'accepted', unit, revision: 2, file: 'ban-scan.pdf' });
    const consolidated = (await cli(['consolidate', '--db', db, '--period', '1', '--json'])).json<{
      values: Array<{ code: string; cell: string; value: number }>;
    }>();
    expect(consolidated.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'total')!.value).toBe(1500);
    const listed = (await cli(['inbox', '--db', db, '--period', '1', '--json'])).json<{ entries: Entry[] }>().entries;
    expect(listed[0]).toMatchObject({ id: entered.entryId, channel: 'scan', status: 'accepted', revision: 2 });

    // withdraw (reason required), then the received date of revision 1 corrected
    const noReason = await cli(['submission', 'withdraw', '--db', db, '--period', '1', '--unit', unit, '--json']);
    expect(noReason.code).toBe(2);
    expect(noReason.json<{ error: { code: string } }>().error.code).toBe('usage');
    const w = await cli([
      'submission',
      'withdraw',
      '--db',
      db,
      '--period',
      '1',
      '--unit',
      unit,
      '--reason',
      'Nhập nhầm bản giấy',
      '--json',
    ]);
    expect(w.code, w.err).toBe(0);
    expect(w.json()).toEqual({ unit, revision: 1 });
    const after = (await cli(['consolidate', '--db', db, '--period', '1', '--json'])).json<{
      values: Array<{ code: string; cell: string; value: number }>;
    }>();
    expect(after.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'total')!.value).toBe(100);
    const set = await cli([
      'submission',
      'set-received',
      '--db',
      db,
      '--id',
      String(assigned.submissionId),
      '--received-at',
      '2026-06-02',
      '--reason',
      'Theo sổ công văn đến',
      '--json',
    ]);
    expect(set.code, set.err).toBe(0);
    expect(set.json()).toEqual({ id: assigned.submissionId, receivedAt: '2026-06-02', previous: '2026-06-04' });
    const st2 = (await cli(['status', '--db', db, '--period', '1', '--json'])).json<{
      units: Array<{ unit: string; status: string; receivedAt: string; revision: number }>;
    }>();
    expect(st2.units.find((x) => x.unit === unit)).toMatchObject({
      status: 'on_time',
      receivedAt: '2026-06-02',
      revision: 1,
    });
    const final = (await cli(['inbox', '--db', db, '--period', '1', '--json'])).json<{ entries: Entry[] }>().entries;
    expect(final.map((e) => e.status)).toEqual(['withdrawn', 'accepted', 'unidentified', 'rejected']);
  });
});
