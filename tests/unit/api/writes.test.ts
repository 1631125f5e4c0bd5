/**
 * The core says what a call changed, and runs writes one at a time (issue "Reshape", points 2 and 3): every
 * writing operation declares the query groups it makes stale, reads declare none, and dispatch (not the doors)
 * serialises the writes of one core.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { contract, isInvalidatedBy, OP_NAMES } from '../../../src/shared/contract';
import { tmpCtx } from '../../helpers/tmp';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

/** operations whose name says they change something */
const WRITE_VERB = /\.(save|set[A-Z]\w*|link|import|create|update|restore\w*|correct|file|batch|demo)$/;

describe('what a write invalidates', () => {
  it('every write declares what it makes stale; every read declares nothing', () => {
    for (const op of OP_NAMES) {
      const entry = contract[op];
      if (entry.writes) expect(entry.invalidates.length, op).toBeGreaterThan(0);
      else expect(entry.invalidates, op).toEqual([]);
      // a name that says "write" must be declared as one (settings.update, units.save…)
      if (WRITE_VERB.test(op) && op !== 'imports.cancel') expect(entry.writes, op).toBe(true);
    }
  });

  it('groups match by operation prefix; "*" matches everything', () => {
    expect(isInvalidatedBy('units.list', ['units'])).toBe(true);
    expect(isInvalidatedBy('units.get', ['units.get'])).toBe(true);
    expect(isInvalidatedBy('units.list', ['units.get'])).toBe(false);
    expect(isInvalidatedBy('unitsX.list', ['units'])).toBe(false);
    expect(isInvalidatedBy('consolidation.get', ['*'])).toBe(true);
    const save = contract['units.save'].invalidates;
    expect(isInvalidatedBy('status.get', save)).toBe(true);
    expect(isInvalidatedBy('catalog.get', save)).toBe(false);
  });
});

describe('dispatch runs the writes of one core one at a time', () => {
  it('two batches sent at once are answered one after the other, never interleaved', async () => {
    const ctx = tmpCtx();
    cleanup.push(() => ctx.dispose());
    const events: string[] = [];
    const seen = ctx as unknown as { emit: (e: string, p: unknown) => void };
    seen.emit = (_e, p) => {
      // every event, the reads (one await each) and the answers
      events.push((p as { batchId: string }).batchId);
    };
    const period = await dispatch(ctx, 'periods.create', { year: 2026, kind: 'year' });
    expect(period.ok).toBe(true);
    const periodId = (period as { ok: true; data: { id: number } }).data.id;
    const files = (tag: string) =>
      [1, 2, 3].map((i) => ({ name: `${tag}-${i}.xlsx`, bytes: new Uint8Array([80, 75, 3, 4, i]) }));
    const [a, b] = await Promise.all([
      dispatch(ctx, 'imports.batch', { periodId, files: files('a'), batchId: 'A' }),
      dispatch(ctx, 'imports.batch', { periodId, files: files('b'), batchId: 'B' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(events).toEqual([...Array(6).fill('A'), ...Array(6).fill('B')]);
  });
});
