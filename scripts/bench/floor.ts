/**
 * The import's floor (issue 20): the least any import of these files must do, with the same durability as ours,
 * measured on the same files in the same run. Per file: the bytes (in memory, as the import gets them), their
 * SHA-256 (the originals are stored by it), the form sheet's XML inflated (node:zlib, as the file guard and
 * fast-grid do), one regex pass over it taking the `<c>`/`<v>` cells, then ONE transaction (WAL,
 * synchronous=FULL, the pragmas of db/open.ts) that stores the original in a files-like table and as many values
 * as the import stored for that file in a values-like table (WITHOUT ROWID, keyed like submission_values).
 * No checks, no identity, no inbox, no audit: what is left is reading and writing.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

const SHEET = /^xl\/worksheets\/sheet1\.xml$/;

/** The form sheet's XML: the zip's central directory walked to its entry, the entry inflated. */
function sheetXml(b: Uint8Array): string {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const dec = new TextDecoder();
  for (let i = 0; i < count; i++) {
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const nlen = dv.getUint16(p + 28, true);
    const xlen = dv.getUint16(p + 30, true);
    const clen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = dec.decode(b.subarray(p + 46, p + 46 + nlen));
    if (SHEET.test(name)) {
      const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
      const raw = b.subarray(start, start + csize);
      return dec.decode(method === 0 ? raw : inflateRawSync(raw));
    }
    p += 46 + nlen + xlen + clen;
  }
  throw new Error('no sheet1.xml');
}

const CELL = /<c r="([A-Z]+\d+)"[^>]*>(?:<f[^>]*>[^<]*<\/f>|<f[^>]*\/>)?<v>([^<]*)<\/v>/g;

/** The floor's database: the pragmas of db/open.ts, a files-like and a values-like table, their two statements. */
export function openFloorDb(path: string): {
  db: Database.Database;
  commit: (i: number, sha: string, bytes: Uint8Array, cells: Array<[string, number]>, n: number) => void;
} {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE f (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL);' +
      'CREATE TABLE v (submission_id INTEGER NOT NULL, element TEXT NOT NULL, cell TEXT NOT NULL, state TEXT NOT NULL, ' +
      'num REAL, text TEXT, PRIMARY KEY (submission_id, element, cell)) WITHOUT ROWID;',
  );
  const insFile = db.prepare('INSERT INTO f (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const insValue = db.prepare(
    'INSERT INTO v (submission_id, element, cell, state, num, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  /** file i's ONE transaction: its original and `n` values made from its cells */
  const commit = (i: number, sha: string, bytes: Uint8Array, cells: Array<[string, number]>, n: number): void => {
    db.transaction(() => {
      insFile.run(sha, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      for (let k = 0; k < n; k++) {
        const c = cells[k % Math.max(cells.length, 1)] ?? ['A1', 0];
        insValue.run(i, `${c[0]}#${k}`, 'value', 'number', c[1], null);
      }
    })();
  };
  return { db, commit };
}

/**
 * One floor run into a fresh database at `path`: returns its seconds. `counts[i]` is the number of values the import
 * stored for file i (0 for a file it did not accept, which the floor then skips, as the import writes no values).
 */
export function floorRun(path: string, files: Array<{ bytes: Uint8Array }>, counts: number[]): number {
  const { db, commit } = openFloorDb(path);
  const t0 = performance.now();
  files.forEach((file, i) => {
    const n = counts[i] ?? 0;
    const bytes = file.bytes;
    const sha = createHash('sha256').update(bytes).digest('hex');
    const xml = sheetXml(bytes);
    const cells: Array<[string, number]> = [];
    for (const m of xml.matchAll(CELL)) {
      const num = Number(m[2]);
      if (Number.isFinite(num)) cells.push([m[1]!, num]);
    }
    if (!n) return;
    commit(i, sha, bytes, cells, n);
  });
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}
