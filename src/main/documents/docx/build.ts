/**
 * The .docx machinery every Word document of the app shares (NĐ 30/2020/NĐ-CP, Phụ lục I): a plain model in,
 * the bytes of a Word file out (through the `docx` library). A4, margins top/bottom 20 mm, left 30 mm, right
 * 15 mm; Times New Roman; the two header blocks; số/ký hiệu and địa danh–ngày on one line (one borderless table
 * row); tên loại and trích yếu; "Kính gửi:"; the body (justified, first-line indent 1,27 cm, 6 pt apart); "./."
 * after it; the signature block beside Nơi nhận; page numbers centred in the top margin from page 2; appendices
 * in their own (landscape when wide) sections, numbered in Roman numerals, their pages numbered on their own.
 */
import { roman } from '../../../shared/text/numbers';
import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type ISectionOptions,
  type IBorderOptions,
} from 'docx';
import { cleanForDocument, QUOC_HIEU, TIEU_NGU } from '../model';

// ---------------------------------------------------------------------------------------------------------------
// The model

export type Run = string | { text: string; bold?: boolean; italic?: boolean };

export interface DocTable {
  columns: Array<{ label: string; /** relative width */ width: number; align?: 'left' | 'center' | 'right' }>;
  rows: Array<{
    cells: string[];
    bold?: boolean;
    /** one cell across the whole row (a section's name) */ group?: boolean;
  }>;
  /** font size of the cells, pt (10–13; default 11) */
  size?: number;
}

export type Block =
  /** a part's heading: "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" (bold) */
  | { kind: 'heading'; text: string }
  /** a numbered item's heading: "1. Mục tiêu 1: …" (bold) or "a) …" (italic) */
  | { kind: 'subheading'; text: string; italic?: boolean }
  | { kind: 'para'; runs: Run[] }
  | { kind: 'table'; table: DocTable };

export interface Appendix {
  /** Roman numeral: "I", "II"… */
  number: string;
  title: string;
  /** "(Kèm theo Báo cáo số …/BC-… ngày … tháng … năm … của …)" */
  attached: string;
  /** a restricted-circulation mark, framed ("KHÔNG PHỔ BIẾN RỘNG RÃI") */
  restricted?: string;
  table: DocTable;
  notes?: string[];
  landscape?: boolean;
}

export interface OfficialDocument {
  /** the file's title (core properties) */
  title: string;
  header: {
    /** cơ quan chủ quản ("UBND TỈNH LÀO CAI"); may be empty */
    parent: string;
    /** cơ quan ban hành */
    name: string;
    numberLine: string;
    dateLine: string;
    /** a công văn's trích yếu "V/v …", under the number line */
    vv?: string;
  };
  /** a restricted-circulation mark for the whole document, framed, under the header */
  restricted?: string;
  /** tên loại ("BÁO CÁO"); absent for a công văn */
  kind?: string;
  /** trích yếu under the tên loại */
  summary?: string;
  /** recipients after "Kính gửi:" (one: on the same line; more: one per line with dashes) */
  kinhGui: string[];
  body: Block[];
  signer: { authority: string | null; title: string; name: string };
  /** formatted Nơi nhận lines ("- Như trên;" … "- Lưu: VT, VP.") */
  recipients: string[];
  appendices?: Appendix[];
}

// ---------------------------------------------------------------------------------------------------------------
// Metrics (NĐ 30/2020 Phụ lục I)

export const FONT = 'Times New Roman';
export const PAGE = { width: 210, height: 297 };
export const MARGIN = { top: 20, bottom: 20, left: 30, right: 15, header: 10 };
/** body text, pt */
export const BODY_PT = 14;
const mm = (v: number) => Math.round(convertMillimetersToTwip(v));
const half = (pt: number) => Math.round(pt * 2);
const pt20 = (pt: number) => Math.round(pt * 20);

const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 165 mm
const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.left - MARGIN.right; // 252 mm
/** header: the agency block (left) and the Quốc hiệu block (right) */
const LEFT_COL = 66;
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;
/** "Độc lập - Tự do - Hạnh phúc" at 13 pt bold is about 60 mm wide: the rule under it is as long */
const TIEU_NGU_WIDTH = 60;
/** the short rule under the agency's name: about a third of its text */
const AGENCY_RULE_WIDTH = 24;

