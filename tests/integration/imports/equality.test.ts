/**
 * Issue 20: the faster import gives the same answers and stores the same rows as the import before it, on the
 * existing fixtures and on bench-like generated files (equality, not time). The reference was written by
 * scripts/import-reference.ts with the code before any of the import's speed-ups.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../../helpers/tmp';
import { runCorpus } from './corpus';

const reference = JSON.parse(readFileSync(join(__dirname, '../../fixtures/imports/reference.json'), 'utf8')) as Record<
  string,
  unknown
>;

describe('the import answers and stores exactly what it did before it was made faster', () => {
  const dir = tmpDir('bdg-equality-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let got: Record<string, unknown> | undefined;
  const corpus = async (): Promise<Record<string, unknown>> => (got ??= await runCorpus(dir));

  it('the same fixture files', async () => {
    expect((await corpus()).fixtureNames).toEqual(reference.fixtureNames);
  }, 120_000);
  it('fixtures one file at a time: every answer, value, finding, inbox entry and audit entry', async () => {
    expect((await corpus()).fixturesFile).toEqual(reference.fixturesFile);
  }, 120_000);
  it('fixtures as one batch', async () => {
    expect((await corpus()).fixturesBatch).toEqual(reference.fixturesBatch);
  }, 120_000);
  it('generated forms: new revisions, unchanged, blanking, duplicates', async () => {
    expect((await corpus()).generated).toEqual(reference.generated);
  }, 120_000);
  it("forms with the year's plan's task rows", async () => {
    expect((await corpus()).plan).toEqual(reference.plan);
  }, 120_000);
});
