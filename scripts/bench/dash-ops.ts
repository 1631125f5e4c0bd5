/**
 * The dashboard's operations timed through the dispatcher on a copy of a national database, in a NEW period
 * (every unit missing), cold (the first call right after creating the period) then warm, in the order the page
 * asks for them. `npx tsx scripts/bench/dash-ops.ts --db FILE` (FILE is copied, never written).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createContext } from '../../src/main/api/context';
import { createPeriod } from '../../src/main/services/periods';
import { call, now, round } from './util';

async function main() {
  const at = process.argv.indexOf('--db');
  if (at < 0) throw new Error('--db FILE');
  const dir = mkdtempSync(join(tmpdir(), 'bdg-dash-ops-'));
  const path = join(dir, 'n.sqlite');
  copyFileSync(resolve(process.argv[at + 1]!), path);
  const ctx = createContext(path, { today: () => '2026-06-10' });
  try {
    const period = createPeriod(ctx.db, { year: 2027, kind: 'half_year' });
    const ops: Array<[string, unknown]> = [
      ['settings.get', {}],
      ['app.info', {}],
      ['periods.list', {}],
      ['status.get', { periodId: period.id }],
      ['consolidation.get', { periodId: period.id }],
      ['imports.recent', { periodId: period.id, limit: 10 }],
      ['submissions.list', { periodId: period.id }],
      ['catalog.get', {}],
    ];
    for (const round_ of ['cold', 'warm']) {
      const line: string[] = [];
      for (const [op, input] of ops) {
        const t0 = now();
        const out = await call(ctx, op as never, input as never);
        line.push(`${op} ${round(now() - t0)} ms ${JSON.stringify(out).length} B`);
      }
      console.log(`${round_}: ${line.join('; ')}`);
    }
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
void main();