// BorderStyle's values written out: a docx constant read at load would load docx (≈0,1 s) for every `bdg` command
const NONE: IBorderOptions = { style: 'none', size: 0, color: 'FFFFFF' }; // BorderStyle.NONE
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: 'single', size: 6, color: '000000' }; // BorderStyle.SINGLE
const CELL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

const t = (s: string) => cleanForDocument(s, 100_000);

function runs(rs: readonly Run[], size = BODY_PT): TextRun[] {
  return rs.map((r) =>
    typeof r === 'string'
      ? new TextRun({ text: t(r), size: half(size) })
      : new TextRun({ text: t(r.text), bold: r.bold ?? false, italics: r.italic ?? false, size: half(size) }),
  );
}

function line(
  text: string,
  o: {
    size: number;
    bold?: boolean;
    italic?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    before?: number;
    after?: number;
    indent?: { left?: number; right?: number };
    border?: { bottom?: IBorderOptions; top?: IBorderOptions };
    keepNext?: boolean;
  },
): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: { before: pt20(o.before ?? 0), after: pt20(o.after ?? 0), line: 240, lineRule: LineRuleType.AUTO },
    ...(o.indent ? { indent: { left: o.indent.left ?? 0, right: o.indent.right ?? 0 } } : {}),
    ...(o.border ? { border: o.border } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
    children: [new TextRun({ text: t(text), size: half(o.size), bold: o.bold ?? false, italics: o.italic ?? false })],
  });
}

/** An empty paragraph carrying a horizontal rule `width` mm long, centred in a column `col` mm wide. */
function rule(col: number, width: number, after = 0): Paragraph {
  const side = mm(Math.max(0, (col - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // a gap above the rule so it reads as a line under the name, not an underline
    spacing: { before: pt20(3), after: pt20(after), line: 120, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side },
    border: { top: { ...LINE, space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

function cell(children: Paragraph[], width: number, o: { span?: number; borders?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: mm(width), type: WidthType.DXA },
    ...(o.span ? { columnSpan: o.span } : {}),
    borders: o.borders ? CELL_BORDERS : { top: NONE, bottom: NONE, left: NONE, right: NONE },
    margins: o.borders ? { top: 30, bottom: 30, left: 70, right: 70 } : { top: 0, bottom: 0, left: 0, right: 0 },
    verticalAlign: o.borders ? VerticalAlign.CENTER : VerticalAlign.TOP,
    children,
  });
}

function layoutTable(rows: TableRow[], widths: number[]): Table {
  return new Table({
    rows,
    width: { size: mm(widths.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widths.map(mm),
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The parts

/** ô 1–5b: the two header blocks; số/ký hiệu | địa danh–ngày on one row (same baseline); "V/v" 6 pt under Số. */
export function headerBlocks(h: OfficialDocument['header']): Table {
  const left: Paragraph[] = [];
  if (h.parent.trim()) left.push(line(h.parent.toLocaleUpperCase('vi'), { size: 13 }));
  left.push(line(h.name.toLocaleUpperCase('vi'), { size: 13, bold: true }));
  left.push(rule(LEFT_COL, AGENCY_RULE_WIDTH));
  const right: Paragraph[] = [line(QUOC_HIEU, { size: 12.5, bold: true })];
  const side = mm((RIGHT_COL - TIEU_NGU_WIDTH) / 2);
  right.push(
    line(TIEU_NGU, {
      size: 13.5,
      bold: true,
      indent: { left: side, right: side },
      border: { bottom: { ...LINE, space: 1 } },
    }),
  );
  const rows = [
    new TableRow({ cantSplit: true, children: [cell(left, LEFT_COL), cell(right, RIGHT_COL)] }),
    new TableRow({
      cantSplit: true,
      children: [
        cell([line(h.numberLine, { size: 13, before: 6 })], LEFT_COL),
        cell([line(h.dateLine, { size: 13, italic: true, before: 6 })], RIGHT_COL),
      ],
    }),
  ];
  if (h.vv) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [cell([line(h.vv, { size: 12, before: 6 })], LEFT_COL), cell([line('', { size: 12 })], RIGHT_COL)],
      }),
    );
  }
  return layoutTable(rows, [LEFT_COL, RIGHT_COL]);
}

/** A framed restricted-circulation mark (NĐ 30: caps, 13–14 bold, in a frame). */
export function restrictedMark(text: string, col = TEXT_WIDTH): Paragraph {
  const width = Math.min(col, Math.max(40, text.length * 3.2 + 10));
  const side = mm((col - width) / 2);
  const frame = { ...LINE, space: 2 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: pt20(6), after: pt20(6) },
    indent: { left: side, right: side },
    border: { top: frame, bottom: frame, left: { ...frame, space: 4 }, right: { ...frame, space: 4 } },
    children: [new TextRun({ text: t(text.toLocaleUpperCase('vi')), bold: true, size: half(13) })],
  });
}

function kinhGuiParagraphs(names: readonly string[]): Paragraph[] {
  if (names.length === 0) return [];
  if (names.length === 1) {
    return [line(`Kính gửi: ${names[0]!.replace(/[.;]+$/, '')}.`, { size: BODY_PT, before: 12, after: 12 })];
  }
  const out = [line('Kính gửi:', { size: BODY_PT, before: 12, align: AlignmentType.LEFT, indent: { left: mm(30) } })];
  names.forEach((n, i) => {
    const last = i === names.length - 1;
    out.push(
      line(`- ${n.replace(/[.;]+$/, '')}${last ? '.' : ';'}`, {
        size: BODY_PT,
        align: AlignmentType.LEFT,
        indent: { left: mm(52) },
        after: last ? 12 : 0,
      }),
    );
  });
  return out;
}

function bodyParagraph(rs: readonly Run[], keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(12.7) },
    spacing: { before: 0, after: pt20(6), line: 276, lineRule: LineRuleType.AUTO },
    ...(keepNext ? { keepNext: true, keepLines: true } : {}),
    children: runs(rs),
  });
}

