/**
 * peakRss1000MB (issue 20): the peak resident memory of a process that imports 1,000 filled forms of 1,000
 * different units in ONE `imports.batch` call, as the UI sends a folder. The forms are the bench's (exportTemplates
 * + fillForm with the demo figures, scripts/bench/forms.ts), made in this process; the import runs in a child
 * process of its own (this file, run with `--child`), which reads them, imports them through dispatch and reports
 * `process.resourceUsage().maxRSS` (the whole process: the parse worker thread, SQLite and the files held).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchForms, freshDatabase } from './forms';

export const PEAK_FILES = 1000;

/** Makes the forms in `dir`, imports them in a child process; returns its peak RSS in MB and what it accepted. */
export async function peakRss1000(dir: string, n = PEAK_FILES): Promise<{ peakRss1000MB: number; accepted: number }> {
  const forms = join(dir, 'forms');
  mkdirSync(forms, { recursive: true });
  const { files, identity } = await benchForms(join(dir, 'forms-setup.sqlite'), n);
  for (const f of files) writeFileSync(join(forms, f.name), f.bytes);
  writeFileSync(join(dir, 'identity.txt'), identity);
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', dir, String(n)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = JSON.parse(out.trim().split('\n').pop()!) as { maxRssKB: number; accepted: number; files: number };
  return { peakRss1000MB: Math.round(last.maxRssKB / 1024), accepted: last.accepted };
}

async function child(dir: string, n: number): Promise<void> {
  const { dispatch } = await import('../../src/main/api/dispatch');
  const { shutdownParsePool } = await import('../../src/main/excel/parse-pool');
  const identity = readFileSync(join(dir, 'identity.txt'), 'utf8');
  const { ctx, target } = freshDatabase(join(dir, 'peak.sqlite'), n, identity);
  try {
    const forms = join(dir, 'forms');
    const files = readdirSync(forms)
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(forms, name))) }));
    const r = (await dispatch(ctx, 'imports.batch', { periodId: target, files, receivedAt: '2026-06-05' })) as {
      ok: boolean;
      data?: { results: Array<{ status: string }> };
    };
    const accepted = r.data?.results.filter((x) => x.status === 'accepted').length ?? 0;
    process.stdout.write(
      `${JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS, accepted, files: files.length })}\n`,
    );
  } finally {
    ctx.close();
    await shutdownParsePool();
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, Number(process.argv[4])).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
