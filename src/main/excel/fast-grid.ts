/**
 * A small, allocation-light reader for .xlsx/.xlsm that gives EXACTLY the grid that grid.ts builds through exceljs
 * (`Workbook.xlsx.load`), without a second inflate (the file guard hands over the texts it already inflated) and
 * without building exceljs's object model (styles, fonts, rows, cells, merges as objects).
 *
 * It follows exceljs 4.4 rule by rule, quirks included, because the grid must not depend on which reader ran:
 * - sheets: `<sheet>` order of workbook.xml, kept only when the relationship target resolves to an entry named like
 *   `xl/worksheets/sheetN.xml` (exceljs ignores chartsheets and oddly named parts); names get exceljs's second
 *   entity decoding (utils.xmlDecode);
 * - shared strings: `<t>` text and rich runs (`<r><t>`) with `_xHHHH_` escapes decoded (upper-case hex only),
 *   phonetic runs (`<rPh>`) skipped; inline strings (`<is><t>`) are NOT unescaped, rich inline runs are;
 * - t="str" values and formula results get the second entity decoding; t="d" is read with parseFloat (the year);
 * - dates: a number whose cell style's number format (custom `<numFmt>` with backslash escapes removed, else the
 *   built-in format TEXT that exceljs knows: ids 14–22 and 45–47, not 27–36 or 50–58) has y/m/d/h/M/s/b outside
 *   quotes and brackets; formula results are converted too (whatever their type, like exceljs); date1904;
 * - formulas: the cached result counts whatever it is (grid.ts reads exceljs's `cell.result`, not the `cell.value`
 *   getter that drops falsy parts): `<v>0</v>` is the number 0, a FALSE result is false, a t="str" cell with an
 *   empty `<v>` (what Excel and LibreOffice write for ="") is a plain blank; only a formula without a usable value
 *   (no `<v>`, or an empty `<v>` that is not t="str", as openpyxl writes for uncalculated formulas, or a number
 *   that does not parse) is `{ kind: 'blank', formula }`; shared-formula clones carry the master's address as their
 *   formula;
 * - percentages: a number whose style's number format (the same text as for dates; an escaped `\%` is first
 *   quoted, in grid.ts's exceljs too, because exceljs drops the backslash) has `%` outside quotes, brackets and
 *   escapes gets `percent: true`; formula results too;
 * - hidden columns and rows: `<col hidden>` or `width="0"` (ranges laid out like exceljs's Column.fromModel: sorted
 *   by min, the first range wins an overlap), `<row hidden>` or `ht="0"` with customHeight; booleans as exceljs
 *   reads them ("1" or "true"); kept only inside the form limits (LIMITS.maxCols, LIMITS.maxRows), so a
 *   `<col min="1" max="16384">` costs no more than a narrow one;
 * - merges: slaves take the master's value, like grid.ts.
 *
 * Whatever it does not handle with certainty makes it throw `FastGridUnsupported`, and loadGrid reads the file with
 * exceljs instead: CDATA or DOCTYPE, prefixed SpreadsheetML element names (`<x:sheetData>`), strict OOXML,
 * hyperlinks, cells without an address or out of order, duplicate rows, overlapping or sheet-sized merges, two
 * `<cols>`, odd sheet names or ids, a shared string index out of range, unknown entities, phonetic runs in inline strings… The tests compare
 * both readers cell by cell on every fixture and on generated edge cases.
 */
import { LIMITS, type XlsxParts } from './file-guard';
import { cleanText } from '../../shared/text/vi';
import {
  BLANK,
  NOT_A_NUMBER,
  EXTERNAL_REF,
  isoDate,
  makeSheet,
  text,
  type GridSheet,
  type RawCell,
  type SheetState,
} from './grid-model';

export class FastGridUnsupported extends Error {}

function unsupported(why: string): never {
  throw new FastGridUnsupported(why);
}

/** Entries the fast reader needs (names as in the zip, without a leading '/'). */
export function isFastPart(name: string): boolean {
  return (
    name === 'xl/workbook.xml' ||
    name === 'xl/_rels/workbook.xml.rels' ||
    name === 'xl/sharedStrings.xml' ||
    name === 'xl/styles.xml' ||
    SHEET_ENTRY.test(name)
  );
}

/** the entries exceljs parses as worksheets (unanchored, like exceljs) */
const SHEET_ENTRY = /xl\/worksheets\/sheet(\d+)[.]xml/;

// ---------------------------------------------------------------------------------------------------------------
// XML scanning

const TEXT = 1;
const OPEN = 2;
const CLOSE = 3;
const EOF = 0;

/**
 * SpreadsheetML element names that must never appear with a namespace prefix: a document that prefixes the main
 * namespace (`<x:sheetData>`) prefixes these too, and exceljs would not see them. Short names (f, v, t, r…) are
 * left out: extensions legitimately use `<xm:f>` and the like.
 */
const WATCHED = new Set([
  'workbook',
  'sheets',
  'sheet',
  'Relationships',
  'Relationship',
  'sst',
  'si',
  'numFmts',
  'cellXfs',
  'worksheet',
  'sheetData',
  'row',
  'c',
  'is',
  'mergeCells',
  'mergeCell',
  'cols',
  'col',
  'hyperlinks',
  'hyperlink',
]);

/**
 * A start tag as the character loop of Scanner.next accepts it: a name up to white space, '/' or '>'; attributes
 * `name = "value"` (or single quotes) each after white space, names up to white space, '=', a quote, '<', '/' or
 * '>', values without '<'; then optional white space and '>' or '/>'. Whatever it does not match, the loop decides.
 */