/** A bordered data table `width` mm wide: header row repeated on each page, rows never split. */
export function dataTable(table: DocTable, width: number): Table {
  const total = table.columns.reduce((a, c) => a + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * width);
  const size = table.size ?? 11;
  const align = (a?: 'left' | 'center' | 'right') =>
    a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  const p = (text: string, o: { bold?: boolean; a?: 'left' | 'center' | 'right' }) =>
    new Paragraph({
      alignment: align(o.a),
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text: t(text), bold: o.bold ?? false, size: half(size) })],
    });
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) =>
      cell([p(c.label, { bold: true, a: 'center' })], widths[i]!, { borders: true }),
    ),
  });
  const body = table.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.group
          ? [cell([p(r.cells[0] ?? '', { bold: true })], width, { borders: true, span: table.columns.length })]
          : table.columns.map((c, i) =>
              cell([p(r.cells[i] ?? '', { bold: r.bold ?? false, a: c.align })], widths[i]!, { borders: true }),
            ),
      }),
  );
  return new Table({
    rows: [head, ...body],
    width: { size: mm(width), type: WidthType.DXA },
    columnWidths: widths.map(mm),
    layout: TableLayoutType.FIXED,
  });
}

/** ô 7–9: Nơi nhận (left: "Nơi nhận:" 12 bold italic, the list 11) beside the signer (right, bold, centred). */
export function signatureBlock(signer: OfficialDocument['signer'], recipients: readonly string[]): Table {
  const leftW = 80;
  const rightW = TEXT_WIDTH - leftW;
  const left = [
    line('Nơi nhận:', { size: 12, bold: true, italic: true, align: AlignmentType.LEFT }),
    ...recipients.map((r) => line(r, { size: 11, align: AlignmentType.LEFT })),
  ];
  const right: Paragraph[] = [];
  if (signer.authority) right.push(line(signer.authority, { size: BODY_PT, bold: true }));
  right.push(line(signer.title, { size: BODY_PT, bold: true }));
  // room for the signature and the seal (about 30 mm)
  for (let i = 0; i < 5; i++) right.push(line('', { size: BODY_PT }));
  right.push(line(signer.name || ' ', { size: BODY_PT, bold: true }));
  return layoutTable(
    [new TableRow({ cantSplit: true, children: [cell(left, leftW), cell(right, rightW)] })],
    [leftW, rightW],
  );
}

/** "./." closes the body (NĐ 30): appended to the last paragraph unless it already ends so. */
function closeBody(body: readonly Block[]): Block[] {
  const out = [...body];
  for (let i = out.length - 1; i >= 0; i--) {
    const b = out[i]!;
    if (b.kind !== 'para') continue;
    const last = b.runs[b.runs.length - 1];
    const text = last === undefined ? '' : typeof last === 'string' ? last : last.text;
    if (!/\.\/\.$/.test(text.trim())) {
      const trimmed = text.replace(/[.\s]+$/, '');
      const closed = `${trimmed}./.`;
      const nr = [...b.runs.slice(0, -1), typeof last === 'object' ? { ...last, text: closed } : closed];
      out[i] = { kind: 'para', runs: nr };
    }
    break;
  }
  return out;
}

