/**
 * peakRss1000MB (issue 20): the peak resident memory of a process that imports 1,000 filled forms of 1,000
 * different units in ONE `imports.batch` call, as the UI sends a folder. The forms are the bench's (exportTemplates
 * + fillForm with the demo figures, scripts/bench/forms.ts), made in this process; the import runs in a child
 * process of its own (scripts/bench/peak-rss-child.ts), which reads them, imports them through dispatch and reports
 * `process.resourceUsage().maxRSS` (the whole process: the parse worker thread, SQLite and the files held).
 *
 * The child runs the code as the app runs it: bundled the way scripts/build-cli.mjs bundles the command (the parse
 * worker's bundle beside it), with plain node. Run from the sources instead (`sources: true`, node --import tsx), the
 * figure is about 90 MB higher: tsx keeps every compiled module and its source map, in the child and in its parse
 * worker (importing dispatch alone: 154 MB under tsx, 66 MB bundled).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchForms } from './forms';

export const PEAK_FILES = 1000;

const root = join(__dirname, '..', '..');

/** The child bundled beside the parse worker, in `out/` (the bundles find node_modules from there). */
async function bundleChild(): Promise<{ file: string; dir: string }> {
  const dir = join(root, 'out', `bench-peak-${process.pid}`);
  const { buildCli, bundleOptions } = (await import(join(root, 'scripts', 'build-cli.mjs'))) as {
    buildCli: (outDir: string) => Promise<string>;
    bundleOptions: () => Record<string, unknown>;
  };
  await buildCli(dir);
  const { build } = await import('esbuild');
  const file = join(dir, 'peak-child.cjs');
  await build({ ...bundleOptions(), entryPoints: [join(root, 'scripts/bench/peak-rss-child.ts')], outfile: file });
  return { file, dir };
}

/**
 * Makes the forms in `dir`, imports them in a child process; returns its peak RSS in MB and what it accepted.
 * `sources`: the child runs the TypeScript sources through tsx instead of the bundle.
 */
export async function peakRss1000(
  dir: string,
  n = PEAK_FILES,
  { sources = false }: { sources?: boolean } = {},
): Promise<{ peakRss1000MB: number; accepted: number; parseWorker: string }> {
  const forms = join(dir, 'forms');
  mkdirSync(forms, { recursive: true });
  const { files, identity } = await benchForms(join(dir, 'forms-setup.sqlite'), n);
  for (const f of files) writeFileSync(join(forms, f.name), f.bytes);
  writeFileSync(join(dir, 'identity.txt'), identity);
  return peakRssOf(dir, n, { sources });
}

/** The child's run on forms already in `dir/forms` (and `dir/identity.txt`), into a fresh `dir/peak.sqlite`. */
export async function peakRssOf(
  dir: string,
  n: number,
  { sources = false }: { sources?: boolean } = {},
): Promise<{ peakRss1000MB: number; accepted: number; parseWorker: string }> {
  for (const f of ['peak.sqlite', 'peak.sqlite-wal', 'peak.sqlite-shm', 'backups', 'originals'])
    rmSync(join(dir, f), { recursive: true, force: true });
  const bundled = sources ? null : await bundleChild();
  try {
    const args = bundled
      ? [bundled.file, dir, String(n)]
      : ['--import', 'tsx', join(__dirname, 'peak-rss-child.ts'), dir, String(n)];
    const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const last = JSON.parse(out.trim().split('\n').pop()!) as {
      maxRssKB: number;
      accepted: number;
      files: number;
      parseWorker: string;
    };
    return { peakRss1000MB: Math.round(last.maxRssKB / 1024), accepted: last.accepted, parseWorker: last.parseWorker };
  } finally {
    if (bundled) rmSync(bundled.dir, { recursive: true, force: true });
  }
}
