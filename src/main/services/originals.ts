/**
 * The one way to read an original file (issue 20): from `files.bytes` while it is still in the database, else
 * from its pack in the originals store, checked against its SHA-256 (a damaged or missing pack is taken from the
 * backups folder's copy; otherwise a Vietnamese error naming the file). See db/originals-store.ts.
 */
import { readPacked } from '../db/originals-store';
import type { Ctx } from './context';

interface Row {
  bytes: Buffer;
  size: number;
  pack: string | null;
  offset: number | null;
}

/** The original with this SHA-256, or null when none is stored; `label` names it in an error (its file name). */
export function readOriginal(ctx: Ctx, sha256: string, label = sha256): Uint8Array | null {
  const r = ctx.raw
    .prepare('SELECT bytes, size, pack, pack_offset AS offset FROM files WHERE sha256 = ?')
    .get(sha256) as Row | undefined;
  if (!r) return null;
  if (r.pack === null) return new Uint8Array(r.bytes);
  const bytes = readPacked(
    ctx.dbPath,
    ctx.backupDir,
    { sha256, pack: r.pack, offset: r.offset ?? 0, size: r.size },
    label,
  );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
