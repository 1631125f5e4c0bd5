/** The CLI contract's intake additions: `import --allow-blanking`, and the `duplicate` / `unidentified` outcomes. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillForm } from '../../../src/main/demo/form-filler';
import { SEED } from '../../../src/main/services/catalog';
import { LAO_CAI_UNITS } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { cli as runCapture } from '../../helpers/cli';

type Result = {
  file: string;
  status: string;
  unit: string | null;
  revision: number | null;
  errors: Array<{ code: string }>;
};

async function cli(args: string[]) {
  const r = await runCapture(args);
  return { ...r, results: () => r.json<{ results: Result[] }>().results };
}

describe('bdg import: intake outcomes through the CLI', () => {
  it('BLANKING unless --allow-blanking; two files of one unit are duplicates; the generic copy is unidentified', async () => {
    const dir = tmpDir();
    const db = join(dir, 'tinh.sqlite');
    expect((await cli(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json'])).code).toBe(0);
    expect((await cli(['units', 'import', '--db', db, LAO_CAI_UNITS, '--json'])).code).toBe(0);
    expect((await cli(['period', 'create', '--db', db, '--year', '2026', '--kind', 'half_year', '--json'])).code).toBe(
      0,
    );
    const out = join(dir, 'mau');
    const exp = JSON.parse(
      (await cli(['template', 'export', '--db', db, '--period', '1', '--out', out, '--json'])).out,
    ) as {
      files: Array<{ unit: string | null; path: string }>;
    };
    const [a, b] = exp.files.filter((f) => f.unit);
    const generic = exp.files.find((f) => f.unit === null)!;
    const fill = async (path: string, fillWith: Parameters<typeof fillForm>[1]) =>
      fillForm(readFileSync(path), fillWith, SEED.cellLabels);
    const first = join(dir, 'lan-1.xlsx');
    writeFileSync(first, await fill(a!.path, { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 100, female: 60 } }));
    const r1 = await cli(['import', '--db', db, '--period', '1', first, '--json']);
    expect(r1.results()[0]).toMatchObject({ status: 'accepted', unit: a!.unit, revision: 1 });

    // the second version leaves TT_LUOT blank: refused, then accepted when the officer confirms
    const second = join(dir, 'lan-2.xlsx');
    writeFileSync(second, await fill(a!.path, { VB_BANHANH: { value: 4 } }));
    const r2 = (await cli(['import', '--db', db, '--period', '1', second, '--json'])).results()[0]!;
    expect(r2).toMatchObject({ status: 'rejected', revision: null });
    expect(r2.errors.map((e) => e.code)).toEqual(['BLANKING']);
    const r3 = (await cli(['import', '--db', db, '--period', '1', '--allow-blanking', second, '--json'])).results()[0]!;
    expect(r3).toMatchObject({ status: 'accepted', revision: 2 });

    // a folder with two versions of one unit (neither written) and the generic copy (nobody named)
    const inbox = join(dir, 'nhan-ve');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'b.xlsx'), await fill(b!.path, { VB_BANHANH: { value: 1 } }));
    writeFileSync(join(inbox, 'b-ban-sua.xlsx'), await fill(b!.path, { VB_BANHANH: { value: 2 } }));
    writeFileSync(join(inbox, 'chung.xlsx'), await fill(generic.path, { VB_BANHANH: { value: 5 } }));
    const r4 = await cli(['import', '--db', db, '--period', '1', inbox, '--json']);
    expect(r4.code).toBe(0);
    const byFile = new Map(r4.results().map((r) => [r.file.split('/').pop(), r]));
    expect(byFile.get('b.xlsx')).toMatchObject({ status: 'duplicate', revision: null });
    expect(byFile.get('b-ban-sua.xlsx')).toMatchObject({ status: 'duplicate', revision: null });
    expect(byFile.get('chung.xlsx')).toMatchObject({ status: 'unidentified', unit: null });
    const status = JSON.parse((await cli(['status', '--db', db, '--period', '1', '--json'])).out) as {
      received: number;
    };
    expect(status.received).toBe(1);
  });
});
