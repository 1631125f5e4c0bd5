/**
 * Writes tests/fixtures/imports/reference.json: what the import answers and stores for the equality corpus
 * (tests/integration/imports/corpus.ts). Run once with the code the reference is to hold
 * (`npx tsx scripts/import-reference.ts`); tests/integration/imports/equality.test.ts compares today's code with it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shutdownParsePool } from '../src/main/excel/parse-pool';
import { runCorpus } from '../tests/integration/imports/corpus';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-ref-'));
  try {
    const out = await runCorpus(dir);
    const target = resolve(__dirname, '../tests/fixtures/imports/reference.json');
    mkdirSync(resolve(target, '..'), { recursive: true });
    writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
    process.stderr.write(`${target}\n`);
  } finally {
    await shutdownParsePool();
    rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
