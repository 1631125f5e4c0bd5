/**
 * Cheap checks on the raw bytes of a file that claims to be an Excel workbook, run BEFORE any heavy parsing:
 * empty files, text/CSV/HTML renamed to .xlsx, encrypted OOXML, legacy .xls, truncated or corrupt zips, zip bombs,
 * oversize sheets. Every refusal is an `AppError('bad_file')` with a Vietnamese message that says what is wrong and
 * what the unit should do.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../../shared/result';

export const LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxTotalUncompressed: 150 * 1024 * 1024,
  maxRatio: 200,
  ratioCheckFrom: 10 * 1024 * 1024,
  maxEntries: 2000,
  maxRows: 5000,
  maxCols: 100,
  maxSheetXml: 60 * 1024 * 1024,
} as const;

export interface FileInspection {
  format: 'xlsx' | 'xls';
  /** true when the workbook carries a VBA project (.xlsm): values are read, macros are never run. */
  hasMacros: boolean;
  /** Vietnamese notes for the officer (not errors). */
  notes: string[];
  /**
   * The text of the zip entries the caller asked to keep (`InspectOptions.keep`), decoded as UTF-8 while the guard
   * inflated them, so that a reader does not inflate them twice. Names without a leading '/'.
   */
  parts?: XlsxParts;
}

export interface XlsxParts {
  texts: Map<string, string>;
  /** two entries with the same name (after removing a leading '/'): a reader should not guess which one counts */
  duplicateNames: boolean;
}

export interface InspectOptions {
  /** entries (name without a leading '/') whose inflated text the inspection hands back in `parts` */
  keep?: (name: string) => boolean;
}

const RESEND = 'Hãy yêu cầu đơn vị gửi lại tệp Excel (.xlsx) đã điền theo mẫu biểu.';

function bad(message: string, details?: unknown): AppError {
  return new AppError('bad_file', message, details);
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  return sig.every((v, i) => b[i] === v);
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16)) + (b[o + 3] ?? 0) * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

/** CRC-32 of the inflated bytes, chained (native zlib). */
function crcUpdate(crc: number, data: Uint8Array): number {
  return crc32(data, crc);
}

/** one UTF-8 decoder for whole texts (decode without { stream } keeps no state between calls) */
const UTF8 = new TextDecoder();

