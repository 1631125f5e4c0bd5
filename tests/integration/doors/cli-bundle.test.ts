/**
 * The built `bdg` (scripts/build-cli.mjs → one CommonJS bundle, spreadsheet libraries loaded on first use) answers
 * exactly as the command run from the TypeScript sources: the same JSON for a whole cycle (init, units, period,
 * template export through exceljs, an import read by the parse worker, status, consolidate), and `npm run bdg`
 * rebuilds a stale bundle before it runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../../src/main/demo/form-filler';
import { runCli } from '../../../src/main/hosts/cli/run';
import { SEED } from '../../../src/main/services/catalog';
import { LAO_CAI_UNITS } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';

const root = join(__dirname, '../../..');
let outDir = '';

beforeAll(async () => {
  // inside the project, so the bundle finds node_modules as out/cli/bdg.cjs does
  outDir = join(root, 'out', `cli-test-${process.pid}`);
  const { buildCli } = (await import(join(root, 'scripts/build-cli.mjs'))) as {
    buildCli: (dir: string) => Promise<string>;
  };
  await buildCli(outDir);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const built = (args: string[]) =>
  execFileSync(process.execPath, [join(outDir, 'bdg.cjs'), ...args], { cwd: root, encoding: 'utf8' });

async function fromSources(args: string[]): Promise<string> {
  let out = '';
  const code = await runCli(args, { out: (s) => (out += s), err: () => undefined });
  expect(code).toBe(0);
  return out;
}

/** paths and times differ between the two databases; everything else must be equal */
function comparable(json: string, dir: string): unknown {
  return JSON.parse(json.split(dir).join('<dir>'), (k, v: unknown) =>
    ['at', 'createdAt', 'updatedAt', 'batchId', 'db'].includes(k) ? '<t>' : v,
  );
}

