/**
 * Hostile and broken files (issue point 3), the full corpus: 300+ seeded files derived from real filled forms
 * (plus 200,000-row sheets and 100–200 MB zip bombs) imported in ONE batch by the real CLI
 * (`bdg import --json`). No crash, no hang (each file answered; a generous bound detects a hang, it is not a
 * speed test), peak RSS of the import process bounded, every file gets a result with a Vietnamese message and no
 * stack or English exception text, rejected files leave the database unchanged, accepted ones are exact.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { freshCopy, prepareBatch, ROOT, rowKey, runImport, seedFromEnv } from './lib/batch';
import { buildCorpus, FULL, messageProblems } from './lib/corpus';

const HANG_MS = 15_000;
const MAX_RSS_MB = 2048;

interface CliResult {
  file: string;
  status: 'accepted' | 'rejected' | 'unchanged' | 'unidentified' | 'duplicate';
  unit: string | null;
  submissionId?: number | null;
  errors: Array<{ message: string }>;
  warnings: Array<{ message: string }>;
}

function counts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { name } of db
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>)
    out[name] = (db.prepare(`SELECT count(*) n FROM "${name}"`).get() as { n: number }).n;
  return out;
}

describe('the full hostile corpus in one CLI batch', () => {
  it('answers every file in Vietnamese, without crash, hang or unbounded memory; rejected files change nothing', async () => {
    const seed = seedFromEnv('hostile-corpus-full');
    const dir = tmpDir('bdg-corpus-');
    const batch = await prepareBatch(join(dir, 'batch'), 5, seed);
    const db = freshCopy(batch, join(dir, 'db'));
    // the five units reported already (through the CLI too): their stored values must never move
    const first = await runImport(db, batch);
    expect(first.code, first.stderr).toBe(0);
    const forms = batch.files.map((p) => ({
      name: basename(p),
      bytes: new Uint8Array(readFileSync(p)),
      unit: [...batch.fileSha.keys()][batch.files.indexOf(p)]!,
    }));
    const corpus = buildCorpus(forms, seed, FULL, { heavy: true });
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const corpusDir = join(dir, 'corpus');
    mkdirSync(corpusDir);
    for (const f of corpus) writeFileSync(join(corpusDir, f.name), f.bytes);
    const byName = new Map(corpus.map((f) => [f.name, f]));

    const before = new Database(db, { readonly: true });
    const countsBefore = counts(before);
    const valuesBefore = JSON.stringify(
      before.prepare('SELECT * FROM submission_values ORDER BY submission_id, element, cell').all(),
    );
    before.close();

    // the batch, watched: progress lines give each file's time; /proc gives the peak RSS
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main/hosts/cli/main.ts',
        'import',
        '--db',
        db,
        '--period',
        String(batch.periodId),
        corpusDir,
        '--json',
      ],
      { cwd: ROOT, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    const starts: Array<{ i: number; at: number }> = [];
    let hung: string | null = null;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited
      }
      const last = starts.at(-1);
      if (last && Date.now() - last.at > 4 * HANG_MS) {
        hung = `no answer for file ${last.i} (${corpus[last.i - 1]?.name}) after ${4 * HANG_MS} ms`;
        child.kill('SIGKILL');
      }
    }, 100);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // reading is what a hostile file can make slow: one "Đang đọc k/n" line as each file starts to be read
      for (const m of d.toString().matchAll(/Đang đọc (\d+)\//g)) starts.push({ i: Number(m[1]), at: Date.now() });
    });
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    const endedAt = Date.now();
    clearInterval(poll);
    expect(hung).toBeNull();
    expect(code, stderr.slice(-2000)).toBe(0);

    const results = (JSON.parse(stdout.trim().split('\n').at(-1)!) as { results: CliResult[] }).results;
    expect(results).toHaveLength(corpus.length);
    const problems: string[] = [];
    const times = starts.map((s, k) => ({ i: s.i, ms: (starts[k + 1]?.at ?? endedAt) - s.at }));
    for (const t of times) {
      if (t.ms > HANG_MS) problems.push(`${corpus[t.i - 1]?.name}: answered after ${t.ms} ms (hang?)`);
    }
    const after = new Database(db, { readonly: true });
    const tally = { accepted: 0, rejected: 0, unchanged: 0, unidentified: 0, duplicate: 0 };
    const newSubs: number[] = [];
    for (const r of results) {
      const f = byName.get(basename(r.file));
      const where = `${basename(r.file)} (${f?.kind}; seed ${seed})`;
      if (!f) {
        problems.push(`${where}: not a corpus file`);
        continue;
      }
      tally[r.status]++;
      for (const p of messageProblems(r)) problems.push(`${where}: ${p}`);
      if (r.status === 'accepted') {
        if (!f.mayAccept) problems.push(`${where}: a broken file was ACCEPTED`);
        const sub = after
          .prepare(
            'SELECT s.id FROM submissions s JOIN units u ON u.id = s.unit_id WHERE u.code = ? AND s.file_name = ? ORDER BY s.id DESC',
          )
          .get(r.unit, basename(r.file)) as { id: number } | undefined;
        if (!sub) {
          problems.push(`${where}: accepted but not stored`);
          continue;
        }
        newSubs.push(sub.id);
        const got = new Map(
          (
            after
              .prepare('SELECT element, cell, state, num, text FROM submission_values WHERE submission_id = ?')
              .all(sub.id) as Array<{
              element: string;
              cell: string;
              state: string;
              num: number | null;
              text: string | null;
            }>
          ).map((v) => [`${v.element}.${v.cell}`, rowKey(v)]),
        );
        const want = batch.expected.get(f.source ?? '');
        const same = !!want && JSON.stringify([...got].sort()) === JSON.stringify([...want].sort());
        if (!same && !(f.differsOnlyWithWarning && r.warnings.length > 0))
          problems.push(`${where}: accepted with figures different from the unit's form`);
      }
    }
    // rejected and unchanged files wrote nothing but their inbox entry: the only other growth is the accepted
    // submissions
    const countsAfter = counts(after);
    const valuesOld = JSON.stringify(
      after
        .prepare(
          `SELECT * FROM submission_values WHERE submission_id NOT IN (${newSubs.join(',') || '0'}) ORDER BY submission_id, element, cell`,
        )
        .all(),
    );
    const integrity = after.pragma('integrity_check', { simple: true });
    after.close();
    if (valuesOld !== valuesBefore) problems.push('values stored before the batch changed');
    for (const [t, n] of Object.entries(countsBefore)) {
      const grew = countsAfter[t]! - n;
      const allowed = ['submissions', 'import_attempts', 'files', 'submission_values', 'findings', 'audit_log'];
      if (grew !== 0 && !allowed.includes(t)) problems.push(`table ${t} changed by ${grew}`);
    }
    if (countsAfter.submissions! - countsBefore.submissions! !== tally.accepted)
      problems.push(
        `submissions grew by ${countsAfter.submissions! - countsBefore.submissions!}, accepted ${tally.accepted}`,
      );
    // every file answered is one inbox entry, whatever its outcome
    if (countsAfter.import_attempts! - countsBefore.import_attempts! !== results.length)
      problems.push('import attempts grew by other than one entry per file answered');
    if (countsAfter.audit_log! - countsBefore.audit_log! !== tally.accepted)
      problems.push('audit log grew by more than the accepted files');
    const slowest = [...times].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(
      `[hostile corpus, CLI] seed=${seed} files=${corpus.length} accepted=${tally.accepted} rejected=${tally.rejected} unidentified=${tally.unidentified} ` +
        `unchanged=${tally.unchanged} peakRSS=${Math.round(peakKb / 1024)} MB slowest=${slowest
          .map((t) => `${corpus[t.i - 1]?.name} ${t.ms} ms`)
          .join(', ')}`,
    );
    expect(problems).toEqual([]);
    expect(integrity).toBe('ok');
    expect(peakKb / 1024).toBeLessThan(MAX_RSS_MB);
    expect(peakKb).toBeGreaterThan(0);
  });
});
