import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { defaultDataDir, defaultDbPath } from '../../../src/main/paths';
import { AppError } from '../../../src/shared/result';
import { tmpDir } from '../../helpers/tmp';

describe('opening the database', () => {
  it('has a Unicode-aware search function (SQLite lower() is ASCII-only)', () => {
    const db = openDatabase(join(tmpDir(), 'v.sqlite'));
    expect(db.raw.prepare("SELECT lower('ĐÀO TẠO') AS l").get()).toEqual({ l: 'ĐÀo tẠo' });
    expect(db.raw.prepare("SELECT vi_key('Phường Cam Đường') AS k").get()).toEqual({ k: 'phuong cam duong' });
    db.close();
  });

  it('refuses a file that is not a database with a Vietnamese message', () => {
    const p = join(tmpDir(), 'khong-phai.sqlite');
    writeFileSync(p, 'đây không phải cơ sở dữ liệu'.repeat(100));
    let err: unknown;
    try {
      openDatabase(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/Không mở được cơ sở dữ liệu/);
  });

  it('defaults to %APPDATA%\\bao-cao-bdg on Windows and the XDG data folder elsewhere', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\chi\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\chi\\AppData\\Roaming\\bao-cao-bdg',
    );
    expect(defaultDataDir({ XDG_DATA_HOME: '/home/chi/.data' }, 'linux')).toBe('/home/chi/.data/bao-cao-bdg');
    expect(defaultDbPath({}, 'linux')).toMatch(/\.local\/share\/bao-cao-bdg\/bao-cao-bdg\.sqlite$/);
  });
});
