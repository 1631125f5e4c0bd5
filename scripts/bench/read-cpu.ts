/**
 * CPU time of reading the bench's filled forms (issue 20, the reading side of the import): the file guard, the
 * fast grid reader and the form reader, per file, in this thread, many rounds. Not part of `npm run bench`: run
 * `npx tsx scripts/bench/read-cpu.ts DIR [ROUNDS] [OLD_SRC]` to time `src/` (and, alternated round by round, an
 * older copy of `src/` at OLD_SRC, e.g. from `git archive`), CPU time from process.cpuUsage().
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Mods {
  label: string;
  inspectBytes: (b: Uint8Array, n: string, o?: unknown) => { parts?: unknown };
  isFastPart: (name: string) => boolean;
  readFastGrid: (parts: unknown) => unknown;
  loadGrid: (b: Uint8Array, n: string, o?: unknown) => Promise<unknown>;
  readForm: (b: Uint8Array, n: string, c: unknown, o?: unknown) => Promise<unknown>;
}

async function load(src: string, label: string): Promise<Mods> {
  const u = (p: string): string => pathToFileURL(join(src, p)).href;
  const guard = (await import(u('main/excel/file-guard.ts'))) as Pick<Mods, 'inspectBytes'>;
  const fast = (await import(u('main/excel/fast-grid.ts'))) as Pick<Mods, 'isFastPart' | 'readFastGrid'>;
  const grid = (await import(u('main/excel/grid.ts'))) as Pick<Mods, 'loadGrid'>;
  const form = (await import(u('main/excel/form-reader.ts'))) as Pick<Mods, 'readForm'>;
  return {
    label,
    inspectBytes: guard.inspectBytes,
    isFastPart: fast.isFastPart,
    readFastGrid: fast.readFastGrid,
    loadGrid: grid.loadGrid,
    readForm: form.readForm,
  };
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a: number[]): number => {
  const s = a.slice().sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/bdb/files120';
  const rounds = Number(process.argv[3] ?? 20);
  const root = resolve(__dirname, '../..');
  const catalog = JSON.parse(readFileSync(join(root, 'resources/catalog.json'), 'utf8')) as unknown;
  const files = readdirSync(dir)
    .filter((n) => /\.xls[xm]?$/.test(n))
    .map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(dir, n))) }));
  const sets = [await load(join(root, 'src'), 'new')];
  if (process.argv[4]) sets.push(await load(resolve(process.argv[4]), 'old'));
  // guard: the file guard as loadGrid runs it; fast: the fast reader on the guard's texts; grid: loadGrid (both);
  // form: readForm (loadGrid, then the form's reading)
  const stages = ['guard', 'fast', 'grid', 'form'] as const;
  if (sets.length > 1) {
    // the same ParsedForm (and the same refusal) from both copies, file by file
    let same = 0;
    for (const f of files) {
      const answer = (m: Mods): Promise<string> =>
        m.readForm(f.bytes, f.name, catalog).then(
          (x) => JSON.stringify(x),
          (e: unknown) => `refused ${e instanceof Error ? e.message : String(e)}`,
        );
      const [a, b] = [await answer(sets[0]!), await answer(sets[1]!)];
      if (a === b) same++;
      else console.log(`DIFFERENT: ${f.name}`);
    }
    console.log(`the same ParsedForm from both: ${same}/${files.length}`);
  }
  if (rounds > 0) {
    // the timing takes the files the fast reader reads (a refused or unusual file is not what is measured)
    const usual = files.filter((f) => {
      try {
        return !!sets[0]!.readFastGrid(sets[0]!.inspectBytes(f.bytes, f.name, { keep: sets[0]!.isFastPart }).parts);
      } catch {
        return false;
      }
    });
    files.splice(0, files.length, ...usual);
  }
  const parts = new Map(
    sets.map((m) => [m, files.map((f) => m.inspectBytes(f.bytes, f.name, { keep: m.isFastPart }).parts)]),
  );
  const times = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const m of r % 2 ? sets.slice().reverse() : sets) {
      for (const stage of stages) {
        const t0 = cpu();
        const ps = parts.get(m)!;
        if (stage === 'fast') {
          for (const p of ps) m.readFastGrid(p);
        } else {
          for (const f of files) {
            if (stage === 'guard') m.inspectBytes(f.bytes, f.name, { keep: m.isFastPart });
            else if (stage === 'grid') await m.loadGrid(f.bytes, f.name, { reader: 'fast' });
            else await m.readForm(f.bytes, f.name, catalog, { reader: 'fast' });
          }
        }
        const key = `${m.label} ${stage}`;
        (times.get(key) ?? times.set(key, []).get(key)!).push((cpu() - t0) / files.length);
      }
    }
  }
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  const out: Record<string, { median: number; min: number }> = {};
  for (const [k, v] of times)
    out[k] = { median: r3(median(v.slice(v.length > 4 ? 2 : 0))), min: r3(Math.min(...v.slice(v.length > 4 ? 2 : 0))) };
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(12)} median ${v.median}  min ${v.min} ms/file`);
}

void main();
