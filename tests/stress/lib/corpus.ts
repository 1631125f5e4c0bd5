/**
 * A seeded corpus of hostile and broken files derived from REAL filled forms of a real database: truncations at
 * random offsets, random byte flips, zip bombs, huge sheet dimensions, 200,000 rows, deeply nested XML, external
 * links, #REF!/#DIV/0! values, encrypted workbooks, .xls (real, broken, HTML and random), .xlsm with a VBA
 * project, empty files and CSV renamed to .xlsx. Generated at test time (nothing committed); the same seed gives
 * the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { manyRowsXlsx, minimalXlsx, zipBomb } from '../../../scripts/make-fixtures';
import { rng } from '../../../src/main/demo/data';

const FIXTURES = resolve(__dirname, '../../fixtures/xlsx');

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
  /** what generated it (for the failure message) */
  kind: string;
  /**
   * May the pipeline accept it? Only for files whose values are still exactly the source form's (a flip in a
   * spot nothing reads, an added macro project, an external link part); everything else must be refused.
   */
  mayAccept: boolean;
  /** accepted with figures that differ from the source form only if the officer is warned (cached formula values) */
  differsOnlyWithWarning?: boolean;
  /** the unit whose real form this was derived from, if any */
  source: string | null;
}

export interface CorpusCounts {
  truncations: number;
  flips: number;
  errorValues: number;
  externalLinks: number;
  xlsm: number;
  randomBytes: number;
  csv: number;
}

export const FULL: CorpusCounts = {
  truncations: 100,
  flips: 100,
  errorValues: 24,
  externalLinks: 12,
  xlsm: 10,
  randomBytes: 20,
  csv: 12,
};

export const SMALL: CorpusCounts = {
  truncations: 12,
  flips: 12,
  errorValues: 6,
  externalLinks: 3,
  xlsm: 3,
  randomBytes: 4,
  csv: 3,
};

const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

function zipReplace(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files as Zippable, { level: 6 });
}

function formSheetName(files: Record<string, Uint8Array>): string {
  // the visible form is the first worksheet
  return Object.keys(files)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort()[0]!;
}

/** A workbook with a given sheet XML as its only sheet (scripts/make-fixtures.ts builds it). */
function bareXlsx(sheetXml: string, extra: Record<string, Uint8Array> = {}, workbookXml?: string): Uint8Array {
  return minimalXlsx(sheetXml, { level: 6, extra, ...(workbookXml !== undefined ? { workbookXml } : {}) });
}

/** The number cells of the form's table (no t= attribute, below the header rows): [match, ref, attrs, value]. */
function numberCells(xml: string): RegExpMatchArray[] {
  return [...xml.matchAll(/<c r="([D-Z]\d+)"((?: s="\d+")?)><v>(-?\d+(?:\.\d+)?)<\/v><\/c>/g)].filter(
    (m) => Number(/\d+/.exec(m[1]!)![0]) > 17,
  );
}

function nested(depth: number, tag: string): string {
  return `<${tag}>`.repeat(depth) + `</${tag}>`.repeat(depth);
}

/**
 * Builds the corpus from `forms` (real filled forms: name, bytes, unit code).
 * Fixed hostile files (bombs, huge dimensions, 200,000 rows, nesting, encrypted, .xls, empty) are always included.
 */