const START_TAG =
  /<([^ \t\n\r/>]+)(?:[ \t\n\r]+[^ \t\n\r/>="'<]+[ \t\n\r]*=[ \t\n\r]*(?:"[^"<]*"|'[^'<]*'))*[ \t\n\r]*\/?>/y;

const isNameEnd = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f /* / */ || c === 0x3e; /* > */

/**
 * A pull tokenizer over a whole XML document: text runs, start tags (with the raw attribute range, read on demand)
 * and end tags. No DOM, no backtracking: every character is looked at a bounded number of times.
 */
class Scanner {
  pos = 0;
  name = '';
  selfClosing = false;
  private a0 = 0;
  private a1 = 0;
  private t0 = 0;
  private t1 = 0;
  /** open elements, to refuse what is not well-formed (exceljs's parser would fail on it) */
  private readonly stack: string[] = [];
  constructor(readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  next(): number {
    const s = this.s;
    for (;;) {
      const p = this.pos;
      if (p >= s.length) {
        if (this.stack.length) unsupported(`<${this.stack[this.stack.length - 1]!}> not closed`);
        return EOF;
      }
      if (s.charCodeAt(p) !== 0x3c) {
        let q = s.indexOf('<', p);
        if (q < 0) q = s.length;
        this.t0 = p;
        this.t1 = q;
        this.pos = q;
        return TEXT;
      }
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 0x3f /* ? */) {
        const q = s.indexOf('?>', p + 2);
        if (q < 0) unsupported('processing instruction not closed');
        this.pos = q + 2;
        continue;
      }
      if (c1 === 0x21 /* ! */) {
        if (s.startsWith('<!--', p)) {
          const q = s.indexOf('-->', p + 4);
          if (q < 0) unsupported('comment not closed');
          this.pos = q + 3;
          continue;
        }
        unsupported('CDATA or DOCTYPE');
      }
      if (c1 === 0x2f /* / */) {
        let q = p + 2;
        while (q < s.length && s.charCodeAt(q) !== 0x3e) q++;
        if (q >= s.length) unsupported('end tag not closed');
        const raw = s.slice(p + 2, q);
        // trimmed as String.prototype.trim does (any Unicode space at either end), looked at only when an end could be one
        const e0 = raw.charCodeAt(0);
        const e1 = raw.charCodeAt(raw.length - 1);
        this.name = e0 <= 0x20 || e0 >= 0x80 || e1 <= 0x20 || e1 >= 0x80 ? raw.trim() : raw;
        this.pos = q + 1;
        // the open tag's name was checked (checkName) when it was pushed; an end tag must match it exactly
        if (this.stack.pop() !== this.name) unsupported(`mismatched </${this.name}>`);
        return CLOSE;
      }
      // the usual start tag in one regex pass (the same grammar as the loop below, which decides when it fails)
      START_TAG.lastIndex = p;
      const m = START_TAG.exec(s);
      if (m) {
        const name = m[1]!;
        const end = START_TAG.lastIndex; // just past '>'
        this.name = name;
        this.a0 = p + 1 + name.length;
        this.selfClosing = s.charCodeAt(end - 2) === 0x2f;
        this.a1 = this.selfClosing ? end - 2 : end - 1;
        this.pos = end;
        if (!this.selfClosing) this.stack.push(name);
        if (name.includes(':')) this.checkName();
        return OPEN;
      }
      let q = p + 1;
      let colon = false;
      for (let c = s.charCodeAt(q); q < s.length && !isNameEnd(c); c = s.charCodeAt(++q)) if (c === 0x3a) colon = true;
      this.name = s.slice(p + 1, q);
      if (!this.name) unsupported('empty tag name');
      this.a0 = q;
      // walk the attributes (name = "value" …) up to '>' or '/>': anything else is not well-formed XML
      for (;;) {
        let c = s.charCodeAt(q);
        while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = s.charCodeAt(++q);
        if (c === 0x3e) break;
        if (c === 0x2f) {
          if (s.charCodeAt(q + 1) !== 0x3e) unsupported('bad start tag');
          q++;
          break;
        }
        const n0 = q;
        while (q < s.length && !isNameEnd(c) && c !== 0x3d && c !== 0x22 && c !== 0x27 && c !== 0x3c)
          c = s.charCodeAt(++q);
        if (q === n0) unsupported('bad attribute');
        while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = s.charCodeAt(++q);
        if (c !== 0x3d) unsupported('attribute without a value');
        c = s.charCodeAt(++q);
        while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = s.charCodeAt(++q);
        if (c !== 0x22 && c !== 0x27) unsupported('attribute without quotes');
        // the closing quote, refusing a '<' before it (a character loop: these values are short)
        const e = s.indexOf(c === 0x22 ? '"' : "'", q + 1);
        if (e < 0) unsupported('attribute not closed');
        for (let j = q + 1; j < e; j++) if (s.charCodeAt(j) === 0x3c) unsupported("'<' in an attribute");
        q = e + 1;
        const after = s.charCodeAt(q);
        if (after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d && after !== 0x3e && after !== 0x2f) {
          unsupported('attributes not separated');
        }
      }
      if (q >= s.length) unsupported('start tag not closed');
      this.selfClosing = s.charCodeAt(q - 1) === 0x2f;
      this.a1 = this.selfClosing ? q - 1 : q;
      this.pos = q + 1;
      if (!this.selfClosing) this.stack.push(this.name);
      if (colon) this.checkName();
      return OPEN;
    }
  }

  /**
   * Matches a sticky regex at the current position (which must be a '<'): on success the position moves past the
   * match. The regex must match whole, balanced elements only, so that the open-element stack stays right.
   */
  match(re: RegExp): RegExpExecArray | null {
    const p = this.pos;
    if (this.s.charCodeAt(p) !== 0x3c) return null;
    re.lastIndex = p;
    const m = re.exec(this.s);
    if (m) this.pos = re.lastIndex;
    return m;
  }

  /**
   * Enters an element matched outside next() (a whole start tag read by hand up to `end`, just past its '>'): the
   * position moves past it and, unless it closes itself, it is open until its end tag.
   */
  enter(name: string, end: number, selfClosing: boolean): void {
    this.pos = end;
    this.name = name;
    this.selfClosing = selfClosing;
    if (!selfClosing) this.stack.push(name);
  }

  /** At `</name>` closing the innermost open element `name`: moves past it (true); otherwise nothing (false). */
  leave(name: string): boolean {
    const s = this.s;
    const p = this.pos;
    if (s.charCodeAt(p) !== 0x3c || s.charCodeAt(p + 1) !== 0x2f || !s.startsWith(name, p + 2)) return false;
    if (s.charCodeAt(p + 2 + name.length) !== 0x3e || this.stack[this.stack.length - 1] !== name) return false;
    this.stack.pop();
    this.name = name;
    this.pos = p + 3 + name.length;
    return true;
  }

  /** Is the only open element `name` (the document's root)? */
  onlyOpen(name: string): boolean {
    return this.stack.length === 1 && this.stack[0] === name;
  }

  /** Moves to the end of the document, every element closed (what reading a known rest of it ends with). */
  toEnd(): void {
    this.pos = this.s.length;
    this.stack.length = 0;
  }

  private checkName(): void {
    const i = this.name.indexOf(':');
    if (i >= 0 && WATCHED.has(this.name.slice(i + 1))) unsupported(`prefixed element <${this.name}>`);
  }

  /** The decoded text of the current TEXT token. */
  text(): string {
    return decodeText(this.s.slice(this.t0, this.t1));
  }

  /** An attribute of the current start tag, decoded; undefined when absent. */
  attr(name: string): string | undefined {
    const s = this.s;
    let i = this.a0;
    const end = this.a1;
    while (i < end) {
      let c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        i++;
        continue;
      }
      // the name runs up to white space or '=' (the start tag was checked: name, white space, '=', value)
      const n0 = i;
      const after = s.charCodeAt(n0 + name.length);
      const named =
        n0 + name.length < end &&
        (after === 0x3d || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d) &&
        s.startsWith(name, n0);
      const eq = s.indexOf('=', n0);
      i = eq < 0 || eq >= end ? end + 1 : eq + 1;
      while (i < end && ((c = s.charCodeAt(i)) === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)) i++;
      const quote = s.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) unsupported('attribute without quotes');
      const v1 = s.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (v1 < 0 || v1 > end) unsupported('attribute not closed');
      if (named) return decodeAttr(s.slice(i + 1, v1));
      i = v1 + 1;
    }
    return undefined;
  }

  /**
   * Several attributes of the current start tag in one walk: `out[i]` is what `attr(names[i])` gives (the first
   * attribute of that name, decoded; undefined when absent).
   */
  attrs(names: readonly string[], out: Array<string | undefined>): void {
    const s = this.s;
    out.fill(undefined);
    let left = names.length;
    let i = this.a0;
    const end = this.a1;
    while (i < end && left > 0) {
      let c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        i++;
        continue;
      }
      // the name runs up to white space or '=' (the start tag was checked: name, white space, '=', value)
      const n0 = i;
      let n1 = n0;
      while (n1 < end && (c = s.charCodeAt(n1)) !== 0x3d && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n1++;
      const eq = s.indexOf('=', n0);
      i = eq < 0 || eq >= end ? end + 1 : eq + 1;
      while (i < end && ((c = s.charCodeAt(i)) === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)) i++;
      const quote = s.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) unsupported('attribute without quotes');
      const v1 = s.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (v1 < 0 || v1 > end) unsupported('attribute not closed');
      for (let k = 0; k < names.length; k++) {
        const name = names[k]!;
        if (out[k] === undefined && n1 < end && n1 - n0 === name.length && s.startsWith(name, n0)) {
          out[k] = decodeAttr(s.slice(i + 1, v1));
          left--;
          break;
        }
      }
      i = v1 + 1;
    }
  }

  /** Skips to the end tag that closes the current start tag (same name, nesting counted). */
  skipElement(): void {
    if (this.selfClosing) return;
    const name = this.name;
    let depth = 1;
    for (;;) {
      const k = this.next();
      if (k === EOF) unsupported(`<${name}> not closed`);
      if (this.name !== name) continue;
      if (k === OPEN && !this.selfClosing) depth++;
      else if (k === CLOSE && --depth === 0) return;
    }
  }
}

