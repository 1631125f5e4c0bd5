/**
 * Issue 20, the import's writing side: migration 0006 (submissions, findings, import_attempts and audit_log without
 * AUTOINCREMENT) keeps every row with its id, every foreign key and every index (submissions_period_idx included:
 * the partial sums read a period in id order through it), and an accepted file's ONE transaction then writes no
 * page of sqlite_sequence: read from the WAL itself (each frame's page, named by SQLite's dbstat).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { applyMigrations, migrations } from '../../../src/main/db/migrate';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { getCatalog } from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import { saveUnit } from '../../../src/main/services/units';
import { exportTemplates } from '../../../src/main/services/templates';
import type { ImportResult } from '../../../src/shared/domain/report';
import type { Result } from '../../../src/shared/result';
import { tmpDir } from '../../helpers/tmp';

const REBUILT = ['submissions', 'findings', 'import_attempts', 'audit_log'];
const upTo = (tag: string) =>
  migrations.slice(
    0,
    migrations.findIndex((m) => m.tag.startsWith(tag)),
  );

describe('migration 0006: fewer pages per imported file', () => {
  it('keeps every row with its id and every foreign key; ids go on after the largest; the period index is gone', () => {
    const raw = new Database(join(tmpDir(), 'a.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    applyMigrations(raw, upTo('0006'));
    raw.exec(
      "INSERT INTO templates (code, version, name, period_kinds, rows) VALUES ('T', 1, 't', '[]', '[]');" +
        "INSERT INTO periods (year, kind, label, data_from, data_to, deadline, template_id) VALUES (2026, 'half_year', 'k', '2026-01-01', '2026-06-30', '2026-07-15', 1);" +
        "INSERT INTO units (code, name, search_key, kind) VALUES ('U1', 'u', 'u', 'xa');" +
        "INSERT INTO files (sha256, size, bytes) VALUES ('aa', 1, x'01');" +
        // ids with gaps, as a database that lived has them
        "INSERT INTO submissions (id, period_id, unit_id, revision, received_at, file_name, sha256) VALUES (3, 1, 1, 1, '2026-06-01', 'a.xlsx', 'aa'), (17, 1, 1, 2, '2026-06-02', 'b.xlsx', 'aa');" +
        'UPDATE submissions SET superseded_by = 17 WHERE id = 3;' +
        "INSERT INTO submission_values (submission_id, element, cell, state, num) VALUES (3, 'E1', 'value', 'number', 1), (17, 'E1', 'value', 'number', 2);" +
        "INSERT INTO findings (id, submission_id, code, severity, message) VALUES (5, 17, 'W', 'warning', 'm');" +
        "INSERT INTO import_attempts (id, period_id, file_name, sha256, status, submission_id, errors, warnings) VALUES (2, 1, 'a.xlsx', 'aa', 'accepted', 3, '[]', '[]'), (40, 1, 'b.xlsx', 'aa', 'accepted', 17, '[]', '[]');" +
        "INSERT INTO audit_log (id, actor, action, entity, entity_id, after) VALUES (8, 'x', 'import', 'submission', '17', '{}');",
    );
    const dump = () =>
      Object.fromEntries(
        [...REBUILT, 'submission_values'].map((t) => [t, raw.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]),
      );
    const before = dump();
    expect(raw.prepare('SELECT name FROM sqlite_sequence ORDER BY name').pluck().all()).toEqual(
      expect.arrayContaining(REBUILT),
    );

    // 0006 itself keeps every row as it was (a later migration may add a column: 0007 adds submissions.audit_id)
    expect(applyMigrations(raw, upTo('0007'))).toEqual(['0006_import_write_pages']);
    expect(dump()).toEqual(before);
    expect(applyMigrations(raw)).toEqual(migrations.slice(upTo('0007').length).map((m) => m.tag));
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const t of REBUILT) {
      const sql = raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t);
      expect(sql, t).not.toMatch(/AUTOINCREMENT/i);
    }
    expect(raw.prepare('SELECT name FROM sqlite_sequence').pluck().all()).not.toEqual(
      expect.arrayContaining(['submissions']),
    );
    // the children still point at the rebuilt parent
    const fk = (t: string) => (raw.pragma(`foreign_key_list(${t})`) as Array<{ table: string }>).map((r) => r.table);
    expect(fk('submission_values')).toEqual(['submissions']);
    expect(fk('findings')).toEqual(['submissions']);
    expect(fk('submissions').sort()).toEqual(['files', 'periods', 'units']);
    const indexes = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'audit_entity_idx',
        'findings_submission_idx',
        'import_attempts_period_idx',
        'submissions_period_idx',
        'submissions_rev_uq',
      ]),
    );
    // a period's submissions are found through the period index, in id order (what the partial sums rely on)
    const plan = raw
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM submissions WHERE period_id = ?')
      .all(1)
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toMatch(/USING (COVERING )?INDEX submissions_period_idx/);
    // a new row is numbered after the largest id, never a reused one (no row of these tables is ever deleted)
    const next = raw
      .prepare(
        "INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) VALUES (1, 1, 3, '2026-06-03', 'c.xlsx', 'aa') RETURNING id",
      )
      .pluck()
      .get();
    expect(next).toBe(18);
    raw.close();
  });

  it("an accepted file's transaction writes no page of sqlite_sequence", async () => {
    const dir = tmpDir();
    const path = join(dir, 'w.sqlite');
    const ctx = createContext(path, { today: () => '2026-06-20' });
    try {
      saveUnit(ctx.db, { code: 'BM-1', name: 'Đơn vị thử 1', kind: 'xa' });
      const periodId = createPeriod(ctx.db, { year: 2026, kind: 'half_year' }).id;
      const catalog = getCatalog(ctx.db);
      const form = (await exportTemplates(ctx.db, periodId)).find((f) => f.unit === 'BM-1')!;
      const figures = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1001);
      const bytes = await fillForm(form.bytes, toFill(figures), catalog.cellLabels);
      ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
      ctx.raw.pragma('wal_autocheckpoint = 0');
      // no batchId: no pre-batch backup, so the WAL holds the import's own transaction only
      const r = (await dispatch(ctx, 'imports.file', {
        periodId,
        file: { name: form.name, bytes },
        receivedAt: '2026-06-05',
      })) as Result<ImportResult>;
      expect(r.ok && r.data.status).toBe('accepted');
      const pageSize = ctx.raw.pragma('page_size', { simple: true }) as number;
      const wal = readFileSync(`${path}-wal`);
      const owner = new Map(
        (ctx.raw.prepare('SELECT pageno, name FROM dbstat').all() as Array<{ pageno: number; name: string }>).map(
          (x) => [x.pageno, x.name],
        ),
      );
      const pages: string[] = [];
      let commits = 0;
      for (let p = 32; p + 24 + pageSize <= wal.length; p += 24 + pageSize) {
        pages.push(owner.get(wal.readUInt32BE(p)) ?? 'other');
        if (wal.readUInt32BE(p + 4) !== 0) commits++;
      }
      expect(commits).toBe(1);
      expect(pages).toContain('submissions');
      expect(pages).toContain('submission_values');
      expect(pages).not.toContain('sqlite_sequence');
    } finally {
      ctx.close();
    }
  });
  it('a copy made before 0006 (the v0.1.0 fixture) restores and is upgraded on reopening, every submission with its id', async () => {
    const dir = tmpDir();
    const ctx = createContext(join(dir, 'live.sqlite'), { today: () => '2026-06-20' });
    try {
      const old = readFileSync(join(__dirname, '../../fixtures/db/v0.1.0.sqlite'));
      const ro = new Database(join(__dirname, '../../fixtures/db/v0.1.0.sqlite'), { readonly: true });
      const oldSubmissions = ro
        .prepare('SELECT id, period_id, unit_id, revision, sha256 FROM submissions ORDER BY id')
        .all();
      ro.close();
      const r = await dispatch(ctx, 'backup.restoreFile', {
        file: { name: 'v0.1.0.sqlite', bytes: new Uint8Array(old) },
        force: true,
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(
        ctx.raw.prepare('SELECT id, period_id, unit_id, revision, sha256 FROM submissions ORDER BY id').all(),
      ).toEqual(oldSubmissions);
      for (const t of REBUILT) {
        const sql = ctx.raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t);
        expect(sql, t).not.toMatch(/AUTOINCREMENT/i);
      }
      expect(await dispatch(ctx, 'db.check', {})).toEqual({ ok: true, data: { integrity: 'ok', foreignKeys: 'ok' } });
    } finally {
      ctx.close();
    }
  });
});
