/**
 * Issue 19, finding 4: messages about the database itself tell the truth, one per cause, each saying what to do.
 * Locked by another process was reported as "tệp bị hỏng … Hãy khôi phục" (restoring is the worst thing to do);
 * a writer holding the lock over the busy timeout, a read-only database and a full disk only as "Đã xảy ra lỗi
 * không mong muốn". Every case here is a real SQLite condition (the tests run as root, so a read-only FILE cannot
 * be made: `PRAGMA query_only` gives SQLite's own SQLITE_READONLY instead; `max_page_count` gives SQLITE_FULL).
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { databaseError } from '../../../src/main/db/errors';
import { AppError, INTERNAL_MESSAGE } from '../../../src/shared/result';
import { tmpCtx, tmpDir } from '../../helpers/tmp';

function openError(path: string): AppError {
  try {
    createContext(path).close();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('opened');
}

describe('messages about the database itself', () => {
  it('locked by another process: "held by another program, close it", never "damaged, restore"', () => {
    const dir = tmpDir();
    const path = join(dir, 'khoa.sqlite');
    createContext(path).close();
    const other = new Database(path);
    try {
      other.pragma('locking_mode = EXCLUSIVE');
      other.exec('BEGIN EXCLUSIVE');
      const e = openError(path);
      expect(e.code).toBe('db_locked');
      expect(e.message).toMatch(/chương trình khác/);
      expect(e.message).toMatch(/đừng khôi phục/);
      expect(e.message).not.toMatch(/tệp bị hỏng|Hãy khôi phục/);
    } finally {
      other.close();
    }
    // once released, it opens
    createContext(path).close();
  });

  it('a writer holding the lock longer than the busy timeout: "busy, try again"', async () => {
    const ctx = tmpCtx();
    const other = new Database(ctx.dbPath);
    try {
      other.exec('BEGIN IMMEDIATE');
      const r = await dispatch(ctx, 'units.save', { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('db_busy');
        expect(r.error.message).toMatch(/đang bận.*thử lại/);
        expect(r.error.message).not.toBe(INTERNAL_MESSAGE);
      }
    } finally {
      other.close();
      ctx.dispose();
    }
  });

  it('a read-only database: where, and how to fix it', async () => {
    const ctx = tmpCtx();
    try {
      ctx.raw.pragma('query_only = 1');
      const r = await dispatch(ctx, 'units.save', { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('read_only');
        expect(r.error.message).toContain(ctx.dbPath);
        expect(r.error.message).toMatch(/chỉ cho phép đọc.*Read-only/);
        expect(r.error.message).toMatch(/không bị hỏng/);
      }
    } finally {
      ctx.dispose();
    }
  });

  it('a full disk: how much to free', async () => {
    const ctx = tmpCtx();
    try {
      const pages = ctx.raw.pragma('page_count', { simple: true }) as number;
      ctx.raw.pragma(`max_page_count = ${pages}`);
      let last: Awaited<ReturnType<typeof dispatch>> | null = null;
      for (let i = 0; i < 500; i++) {
        last = await dispatch(ctx, 'units.save', {
          code: `S${i}`,
          name: `Đơn vị có tên khá dài để lấp đầy trang số ${i} ${'x'.repeat(100)}`,
          kind: 'so_nganh',
        });
        if (!last.ok) break;
      }
      expect(last && !last.ok).toBe(true);
      if (last && !last.ok) {
        expect(last.error.code).toBe('disk_full');
        expect(last.error.message).toMatch(/đã đầy.*giải phóng ít nhất [\d.]+ MB/);
        expect(last.error.message).toMatch(/chưa bị thay đổi/);
      }
    } finally {
      ctx.dispose();
    }
  });

  it('"damaged, restore" only for a file SQLite itself says is not a database', () => {
    const path = join(tmpDir(), 'rac.sqlite');
    writeFileSync(path, Buffer.from('đây không phải cơ sở dữ liệu '.repeat(500)));
    const e = openError(path);
    expect(e.code).toBe('bad_file');
    expect(e.message).toMatch(/bị hỏng hoặc không phải cơ sở dữ liệu.*khôi phục/);
  });

  it('a same-unit race (a unique constraint) is a conflict to retry; an unknown error stays null here', () => {
    const race = Object.assign(new Error('UNIQUE constraint failed: submissions.period_id'), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    const e = databaseError(race, '/tmp/x.sqlite');
    expect(e?.code).toBe('conflict');
    expect(e?.message).toMatch(/thử lại/);
    expect(databaseError(new TypeError('x'), '/tmp/x.sqlite')).toBeNull();
    // a file-system code names the database only while opening it
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(databaseError(enoent, '/tmp/x.sqlite')).toBeNull();
    expect(databaseError(enoent, '/tmp/x.sqlite', true)?.code).toBe('not_found');
  });
});
