/**
 * Vietnamese text rules shared by every layer: normalisation, diacritic-insensitive search keys,
 * collation, and vi-VN formatting of numbers and dates.
 */

/**
 * Invisible format characters (Unicode Cf): bidi overrides and isolates (U+202A–202E, U+2066–2069), marks
 * (U+200E/F, U+061C), zero-width joiners, the soft hyphen, tag characters… Kept, "Xã \u202Egnp.exe" prints as
 * "Xã exe.png"; none belongs in a Vietnamese name or text.
 */
const INVISIBLE = /\p{Cf}/u;
const INVISIBLE_ALL = /\p{Cf}+/gu;

/** clean texts and search keys of short strings, kept (both pure): at most this many each, then forgotten */
const SEARCH_KEYS_MAX = 20_000;
const cleanTexts = new Map<string, string>();
const searchKeys = new Map<string, string>();

/** Does `s` hold an invisible format character that cleanText strips (for telling the officer)? */
export function hasInvisible(s: string): boolean {
  return INVISIBLE.test(s);
}

/**
 * NFC, non-breaking and other odd spaces (and line/paragraph separators) turned into plain spaces, invisible
 * format characters (bidi controls, zero-width characters: see INVISIBLE) removed, trimmed, inner runs collapsed.
 */
export function cleanText(s: string): string {
  // most cells are plain printable ASCII with single spaces: nothing to do
  if (/^[!-~]+(?: [!-~]+)*$/.test(s)) return s;
  // the same labels come back in every form: their clean texts are kept (a pure function; short texts only)
  let c = cleanTexts.get(s);
  if (c === undefined) {
    c = s
      .normalize('NFC')
      .replace(/[\u00a0\u2007\u202f\u200b\ufeff\u2028\u2029\t\r\n]+/g, ' ')
      .replace(INVISIBLE_ALL, '')
      .replace(/ {2,}/g, ' ')
      .trim();
    if (s.length <= 200) {
      if (cleanTexts.size >= SEARCH_KEYS_MAX) cleanTexts.clear();
      cleanTexts.set(s, c);
    }
  }
  return c;
}

/**
 * A search key that ignores case and diacritics: "Phường Cam Đường" → "phuong cam duong".
 * SQLite's lower() only folds ASCII, so the key is computed here and stored.
 */
export function searchKey(s: string): string {
  // printable ASCII: NFD changes nothing and there is no mark or đ to drop, only the case to fold
  if (/^[ -~]*$/.test(s)) return cleanText(s).toLowerCase();
  // the same labels come back in every form (headers, row names): their keys are kept (a pure function)
  let k = searchKeys.get(s);
  if (k === undefined) {
    k = cleanText(s)
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    if (s.length <= 200) {
      // labels are short; a long text is not kept (the memory stays small: at most 20,000 short keys)
      if (searchKeys.size >= SEARCH_KEYS_MAX) searchKeys.clear();
      searchKeys.set(s, k);
    }
  }
  return k;
}

/** True when every word of the query occurs in the text, ignoring case and diacritics. */
export function matchesSearch(text: string, query: string): boolean {
  const q = searchKey(query);
  if (!q) return true;
  const t = searchKey(text);
  return q.split(' ').every((w) => t.includes(w));
}

// made on first use: building a 'vi' collator loads ICU's collation data (~40 ms), which a command that never sorts
// (most CLI calls, the import) should not pay at start
let collator: Intl.Collator | null = null;
export const compareVi = (a: string, b: string): number =>
  (collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true })).compare(a, b);

const numberFormats = new Map<number, Intl.NumberFormat>();
/** 1234.5 → "1.234,5" (vi-VN), with at most `maxFractionDigits` decimals. */
export function formatNumber(n: number | null | undefined, maxFractionDigits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  let f = numberFormats.get(maxFractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(maxFractionDigits, f);
  }
  return f.format(n);
}

/** "2026-06-10" → "10/06/2026". Accepts ISO dates and date-times. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** "2026-06-10T08:05:00Z" → "10/06/2026 15:05" in local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "dd/mm/yyyy" or "d/m/yyyy" → ISO "yyyy-mm-dd"; null when it is not a real date. */
export function parseViDate(s: string): string | null {
  const t = cleanText(s);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return null;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  }
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Parses a number as Vietnamese units type it: "1.234" → 1234, "12,5" → 12.5, "1.234.567,8" → 1234567.8,
 * "1 234" → 1234. Also accepts plain "12.5" when the dot cannot be a thousands separator.
 * Returns null when the text is not a number.
 */
export function parseViNumber(raw: string): number | null {
  let s = cleanText(raw).replace(/ /g, '');
  if (!s) return null;
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalised: string;
  if (dots > 0 && commas > 0) {
    // both: the last one is the decimal separator
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastComma > lastDot) {
      if (commas > 1 || !/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return null;
      normalised = s.replace(/\./g, '').replace(',', '.');
    } else {
      if (dots > 1 || !/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) return null;
      normalised = s.replace(/,/g, '');
    }
  } else if (commas > 0) {
    if (commas === 1 && /^\d+,\d+$/.test(s)) normalised = s.replace(',', '.');
    else if (/^\d{1,3}(,\d{3})+$/.test(s)) normalised = s.replace(/,/g, '');
    else return null;
  } else if (dots > 0) {
    if (/^\d{1,3}(\.\d{3})+$/.test(s)) normalised = s.replace(/\./g, '');
    else if (dots === 1 && /^\d*\.\d+$/.test(s)) normalised = s;
    else return null;
  } else {
    normalised = s;
  }
  const n = Number(normalised);
  return Number.isFinite(n) ? sign * n : null;
}

/** Vietnamese yes/no as units write it: "Có", "có", "x", "X", "Không", "không", "k". */
export function parseYesNo(raw: string): boolean | null {
  const k = searchKey(raw);
  if (['co', 'x', 'yes', 'dat', 'c', '1', 'true', 'v'].includes(k)) return true;
  if (['khong', 'k', 'no', 'khong dat', '0', 'false', 'ko'].includes(k)) return false;
  return null;
}

/** A file-name-safe ASCII slug of a Vietnamese label ("6 tháng đầu năm 2026" → "6-thang-dau-nam-2026"). */
export function slugify(s: string): string {
  return searchKey(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