function decodeEntities(s: string): string {
  let out = '';
  let last = 0;
  let i = s.indexOf('&');
  while (i >= 0) {
    const semi = s.indexOf(';', i + 1);
    if (semi < 0 || semi - i > 12) unsupported('bad entity');
    const ent = s.slice(i + 1, semi);
    let ch: string;
    if (ent === 'amp') ch = '&';
    else if (ent === 'lt') ch = '<';
    else if (ent === 'gt') ch = '>';
    else if (ent === 'quot') ch = '"';
    else if (ent === 'apos') ch = "'";
    else if (ent.charCodeAt(0) === 0x23 /* # */) {
      const hex = ent.charCodeAt(1) === 0x78; /* x */
      const digits = ent.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) unsupported('bad character reference');
      const cp = parseInt(digits, hex ? 16 : 10);
      if (
        (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) ||
        cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff) ||
        cp === 0xfffe ||
        cp === 0xffff
      )
        unsupported('bad character reference');
      ch = String.fromCodePoint(cp);
    } else unsupported(`unknown entity &${ent};`);
    out += s.slice(last, i) + ch;
    last = semi + 1;
    i = s.indexOf('&', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** characters XML 1.0 does not allow (exceljs's parser refuses them) */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/**
 * No character that decoding would change or refuse (a control character, tab or line end, '&', U+FFFE/U+FFFF):
 * the usual cell value or attribute, returned as it is.
 */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x26 || c >= 0xfffe) return false;
  }
  return true;
}

/** Text content: entities decoded, line ends normalised like an XML parser does. */
function decodeText(raw: string): string {
  if (plain(raw)) return raw;
  let s = raw;
  if (CONTROL.test(s)) unsupported('control character');
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  return s.includes('&') ? decodeEntities(s) : s;
}

/** Attribute values: literal tabs and line ends become spaces (XML attribute normalisation), then entities. */
function decodeAttr(raw: string): string {
  if (plain(raw)) return raw;
  let s = raw;
  if (CONTROL.test(s)) unsupported('control character');
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n/g, ' ').replace(/[\t\n\r]/g, ' ');
  return s.includes('&') ? decodeEntities(s) : s;
}

