/**
 * Issue 20, the import's writing side: migration 0007 takes a revision's own audit entry (its import, or its entry
 * by hand) out of audit_entity_idx and its accepted inbox entry out of import_attempts_period_idx, and points the
 * revision at both (submissions.audit_id, submissions.entry_id), so an accepted file's ONE transaction writes no page
 * of either index. Proved here: the migration keeps every row of every table and fills the pointers from the entries
 * already there; `audit.list` gives exactly what the old whole-index query gave (every submission, every other
 * entity, the whole log) and a period's inbox, import history and attempts exactly the rows `period_id = ?` gave,
 * on an old database, on the v0.1.0 fixture and after imports, refusals, corrections and a withdrawal; the queries
 * use the indexes; the WAL of an import holds no page of either.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { applyMigrations, migrations } from '../../../src/main/db/migrate';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { inboxOfPeriod } from '../../../src/main/db/schema';
import { listAudit } from '../../../src/main/services/audit';
import { periodEntries } from '../../../src/main/services/inbox';
import { recentImports } from '../../../src/main/services/imports/history';
import { getCatalog } from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import { saveUnit } from '../../../src/main/services/units';
import { exportTemplates } from '../../../src/main/services/templates';
import type { AuditEntry } from '../../../src/shared/domain/records';
import type { ImportResult } from '../../../src/shared/domain/report';
import type { Result } from '../../../src/shared/result';
import { tmpDir } from '../../helpers/tmp';

const before0007 = migrations.slice(
  0,
  migrations.findIndex((m) => m.tag.startsWith('0007')),
);

/** What `audit.list` gave before 0007: every entry of the entity (or all), newest first, read without any index. */
function oldList(raw: Database.Database, q: { entity?: string; entityId?: string; limit: number }): AuditEntry[] {
  const where = [q.entity ? 'entity = @entity' : '', q.entityId ? 'entity_id = @entityId' : ''].filter(Boolean);
  const rows = raw
    .prepare(
      `SELECT * FROM audit_log NOT INDEXED ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
    )
    .all({ entity: q.entity, entityId: q.entityId, limit: q.limit }) as Array<Record<string, string | number | null>>;
  return rows.map((r) => ({
    id: r.id as number,
    at: r.at as string,
    actor: r.actor as string,
    action: r.action as string,
    entity: r.entity as string,
    entityId: r.entity_id as string,
    before: r.before ? (JSON.parse(r.before as string) as unknown) : null,
    after: r.after ? (JSON.parse(r.after as string) as unknown) : null,
    reason: r.reason as string | null,
  }));
}

/** `audit.list` as the app answers it, against the old query, for every entity and id in the log and the whole log. */
async function expectSameAudit(ctx: Ctx): Promise<number> {
  const keys = ctx.raw.prepare('SELECT DISTINCT entity, entity_id AS entityId FROM audit_log').all() as Array<{
    entity: string;
    entityId: string;
  }>;
  const submissionIds = ctx.raw.prepare('SELECT CAST(id AS TEXT) FROM submissions').pluck().all() as string[];
  const queries = [
    ...keys.map((k) => ({ ...k, limit: 200 })),
    ...submissionIds.map((entityId) => ({ entity: 'submission', entityId, limit: 200 })),
    ...[...new Set(keys.map((k) => k.entity))].map((entity) => ({ entity, limit: 1000 })),
    { entity: 'submission', entityId: '017', limit: 200 },
    { entity: 'submission', entityId: 'x', limit: 200 },
    { limit: 1000 },
    { limit: 2 },
  ];
  for (const q of queries) {
    const r = (await dispatch(ctx, 'audit.list', q)) as Result<AuditEntry[]>;
    expect(r.ok && r.data, JSON.stringify(q)).toEqual(oldList(ctx.raw, q));
  }
  return queries.length;
}

/** A period's inbox entries as the inbox, the import history and the shared condition read them, against the old query. */
function expectSameInbox(ctx: Ctx): number {
  const periods = ctx.raw
    .prepare('SELECT id FROM periods UNION SELECT period_id FROM import_attempts WHERE period_id IS NOT NULL')
    .pluck()
    .all() as number[];
  let entries = 0;
  for (const p of [...periods, 999]) {
    const old = ctx.raw
      .prepare('SELECT id FROM import_attempts NOT INDEXED WHERE period_id = ? ORDER BY id DESC')
      .pluck()
      .all(p) as number[];
    entries += old.length;
    expect(
      periodEntries(ctx, p).map((e) => e.id),
      `inbox ${p}`,
    ).toEqual(old);
    expect(
      recentImports(ctx.db, p, 1000).map((e) => e.id),
      `history ${p}`,
    ).toEqual(old);
    expect(
      ctx.raw
        .prepare(`SELECT a.id FROM import_attempts a WHERE ${inboxOfPeriod('@p')} ORDER BY a.id DESC`)
        .pluck()
        .all({ p }),
      `condition ${p}`,
    ).toEqual(old);
  }
  return entries;
}

const dumpAll = (raw: Database.Database): Record<string, unknown[]> =>
  Object.fromEntries(
    (
      raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all() as string[]
    ).map((t) => [t, raw.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]),
  );

describe('migration 0007: a revision points at its audit and inbox entries; their indexes leave them out', () => {
  it('keeps every row of every table, fills the pointers from the entries there; audit.list and the inbox as before', async () => {
    const dir = tmpDir();
    const path = join(dir, 'old.sqlite');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    applyMigrations(raw, before0007);
    raw.exec(
      "INSERT INTO templates (code, version, name, period_kinds, rows) VALUES ('T', 1, 't', '[]', '[]');" +
        "INSERT INTO periods (year, kind, label, data_from, data_to, deadline, template_id) VALUES (2026, 'half_year', 'k', '2026-01-01', '2026-06-30', '2026-07-15', 1);" +
        "INSERT INTO units (code, name, search_key, kind) VALUES ('U1', 'u', 'u', 'xa'), ('U2', 'v', 'v', 'xa');" +
        "INSERT INTO files (sha256, size, bytes) VALUES ('aa', 1, x'01');" +
        "INSERT INTO submissions (id, period_id, unit_id, revision, received_at, file_name, sha256) VALUES (3, 1, 1, 1, '2026-06-01', 'a.xlsx', 'aa'), (17, 1, 1, 2, '2026-06-02', 'b.xlsx', 'aa'), (18, 1, 2, 1, '2026-06-02', 'c.xlsx', 'aa'), (20, 1, 2, 2, '2026-06-03', 'd.xlsx', 'aa');" +
        'UPDATE submissions SET superseded_by = 17 WHERE id = 3;' +
        "INSERT INTO submission_values (submission_id, element, cell, state, num) VALUES (3, 'E1', 'value', 'number', 1), (17, 'E1', 'value', 'number', 2);" +
        // a revision's own entries (import, enter), later entries of the same revisions, other entities' imports
        "INSERT INTO audit_log (id, actor, action, entity, entity_id, after) VALUES (2, 'x', 'import', 'submission', '3', '{\"revision\":1}'), (5, 'x', 'create', 'unit', '2', '{}'), (8, 'x', 'import', 'submission', '17', '{\"revision\":2}'), (9, 'x', 'enter', 'submission', '18', '{}'), (11, 'x', 'import', 'unit', '1', '{}'), (12, 'x', 'import', 'plan', '2026', '{}');" +
        "INSERT INTO audit_log (id, actor, action, entity, entity_id, before, after, reason) VALUES (14, 'x', 'correct', 'submission', '17', '{\"v\":1}', '{\"v\":2}', 'sai số'), (15, 'x', 'withdraw', 'submission', '17', NULL, '{}', 'rút lại'), (16, 'x', 'status', 'submission', '3', '{}', '{}', NULL);" +
        // the inbox: the revisions' accepted entries (not in id order of their revisions), refused ones, one of no
        // period, one of another period
        "INSERT INTO periods (year, kind, label, data_from, data_to, deadline, template_id) VALUES (2025, 'year', 'k2', '2025-01-01', '2025-12-31', '2026-01-15', 1);" +
        "INSERT INTO import_attempts (id, period_id, file_name, sha256, status, unit_code, revision, submission_id, errors, warnings) VALUES (4, 1, 'a.xlsx', 'aa', 'accepted', 'U1', 1, 3, '[]', '[]'), (6, 1, 'r.xlsx', 'aa', 'rejected', NULL, NULL, NULL, '[{}]', '[]'), (7, NULL, 'q.xlsx', 'aa', 'rejected', NULL, NULL, NULL, '[]', '[]'), (9, 1, 'b.xlsx', 'aa', 'accepted', 'U1', 2, 17, '[]', '[]'), (10, 2, 'z.xlsx', 'aa', 'unidentified', NULL, NULL, NULL, '[]', '[]'), (12, 1, 'c.xlsx', 'aa', 'accepted', 'U2', 1, 18, '[]', '[]'), (13, 1, 'c.xlsx', 'aa', 'unchanged', 'U2', 1, 18, '[]', '[]'), (21, 1, 'd.xlsx', 'aa', 'accepted', 'U2', 2, 20, '[]', '[]');",
    );
    const before = dumpAll(raw);
    expect(applyMigrations(raw)).toEqual(migrations.slice(before0007.length).map((m) => m.tag));
    const after = dumpAll(raw);
    // every row of every table as it was; submissions only gained the pointer
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const t of Object.keys(before)) {
      if (t === '__drizzle_migrations') continue;
      const rows =
        t === 'submissions'
          ? after[t]!.map((r) => ({ ...(r as object), audit_id: undefined, entry_id: undefined }))
          : after[t];
      expect(rows, t).toEqual(
        t === 'submissions'
          ? before[t]!.map((r) => ({ ...(r as object), audit_id: undefined, entry_id: undefined }))
          : before[t],
      );
    }
    expect(raw.prepare('SELECT id, audit_id, entry_id FROM submissions ORDER BY id').all()).toEqual([
      { id: 3, audit_id: 2, entry_id: 4 },
      { id: 17, audit_id: 8, entry_id: 9 },
      { id: 18, audit_id: 9, entry_id: 12 },
      { id: 20, audit_id: null, entry_id: 21 },
    ]);
    expect(raw.prepare("SELECT sum(ncell) FROM dbstat WHERE name = 'import_attempts_period_idx'").pluck().get()).toBe(
      4,
    );
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    // the index holds every entry but the revisions' own (in an index B-tree every cell is one entry)
    expect(raw.prepare("SELECT sum(ncell) FROM dbstat WHERE name = 'audit_entity_idx'").pluck().get()).toBe(6);
    expect(raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(9);
    raw.close();

    const ctx = createContext(path, { today: () => '2026-06-20' });
    try {
      expect(await expectSameAudit(ctx)).toBeGreaterThan(10);
      expect(expectSameInbox(ctx)).toBe(7);
      // a period's inbox reads its refused entries through the period index, its accepted ones through the revisions
      const inboxPlan = (
        ctx.raw
          .prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM import_attempts a WHERE ${inboxOfPeriod('@p')} ORDER BY a.id`)
          .all({ p: 1 }) as Array<{ detail: string }>
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(inboxPlan).toMatch(/import_attempts USING (COVERING )?INDEX import_attempts_period_idx/);
      expect(inboxPlan).toMatch(/submissions USING (COVERING )?INDEX submissions_period_idx/);
      expect(inboxPlan).not.toMatch(/SCAN (a|import_attempts)\b/);
      // a submission's audit reads its own entry by id and the rest through the index; another entity's through the index
      const plan = (sql: string, ...p: unknown[]) =>
        (ctx.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join(' | ');
      const listed = listAudit(ctx.db, { entity: 'submission', entityId: '17', limit: 200 });
      expect(listed.map((e) => e.id)).toEqual([15, 14, 8]);
      expect(
        plan(
          "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? AND NOT (entity = 'submission' AND action IN ('import', 'enter')) ORDER BY id DESC",
          'unit',
          '2',
        ),
      ).toMatch(/USING INDEX audit_entity_idx/);
      expect(
        plan(
          "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? AND NOT (entity = 'submission' AND action IN ('import', 'enter')) ORDER BY id DESC",
          'submission',
          '17',
        ),
      ).toMatch(/USING INDEX audit_entity_idx/);
    } finally {
      ctx.close();
    }
  });

  it('the v0.1.0 fixture, restored and upgraded: every revision points at its entries, audit.list and the inbox as before', async () => {
    const dir = tmpDir();
    const ctx = createContext(join(dir, 'live.sqlite'), { today: () => '2026-06-20' });
    try {
      const old = readFileSync(join(__dirname, '../../fixtures/db/v0.1.0.sqlite'));
      const ro = new Database(join(__dirname, '../../fixtures/db/v0.1.0.sqlite'), { readonly: true });
      const oldAudit = ro.prepare('SELECT * FROM audit_log ORDER BY id').all();
      const own = ro
        .prepare(
          "SELECT CAST(entity_id AS INTEGER) AS id, id AS audit_id FROM audit_log WHERE entity = 'submission' AND action = 'import' ORDER BY 1",
        )
        .all();
      const entries = ro
        .prepare("SELECT submission_id AS id, id AS entry_id FROM import_attempts WHERE status = 'accepted' ORDER BY 1")
        .all();
      ro.close();
      const r = await dispatch(ctx, 'backup.restoreFile', {
        file: { name: 'v0.1.0.sqlite', bytes: new Uint8Array(old) },
        force: true,
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      // every entry kept (the upgrade adds its own after them: the catalogue's new version)
      expect(ctx.raw.prepare('SELECT * FROM audit_log ORDER BY id LIMIT ?').all(oldAudit.length)).toEqual(oldAudit);
      expect(ctx.raw.prepare('SELECT id, audit_id FROM submissions ORDER BY id').all()).toEqual(own);
      expect(own.length).toBe(11);
      expect(ctx.raw.prepare('SELECT id, entry_id FROM submissions ORDER BY id').all()).toEqual(entries);
      await expectSameAudit(ctx);
      expect(expectSameInbox(ctx)).toBe(11);
      expect(await dispatch(ctx, 'db.check', {})).toEqual({ ok: true, data: { integrity: 'ok', foreignKeys: 'ok' } });
    } finally {
      ctx.close();
    }
  });

  it("imports, refusals, a correction and a withdrawal: audit.list and the inbox as before; an import's WAL holds no page of either index", async () => {
    const dir = tmpDir();
    const path = join(dir, 'w.sqlite');
    const ctx = createContext(path, { today: () => '2026-06-20' });
    try {
      for (let i = 1; i <= 3; i++) saveUnit(ctx.db, { code: `BM-${i}`, name: `Đơn vị thử ${i}`, kind: 'xa' });
      const periodId = createPeriod(ctx.db, { year: 2026, kind: 'half_year' }).id;
      const catalog = getCatalog(ctx.db);
      const forms = (await exportTemplates(ctx.db, periodId)).filter((f) => f.unit !== null);
      const filled = async (i: number, seed: number) => {
        const f = forms[i]!;
        const figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, seed);
        return { name: f.name, bytes: await fillForm(f.bytes, toFill(figures), catalog.cellLabels) };
      };
      const imp = async (file: { name: string; bytes: Uint8Array }) => {
        const r = (await dispatch(ctx, 'imports.file', {
          periodId,
          file,
          receivedAt: '2026-06-05',
          allowBlanking: true,
        })) as Result<ImportResult>;
        expect(r.ok && r.data.status, JSON.stringify(r)).toBe('accepted');
        return r.ok ? r.data : null;
      };
      await imp(await filled(0, 1001));
      await imp(await filled(1, 1002));
      await imp(await filled(0, 1003)); // a second revision of the first unit
      // a correction of a figure of the first unit's revision, and the withdrawal of the second unit's
      const newest = ctx.raw
        .prepare('SELECT id FROM submissions WHERE superseded_by IS NULL ORDER BY id DESC LIMIT 1')
        .pluck()
        .get() as number;
      const cv = ctx.raw
        .prepare('SELECT element, cell FROM submission_values WHERE submission_id = ? LIMIT 1')
        .get(newest) as { element: string; cell: string };
      const corrected = await dispatch(ctx, 'submissions.correct', {
        id: newest,
        element: cv.element,
        cell: cv.cell,
        value: { state: 'number', value: 7 },
        reason: 'đơn vị báo sửa',
      });
      expect(corrected.ok, JSON.stringify(corrected)).toBe(true);
      const withdrawn = await dispatch(ctx, 'submissions.withdraw', {
        periodId,
        unitCode: 'BM-2',
        reason: 'gửi nhầm kỳ',
      });
      expect(withdrawn.ok, JSON.stringify(withdrawn)).toBe(true);
      // every revision points at its own import entry
      expect(
        ctx.raw
          .prepare(
            "SELECT count(*) FROM submissions s JOIN audit_log a ON a.id = s.audit_id AND a.entity = 'submission' AND a.entity_id = CAST(s.id AS TEXT) AND a.action = 'import'",
          )
          .pluck()
          .get(),
      ).toBe(3);
      // a refused file and a new revision of the second unit (after its withdrawal), in the inbox
      const refused = (await dispatch(ctx, 'imports.file', {
        periodId,
        file: { name: 'hong.xlsx', bytes: new Uint8Array([1, 2, 3]) },
      })) as Result<ImportResult>;
      expect(refused.ok && refused.data.status).toBe('rejected');
      await dispatch(ctx, 'imports.file', { periodId, file: await filled(1, 1002), receivedAt: '2026-06-06' });
      expect(
        ctx.raw
          .prepare(
            "SELECT count(*) FROM submissions s JOIN import_attempts a ON a.id = s.entry_id AND a.submission_id = s.id AND a.status = 'accepted'",
          )
          .pluck()
          .get(),
      ).toBe(4);
      await expectSameAudit(ctx);
      expect(expectSameInbox(ctx)).toBe(5);

      // one more file, its WAL read frame by frame: no page of the entity index
      ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
      ctx.raw.pragma('wal_autocheckpoint = 0');
      await imp(await filled(2, 1004));
      const pageSize = ctx.raw.pragma('page_size', { simple: true }) as number;
      const wal = readFileSync(`${path}-wal`);
      const owner = new Map(
        (ctx.raw.prepare('SELECT pageno, name FROM dbstat').all() as Array<{ pageno: number; name: string }>).map(
          (x) => [x.pageno, x.name],
        ),
      );
      const pages: string[] = [];
      for (let p = 32; p + 24 + pageSize <= wal.length; p += 24 + pageSize)
        pages.push(owner.get(wal.readUInt32BE(p)) ?? 'other');
      expect(pages).toContain('audit_log');
      expect(pages).toContain('submissions');
      expect(pages).not.toContain('audit_entity_idx');
      expect(pages).toContain('import_attempts');
      expect(pages).not.toContain('import_attempts_period_idx');
      await expectSameAudit(ctx);
      expect(expectSameInbox(ctx)).toBe(6);
    } finally {
      ctx.close();
    }
  });
});