function blocks(body: readonly Block[], width: number): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  body.forEach((b, i) => {
    // the last two paragraphs stay with the signature block (a signature never alone on a page)
    const lastPara = i >= body.length - 2;
    switch (b.kind) {
      case 'heading':
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: mm(12.7) },
            spacing: { before: pt20(6), after: pt20(6) },
            keepNext: true,
            children: [new TextRun({ text: t(b.text), bold: true, size: half(BODY_PT) })],
          }),
        );
        break;
      case 'subheading':
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: mm(12.7) },
            spacing: { before: 0, after: pt20(6) },
            keepNext: true,
            children: [
              new TextRun({ text: t(b.text), bold: !b.italic, italics: b.italic ?? false, size: half(BODY_PT) }),
            ],
          }),
        );
        break;
      case 'para':
        out.push(bodyParagraph(b.runs, lastPara));
        break;
      case 'table':
        out.push(dataTable(b.table, width));
        out.push(line('', { size: 6 }));
        break;
    }
  });
  return out;
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: half(13) })],
      }),
    ],
  });
}

function pageProps(landscape: boolean): ISectionOptions['properties'] {
  return {
    titlePage: true,
    page: {
      size: landscape
        ? { width: mm(PAGE.width), height: mm(PAGE.height), orientation: PageOrientation.LANDSCAPE }
        : { width: mm(PAGE.width), height: mm(PAGE.height), orientation: PageOrientation.PORTRAIT },
      margin: {
        top: mm(MARGIN.top),
        bottom: mm(MARGIN.bottom),
        left: mm(MARGIN.left),
        right: mm(MARGIN.right),
        header: mm(MARGIN.header),
        footer: mm(MARGIN.header),
      },
      pageNumbers: { start: 1 },
    },
  };
}

function appendixSection(a: Appendix): ISectionOptions {
  const landscape = a.landscape ?? true;
  const width = landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  const children: Array<Paragraph | Table> = [
    line(`Phụ lục ${a.number}`, { size: 14, bold: true }),
    line(a.title.toLocaleUpperCase('vi'), { size: 13, bold: true, before: 2 }),
    line(a.attached, { size: 14, italic: true, before: 2, after: a.restricted ? 0 : 8 }),
  ];
  if (a.restricted) children.push(restrictedMark(a.restricted, width));
  children.push(dataTable(a.table, width));
  for (const n of a.notes ?? [])
    children.push(line(n, { size: 12, italic: true, align: AlignmentType.LEFT, before: 4 }));
  return {
    properties: { ...pageProps(landscape), type: SectionType.NEXT_PAGE },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children,
  };
}

/** The document's sections: the letter (portrait) then one section per appendix. */
export function documentSections(d: OfficialDocument): ISectionOptions[] {
  const main: Array<Paragraph | Table> = [headerBlocks(d.header)];
  if (d.restricted) main.push(restrictedMark(d.restricted));
  if (d.kind) {
    main.push(line(d.kind.toLocaleUpperCase('vi'), { size: 14, bold: true, before: 18 }));
    if (d.summary) main.push(line(d.summary, { size: 14, bold: true }));
    main.push(rule(TEXT_WIDTH, 30, 6));
  } else {
    main.push(line('', { size: 6 }));
  }
  main.push(...kinhGuiParagraphs(d.kinhGui));
  main.push(...blocks(closeBody(d.body), TEXT_WIDTH));
  main.push(signatureBlock(d.signer, d.recipients));
  return [
    {
      properties: pageProps(false),
      headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
      children: main,
    },
    ...(d.appendices ?? []).map(appendixSection),
  ];
}

export async function buildDocx(d: OfficialDocument): Promise<Uint8Array> {
  const doc = new Document({
    title: t(d.title),
    creator: 'Báo cáo BĐG',
    styles: {
      default: {
        document: { run: { font: FONT, size: half(BODY_PT), color: '000000' }, paragraph: { spacing: { after: 0 } } },
      },
    },
    sections: documentSections(d),
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf);
}

export { roman };