export function buildCorpus(
  forms: Array<{ name: string; bytes: Uint8Array; unit: string }>,
  seed: number,
  counts: CorpusCounts,
  opts: { heavy: boolean } = { heavy: true },
): CorpusFile[] {
  const rand = rng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(a: T[]): T => a[int(a.length)]!;
  const out: CorpusFile[] = [];
  const add = (
    name: string,
    bytes: Uint8Array,
    kind: string,
    mayAccept = false,
    source: string | null = null,
    differsOnlyWithWarning = false,
  ) =>
    out.push({
      name: `${String(out.length + 1).padStart(3, '0')}-${name}`,
      bytes,
      kind,
      mayAccept,
      source,
      differsOnlyWithWarning,
    });

  // truncations of real filled forms at random offsets (never the whole file)
  for (let i = 0; i < counts.truncations; i++) {
    const f = pick(forms);
    const at = i === 0 ? 1 : i === 1 ? f.bytes.length - 1 : 1 + int(f.bytes.length - 2);
    add(`cat-${at}.xlsx`, f.bytes.slice(0, at), `truncated at ${at}/${f.bytes.length}`, false, f.unit);
  }
  // random byte flips (1 to 16 bytes)
  for (let i = 0; i < counts.flips; i++) {
    const f = pick(forms);
    const b = new Uint8Array(f.bytes);
    const n = 1 + int(16);
    const where: number[] = [];
    for (let k = 0; k < n; k++) {
      const at = int(b.length);
      b[at] = b[at]! ^ (1 + int(255));
      where.push(at);
    }
    add(`lat-bit-${i}.xlsx`, b, `${n} byte flips at ${where.join(',')}`, true, f.unit);
  }
  // #REF! and #DIV/0! (and other error values) in number cells of a real form
  const ERRORS = ['#REF!', '#DIV/0!', '#VALUE!', '#N/A', '#NAME?', '#NUM!'];
  for (let i = 0; i < counts.errorValues; i++) {
    const f = pick(forms);
    const err = ERRORS[i % ERRORS.length]!;
    let replaced = 0;
    const bytes = zipReplace(f.bytes, (files) => {
      const sheet = formSheetName(files);
      const xml = strFromU8(files[sheet]!);
      const cells = numberCells(xml);
      const chosen = new Set<number>();
      const want = 1 + int(3);
      while (chosen.size < Math.min(want, cells.length)) chosen.add(int(cells.length));
      let next = xml;
      for (const idx of chosen) {
        const m = cells[idx]!;
        const attrs = m[2]!.replace(/ t="[^"]*"/, '');
        const formula = err === '#DIV/0!' ? '<f>1/0</f>' : err === '#REF!' ? '<f>#REF!+1</f>' : '';
        next = next.replace(m[0], `<c r="${m[1]}"${attrs} t="e">${formula}<v>${err}</v></c>`);
        replaced++;
      }
      files[sheet] = strToU8(next);
    });
    add(`loi-${err.replace(/[^A-Z0-9]/g, '')}-${i}.xlsx`, bytes, `${replaced} cells = ${err}`, false, f.unit);
  }
  // external links: a link part and formulas pointing into another workbook
  for (let i = 0; i < counts.externalLinks; i++) {
    const f = pick(forms);
    const bytes = zipReplace(f.bytes, (files) => {
      files['xl/externalLinks/externalLink1.xml'] = strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>999</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
      );
      files['xl/externalLinks/_rels/externalLink1.xml.rels'] = strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="${i % 2 ? 'file:///C:/Windows/win.ini' : 'https://example.com/so-lieu.xlsx'}" TargetMode="External"/></Relationships>`,
      );
      if (i % 2 === 0) {
        const sheet = formSheetName(files);
        const xml = strFromU8(files[sheet]!);
        const m = numberCells(xml)[0];
        if (m) files[sheet] = strToU8(xml.replace(m[0], `<c r="${m[1]}"${m[2]}><f>[1]Sheet1!A1</f><v>999</v></c>`));
      }
    });
    // with a formula into another workbook, the cached 999 must not be taken silently as the unit's figure
    add(
      `lien-ket-ngoai-${i}.xlsx`,
      bytes,
      i % 2 === 0 ? 'external link + formula' : 'external link part',
      true,
      f.unit,
      i % 2 === 0,
    );
  }
  // .xlsm with a VBA project: values may be read, macros are never run
  for (let i = 0; i < counts.xlsm; i++) {
    const f = pick(forms);
    const vba = new Uint8Array(2048).map(() => int(256));
    vba.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const bytes = zipReplace(f.bytes, (files) => {
      files['xl/vbaProject.bin'] = vba;
      const ct = strFromU8(files['[Content_Types].xml']!);
      files['[Content_Types].xml'] = strToU8(
        ct.replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
      );
    });
    add(`macro-${i}.xlsm`, bytes, 'xlsm with vbaProject.bin', true, f.unit);
  }
  // random bytes, with and without a zip signature
  for (let i = 0; i < counts.randomBytes; i++) {
    const b = new Uint8Array(64 + int(64 * 1024)).map(() => int(256));
    if (i % 2 === 0) b.set([0x50, 0x4b, 0x03, 0x04]);
    add(`ngau-nhien-${i}.${i % 3 === 0 ? 'xls' : 'xlsx'}`, b, 'random bytes', false);
  }
  // CSV renamed to .xlsx
  for (let i = 0; i < counts.csv; i++) {
    const rows = ['Mã số,Tên chỉ tiêu,Tổng số,Nữ'];
    for (let r = 0; r < 5 + int(200); r++) rows.push(`CBCCVC,Cán bộ công chức,${int(500)},${int(250)}`);
    add(`csv-${i}.xlsx`, strToU8((i % 2 ? '\ufeff' : '') + rows.join(i % 3 ? '\r\n' : '\n')), 'CSV renamed', false);
  }

  // the fixed hostile files
  add('rong.xlsx', new Uint8Array(0), 'empty');
  add('rong.xls', new Uint8Array(0), 'empty xls');
  add('khoang-trang.xlsx', strToU8(' \n\t '.repeat(100)), 'whitespace');
  add('bom-nen-100mb.xlsx', zipBomb(100, false), 'zip bomb 100 MB');
  add('bom-nen-khai-sai.xlsx', zipBomb(100, true), 'zip bomb lying about its size');
  add('bom-nen-20mb.xlsx', zipBomb(20, false), 'zip bomb 20 MB');
  add('bom-nen-200mb.xlsx', zipBomb(200, true), 'zip bomb 200 MB lying');
  for (const ref of ['A1:XFD1048576', 'A1:C200000', 'A1:ZZ999999', 'A1048576:XFD1048576']) {
    add(
      `kich-thuoc-${ref.replace(':', '-')}.xlsx`,
      bareXlsx(
        `${SHEET_OPEN}<dimension ref="${ref}"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
      ),
      `dimension ${ref}`,
    );
  }
  add(
    'o-xa.xlsx',
    bareXlsx(`${SHEET_OPEN}<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`),
    'one cell at XFD1048576',
  );
  add(
    'gop-o-toan-trang.xlsx',
    bareXlsx(
      `${SHEET_OPEN}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã số</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
    ),
    'merged range over the whole sheet',
  );
  if (opts.heavy) {
    add('200000-dong.xlsx', manyRowsXlsx(200_000, true), '200,000 rows with a dimension');
    add('200000-dong-khong-khai-bao.xlsx', manyRowsXlsx(200_000, false), '200,000 rows, no dimension');
  } else {
    add('20000-dong.xlsx', manyRowsXlsx(20_000, false), '20,000 rows, no dimension');
  }
  add(
    'long-sau-sheet.xlsx',
    bareXlsx(
      `${SHEET_OPEN}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${nested(opts.heavy ? 100_000 : 20_000, 'x')}</worksheet>`,
    ),
    'deeply nested XML in the sheet',
  );
  add(
    'long-sau-o.xlsx',
    bareXlsx(
      `${SHEET_OPEN}<sheetData><row r="1"><c r="A1" t="inlineStr"><is>${nested(50_000, 'r')}</is></c></row></sheetData></worksheet>`,
    ),
    'deeply nested rich text',
  );
  add(
    'long-sau-workbook.xlsx',
    bareXlsx(
      `${SHEET_OPEN}<sheetData/></worksheet>`,
      {},
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${nested(100_000, 'a')}</workbook>`,
    ),
    'deeply nested workbook.xml',
  );
  add(
    'thuc-the-xml.xlsx',
    bareXlsx(
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>' +
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>`,
    ),
    'XML entity expansion (billion laughs)',
  );
  add(
    'xxe.xlsx',
    bareXlsx(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`,
    ),
    'XML external entity',
  );
  const bad = (n: string) => new Uint8Array(readFileSync(join(FIXTURES, 'bad', n)));
  add('mat-khau.xlsx', bad('mat-khau.xlsx'), 'encrypted (OLE2 EncryptionInfo)');
  add('mat-khau-doi-ten.xls', bad('mat-khau.xlsx'), 'encrypted, named .xls');
  add('mat-khau-cat.xlsx', bad('mat-khau.xlsx').slice(0, 3000), 'encrypted, truncated');
  for (const n of [
    'cat-ngang.xlsx',
    'hong-crc.xlsx',
    'khong-phai-excel.xlsx',
    'html-doi-ten.xls',
    'csv-doi-ten.xlsx',
  ]) {
    add(`fixture-${n}`, bad(n), `committed bad fixture ${n}`);
  }
  // .xls: a real one (of another province's period: refused by identity), broken ones
  const xls = new Uint8Array(readFileSync(join(FIXTURES, 'so-y-te-libreoffice.xls')));
  add('so-y-te-ky-khac.xls', xls, 'real .xls of another period/unit');
  add('xls-cat.xls', xls.slice(0, Math.floor(xls.length / 2)), 'truncated .xls');
  const xlsFlip = new Uint8Array(xls);
  for (let k = 0; k < 40; k++) {
    const at = 512 + int(xls.length - 512);
    xlsFlip[at] = xlsFlip[at]! ^ 0xff;
  }
  add('xls-lat-bit.xls', xlsFlip, '.xls with 40 byte flips');
  add(
    'xls-dau-ole.xls',
    new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
    'OLE2 header only',
  );
  add('xlsx-doi-ten-xls.xls', forms[0]!.bytes, 'a real xlsx named .xls', true, forms[0]!.unit);
  return out;
}

export const VI = /[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i;
/** What an officer must never see: a stack trace or a raw (English) exception text. */
export const NOT_FOR_OFFICERS =
  /\n\s+at |\bat [\w.<>]+ \(|\b(Error|TypeError|RangeError|SyntaxError|ReferenceError|SqliteError)\b|\b(Cannot|Unexpected|undefined|null|NaN|is not|failed|invalid|exception|corrupt|unsupported|End of data|Bad|Unknown)\b|ENOENT|EACCES/;

/** Problems with one file's messages (empty = fine). */
export function messageProblems(r: {
  status: string;
  errors: Array<{ message: string }>;
  warnings: Array<{ message: string }>;
}): string[] {
  const out: string[] = [];
  if (r.status !== 'accepted' && r.status !== 'unchanged' && r.errors.length === 0)
    out.push(`${r.status} without a message`);
  for (const m of [...r.errors, ...r.warnings]) {
    if (!VI.test(m.message)) out.push(`not Vietnamese: ${m.message}`);
    if (NOT_FOR_OFFICERS.test(m.message)) out.push(`stack/English text: ${m.message}`);
  }
  return out;
}
