/**
 * Issue 13, case 3: two files of one unit in one batch: neither is committed, both are reported as duplicates
 * naming each other; the rest of the batch is imported as usual.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../../helpers/province';
import {
  cleanup,
  cloneCtx,
  codes,
  expectAccepted,
  importBatch,
  latestValues,
  messages,
  province,
  submissionsOf,
} from './helpers';

afterEach(cleanup);

describe('case 3: one unit, one file per batch', () => {
  it('So-Noi-vu.xlsx and So-Noi-vu-ban-sua.xlsx in one batch: both duplicate, naming each other', async () => {
    const p = province();
    const original = await p.form('LCA-S01', { VB_BANHANH: { value: 2 }, TT_LUOT: { total: 80, female: 45 } });
    const corrected = await p.form('LCA-S01', { VB_BANHANH: { value: 3 }, TT_LUOT: { total: 80, female: 46 } });
    const yTe = await p.form('LCA-S03', { VB_BANHANH: { value: 1 }, CBCCVC: { total: 300, female: 200 } });
    const phuong = await p.form('LCA-X01', { VB_BANHANH: { value: 5 }, DCTC: { value: 2 } });
    const files = [
      { name: 'So-Noi-vu.xlsx', bytes: original.bytes },
      { name: 'So-Y-te.xlsx', bytes: yTe.bytes },
      { name: 'So-Noi-vu-ban-sua.xlsx', bytes: corrected.bytes },
      { name: 'Phuong-Cam-Duong.xlsx', bytes: phuong.bytes },
    ];
    // the twin database gets only the other two files: what the batch must leave behind
    const twin = cloneCtx(p.ctx);
    const twinResults = await importBatch(twin, p.period.id, [files[1]!, files[3]!]);
    twinResults.forEach(expectAccepted);

    const results = await importBatch(p.ctx, p.period.id, files);
    expect(results.map((r) => r.file)).toEqual(files.map((f) => f.name));
    const [a, y, b, x] = results as [
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
    ];
    for (const [r, other] of [
      [a, 'So-Noi-vu-ban-sua.xlsx'],
      [b, 'So-Noi-vu.xlsx'],
    ] as const) {
      expect(r.status, messages(r.errors)).toBe('duplicate');
      expect(codes(r.errors)).toContain('DUPLICATE_IN_BATCH');
      expect(messages(r.errors)).toContain(other);
      expect(r.revision).toBeNull();
      expect(r.submissionId).toBeNull();
    }
    expectAccepted(y);
    expectAccepted(x);
    expect(y.unit).toBe('LCA-S03');
    expect(x.unit).toBe('LCA-X01');
    expect(submissionsOf(p.ctx, p.period.id, 'LCA-S01')).toBe(0);
    expect(latestValues(p.ctx, p.period.id, 'LCA-S01')).toEqual([]);
    // exactly what importing the other two alone writes, the inbox aside: the two duplicates are recorded there
    // (their entries and their originals), nothing else
    const { import_attempts: entries, files: originals, ...after } = tableCounts(p.ctx);
    const { import_attempts: twinEntries, files: twinOriginals, ...expected } = tableCounts(twin);
    expect(after).toEqual(expected);
    expect(entries! - twinEntries!).toBe(2);
    expect(originals! - twinOriginals!).toBe(2);
    expect(latestValues(p.ctx, p.period.id, 'LCA-S03')).toEqual(latestValues(twin, p.period.id, 'LCA-S03'));
  });

  it('after the officer imports the right one alone, it is revision 1 with its figures', async () => {
    const p = province();
    const original = await p.form('LCA-S01', { VB_BANHANH: { value: 2 } });
    const corrected = await p.form('LCA-S01', { VB_BANHANH: { value: 3 } });
    await importBatch(p.ctx, p.period.id, [
      { name: 'So-Noi-vu.xlsx', bytes: original.bytes },
      { name: 'So-Noi-vu-ban-sua.xlsx', bytes: corrected.bytes },
    ]);
    const [r] = await importBatch(p.ctx, p.period.id, [{ name: 'So-Noi-vu-ban-sua.xlsx', bytes: corrected.bytes }]);
    expectAccepted(r!);
    expect(r!.revision).toBe(1);
    expect(latestValues(p.ctx, p.period.id, 'LCA-S01')).toEqual([
      { element: 'VB_BANHANH', cell: 'value', value: { state: 'number', value: 3 } },
    ]);
  });

  it('files of one unit in separate batches are revisions as before', async () => {
    const p = province();
    const [r1] = await importBatch(p.ctx, p.period.id, [await p.form('LCA-S01', { VB_BANHANH: { value: 2 } })]);
    const [r2] = await importBatch(p.ctx, p.period.id, [await p.form('LCA-S01', { VB_BANHANH: { value: 3 } })]);
    expectAccepted(r1!);
    expectAccepted(r2!);
    expect([r1!.revision, r2!.revision]).toEqual([1, 2]);
  });
});
