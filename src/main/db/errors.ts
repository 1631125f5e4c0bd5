/**
 * What a failure of the database itself means for the officer, one message per cause, each saying what to do:
 * locked by another program, busy (a writer held it longer than the busy timeout), read-only, disk full, a
 * constraint race with another writer, and "damaged" ONLY when SQLite says the file is not a database or is
 * corrupt (or the integrity check fails). None of these lost data: the messages say so, and never send a
 * healthy database to a restore.
 */
import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/result';

/** better-sqlite3's SqliteError (and Node's fs errors) carry a string code. */
function codeOf(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : '';
}

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.max(1, Math.ceil(n / MB)).toLocaleString('vi-VN')} MB`;

/** Free space on the disk holding `path`, in bytes; null when the platform cannot tell. */
function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(dirname(path));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function lockedMessage(path: string): string {
  return (
    `Cơ sở dữ liệu "${path}" đang bị một chương trình khác giữ (một cửa sổ Báo cáo BĐG khác, một lệnh bdg đang ` +
    'chạy, hoặc phần mềm sao lưu/đồng bộ như OneDrive, Google Drive). Hãy đóng chương trình đó rồi mở lại. ' +
    'Dữ liệu không bị hỏng: đừng khôi phục từ bản sao lưu.'
  );
}

export function damagedMessage(path: string): string {
  return (
    `Không mở được cơ sở dữ liệu "${path}": tệp bị hỏng hoặc không phải cơ sở dữ liệu của ứng dụng. ` +
    'Hãy khôi phục từ một bản sao lưu (mục Cài đặt → Sao lưu, hoặc lệnh bdg restore).'
  );
}

/**
 * The AppError for a database failure `e` at `path` (while opening when `opening`), or null when `e` is not one
 * (the caller keeps its own message). `damaged` is trusted only for SQLite's own verdict (NOTADB, CORRUPT).
 */
export function databaseError(e: unknown, path: string, opening = false): AppError | null {
  if (e instanceof AppError) return e;
  const code = codeOf(e);
  const cause = { cause: e instanceof Error ? e.message : String(e), sqlite: code || undefined };
  const dir = dirname(path);
  if (
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_BUSY_') ||
    code === 'SQLITE_LOCKED' ||
    code.startsWith('SQLITE_LOCKED_')
  ) {
    if (opening) return new AppError('db_locked', lockedMessage(path), cause);
    return new AppError(
      'db_busy',
      'Cơ sở dữ liệu đang bận: một chương trình khác (cửa sổ Báo cáo BĐG khác, lệnh bdg, phần mềm sao lưu) đang ghi ' +
        'vào đó quá lâu. Dữ liệu chưa bị thay đổi. Hãy thử lại sau ít phút; nếu vẫn bận, hãy đóng các chương trình ' +
        'đó rồi thử lại.',
      cause,
    );
  }
  // a file-system code names the database only while opening it (later it may be about any other file)
  const fsReadOnly = opening && (code === 'EROFS' || code === 'EACCES' || code === 'EPERM');
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'SQLITE_PERM' || fsReadOnly) {
    return new AppError(
      'read_only',
      `Không ghi được vào cơ sở dữ liệu "${path}": tệp hoặc thư mục "${dir}" chỉ cho phép đọc (hoặc nằm trên ổ ` +
        'chỉ đọc, như đĩa CD hay USB bị khóa ghi). Dữ liệu không bị hỏng. Hãy bỏ đánh dấu "Read-only" của tệp ' +
        '(chuột phải → Properties), cấp quyền ghi cho thư mục, hoặc chép cơ sở dữ liệu sang một thư mục ghi được ' +
        'rồi mở lại.',
      cause,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code === 'SQLITE_IOERR_WRITE' && freeBytes(path) === 0)) {
    const free = freeBytes(path);
    // a write may need as much again as the database (a backup, the journal of a large import)
    const need = Math.max(50 * MB, sizeOf(path) * 2);
    return new AppError(
      'disk_full',
      `Ổ đĩa chứa cơ sở dữ liệu ("${dir}") đã đầy${free !== null ? ` (còn trống ${mb(free)})` : ''}. ` +
        `Dữ liệu chưa bị thay đổi. Hãy giải phóng ít nhất ${mb(need)} (xóa bớt tệp không cần, dọn Thùng rác, hoặc ` +
        'chuyển các bản sao lưu cũ sang nơi khác) rồi thử lại.',
      { ...cause, freeBytes: free, neededBytes: need },
    );
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError(
      'conflict',
      'Cùng lúc đó dữ liệu này vừa được ghi từ một nơi khác (một cửa sổ hoặc lệnh bdg khác, hay hai tệp của cùng ' +
        'một đơn vị nhập cùng lúc), nên thao tác này chưa được ghi. Dữ liệu không bị hỏng. Hãy tải lại rồi thử lại.',
      cause,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return new AppError('bad_file', damagedMessage(path), cause);
  }
  if (opening && (code === 'SQLITE_CANTOPEN' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENOENT')) {
    return new AppError(
      'not_found',
      `Không mở được cơ sở dữ liệu "${path}": đường dẫn không phải một tệp mở được (thư mục không tồn tại, tên trùng ` +
        'một thư mục, hoặc ổ đĩa chưa được cắm). Hãy kiểm tra lại đường dẫn. Dữ liệu không bị hỏng.',
      cause,
    );
  }
  return null;
}