describe('the built bdg command', () => {
  it('answers a whole cycle exactly as the sources do', async () => {
    const answers: Record<'built' | 'sources', unknown[]> = { built: [], sources: [] };
    for (const door of ['built', 'sources'] as const) {
      const dir = tmpDir();
      const db = join(dir, 'tinh.sqlite');
      const run = async (args: string[]) => {
        const out = door === 'built' ? built(args) : await fromSources(args);
        answers[door].push(comparable(out, dir));
        return JSON.parse(out) as Record<string, unknown>;
      };
      await run(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json']);
      await run(['units', 'import', '--db', db, LAO_CAI_UNITS, '--json']);
      await run(['period', 'create', '--db', db, '--year', '2026', '--kind', 'half_year', '--json']);
      const exp = (await run(['template', 'export', '--db', db, '--period', '1', '--out', join(dir, 'mau'), '--json']))
        .files as Array<{ unit: string | null; path: string }>;
      const form = exp.find((f) => f.unit)!;
      const filled = join(dir, 'bao-cao.xlsx');
      writeFileSync(
        filled,
        await fillForm(
          readFileSync(form.path),
          { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 90, female: 50 } },
          SEED.cellLabels,
        ),
      );
      await run(['import', '--db', db, '--period', '1', '--received-at', '2026-06-05', filled, '--json']);
      await run(['status', '--db', db, '--period', '1', '--json']);
      await run(['consolidate', '--db', db, '--period', '1', '--json']);
    }
    expect(answers.built).toHaveLength(7);
    expect(answers.built).toEqual(answers.sources);
    expect(JSON.stringify(answers.built[4])).toContain('"status":"accepted"');
  }, 180_000);

  it('compiles its core with the V8 code cache made from that very file, never with a cache of another source', () => {
    const loaderPath = join(root, 'scripts/cli-core-loader.cjs');
    // the built core's cache is taken by V8 (a fresh process: nothing in require.cache)
    const rejected = execFileSync(
      process.execPath,
      [
        '-e',
        `process.stdout.write(String(require(${JSON.stringify(loaderPath)}).loadCore(${JSON.stringify(outDir)}).script.cachedDataRejected))`,
      ],
      { encoding: 'utf8' },
    );
    expect(rejected).toBe('false');
    // V8 checks only a cache's source LENGTH: a core edited to another of the same length, with the old cache
    // beside it, must run the edited code (V8 given the old cache would run the old one)
    const dir = tmpDir();
    const load = (useCache: boolean) =>
      execFileSync(
        process.execPath,
        [
          '-e',
          `const l = require(${JSON.stringify(loaderPath)}); const r = l.loadCore(${JSON.stringify(dir)}, { useCache: ${useCache} });` +
            `if (!${useCache}) require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'bdg-core.cache'))}, l.cacheFileFor(r.code, r.script.createCachedData()));` +
            'process.stdout.write(r.exports.v);',
        ],
        { encoding: 'utf8' },
      );
    writeFileSync(join(dir, 'bdg-core.cjs'), 'module.exports = { v: "AAAA" };\n');
    expect(load(false)).toBe('AAAA'); // and its cache written
    expect(load(true)).toBe('AAAA');
    writeFileSync(join(dir, 'bdg-core.cjs'), 'module.exports = { v: "BBBB" };\n');
    expect(load(true)).toBe('BBBB');
  });

  it('npm run bdg rebuilds the bundle when a source is newer, then runs it', () => {
    const bundle = join(root, 'out/cli/bdg.cjs');
    execFileSync('npm', ['run', '--silent', 'bdg', '--', '--help'], { cwd: root, encoding: 'utf8' });
    const old = new Date(Date.now() - 3600_000);
    utimesSync(bundle, old, old);
    const out = execFileSync('npm', ['run', '--silent', 'bdg', '--', '--help'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('Cách dùng');
    // the entry is small (reading the arguments, --help); the core beside it holds the commands
    expect(readFileSync(join(root, 'out/cli/bdg-core.cjs')).length).toBeGreaterThan(100_000);
    expect(readFileSync(bundle).length).toBeLessThan(100_000);
    const { mtimeMs } = statSync(bundle);
    expect(mtimeMs).toBeGreaterThan(old.getTime() + 1000);
  }, 120_000);

  it('loads only what a command uses: --help loads nothing but the entry file; status and --help never load exceljs, docx or the xlsx reader; a template export loads exceljs', async () => {
    const dir = tmpDir();
    const db = join(dir, 'tinh.sqlite');
    // a preload that prints, at exit, every package module the process loaded
    const hook = join(dir, 'loaded.cjs');
    writeFileSync(
      hook,
      "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('node_modules') || k.endsWith('bdg-core.cjs')).map((k) => k.split('node_modules/').pop()))));",
    );
    const loaded = (args: string[]): string[] => {
      const r = spawnSync(process.execPath, ['-r', hook, join(outDir, 'bdg.cjs'), ...args], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(/LOADED (.*)$/.exec(r.stderr)![1]!) as string[];
    };
    const pkgs = (mods: string[]) => [
      ...new Set(mods.map((m) => (m.startsWith('@') ? m.split('/').slice(0, 2) : m.split('/').slice(0, 1)).join('/'))),
    ];
    built(['init', '--db', db, '--province', 'Tỉnh Lào Cai', '--json']);
    built(['period', 'create', '--db', db, '--year', '2026', '--kind', 'half_year', '--json']);
    // --help (and a usage error) is answered by the small entry file alone: the core's file is never required
    for (const args of [['--help'], ['status', '--help'], ['units', '--json']]) {
      const r = spawnSync(process.execPath, ['-r', hook, join(outDir, 'bdg.cjs'), ...args], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(args[0] === 'units' ? 2 : 0);
      expect(JSON.parse(/LOADED (.*)$/.exec(r.stderr)![1]!), args.join(' ')).toEqual([]);
    }
    expect(loaded(['status', '--db', db, '--period', '1', '--json'])).toContain(join(outDir, 'bdg-core.cjs'));
    for (const args of [['--help'], ['status', '--db', db, '--period', '1', '--json']]) {
      const p = pkgs(loaded(args));
      expect(p, args.join(' ')).not.toContain('exceljs');
      expect(p, args.join(' ')).not.toContain('docx');
      expect(p, args.join(' ')).not.toContain('@e965/xlsx');
    }
    // a template export writes with exceljs: then it is loaded, and the reader's wrapped parts with it only when read
    const mods = loaded(['template', 'export', '--db', db, '--period', '1', '--out', join(dir, 'mau'), '--json']);
    expect(pkgs(mods)).toContain('exceljs');
  }, 120_000);
});