/** exceljs utils.xmlDecode: a second decoding of the five named entities (applied to t="str" values, sheet names). */
function xmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** exceljs TextXform: `_xHHHH_` escapes (upper-case hex digits only, like exceljs). */
function unescapeX(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** Reads text tokens up to the end of the current element (which must contain text only, or comments). */
function readElementText(x: Scanner): string {
  if (x.selfClosing) return '';
  const name = x.name;
  let out = '';
  for (;;) {
    const k = x.next();
    if (k === TEXT) out += x.text();
    else if (k === CLOSE && x.name === name) return out;
    else if (k === EOF) unsupported(`<${name}> not closed`);
    else unsupported(`markup inside <${name}>`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// workbook, relationships, shared strings, styles

interface SheetDef {
  name: string;
  id: number;
  state: string | undefined;
  rId: string | undefined;
}

function readWorkbook(xml: string): { sheets: SheetDef[]; date1904: boolean } {
  if (xml.includes('purl.oclc.org/ooxml/spreadsheetml')) unsupported('strict OOXML');
  const x = new Scanner(xml);
  const sheets: SheetDef[] = [];
  let date1904 = false;
  let sawWorkbook = false;
  for (let k = x.next(); k !== EOF; k = x.next()) {
    if (k !== OPEN) continue;
    if (x.name === 'workbook') sawWorkbook = true;
    else if (x.name === 'workbookPr') date1904 = x.attr('date1904') === '1';
    else if (x.name === 'sheet') {
      const name = x.attr('name');
      const id = x.attr('sheetId');
      if (name === undefined || id === undefined || !/^[1-9]\d{0,8}$/.test(id)) unsupported('sheet without name or id');
      sheets.push({ name: xmlDecode(name), id: Number(id), state: x.attr('state'), rId: x.attr('r:id') });
    }
  }
  if (!sawWorkbook) unsupported('no <workbook>');
  return { sheets, date1904 };
}

function readRels(xml: string | undefined): Map<string, string> {
  const rels = new Map<string, string>();
  if (xml === undefined) return rels;
  const x = new Scanner(xml);
  for (let k = x.next(); k !== EOF; k = x.next()) {
    if (k === OPEN && x.name === 'Relationship') {
      const id = x.attr('Id');
      const target = x.attr('Target');
      if (id === undefined) continue;
      if (target === undefined) unsupported('relationship without target');
      rels.set(id, target);
    }
  }
  return rels;
}

/** `<si><t>text</t></si>` (with or without xml:space="preserve"): no rich runs, no phonetic runs, no markup */
const PLAIN_SI = /<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/y;

/** Shared strings as exceljs's grid sees them: rich runs joined, phonetic runs left out. */
function readSharedStrings(xml: string): string[] {
  const x = new Scanner(xml);
  const out: string[] = [];
  for (;;) {
    // the usual string, whole, in one regex pass (what the token path makes of it: its text, decoded)
    const m = x.match(PLAIN_SI);
    if (m) {
      out.push(unescapeX(decodeText(m[1]!)));
      continue;
    }
    const k = x.next();
    if (k === EOF) break;
    if (k !== OPEN || x.name !== 'si') continue;
    if (x.selfClosing) {
      out.push('');
      continue;
    }
    let plain: string | null = null;
    let runs: string[] | null = null;
    for (;;) {
      const e = x.next();
      if (e === EOF) unsupported('<si> not closed');
      if (e === CLOSE && x.name === 'si') break;
      if (e !== OPEN) continue;
      const n: string = x.name;
      if (n === 't') {
        if (runs) unsupported('<t> after rich runs');
        plain = unescapeX(readElementText(x));
      } else if (n === 'r') {
        if (plain !== null) unsupported('rich runs after <t>');
        runs ??= [];
        runs.push(readRun(x));
      } else x.skipElement(); // rPh, phoneticPr…
    }
    out.push(runs ? runs.join('') : (plain ?? ''));
  }
  return out;
}

/** One rich-text run `<r><rPr/><t/></r>`: its text (the last `<t>` wins, like exceljs), `_xHHHH_` decoded. */
function readRun(x: Scanner): string {
  if (x.selfClosing) return '';
  let t = '';
  for (;;) {
    const e = x.next();
    if (e === EOF) unsupported('<r> not closed');
    if (e === CLOSE && x.name === 'r') return t;
    if (e !== OPEN) continue;
    if (x.name === 't') t = unescapeX(readElementText(x));
    else if (x.name === 'rPr') x.skipElement();
    else unsupported(`<${x.name}> in a rich-text run`);
  }
}

/** exceljs's built-in number formats that have a format text (ids without one are never dates for exceljs). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** exceljs utils.isDateFmt (format codes are short: these regexes run on a few dozen characters). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/**
 * Does a number format show its number as a percentage? A `%` outside quoted literals ("%"), brackets ([Red],
 * [$-vi-VN]) and the one-character escapes (\%, _% padding, *% fill) scales the number by 100; a literal one does
 * not (`0.0"%"`, which LibreOffice saves as `0.0\%`).
 */
export function isPercentFormat(fmt: string | undefined): boolean {
  if (!fmt || !fmt.includes('%')) return false;
  return fmt.replace(/"[^"]*"|\[[^\]]*]|[\\_*]./g, '').includes('%');
}

/**
 * exceljs removes the backslash escapes of custom format codes (`0\%` becomes `0%`, a percentage it is not): both
 * .xlsx readers first turn an escaped `%` outside quotes into the quoted literal it means (`0"%"`), and an escaped
 * backslash into a quoted one (`"\\"`, which exceljs's removal turns into `"\"`), so that a `%` after it still counts.
 * This shows the same and leaves the date rule unchanged; codes without a `%` are not touched.
 */
export function protectEscapedPercent(code: string): string {
  if (!code.includes('%') || !code.includes('\\')) return code;
  return code.replace(/"[^"]*"|\\(.)/g, (m, ch: string | undefined) =>
    ch === '%' ? '"%"' : ch === '\\' ? '"\\\\"' : m,
  );
}

/** The number, flagged as shown in per cent (the same key order whichever reader built it). */
export function markPercent(raw: RawCell): RawCell {
  return raw.kind === 'number' ? { ...raw, percent: true } : raw;
}

/** exceljs utils.parseBoolean, for attributes: "1" and "true" are true, anything else is not */
export function xmlBoolean(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

/** `<row ht="0" customHeight="1">`: a row of height 0 set by hand, which Excel shows as hidden */
export function isZeroHeightRow(ht: string | undefined, customHeight: string | undefined): boolean {
  return !!ht && parseFloat(ht) === 0 && xmlBoolean(customHeight);
}

const NOT_DATE = 0;
const DATE = 1;
/** a style exceljs cannot build (an xf pointing into a font, fill or border list that styles.xml lacks) */
const BROKEN = 2;
/** not a date, shown as a percentage */
const PERCENT = 3;

/**
 * readStyleKinds, kept for the last few styles.xml texts: the units of a province fill the same template, so most
 * files carry one of a handful of styles.xml, byte for byte. Keyed by the whole text (a pure function of it); the
 * arrays are never changed by their readers.
 */
const styleKindsCache = new Map<string, number[]>();
const STYLE_CACHE_MAX = 16;
function styleKindsOf(xml: string | undefined): number[] {
  if (xml === undefined) return readStyleKinds(xml);
  let kinds = styleKindsCache.get(xml);
  if (kinds === undefined) {
    kinds = readStyleKinds(xml);
    if (styleKindsCache.size >= STYLE_CACHE_MAX) styleKindsCache.delete(styleKindsCache.keys().next().value!);
    styleKindsCache.set(xml, kinds);
  }
  return kinds;
}

/** For each cellXfs index: does a number in that style read as a date or a percentage (or would exceljs fail)? */
function readStyleKinds(xml: string | undefined): number[] {
  if (xml === undefined) unsupported('no styles.xml');
  const x = new Scanner(xml);
  const custom = new Map<number, string>();
  const xfNumFmt: number[] = [];
  const xfRefs: Array<[boolean, boolean, boolean]> = [];
  const lists = new Set<string>();
  let inNumFmts = false;
  let inCellXfs = false;
  for (let k = x.next(); k !== EOF; k = x.next()) {
    if (k === OPEN) {
      if (x.name === 'numFmts') inNumFmts = !x.selfClosing;
      else if (x.name === 'cellXfs') inCellXfs = !x.selfClosing;
      else if (x.name === 'numFmt' && inNumFmts) {
        const code = x.attr('formatCode');
        if (code === undefined) unsupported('numFmt without formatCode');
        custom.set(parseInt(x.attr('numFmtId') ?? '', 10), protectEscapedPercent(code).replace(/[\\](.)/g, '$1'));
      } else if (x.name === 'xf' && inCellXfs) {
        xfNumFmt.push(parseInt(x.attr('numFmtId') ?? '', 10));
        const has = (a: string): boolean => !Number.isNaN(parseInt(x.attr(a) ?? '', 10));
        xfRefs.push([has('fontId'), has('borderId'), has('fillId')]);
        x.skipElement();
      } else if (inCellXfs) unsupported(`<${x.name}> in cellXfs`);
      else if (x.name === 'fonts' || x.name === 'borders' || x.name === 'fills') lists.add(x.name);
    } else if (k === CLOSE) {
      if (x.name === 'numFmts') inNumFmts = false;
      else if (x.name === 'cellXfs') inCellXfs = false;
    }
  }
  return xfNumFmt.map((id, i) => {
    const [font, border, fill] = xfRefs[i]!;
    if ((font && !lists.has('fonts')) || (border && !lists.has('borders')) || (fill && !lists.has('fills')))
      return BROKEN;
    if (!id) return NOT_DATE;
    const fmt = custom.get(id) || BUILTIN_FORMATS[id];
    return isDateFormat(fmt) ? DATE : isPercentFormat(fmt) ? PERCENT : NOT_DATE;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// worksheets

/** exceljs utils.excelToDate */
function excelToDate(v: unknown, date1904: boolean): Date {
  return new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

type Plain = number | string | boolean | Date | { error: string };

/** grid.ts fromPlain, for the values this reader produces. */
function fromPlain(v: Plain | undefined): RawCell {
  if (v === undefined) return BLANK;
  // a number that is not finite ("Infinity", "NaN" written by a tool) is an error, never a silent blank
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : NOT_A_NUMBER;
  if (typeof v === 'string') return text(v);
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? BLANK : { kind: 'date', value: isoDate(v) };
  return { kind: 'error', value: v.error };
}

/**
 * A formula's cached result (already converted to a cell, 0 and FALSE included) as the grid keeps it: a text result
 * that is empty once cleaned is a plain blank; a number or date that does not read (NaN) counts as no cached result.
 * Shared with grid.ts, so that both .xlsx readers decide alike.
 */
export function formulaCell(cached: RawCell, resultIsText: boolean, formula: string): RawCell {
  // a cached value that is not a number ("abc", NaN) is no result: the formula was not calculated
  if (cached.kind === 'blank' || cached === NOT_A_NUMBER) return resultIsText ? BLANK : { kind: 'blank', formula };
  // a link into another workbook: the cached figure cannot be checked here, the reader warns the officer
  return cached.kind === 'number' && EXTERNAL_REF.test(formula) ? { ...cached, externalFormula: formula } : cached;
}

/** `AB12` → [row, col]; null for anything else (exceljs would read `$A$1`, lower case… differently or not at all). */
function decodeAddress(a: string): [number, number] | null {
  let col = 0;
  let i = 0;
  for (; i < a.length && i < 4; i++) {
    const c = a.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + c - 64;
  }
  if (i === 0 || i > 3 || col > 16384) return null;
  // the row: /^[1-9]\d{0,6}$/ (1 to 7 digits, no leading zero, nothing after)
  const n = a.length - i;
  if (n < 1 || n > 7) return null;
  let row = 0;
  for (let j = i; j < a.length; j++) {
    const d = a.charCodeAt(j) - 0x30;
    if (d < 0 || d > 9 || (j === i && d === 0)) return null;
    row = row * 10 + d;
  }
  return [row, col];
}

interface Ctx {
  shared: string[] | null;
  /** the cell of each shared string, as text() builds it, filled as the sheets use them */
  sharedCells: RawCell[];
  /** per cellXfs index: NOT_DATE, DATE, BROKEN or PERCENT */
  styles: number[];
  date1904: boolean;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** one `<col>`: its range as exceljs parses it (parseInt, NaN included) and whether it hides its columns */
interface ColDef {
  min: number;
  max: number;
  hidden: boolean;
}

/**
 * The hidden columns inside the form limits, laid out like exceljs's Column.fromModel: ranges sorted by min (the
 * same Array.sort, so NaN sorts the same way), a column belongs to the first range that reaches it. Work is one
 * step per `<col>` plus at most LIMITS.maxCols set entries, however wide the ranges claim to be.
 */
function hiddenColumns(defs: ColDef[]): Set<number> {
  const out = new Set<number>();
  const sorted = defs.slice().sort((a, b) => a.min - b.min);
  let count = 1;
  for (const d of sorted) {
    if (count < d.min) count = d.min; // exceljs: while (count < min) a default column
    if (!(count <= d.max)) continue; // exceljs: while (count <= max) a column of this range
    if (d.hidden) for (let c = count; c <= Math.min(d.max, LIMITS.maxCols); c++) out.add(c);
    count = d.max + 1;
  }
  return out;
}

/**
 * The cell as Excel, exceljs and LibreOffice write it: `r`, then optionally `s` and `t`, each with double quotes and
 * one space, then `/>`, `></c>` or `><v>…</v></c>` (no formula, no inline string). Read with the same rules as the
 * token path; any other shape, or anything the token path would refuse, takes the token path. This regex is the
 * grammar; `scanPlainCell` matches exactly it, by character codes and without allocating (the tests compare both).
 */
export const PLAIN_CELL =
  /<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/y;

/** What scanPlainCell found: the address, the style id (-1: no `s`), the `t` and `<v>` text ranges (-1: none). */
export interface PlainCellMatch {
  col: number;
  row: number;
  style: number;
  t0: number;
  t1: number;
  v0: number;
  v1: number;
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * PLAIN_CELL at `p`, by hand: the position just past the match, or -1 when PLAIN_CELL does not match there (`m` is
 * then left in any state). Each optional part of PLAIN_CELL starts with text the next part cannot start with, so
 * taking an optional part whenever its start is there never loses a match the regex would find by backtracking.
 */
export function scanPlainCell(s: string, p: number, m: PlainCellMatch): number {
  // <c r="
  if (
    s.charCodeAt(p) !== 0x3c ||
    s.charCodeAt(p + 1) !== 0x63 ||
    s.charCodeAt(p + 2) !== 0x20 ||
    s.charCodeAt(p + 3) !== 0x72 ||
    s.charCodeAt(p + 4) !== 0x3d ||
    s.charCodeAt(p + 5) !== 0x22
  )
    return -1;
  let q = p + 6;
  let col = 0;
  let c = s.charCodeAt(q);
  while (isUpper(c) && q - p - 6 < 3) {
    col = col * 26 + c - 64;
    c = s.charCodeAt(++q);
  }
  if (q === p + 6 || c < 0x31 || c > 0x39) return -1; // 1–3 letters, then a digit that is not 0
  const d0 = q;
  let row = 0;
  while (isDigit(c) && q - d0 < 7) {
    row = row * 10 + c - 0x30;
    c = s.charCodeAt(++q);
  }
  if (c !== 0x22) return -1;
  c = s.charCodeAt(++q);
  m.col = col;
  m.row = row;
  m.style = -1;
  m.t0 = -1;
  m.t1 = -1;
  m.v0 = -1;
  m.v1 = -1;
  // ` s="digits"`
  if (c === 0x20 && s.charCodeAt(q + 1) === 0x73) {
    if (s.charCodeAt(q + 2) !== 0x3d || s.charCodeAt(q + 3) !== 0x22) return -1;
    q += 4;
    const s0 = q;
    let id = 0;
    c = s.charCodeAt(q);
    while (isDigit(c) && q - s0 < 9) {
      id = id * 10 + c - 0x30;
      c = s.charCodeAt(++q);
    }
    if (q === s0 || c !== 0x22) return -1;
    m.style = id;
    c = s.charCodeAt(++q);
  }
  // ` t="letters"`
  if (c === 0x20) {
    if (s.charCodeAt(q + 1) !== 0x74 || s.charCodeAt(q + 2) !== 0x3d || s.charCodeAt(q + 3) !== 0x22) return -1;
    q += 4;
    const t0 = q;
    c = s.charCodeAt(q);
    while (isLetter(c) && q - t0 < 9) c = s.charCodeAt(++q);
    if (q === t0 || c !== 0x22) return -1;
    m.t0 = t0;
    m.t1 = q;
    c = s.charCodeAt(++q);
  }
  if (c === 0x2f) return s.charCodeAt(q + 1) === 0x3e ? q + 2 : -1; // />
  if (c !== 0x3e) return -1;
  q++;
  // <v>text</v>, then </c>
  if (s.charCodeAt(q) === 0x3c && s.charCodeAt(q + 1) === 0x76 && s.charCodeAt(q + 2) === 0x3e) {
    const v0 = q + 3;
    const v1 = s.indexOf('<', v0);
    if (v1 < 0 || !s.startsWith('</v></c>', v1)) return -1;
    m.v0 = v0;
    m.v1 = v1;
    return v1 + 8;
  }
  return s.startsWith('</c>', q) ? q + 4 : -1;
}

/** the attributes of `<row>` the reader uses */
const ROW_ATTRS = ['r', 'hidden', 'ht', 'customHeight'] as const;

/** Which of ROW_ATTRS the attribute name s[n0, n1) is (-1: none). */
function rowAttrIndex(s: string, n0: number, n1: number): number {
  const n = n1 - n0;
  const c = s.charCodeAt(n0);
  if (n === 1) return c === 0x72 /* r */ ? 0 : -1;
  if (n === 2) return c === 0x68 && s.charCodeAt(n0 + 1) === 0x74 /* ht */ ? 2 : -1;
  if (n === 6) return s.startsWith('hidden', n0) ? 1 : -1;
  if (n === 12) return s.startsWith('customHeight', n0) ? 3 : -1;
  return -1;
}

/**
 * The usual row start tag at `p`: `<row`, then attributes each as one space, a name of letters, digits, ':', '_',
 * '-' or '.', '=' and a double-quoted value without '&', '<', control characters or U+FFFE/U+FFFF (a value
 * attribute decoding leaves as it is), then `>` or `/>`. Returns the position just past it and the values of
 * ROW_ATTRS in `out` (the first of each name, as Scanner.attrs gives them), or -1 when the tag is not in that shape
 * (the tokens read it). Every tag it takes is one the tokens' START_TAG takes, with the same attributes.
 */
export function scanPlainRow(s: string, p: number, out: Array<string | undefined>): number {
  if (
    s.charCodeAt(p) !== 0x3c ||
    s.charCodeAt(p + 1) !== 0x72 ||
    s.charCodeAt(p + 2) !== 0x6f ||
    s.charCodeAt(p + 3) !== 0x77
  )
    return -1;
  out.fill(undefined);
  let q = p + 4;
  for (;;) {
    let c = s.charCodeAt(q);
    if (c === 0x3e) return q + 1;
    if (c === 0x2f) return s.charCodeAt(q + 1) === 0x3e ? q + 2 : -1;
    if (c !== 0x20) return -1;
    const n0 = ++q;
    c = s.charCodeAt(q);
    while (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x3a) ||
      c === 0x5f ||
      c === 0x2d ||
      c === 0x2e
    )
      c = s.charCodeAt(++q);
    const n1 = q;
    if (n1 === n0 || c !== 0x3d || s.charCodeAt(q + 1) !== 0x22) return -1;
    const v0 = q + 2;
    q = v0;
    c = s.charCodeAt(q);
    while (c !== 0x22) {
      if (c < 0x20 || c === 0x26 || c === 0x3c || c >= 0xfffe || q >= s.length) return -1;
      c = s.charCodeAt(++q);
    }
    const i = rowAttrIndex(s, n0, n1);
    if (i >= 0 && out[i] === undefined) out[i] = s.slice(v0, q);
    q++;
  }
}

/** what reading a sheet's rest after `</sheetData>` added, by that text (SheetReader.knownTail) */
interface TailEffect {
  merges: readonly Merge[];
  colDefs: readonly ColDef[];
  sawCols: boolean;
}
/** the rests read with no `<cols>` seen before, and those read after one */
const tails = new Map<string, TailEffect>();
const tailsAfterCols = new Map<string, TailEffect>();
const TAILS_MAX = 32;
/** how many sheets' rests were known (tests) */
export const tailStats = { known: 0 };

const MAX_ROWS = LIMITS.maxRows;
const MAX_COLS = LIMITS.maxCols;

/** The reading of one worksheet: the tokens' state, the cells, merges and hidden rows and columns it collects. */
class SheetReader {
  readonly cells = new Map<number, RawCell>();
  readonly merges: Merge[] = [];
  readonly colDefs: ColDef[] = [];
  readonly hiddenRows = new Set<number>();
  /** shared formulas: si → master address (exceljs options.formulae, per sheet) */
  readonly formulae = new Map<string | undefined, string>();
  sawCols = false;
  inData = false;
  inMerges = false;
  inCols = false;
  lastRow = 0;
  rowNum = 0;
  lastCol = 0;
  /** where the rest after `</sheetData>` starts (-1: not there yet; -2: not to be kept), and the state there */
  private tailStart = -1;
  private tailMerges = 0;
  private tailColDefs = 0;
  private tailSawCols = false;
  /** a row's attributes (ROW_ATTRS), reused row after row */
  private readonly rowAttrs: Array<string | undefined> = [undefined, undefined, undefined, undefined];
  /** scanPlainCell's answer, reused cell after cell */
  private readonly m: PlainCellMatch = { col: 0, row: 0, style: -1, t0: -1, t1: -1, v0: -1, v1: -1 };
  constructor(
    private readonly x: Scanner,
    private readonly ctx: Ctx,
  ) {}

  read(): void {
    const x = this.x;
    for (;;) {
      if (this.inData) {
        // the usual cell, whole, in one pass (PLAIN_CELL); anything else goes through the tokens
        const end = scanPlainCell(x.s, x.pos, this.m);
        if (end >= 0) {
          x.pos = end;
          this.plainCell(this.m);
          continue;
        }
        // the usual row's start and end tags, by hand (anything else: the tokens)
        const a = this.rowAttrs;
        const rowEnd = scanPlainRow(x.s, x.pos, a);
        if (rowEnd >= 0) {
          x.enter('row', rowEnd, x.s.charCodeAt(rowEnd - 2) === 0x2f);
          this.row(a[0], a[1], a[2], a[3]);
          continue;
        }
        if (x.leave('row')) continue;
      }
      const k = x.next();
      if (k === EOF) {
        if (this.tailStart >= 0) this.rememberTail();
        return;
      }
      if (k === CLOSE) {
        if (x.name === 'sheetData') {
          this.inData = false;
          if (this.tailStart === -1 && x.onlyOpen('worksheet') && !this.inMerges && !this.inCols) {
            if (this.knownTail()) return;
            this.tailStart = x.pos;
            this.tailMerges = this.merges.length;
            this.tailColDefs = this.colDefs.length;
            this.tailSawCols = this.sawCols;
          }
        } else if (x.name === 'mergeCells') this.inMerges = false;
        else if (x.name === 'cols') this.inCols = false;
      } else if (k === OPEN) this.open();
    }
  }

  /**
   * The rest of the sheet after `</sheetData>` (merges, validations, page setup…) is the same text in every form of
   * a template: what reading it adds (merges, column ranges, whether `<cols>` was seen) is kept by that text and
   * the one state it depends on (`<cols>` seen before), when the reading got there in the usual state (only the
   * root open, not inside `<mergeCells>` or `<cols>`) and read it to the end without another `<sheetData>`.
   * True when the rest was known: its effect is applied and the reading is at the end.
   */
  private knownTail(): boolean {
    const x = this.x;
    const known = (this.sawCols ? tailsAfterCols : tails).get(x.s.slice(x.pos));
    if (!known) return false;
    tailStats.known++;
    for (const m of known.merges) this.merges.push(m);
    for (const d of known.colDefs) this.colDefs.push(d);
    this.sawCols = known.sawCols;
    x.toEnd();
    return true;
  }

  private rememberTail(): void {
    const s = this.x.s;
    if (s.length - this.tailStart > 256 * 1024) return;
    // a copy of its own (a slice would keep the whole sheet's text alive as long as the rest is kept)
    const rest = s.slice(this.tailStart);
    const tail = Buffer.from(rest, 'utf8').toString('utf8');
    if (tail !== rest) return; // a lone surrogate (never in decoded UTF-8) would not come back the same
    const map = this.tailSawCols ? tailsAfterCols : tails;
    if (map.size >= TAILS_MAX) map.delete(map.keys().next().value!);
    map.set(tail, {
      merges: this.merges.slice(this.tailMerges),
      colDefs: this.colDefs.slice(this.tailColDefs),
      sawCols: this.sawCols,
    });
  }

  private open(): void {
    const x = this.x;
    const tag = x.name;
    if (tag === 'hyperlink') unsupported('hyperlinks');
    if (tag === 'sheetData') {
      if (this.tailStart !== -1) this.tailStart = -2; // a second <sheetData>: this rest is not kept
      this.inData = !x.selfClosing;
      return;
    }
    if (tag === 'mergeCells') {
      this.inMerges = !x.selfClosing;
      return;
    }
    if (tag === 'cols' && !this.inData) {
      if (this.sawCols) unsupported('two <cols>');
      this.sawCols = true;
      this.inCols = !x.selfClosing;
      return;
    }
    if (this.inCols && tag === 'col') {
      // exceljs ColXform: parseInt(min || '0'), width parseFloat(width || '0') when the attribute is there
      const width = x.attr('width');
      this.colDefs.push({
        min: parseInt(x.attr('min') || '0', 10),
        max: parseInt(x.attr('max') || '0', 10),
        hidden: xmlBoolean(x.attr('hidden')) || (width !== undefined && parseFloat(width || '0') === 0),
      });
      return;
    }
    if (this.inMerges && tag === 'mergeCell') {
      const ref = x.attr('ref') ?? '';
      const [a, b = a] = ref.split(':');
      const p = decodeAddress(a ?? '');
      const q = decodeAddress(b ?? '');
      if (!p || !q || ref.split(':').length > 2) unsupported(`merge ${ref}`);
      // a huge merge (a whole sheet) makes exceljs expand it cell by cell until the parse pool's time or memory
      // limit refuses the file: leave such files to exceljs so that the answer stays the one the app always gave
      if ((Math.abs(q[0] - p[0]) + 1) * (Math.abs(q[1] - p[1]) + 1) > LIMITS.maxRows * LIMITS.maxCols) {
        unsupported(`merge ${ref} larger than a form sheet`);
      }
      this.merges.push({
        top: Math.min(p[0], q[0]),
        left: Math.min(p[1], q[1]),
        bottom: Math.max(p[0], q[0]),
        right: Math.max(p[1], q[1]),
      });
      return;
    }
    if (!this.inData) return;
    if (tag === 'row') {
      const a = this.rowAttrs;
      x.attrs(ROW_ATTRS, a);
      this.row(a[0], a[1], a[2], a[3]);
      return;
    }
    if (tag !== 'c') unsupported(`<${tag}> in sheetData`);
    this.tokenCell();
  }

  /** A `<row>` start tag, by its attributes r, hidden, ht and customHeight. */
  private row(
    r: string | undefined,
    hidden: string | undefined,
    ht: string | undefined,
    customHeight: string | undefined,
  ): void {
    if (r === undefined || !/^[1-9]\d{0,6}$/.test(r)) unsupported('row without a number');
    const rowNum = Number(r);
    if (rowNum <= this.lastRow) unsupported('rows out of order');
    this.rowNum = rowNum;
    this.lastRow = rowNum;
    this.lastCol = 0;
    if (rowNum <= MAX_ROWS && (xmlBoolean(hidden) || isZeroHeightRow(ht, customHeight))) {
      this.hiddenRows.add(rowNum);
    }
  }

  /** The cell's place: in the current row, after the previous cell. */
  private at(row: number, col: number): void {
    if (row !== this.rowNum || col <= this.lastCol) unsupported('cell address missing or out of order');
    this.lastCol = col;
  }

  /** The kind of the cell's style (NOT_DATE, DATE, PERCENT; undefined without a style); refuses a broken one. */
  private styleOf(sAttr: string | undefined): number | undefined {
    const styleId = sAttr ? parseInt(sAttr, 10) : undefined;
    const style = styleId ? this.ctx.styles[styleId] : undefined;
    if (style === BROKEN) unsupported('a cell style exceljs cannot build');
    return style;
  }

  private put(row: number, col: number, raw: RawCell): void {
    if (raw === BLANK || row > MAX_ROWS || col > MAX_COLS) return;
    this.cells.set(row * 1024 + col, raw);
  }

  /**
   * A PLAIN_CELL match: `r` as 1–3 letters and 1–7 digits (what decodeAddress accepts), `s` (1–9 digits, read as
   * parseInt reads them), `t`, the `<v>` text.
   */
  private plainCell(m: PlainCellMatch): void {
    const { col, row } = m;
    if (col > 16384) unsupported('cell address missing or out of order');
    this.at(row, col);
    let style: number | undefined;
    if (m.style > 0) {
      style = this.ctx.styles[m.style];
      if (style === BROKEN) unsupported('a cell style exceljs cannot build');
    }
    // no <v>, or an empty <v></v> (no text token): no value, a blank
    if (m.v1 <= m.v0) return;
    const s = this.x.s;
    const t1 = m.t1;
    const t0 = m.t0;
    if (t1 === t0 + 1 && s.charCodeAt(t0) === 0x73 /* s */) {
      // a shared string's index, as parseInt reads digits (the usual case, without slicing)
      let idx = 0;
      let i = m.v0;
      for (; i < m.v1 && i - m.v0 < 9; i++) {
        const d = s.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) break;
        idx = idx * 10 + d;
      }
      if (i === m.v1) {
        this.put(row, col, this.sharedCell(idx));
        return;
      }
    }
    const t = t0 < 0 ? undefined : s.slice(t0, t1);
    this.put(row, col, this.valueCell(t, decodeText(s.slice(m.v0, m.v1)), style));
  }

  /** The cell of shared string `idx` (built once per file: text() is pure; cells are never changed). */
  private sharedCell(idx: number): RawCell {
    const ctx = this.ctx;
    const str = ctx.shared?.[idx];
    if (str === undefined) unsupported('shared string index out of range');
    return (ctx.sharedCells[idx] ??= text(str));
  }

  /** A cell read through the tokens (formulas, inline strings, rich text, odd attributes…). */
  private tokenCell(): void {
    const x = this.x;
    const ctx = this.ctx;
    const address = x.attr('r');
    const t = x.attr('t');
    const sAttr = x.attr('s');
    let value: string | undefined;
    let runs: string[] | null = null;
    let formula: string | undefined;
    let shareType: string | undefined;
    let si: string | undefined;
    let ref: string | undefined;
    /** a `<v>` element was there, empty or not */
    let sawV = false;
    if (!x.selfClosing) {
      let inTextNode = false; // exceljs currentNode 'v' or 't'
      let inF = false;
      for (;;) {
        const e = x.next();
        if (e === EOF) unsupported('<c> not closed');
        if (e === TEXT) {
          if (inTextNode) value = (value ?? '') + x.text();
          else if (inF) formula = (formula ?? '') + x.text();
          continue;
        }
        const n = x.name;
        if (e === CLOSE) {
          if (n === 'c') break;
          if (n === 'v' || n === 't') inTextNode = false;
          else if (n === 'f') inF = false;
          continue;
        }
        if (n === 'v' || n === 't') {
          inTextNode = !x.selfClosing;
          if (n === 'v') sawV = true;
        } else if (n === 'f') {
          si = x.attr('si');
          shareType = x.attr('t');
          ref = x.attr('ref');
          inF = !x.selfClosing;
        } else if (n === 'is') continue;
        else if (n === 'r') {
          runs ??= [];
          runs.push(readRun(x));
        } else unsupported(`<${n}> in a cell`);
      }
    }
    const pos = address === undefined ? null : decodeAddress(address);
    if (!pos) unsupported('cell address missing or out of order');
    const [row, col] = pos;
    this.at(row, col);
    if (runs && (value !== undefined || t !== 'inlineStr' || formula || shareType)) unsupported('mixed rich text');
    // exceljs CellXform.parseClose + reconcile
    const style = this.styleOf(sAttr);
    let raw: RawCell;
    if (formula || shareType) {
      let result: Plain | undefined;
      if (value) {
        if (t === 'str') result = xmlDecode(value);
        else if (t === 'b') result = parseInt(value, 10) !== 0;
        else if (t === 'e') result = { error: value };
        else result = parseFloat(value);
      }
      if (result !== undefined && style === DATE) result = excelToDate(result, ctx.date1904);
      let sharedFormula: string | undefined;
      if (shareType === 'shared') {
        if (ref) this.formulae.set(si, address!);
        else sharedFormula = this.formulae.get(si);
      }
      const f = formula || sharedFormula;
      if (!f) raw = BLANK;
      else if (result === undefined) {
        // ="" cached as t="str" with an empty <v>: an empty result; anything else has no cached result at all
        raw = t === 'str' && sawV ? BLANK : { kind: 'blank', formula: f };
      } else raw = formulaCell(fromPlain(result), typeof result === 'string', f);
      if (style === PERCENT) raw = markPercent(raw);
    } else if (runs) {
      raw = text(runs.join(''));
    } else if (value !== undefined) {
      raw = this.valueCell(t, value, style);
    } else raw = BLANK;
    this.put(row, col, raw);
  }

  /** A cell's value without a formula (exceljs CellXform, by its t attribute). */
  private valueCell(t: string | undefined, value: string, style: number | undefined): RawCell {
    const ctx = this.ctx;
    switch (t) {
      case 's':
        return this.sharedCell(parseInt(value, 10));
      case 'str':
        return text(xmlDecode(value));
      case 'inlineStr':
        return text(value);
      case 'b':
        return { kind: 'bool', value: parseInt(value, 10) !== 0 };
      case 'e':
        return { kind: 'error', value };
      default: {
        const num = parseFloat(value);
        const raw = fromPlain(style === DATE ? excelToDate(num, ctx.date1904) : num);
        return style === PERCENT ? markPercent(raw) : raw;
      }
    }
  }

  /** Merges checked and laid out like grid.ts (slaves take the master's value); the sheet. */
  finish(name: string, state: SheetState): GridSheet {
    const { cells, merges } = this;
    if (merges.length > 4000) unsupported('too many merges');
    for (let i = 0; i < merges.length; i++) {
      const a = merges[i]!;
      for (let j = i + 1; j < merges.length; j++) {
        const b = merges[j]!;
        if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) {
          unsupported('overlapping merges');
        }
      }
    }
    // grid.ts: a slave's own value never counts; then slaves take the master's value
    const slaves = new Map<number, [number, number]>();
    for (const m of merges) {
      for (let r = m.top; r <= Math.min(m.bottom, MAX_ROWS); r++) {
        for (let c = m.left; c <= Math.min(m.right, MAX_COLS); c++) {
          if (r === m.top && c === m.left) continue;
          slaves.set(r * 1024 + c, [m.top, m.left]);
          cells.delete(r * 1024 + c);
        }
      }
    }
    let rows = 0;
    let cols = 0;
    for (const key of cells.keys()) {
      const r = Math.floor(key / 1024);
      const c = key % 1024;
      if (r > rows) rows = r;
      if (c > cols) cols = c;
    }
    for (const m of merges) {
      const master = cells.get(m.top * 1024 + m.left);
      if (!master) continue;
      for (let r = m.top; r <= Math.min(m.bottom, MAX_ROWS); r++) {
        for (let c = m.left; c <= Math.min(m.right, MAX_COLS); c++) {
          if (r !== m.top || c !== m.left) cells.set(r * 1024 + c, master);
        }
      }
      rows = Math.max(rows, Math.min(m.bottom, MAX_ROWS));
      cols = Math.max(cols, Math.min(m.right, MAX_COLS));
    }
    return makeSheet(name, state, cells, rows, cols, slaves, {
      cols: hiddenColumns(this.colDefs),
      rows: this.hiddenRows,
    });
  }
}

function readSheet(xml: string, name: string, state: SheetState, ctx: Ctx): GridSheet {
  const reader = new SheetReader(new Scanner(xml), ctx);
  reader.read();
  return reader.finish(name, state);
}

const BAD_SHEET_NAME = /[*?:/\\[\]]|^'|'$/;

/**
 * Reads the sheets of an .xlsx/.xlsm from the texts the guard kept. Throws FastGridUnsupported when exceljs must
 * decide instead.
 */
export function readFastGrid(parts: XlsxParts): GridSheet[] {
  if (parts.duplicateNames) unsupported('duplicate zip entries');
  const texts = parts.texts;
  const wbXml = texts.get('xl/workbook.xml');
  if (wbXml === undefined) unsupported('no workbook.xml');
  const { sheets: defs, date1904 } = readWorkbook(wbXml);
  const rels = readRels(texts.get('xl/_rels/workbook.xml.rels'));
  const ssXml = texts.get('xl/sharedStrings.xml');
  const ctx: Ctx = {
    shared: ssXml === undefined ? null : readSharedStrings(ssXml),
    sharedCells: [],
    styles: styleKindsOf(texts.get('xl/styles.xml')),
    date1904,
  };
  const ids = new Set<number>();
  const names = new Set<string>();
  const paths = new Set<string>();
  const out: GridSheet[] = [];
  for (const d of defs) {
    const target = d.rId === undefined ? undefined : rels.get(d.rId);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const xml = texts.get(path);
    if (xml === undefined || !SHEET_ENTRY.test(path)) continue; // chartsheets and the like: exceljs skips them too
    if (ids.has(d.id) || paths.has(path)) unsupported('duplicate sheet id or target');
    ids.add(d.id);
    paths.add(path);
    const lower = d.name.toLowerCase();
    if (!d.name || d.name.length > 31 || d.name === 'History' || BAD_SHEET_NAME.test(d.name) || names.has(lower)) {
      unsupported('sheet name exceljs would refuse or change');
    }
    names.add(lower);
    const state: SheetState = d.state === 'hidden' || d.state === 'veryHidden' ? d.state : 'visible';
    out.push(readSheet(xml, cleanText(d.name), state, ctx));
  }
  return out;
}