const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`.replace('.', ',');

/**
 * Text that reads as CSV: its lines (the first ten that are not blank; a line cut by the sample's end left out) hold
 * the same number of one separator (',', ';' or tab; quoted text not counted), at least one, in two lines of three
 * or more (a single line: any separator). Prose with a comma in its first line (a note, a Markdown file) is not.
 */
function looksLikeCsv(text: string, cut: boolean): boolean {
  let lines = text.split(/\r?\n/);
  if (cut && lines.length > 1) lines = lines.slice(0, -1);
  lines = lines.filter((l) => l.trim() !== '').slice(0, 10);
  if (!lines.length) return false;
  const unquoted = lines.map((l) => l.replace(/"[^"]*"/g, '""'));
  return [',', ';', '\t'].some((sep) => {
    const counts = unquoted.map((l) => l.split(sep).length - 1);
    if (counts.length === 1) return counts[0]! >= 1;
    const tally = new Map<number, number>();
    for (const c of counts) if (c >= 1) tally.set(c, (tally.get(c) ?? 0) + 1);
    const most = Math.max(0, ...tally.values());
    return most >= 2 && most * 3 >= counts.length * 2;
  });
}

/** Identifies files that are not zips and not OLE2: text, CSV, HTML, XML 2003, PDF, images… */
function describeNonZip(bytes: Uint8Array, fileName: string): AppError {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return bad(`Tệp "${fileName}" là tệp PDF, không phải bảng tính Excel. ${RESEND}`);
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  const lower = head
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (lower.startsWith('<?xml') && lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return bad(
      `Tệp "${fileName}" là bảng tính dạng "XML Spreadsheet 2003", không phải .xlsx. ` +
        'Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) kiểu "Excel Workbook (*.xlsx)" rồi gửi lại.',
    );
  }
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || lower.includes('<table')) {
    return bad(
      `Tệp "${fileName}" là trang web (HTML) đổi đuôi thành bảng tính, không phải tệp Excel thật. ` +
        'Hãy mở mẫu biểu gốc, điền số liệu và lưu dưới dạng .xlsx rồi gửi lại.',
    );
  }
  // printable text: CSV or plain text
  let printable = 0;
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  for (const c of sample) if (c === 9 || c === 10 || c === 13 || c >= 32) printable++;
  if (printable / sample.length > 0.95) {
    const ext = /\.(\w+)$/.exec(fileName)?.[1]?.toLowerCase() ?? 'xlsx';
    if (looksLikeCsv(head.replace(/^\ufeff/, ''), bytes.length > 4096)) {
      return bad(
        `Tệp là CSV đổi đuôi thành .${ext}, không phải bảng tính Excel. ` +
          'Hãy mở mẫu biểu gốc, điền số liệu và lưu dưới dạng .xlsx.',
      );
    }
    return bad(
      `Tệp "${fileName}" là tệp văn bản thường đổi đuôi thành .${ext}, không phải bảng tính Excel. ` +
        'Hãy mở mẫu biểu gốc, điền số liệu và lưu dưới dạng .xlsx.',
    );
  }
  return bad(`Tệp "${fileName}" không phải bảng tính Excel (nội dung không nhận dạng được). ${RESEND}`);
}

function inspectOle2(bytes: Uint8Array, fileName: string): FileInspection {
  if (indexOfBytes(bytes, utf16le('EncryptedPackage')) >= 0 || indexOfBytes(bytes, utf16le('EncryptionInfo')) >= 0) {
    throw bad(
      `Tệp "${fileName}" có mật khẩu mở (đã mã hóa), chương trình không đọc được. ` +
        'Hãy đề nghị đơn vị mở tệp, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, ' +
        'xóa mật khẩu) rồi gửi lại.',
    );
  }
  if (indexOfBytes(bytes, utf16le('Workbook')) >= 0 || indexOfBytes(bytes, utf16le('Book')) >= 0) {
    return { format: 'xls', hasMacros: false, notes: ['Tệp ở định dạng Excel 97–2003 (.xls); chỉ đọc giá trị.'] };
  }
  if (indexOfBytes(bytes, utf16le('WordDocument')) >= 0) {
    throw bad(`Tệp "${fileName}" là văn bản Word, không phải bảng tính Excel. ${RESEND}`);
  }
  throw bad(`Tệp "${fileName}" là tệp Office cũ nhưng không phải bảng tính Excel. ${RESEND}`);
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const CORRUPT = (fileName: string, why: string): AppError =>
  bad(
    `Tệp "${fileName}" bị hỏng (${why}), có thể do tải về chưa hết hoặc bị cắt khi gửi qua thư. ` +
      'Hãy yêu cầu đơn vị gửi lại tệp (nén .zip nếu gửi qua e-mail).',
  );

function readCentralDirectory(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw CORRUPT(fileName, 'không thấy phần kết thúc của tệp nén');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // ZIP64: locator just before the EOCD
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw CORRUPT(fileName, 'mục lục ZIP64 không hợp lệ');
    const z64 = u64(bytes, loc + 8);
    if (z64 + 56 > n || u32(bytes, z64) !== 0x06064b50) throw CORRUPT(fileName, 'mục lục ZIP64 không hợp lệ');
    count = u64(bytes, z64 + 32);
    cdSize = u64(bytes, z64 + 40);
    cdOffset = u64(bytes, z64 + 48);
  }
  if (count > LIMITS.maxEntries) {
    throw bad(
      `Tệp "${fileName}" chứa quá nhiều thành phần (${count}; tối đa ${LIMITS.maxEntries}), không phải một mẫu ` +
        `báo cáo bình thường. ${RESEND}`,
    );
  }
  if (cdOffset + cdSize > n) throw CORRUPT(fileName, 'mục lục tệp nén trỏ ra ngoài tệp');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) throw CORRUPT(fileName, 'mục lục tệp nén bị hỏng');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const name = UTF8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(bytes, e);
      const size = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      e += 4 + size;
    }
    entries.push({ name, method, flags, crc, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const isSheetXml = (name: string): boolean => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/** `A1:G46` → {rows, cols}; null when it cannot be read. */
export function dimensionSize(ref: string): { rows: number; cols: number } | null {
  const parts = ref.toUpperCase().split(':');
  const cells = parts.map((x) => /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(x.trim()));
  if (cells.some((c) => !c)) return null;
  const col = (s: string): number => [...s].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
  const [a, b] = [cells[0]!, cells[cells.length - 1]!];
  return {
    rows: Math.abs(Number(b[2]) - Number(a[2])) + 1,
    cols: Math.abs(col(b[1]!) - col(a[1]!)) + 1,
  };
}

const isWord = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isSpaceOrGt = (c: number): boolean => c === 0x3e || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Counts `<row…>` and `<c…>` start tags (with or without a namespace prefix) without allocating: the same as
 * looking at every '<' for an optional prefix (word characters then ':') followed by `c` or `row` and white space
 * or '>' (the tests compare it with that walk), but only where such a tag can start: `<c`, `<row`, and each ':'
 * (a prefix is the run of word characters before it, right after a '<').
 */
export function countTags(body: string): { rows: number; cells: number } {
  let rows = 0;
  let cells = 0;
  for (let i = body.indexOf('<c'); i >= 0; i = body.indexOf('<c', i + 2)) {
    if (isSpaceOrGt(body.charCodeAt(i + 2))) cells++;
  }
  for (let i = body.indexOf('<row'); i >= 0; i = body.indexOf('<row', i + 4)) {
    if (isSpaceOrGt(body.charCodeAt(i + 4))) rows++;
  }
  for (let i = body.indexOf(':'); i >= 0; i = body.indexOf(':', i + 1)) {
    const c0 = body.charCodeAt(i + 1);
    const cell = c0 === 0x63 /* c */ && isSpaceOrGt(body.charCodeAt(i + 2));
    const row = !cell && c0 === 0x72 && body.startsWith('row', i + 1) && isSpaceOrGt(body.charCodeAt(i + 4));
    if (!cell && !row) continue;
    let q = i;
    while (q > 0 && isWord(body.charCodeAt(q - 1))) q--;
    if (q === i || q === 0 || body.charCodeAt(q - 1) !== 0x3c) continue;
    if (cell) cells++;
    else rows++;
  }
  return { rows, cells };
}

/**
 * What scanning an entry found when it passed every check: its real size and CRC, and its text when it was decoded
 * (a sheet always is; another entry when a reader kept it).
 */
interface ScannedEntry {
  /** the entry's stored (compressed) bytes, a copy */
  data: Uint8Array;
  total: number;
  crc: number;
  text: string | null;
}

/**
 * Entries that passed, by name, method and stored bytes: the forms of a province come from the same templates, and
 * most of their entries (styles, theme, relationships, drawings, the _meta sheet…) are byte for byte the same in
 * every file. Scanning is a pure function of the stored bytes, the method, whether the entry is a sheet (its name)
 * and the budget left; an entry stored exactly as one that passed is not inflated again: its real size goes against
 * the budget (it must fit, else it is scanned and refused as before) and its real size and CRC must equal what this
 * file's directory declares (else the same refusal as an inflated entry that does not match). Bounded in entries
 * and bytes, the least recently used forgotten first.
 */
const scanned = new Map<string, ScannedEntry>();
const SCANNED_MAX_ENTRIES = 256;
const SCANNED_MAX_BYTES = 8 * 1024 * 1024;
/** only entries this small are kept (the usual parts of a form; a large sheet is rarely sent twice) */
const SCANNED_MAX_ENTRY = 256 * 1024;
let scannedBytes = 0;

const scannedKey = (entry: ZipEntry): string => `${entry.method}:${entry.compressedSize}:${entry.name}`;
const scannedSize = (e: ScannedEntry): number => e.data.length + (e.text === null ? 0 : e.text.length * 2) + 64;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

function rememberScan(key: string, e: ScannedEntry): void {
  const size = scannedSize(e);
  if (e.data.length > SCANNED_MAX_ENTRY || e.total > SCANNED_MAX_ENTRY * 4) return;
  const old = scanned.get(key);
  if (old) {
    scanned.delete(key);
    scannedBytes -= scannedSize(old);
  }
  scanned.set(key, e);
  scannedBytes += size;
  while (scanned.size > SCANNED_MAX_ENTRIES || scannedBytes > SCANNED_MAX_BYTES) {
    const [k, v] = scanned.entries().next().value!;
    scanned.delete(k);
    scannedBytes -= scannedSize(v);
  }
}

/** How many entries were inflated and how many were found scanned before (diagnostics, tests). */
export const scanStats = { inflated: 0, reused: 0 };

/** Forgets every entry scanned before (tests: the next scan inflates everything again). */
export function forgetScannedEntries(): void {
  scanned.clear();
  scannedBytes = 0;
}

/**
 * Inflates one entry in small chunks, counting real output (declared sizes may lie), checking the CRC and, for
 * sheets, the declared dimension and the real number of rows and cells. Stops as soon as a limit is crossed.
 */
function scanEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  fileName: string,
  budget: { left: number },
  keep = false,
): string | null {
  const lo = entry.localOffset;
  if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) throw CORRUPT(fileName, `thành phần ${entry.name}`);
  const dataStart = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) throw CORRUPT(fileName, `thành phần ${entry.name} bị thiếu dữ liệu`);
  if (entry.flags & 1) {
    throw bad(`Tệp "${fileName}" có thành phần bị mã hóa bằng mật khẩu. Hãy gỡ mật khẩu rồi gửi lại tệp .xlsx.`);
  }
  const sheet = isSheetXml(entry.name);
  const data = bytes.subarray(dataStart, dataEnd);
  const key = scannedKey(entry);
  const seen = scanned.get(key);
  if (seen && seen.total <= budget.left && (seen.text !== null || !keep) && sameBytes(data, seen.data)) {
    // most recently used last
    scanned.delete(key);
    scanned.set(key, seen);
    budget.left -= seen.total;
    scanStats.reused++;
    if (seen.total !== entry.uncompressedSize || seen.crc !== entry.crc) {
      throw CORRUPT(fileName, `lỗi kiểm tra CRC ở thành phần ${entry.name}`);
    }
    return keep ? seen.text : null;
  }
  // a sheet's text is decoded to count its tags anyway: kept for the next file too when it is small
  scanStats.inflated++;
  const text = scanEntryBytes(
    data,
    entry,
    fileName,
    budget,
    keep || (sheet && data.length <= SCANNED_MAX_ENTRY),
    sheet,
  );
  rememberScan(key, { data: data.slice(), total: entry.uncompressedSize, crc: entry.crc, text });
  return keep ? text : null;
}

/** scanEntry's inflating and checking; the entry's text when `keep` (a sheet's text is decoded anyway). */
function scanEntryBytes(
  data: Uint8Array,
  entry: ZipEntry,
  fileName: string,
  budget: { left: number },
  keep: boolean,
  sheet: boolean,
): string | null {
  const sheetLabel = entry.name.replace(/^xl\/worksheets\//, '');
  let total = 0;
  let crc = 0;
  let rows = 0;
  let cells = 0;
  let tail = '';
  let headChecked = false;
  let head = '';
  // a streaming decoder only when the entry comes in several chunks (decoding pieces gives the same text as decoding
  // the whole, the usual form sheet comes in one)
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let single = false;
  /** the whole text of a sheet that came in one chunk */
  let whole = '';
  // kept entries: sheets keep the text decoded for counting, other entries their raw chunks (decoded at the end)
  const pieces: string[] = [];
  const chunks: Uint8Array[] = [];
  const tooManyRows = (): AppError =>
    bad(
      `Trang tính trong tệp "${fileName}" có quá nhiều dòng hoặc cột (giới hạn ${LIMITS.maxRows.toLocaleString('vi-VN')} ` +
        `dòng × ${LIMITS.maxCols} cột), không phải mẫu báo cáo của Ban. Hãy dùng đúng mẫu biểu được gửi, ` +
        'xóa các dòng, cột thừa rồi gửi lại.',
    );
  const onData = (chunk: Uint8Array): void => {
    total += chunk.length;
    budget.left -= chunk.length;
    if (budget.left < 0) {
      throw bad(
        `Tệp "${fileName}" khi giải nén lớn hơn ${mb(LIMITS.maxTotalUncompressed)} (có thể là "bom nén"), ` +
          `chương trình từ chối mở. ${RESEND}`,
      );
    }
    if (sheet && total > LIMITS.maxSheetXml) {
      throw bad(
        `Trang tính ${sheetLabel} trong tệp "${fileName}" quá lớn (hơn ${mb(LIMITS.maxSheetXml)} khi giải nén). ${RESEND}`,
      );
    }
    if (total > LIMITS.ratioCheckFrom && total > entry.compressedSize * LIMITS.maxRatio) {
      throw bad(`Tệp "${fileName}" có tỉ lệ nén bất thường (có thể là "bom nén"), chương trình từ chối mở. ${RESEND}`);
    }
    crc = crcUpdate(crc, chunk);
    if (!sheet) {
      if (keep) chunks.push(chunk);
      return;
    }
    const text = single
      ? (whole = UTF8.decode(chunk))
      : tail + (decoder ??= new TextDecoder()).decode(chunk, { stream: true });
    if (!headChecked) {
      head += text;
      const m = /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(head);
      if (m || /<(?:\w+:)?sheetData[\s>]/.test(head) || head.length > 65536) {
        headChecked = true;
        const d = m ? dimensionSize(m[1]!) : null;
        if (d && (d.rows > LIMITS.maxRows || d.cols > LIMITS.maxCols)) throw tooManyRows();
        head = '';
      }
    }
    // count complete tags only; the text from the last '<' waits for the next chunk (unless it is long enough to
    // hold a whole tag name)
    let cut = text.lastIndexOf('<');
    if (cut < 0 || text.length - cut > 64) cut = text.length;
    const body = text.slice(0, cut);
    tail = text.slice(cut);
    if (keep && !single) pieces.push(body);
    const n = countTags(body);
    rows += n.rows;
    cells += n.cells;
    if (rows > LIMITS.maxRows || cells > LIMITS.maxRows * LIMITS.maxCols) throw tooManyRows();
  };
  try {
    if (entry.method === 0) {
      single = data.length <= 65536;
      for (let i = 0; i < data.length; i += 65536) onData(data.subarray(i, i + 65536));
    } else if (entry.method === 8) {
      // native inflate with an output cap: it stops at the first byte past whichever limit comes first
      const ratioCap = Math.max(LIMITS.ratioCheckFrom, entry.compressedSize * LIMITS.maxRatio);
      const cap = Math.min(budget.left, sheet ? LIMITS.maxSheetXml : Infinity, ratioCap);
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(cap + 1, 2 ** 31 - 1)) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          // report the limit that was crossed, with the same message as a streamed count: count `cap` bytes as
          // read, then one more
          total = cap;
          budget.left -= cap;
          onData(new Uint8Array(1));
        }
        throw e;
      }
      single = out.length <= 1 << 20;
      for (let i = 0; i < out.length; i += 1 << 20) onData(out.subarray(i, i + (1 << 20)));
    } else {
      throw CORRUPT(fileName, `kiểu nén không hỗ trợ ở thành phần ${entry.name}`);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw CORRUPT(fileName, `không giải nén được thành phần ${entry.name}`);
  }
  if (total !== entry.uncompressedSize || crc !== entry.crc) {
    throw CORRUPT(fileName, `lỗi kiểm tra CRC ở thành phần ${entry.name}`);
  }
  if (!keep) return null;
  if (sheet) {
    if (single) return whole;
    pieces.push(tail, (decoder as InstanceType<typeof TextDecoder> | null)?.decode() ?? '');
    return pieces.join('');
  }
  if (chunks.length === 1) return UTF8.decode(chunks[0]);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return UTF8.decode(all);
}

/**
 * Checks the bytes of an uploaded workbook. Returns the format to read it with, or throws
 * `AppError('bad_file', message)`.
 */
export function inspectBytes(bytes: Uint8Array, fileName: string, options: InspectOptions = {}): FileInspection {
  if (bytes.length === 0) {
    throw bad('Tệp rỗng (0 byte). Hãy yêu cầu đơn vị gửi lại tệp Excel đã điền.');
  }
  if (bytes.length > LIMITS.maxFileBytes) {
    throw bad(
      `Tệp "${fileName}" quá lớn (${mb(bytes.length)}; tối đa ${mb(LIMITS.maxFileBytes)}). Mẫu báo cáo chỉ vài chục KB: ` +
        'hãy yêu cầu đơn vị dùng đúng mẫu biểu, xóa hình ảnh và trang tính thừa rồi gửi lại.',
    );
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return inspectOle2(bytes, fileName);
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (startsWith(bytes, [0x50, 0x4b])) throw CORRUPT(fileName, 'đầu tệp nén không hợp lệ');
    throw describeNonZip(bytes, fileName);
  }
  const entries = readCentralDirectory(bytes, fileName);
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) {
      throw bad(`Tệp "${fileName}" là văn bản Word (.docx), không phải bảng tính Excel. ${RESEND}`);
    }
    if (names.has('content.xml') && names.has('mimetype')) {
      throw bad(
        `Tệp "${fileName}" ở định dạng OpenDocument (.ods). Hãy mở bằng LibreOffice hoặc Excel, ` +
          'chọn Lưu thành kiểu "Excel 2007-365 (.xlsx)" rồi gửi lại.',
      );
    }
    if (names.has('xl/workbook.bin')) {
      throw bad(
        `Tệp "${fileName}" là sổ làm việc nhị phân (.xlsb). Hãy mở bằng Excel, chọn Lưu thành kiểu ` +
          '"Excel Workbook (*.xlsx)" rồi gửi lại.',
      );
    }
    throw bad(`Tệp "${fileName}" là tệp nén nhưng không phải bảng tính Excel. ${RESEND}`);
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const sheet = isSheetXml(e.name);
    const bomb = e.uncompressedSize > LIMITS.ratioCheckFrom && e.uncompressedSize > e.compressedSize * LIMITS.maxRatio;
    if (bomb || total > LIMITS.maxTotalUncompressed) {
      throw bad(
        `Tệp "${fileName}" khi giải nén lớn bất thường (${mb(Math.max(total, e.uncompressedSize))} từ ` +
          `${mb(bytes.length)}; có thể là "bom nén"), chương trình từ chối mở để bảo vệ máy. ${RESEND}`,
      );
    }
    if (sheet && e.uncompressedSize > LIMITS.maxSheetXml) {
      throw bad(`Trang tính trong tệp "${fileName}" quá lớn (${mb(e.uncompressedSize)} khi giải nén). ${RESEND}`);
    }
  }
  const budget = { left: LIMITS.maxTotalUncompressed };
  const parts: XlsxParts | undefined = options.keep ? { texts: new Map(), duplicateNames: false } : undefined;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue;
    const name = e.name.replace(/^\//, '');
    const keep = !!options.keep?.(name);
    const kept = scanEntry(bytes, e, fileName, budget, keep);
    if (parts && kept !== null) {
      if (parts.texts.has(name)) parts.duplicateNames = true;
      parts.texts.set(name, kept);
    }
  }
  const hasMacros = entries.some((e) => /vbaProject\.bin$/i.test(e.name));
  const notes = hasMacros
    ? ['Tệp có chứa macro (.xlsm): chương trình chỉ đọc giá trị trong ô, không bao giờ chạy macro.']
    : [];
  return parts ? { format: 'xlsx', hasMacros, notes, parts } : { format: 'xlsx', hasMacros, notes };
}
