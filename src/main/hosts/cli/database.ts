/** `bdg backup`, `restore`, `check`: the database file itself. */
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { localIsoDate } from '../../../shared/rules/period';
import { createContext, type Ctx } from '../../api/context';
import { backupDirFor, processAlive, syncDir } from '../../paths';
import { call, CliFailure, UsageError, type Command, type CommandEnv } from './args';

/**
 * `--out`: the copy is written to a temporary file beside the target (`<out>.<pid>.tmp`), flushed, then renamed:
 * a kill at any point leaves no torn file at `--out`, and its leftover is removed by the next backup to the same
 * place. An existing file at `--out` is never overwritten.
 */
export const backup: Command = async ({ ctx, o, print, io }) => {
  if (o.out) {
    const out = resolve(o.out);
    removeOutLeftovers(out, io);
    if (existsSync(out)) throw new CliFailure(`Tệp "${out}" đã có; hãy chọn một tên khác để không ghi đè.`);
    const copy = await call(ctx, 'backup.export', {});
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      const fd = openSync(tmp, 'wx');
      try {
        for (let at = 0; at < copy.bytes.length;) at += writeSync(fd, copy.bytes, at, copy.bytes.length - at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      // link, not rename: a file that appeared at --out meanwhile is never replaced
      try {
        linkSync(tmp, out);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST')
          throw new CliFailure(`Tệp "${out}" đã có; hãy chọn một tên khác để không ghi đè.`);
        if (existsSync(out)) throw e;
        renameSync(tmp, out); // a file system without hard links
      }
    } finally {
      rmSync(tmp, { force: true });
    }
    syncDir(dirname(out));
    print({ path: out }, `Đã sao lưu vào ${out}.`);
  } else {
    const b = await call(ctx, 'backup.create', {});
    const path = join(ctx.backupDir, b.name);
    print({ path }, `Đã sao lưu vào ${path}.`);
  }
  return 0;
};

/**
 * Clears what a killed `backup --out` left: `<out>.<pid>.tmp` files (never one of a process still running) are
 * removed; a file at `--out` with a `-journal` beside it (how an older version's copy looked when it was killed
 * mid-write) is torn: it is moved aside as `<out>.do-dang-<time>` (with its journal), not deleted, and said so.
 */
function removeOutLeftovers(out: string, io: CommandEnv['io']): void {
  const dir = dirname(out);
  if (!existsSync(dir)) return;
  if (existsSync(out) && existsSync(`${out}-journal`)) {
    const aside = `${out}.do-dang-${Date.now()}`;
    renameSync(`${out}-journal`, `${aside}-journal`);
    renameSync(out, aside);
    io.err(`Tệp "${out}" là bản sao lưu dở dang của một lần chạy bị ngắt; đã chuyển sang "${aside}".\n`);
  }
  const prefix = `${basename(out)}.`;
  for (const n of readdirSync(dir)) {
    const m = n.startsWith(prefix) ? /^\.(\d+)\.tmp$/.exec(n.slice(basename(out).length)) : null;
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(join(dir, n), { force: true });
  }
}

export const check: Command = async ({ ctx, print }) => {
  const r = await call(ctx, 'db.check', {});
  const ok = r.integrity === 'ok' && r.foreignKeys === 'ok';
  print(r, ok ? 'Cơ sở dữ liệu toàn vẹn.' : `Có vấn đề: integrity=${r.integrity}, khóa ngoại=${r.foreignKeys}.`);
  return ok ? 0 : 1;
};

/** Runs before any database is opened: the live one may be the damaged file being replaced, or not exist yet. */
export async function restore({ o, dbPath, print }: Omit<CommandEnv, 'ctx' | 'events'>): Promise<number> {
  if (!o.from) throw new UsageError('Thiếu tùy chọn --from (tệp sao lưu).');
  const from = resolve(o.from);
  if (!existsSync(from)) throw new CliFailure(`Không tìm thấy bản sao lưu "${basename(from)}".`);
  if (from.endsWith('.json')) {
    // a chunked backup (its manifest): restored from the backups folder it belongs to, by its name
    if (resolve(dirname(from)) !== resolve(backupDirFor(dbPath)))
      throw new CliFailure(
        `"${basename(from)}" là bản kê của một bản sao lưu trong thư mục sao lưu của cơ sở dữ liệu khác. Hãy khôi ` +
          'phục từ đúng cơ sở dữ liệu đó, hoặc dùng một bản sao lưu trọn gói (.sqlite, tạo bằng "bdg backup --out").',
      );
    const ctx = openedOnUse(dbPath);
    try {
      const { keptAs } = await call(ctx, 'backup.restore', {
        name: basename(from),
        ...(o.force ? { force: true } : {}),
      });
      print(
        { restored: from, keptAs },
        `Đã khôi phục cơ sở dữ liệu từ ${o.from}. Bản trước khi khôi phục được giữ ở ${keptAs}.`,
      );
      return 0;
    } finally {
      ctx.close();
    }
  }
  // a folder is refused by the core's check like any other file that is not a backup
  const bytes = statSync(from).isFile() ? readFileSync(from) : new Uint8Array(0);
  // a copy taken from a PC that was not shut down cleanly has its last changes in its -wal: they go along
  const walPath = `${from}-wal`;
  const wal = existsSync(walPath) && statSync(walPath).isFile() ? readFileSync(walPath) : undefined;
  const ctx = openedOnUse(dbPath);
  try {
    const { keptAs } = await call(ctx, 'backup.restoreFile', {
      file: { name: basename(from), bytes },
      ...(wal?.length ? { wal } : {}),
      ...(o.force ? { force: true } : {}),
    });
    print(
      { restored: from, keptAs },
      `Đã khôi phục cơ sở dữ liệu từ ${o.from}. Bản trước khi khôi phục được giữ ở ${keptAs}.`,
    );
    return 0;
  } finally {
    ctx.close();
  }
}

/**
 * A Ctx whose database opens on first use. The core's restore checks the copy, closes the database, swaps the
 * file and opens the restored one: so a live database that no longer opens (the usual reason to restore) is
 * never opened at all.
 */
function openedOnUse(dbPath: string): Ctx {
  let open: Ctx | null = null;
  const use = () => (open ??= createContext(dbPath, { door: 'cli' }));
  const close = () => {
    open?.close();
    open = null;
  };
  return {
    get db() {
      return use().db;
    },
    get raw() {
      return use().raw;
    },
    dbPath,
    homeDbPath: dbPath,
    backupDir: backupDirFor(dbPath),
    demo: false,
    emit: () => undefined,
    reopen: () => {
      close();
      use();
    },
    switchTo: () => {
      throw new Error('restore opens no other database');
    },
    close,
    today: () => localIsoDate(),
    batchesBackedUp: new Set(),
    cancelledBatches: new Set(),
  };
}
