/**
 * The child of peakRss1000MB (scripts/bench/peak-rss.ts): imports the forms in `dir/forms` into a fresh database
 * of `n` units in ONE `imports.batch` call through dispatch, and prints its peak RSS. peak-rss.ts bundles this file
 * as the built app is bundled (scripts/build-cli.mjs: the parse worker beside it) and runs it with plain node, so
 * the figure is the app's memory, not that of a TypeScript loader compiling the sources in the same process.
 *
 *   node <bundle of this file> DIR N      (or from the sources: npx tsx scripts/bench/peak-rss-child.ts DIR N)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dispatch } from '../../src/main/api/dispatch';
import { findWorkerEntry, shutdownParsePool } from '../../src/main/excel/parse-pool';
import { freshDatabase } from './forms';

async function child(dir: string, n: number): Promise<void> {
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
      `${JSON.stringify({
        maxRssKB: process.resourceUsage().maxRSS,
        accepted,
        files: files.length,
        // the worker the forms were parsed in (none: parsed in this thread, which the app never does)
        parseWorker: basename(findWorkerEntry() ?? ''),
      })}\n`,
    );
  } finally {
    ctx.close();
    await shutdownParsePool();
  }
}

child(process.argv[2]!, Number(process.argv[3])).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
