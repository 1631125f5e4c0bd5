/** `bdg backup`, `restore`, `check`: the database file itself. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { localIsoDate } from '../../../shared/rules/period';
import { createContext, type Ctx } from '../../api/context';
import { backupDirFor } from '../../paths';
import { call, CliFailure, UsageError, type Command, type CommandEnv } from './args';

export const backup: Command = async ({ ctx, o, print }) => {
  if (o.out) {
    const out = resolve(o.out);
    if (existsSync(out)) throw new CliFailure(`Tệp "${out}" đã có; hãy chọn một tên khác để không ghi đè.`);
    const copy = await call(ctx, 'backup.export', {});
    writeFileSync(out, copy.bytes, { flag: 'wx' });
    print({ path: out }, `Đã sao lưu vào ${out}.`);
  } else {
    const b = await call(ctx, 'backup.create', {});
    const path = join(ctx.backupDir, b.name);
    print({ path }, `Đã sao lưu vào ${path}.`);
  }
  return 0;
};

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
  // a folder is refused by the core's check like any other file that is not a backup
  const bytes = statSync(from).isFile() ? readFileSync(from) : new Uint8Array(0);
  const ctx = openedOnUse(dbPath);
  try {
    const { keptAs } = await call(ctx, 'backup.restoreFile', { file: { name: basename(from), bytes } });
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
  const use = () => (open ??= createContext(dbPath));
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
