/**
 * Issue 20: what the import keeps per connection between files (services/imports/stable-reads.ts: the unit register,
 * the period and template rows, the province, the identity, the officer) is never served stale: every write to
 * units, periods, templates or settings clears it, so does another connection's commit; nothing is kept inside a
 * transaction. And through the import itself: a period closed between two files refuses the second, a unit added
 * between two files is recognised.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { getCatalog } from '../../../src/main/services/catalog';
import { stableRead } from '../../../src/main/services/imports/stable-reads';
import { createPeriod } from '../../../src/main/services/periods';
import { databaseId, setMeta } from '../../../src/main/services/settings';
import { saveUnit } from '../../../src/main/services/units';
import { exportTemplates } from '../../../src/main/services/templates';
import type { ImportResult } from '../../../src/shared/domain/report';
import type { Result } from '../../../src/shared/result';
import { tmpCtx } from '../../helpers/tmp';

let ctx: ReturnType<typeof tmpCtx> | undefined;
afterEach(() => ctx?.dispose());

describe('the reads the import keeps between files', () => {
  it('are read again after any write to units, periods, templates or settings, or another connection’s commit', () => {
    ctx = tmpCtx({ today: () => '2026-06-20' });
    const c = ctx;
    createPeriod(c.db, { year: 2026, kind: 'half_year' });
    let reads = 0;
    const read = () => stableRead(c.raw, 'probe', () => ++reads);
    expect(read()).toBe(1);
    expect(read()).toBe(1);
    // a write elsewhere (an import's tables) keeps it
    c.raw.exec(
      "INSERT INTO import_attempts (file_name, sha256, status, errors, warnings) VALUES ('a', 'b', 'rejected', '[]', '[]')",
    );
    expect(read()).toBe(1);
    const writes = [
      "INSERT INTO units (code, name, search_key, kind) VALUES ('Z1', 'z', 'z', 'xa')",
      "UPDATE units SET name = 'z2' WHERE code = 'Z1'",
      "DELETE FROM units WHERE code = 'Z1'",
      "UPDATE periods SET note = 'x'",
      "UPDATE templates SET name = name || ''",
      "INSERT OR REPLACE INTO settings (key, value) VALUES ('probe', '1')",
    ];
    let want = 1;
    for (const w of writes) {
      c.raw.exec(w);
      expect(read(), w).toBe(++want);
      expect(read(), w).toBe(want);
    }
    // another connection commits
    const other = new Database(c.dbPath);
    other.exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('probe', '2')");
    other.close();
    expect(read()).toBe(++want);
    expect(read()).toBe(want);
    // inside a transaction: read every time, and nothing kept from it (the value held before is still right)
    const before = want;
    c.raw.transaction(() => {
      expect(read()).toBe(++want);
      expect(read()).toBe(++want);
    })();
    expect(read()).toBe(before);
    // a write rolled back: the count rolls back with it, and what is served is what the data is again
    expect(() =>
      c.raw.transaction(() => {
        c.raw.exec("UPDATE units SET name = 'tạm'");
        expect(read()).toBe(++want);
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(read()).toBe(before);
  });

  it('through the import: a unit added between two files is known; a period closed between two files refuses the next', async () => {
    ctx = tmpCtx({ today: () => '2026-06-20' });
    const c = ctx;
    saveUnit(c.db, { code: 'BM-1', name: 'Đơn vị thử 1', kind: 'xa' });
    saveUnit(c.db, { code: 'BM-2', name: 'Đơn vị thử 2', kind: 'xa' });
    const periodId = createPeriod(c.db, { year: 2026, kind: 'half_year' }).id;
    const catalog = getCatalog(c.db);
    const fill = async (f: { name: string; bytes: Uint8Array }, seed: number) => {
      const figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, seed);
      return { name: f.name, bytes: await fillForm(f.bytes, toFill(figures), catalog.cellLabels) };
    };
    const forms = await exportTemplates(c.db, periodId);
    // the form of a unit this database does not have yet: made by a database with the same identity
    const twin = tmpCtx({ today: () => '2026-06-20' });
    let newcomer: { name: string; bytes: Uint8Array };
    try {
      setMeta(twin.db, 'databaseId', databaseId(c.db)!);
      saveUnit(twin.db, { code: 'BM-3', name: 'Đơn vị thử 3', kind: 'xa' });
      const twinPeriod = createPeriod(twin.db, { year: 2026, kind: 'half_year' }).id;
      newcomer = (await exportTemplates(twin.db, twinPeriod)).find((f) => f.unit === 'BM-3')!;
    } finally {
      twin.dispose();
    }
    const one = async (file: { name: string; bytes: Uint8Array }) =>
      (await dispatch(c, 'imports.file', {
        periodId,
        file,
        receivedAt: '2026-06-05',
        batchId: 'b',
      })) as Result<ImportResult>;
    const first = await one(
      await fill(
        forms.find((f) => f.unit === 'BM-1')!,
        1001,
      ),
    );
    expect(first.ok && first.data.status).toBe('accepted');

    // the register was built for the first file; the unit added now must be found for the next
    const added = saveUnit(c.db, { code: 'BM-3', name: 'Đơn vị thử 3', kind: 'xa' });
    c.raw.prepare('INSERT INTO period_units (period_id, unit_id) VALUES (?, ?)').run(periodId, added.id);
    const third = await one(await fill(newcomer, 1003));
    expect(third.ok && third.data.status, JSON.stringify(third)).toBe('accepted');

    expect((await dispatch(c, 'periods.setStatus', { id: periodId, status: 'closed' })).ok).toBe(true);
    const second = await one(
      await fill(
        forms.find((f) => f.unit === 'BM-2')!,
        1002,
      ),
    );
    expect(second.ok && second.data.status).toBe('rejected');
    expect(second.ok && second.data.errors.map((e) => e.code)).toContain('PERIOD_CLOSED');
  });
});
