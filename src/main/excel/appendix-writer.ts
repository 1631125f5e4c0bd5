/**
 * Writes figures into a copy of someone else's workbook (the ministry's blank appendix) WITHOUT rebuilding it:
 * the zip is opened with jszip, only the `<c>` elements of the cells written change in the sheet's XML (a number
 * `<v>`, a text as an inline string), everything else — styles.xml, themes, defined names, other sheets, merges,
 * column widths, page setup, formulas, the cells' own style ids — stays byte for byte as the blank has it. A
 * round trip through exceljs would drop or rewrite much of that.
 *
 * - a cell that holds a formula is never written (the call is refused, naming the cell): a formula that depends
 *   on written cells is refreshed by Excel on open (`<calcPr fullCalcOnLoad="1"/>` is set in workbook.xml);
 * - a cell inside a merged range other than its top-left one is refused (Excel would not show it);
 * - a cell the sheet has no `<c>` for is created in column order (and its `<row>` in row order), with the style
 *   Excel would give a typed cell: the row's style when the row has one, else the column's;
 * - a percentage (an indicator in %, e.g. 42.5) written into a cell whose number format shows per cent (0.0%)
 *   is written as the fraction (0.425), so the cell shows 42,5 %.
 */
import JSZip from 'jszip';
import { AppError } from '../../shared/result';
import { isPercentFormat } from './fast-grid';

export interface CellWrite {
  /** the cell's address, "C8" */
  ref: string;
  /** null: a mapped cell with no figure: left as the blank has it, but checked like the others (no formula…) */
  value: number | string | null;
  /** the number is a percentage (×100): written as a fraction into a cell whose number format shows per cent */
  percent?: boolean;
}

export interface FillResult {
  bytes: Uint8Array;
  /** cells written */
  written: number;
}

const bad = (message: string) => new AppError('bad_file', message);

const decode = (s: string): string =>
  s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
        if (e[0] === '#')
          return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
        return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? m;
      })
    : s;

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** the attributes of a start tag's text (`<c r="A1" s="3">` → {r: 'A1', s: '3'}); names as written */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.set(m[1]!, decode(m[3] ?? m[4] ?? ''));
  return out;
}

/** column letters → 1-based number ("A" → 1, "AA" → 27) */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1-based number → column letters */
export function columnLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function splitRef(ref: string): { col: number; row: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) throw new AppError('invalid_input', `"${ref}" không phải địa chỉ ô Excel (ví dụ "C8").`);
  return { col: columnNumber(m[1]!), row: Number(m[2]) };
}

/** The zip entry of a sheet named `sheet` (through workbook.xml and its relationships). */
async function sheetEntry(zip: JSZip, sheet: string, fileName: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!wb || !rels) throw bad(`Tệp "${fileName}" không phải một sổ làm việc Excel (.xlsx) đầy đủ.`);
  const names: string[] = [];
  let rid: string | null = null;
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const name = a.get('name') ?? '';
    names.push(name);
    if (name === sheet) rid = [...a].find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1] ?? null;
  }
  if (rid === null) {
    throw new AppError(
      'invalid_input',
      `Tệp "${fileName}" không có trang tính "${sheet}" mà mẫu phụ lục đã lưu chỉ tới (các trang: ` +
        `${names.map((n) => `"${n}"`).join(', ')}). Hãy chọn đúng tệp phụ lục của Bộ, hoặc lập lại mẫu phụ lục.`,
    );
  }
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.get('Id') !== rid) continue;
    const target = a.get('Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const parts: string[] = [];
    for (const p of path.split('/')) {
      if (p === '..') parts.pop();
      else if (p && p !== '.') parts.push(p);
    }
    const entry = parts.join('/');
    if (zip.file(entry)) return entry;
  }
  throw bad(`Tệp "${fileName}": không tìm thấy nội dung của trang tính "${sheet}".`);
}

/** style index → does its number format show per cent */
function percentStyles(stylesXml: string | undefined): (s: number) => boolean {
  if (!stylesXml) return () => false;
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const ids = [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => Number(attributes(m[0]).get('numFmtId') ?? 0));
  return (s) => {
    const id = ids[s] ?? 0;
    if (id === 9 || id === 10) return true;
    return isPercentFormat(custom.get(id));
  };
}

interface Span {
  start: number;
  end: number;
}

interface ParsedCell extends Span {
  col: number;
  attrs: Map<string, string>;
  body: string;
}

interface ParsedRow extends Span {
  row: number;
  /** the start tag's text */
  open: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
  /** where the cells' text lies inside the sheet text */
  innerStart: number;
  innerEnd: number;
  cells: ParsedCell[];
}

function parseCells(xml: string, from: number, to: number, rowNumber: number): ParsedCell[] {
  const cells: ParsedCell[] = [];
  const re = /<c(?=[\s/>])[^>]*?(\/>|>([\s\S]*?)<\/c>)/g;
  re.lastIndex = from;
  let prev = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) && m.index < to) {
    const startTag = /^<c[^>]*?\/?>/.exec(m[0])![0];
    const attrs = attributes(startTag);
    const r = attrs.get('r');
    let col = prev + 1;
    if (r) {
      const at = splitRef(r);
      if (at.row !== rowNumber) throw bad(`Ô ${r} nằm sai dòng ${rowNumber} trong tệp.`);
      col = at.col;
    }
    prev = col;
    cells.push({ col, attrs, body: m[2] ?? '', start: m.index, end: m.index + m[0].length });
  }
  return cells;
}

function parseRows(xml: string, from: number, to: number): ParsedRow[] {
  const rows: ParsedRow[] = [];
  const re = /<row(?=[\s/>])[^>]*?(\/>|>)/g;
  re.lastIndex = from;
  let prev = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) && m.index < to) {
    const attrs = attributes(m[0]);
    const row = attrs.has('r') ? Number(attrs.get('r')) : prev + 1;
    prev = row;
    const selfClosing = m[1] === '/>';
    const innerStart = m.index + m[0].length;
    let innerEnd = innerStart;
    let end = innerStart;
    if (!selfClosing) {
      innerEnd = xml.indexOf('</row>', innerStart);
      if (innerEnd < 0 || innerEnd > to) throw bad('Trang tính có dòng <row> không đóng.');
      end = innerEnd + '</row>'.length;
    }
    rows.push({
      row,
      open: m[0],
      attrs,
      selfClosing,
      start: m.index,
      end,
      innerStart,
      innerEnd,
      cells: selfClosing ? [] : parseCells(xml, innerStart, innerEnd, row),
    });
    re.lastIndex = end;
  }
  return rows;
}

/** `<col>` ranges → the style a typed cell of that column takes */
function columnStyles(xml: string): (col: number) => string | null {
  const cols = /<cols>([\s\S]*?)<\/cols>/.exec(xml)?.[1] ?? '';
  const ranges = [...cols.matchAll(/<col\b[^>]*>/g)].map((m) => attributes(m[0]));
  return (col) => {
    const hit = ranges.find((a) => Number(a.get('min')) <= col && col <= Number(a.get('max')));
    const s = hit?.get('style');
    return s && s !== '0' ? s : null;
  };
}

interface Merge {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function merges(xml: string): Merge[] {
  return [...xml.matchAll(/<mergeCell\b[^>]*>/g)].flatMap((m) => {
    const ref = attributes(m[0]).get('ref') ?? '';
    const [a, b = a] = ref.split(':');
    if (!a) return [];
    const p = splitRef(a);
    const q = splitRef(b!);
    return [{ ref, top: p.row, left: p.col, bottom: q.row, right: q.col }];
  });
}

function cellXml(ref: string, style: string | null, value: number | string): string {
  const s = style !== null ? ` s="${style}"` : '';
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${String(value)}</v></c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeText(value)}</t></is></c>`;
}

/** `<calcPr fullCalcOnLoad="1"/>` in workbook.xml (an existing calcPr keeps its other attributes). */
export function withFullCalcOnLoad(wb: string): string {
  const existing = /<calcPr\b[^>]*?\/?>/.exec(wb);
  if (existing) {
    const tag = existing[0];
    const next = /\sfullCalcOnLoad\s*=\s*("[^"]*"|'[^']*')/.test(tag)
      ? tag.replace(/\sfullCalcOnLoad\s*=\s*("[^"]*"|'[^']*')/, ' fullCalcOnLoad="1"')
      : tag.replace(/^<calcPr/, '<calcPr fullCalcOnLoad="1"');
    return wb.slice(0, existing.index) + next + wb.slice(existing.index + tag.length);
  }
  // CT_Workbook's order: … sheets, functionGroups, externalReferences, definedNames, calcPr, oleSize, …
  const after = ['</definedNames>', '</externalReferences>', '<functionGroups/>', '</functionGroups>', '</sheets>'];
  for (const mark of after) {
    const at = wb.lastIndexOf(mark);
    if (at >= 0) {
      const cut = at + mark.length;
      return `${wb.slice(0, cut)}<calcPr fullCalcOnLoad="1"/>${wb.slice(cut)}`;
    }
  }
  throw bad('Tệp Excel không có danh sách trang tính (workbook.xml thiếu <sheets>).');
}

/** Patches one sheet's XML text: the cells of `writes` set, nothing else changed. */
export function patchSheetXml(
  xml: string,
  writes: ReadonlyArray<CellWrite>,
  isPercentStyle: (s: number) => boolean = () => false,
): string {
  if (xml.includes('<![CDATA[') || /<\w+:sheetData\b/.test(xml)) {
    throw bad(
      'Trang tính được ghi theo một cách chương trình chưa đọc được (CDATA hoặc tiền tố tên). Hãy mở tệp bằng Excel, lưu lại rồi thử lại.',
    );
  }
  const firstOpen = /<sheetData\b[^>]*?(\/>|>)/.exec(xml);
  if (!firstOpen) throw bad('Trang tính không có bảng ô (<sheetData>).');
  let text = xml;
  // an empty <sheetData/> becomes an open one, so rows can go in
  if (firstOpen[1] === '/>') {
    const open = firstOpen[0].replace(/\s*\/>$/, '>');
    text = `${xml.slice(0, firstOpen.index)}${open}</sheetData>${xml.slice(firstOpen.index + firstOpen[0].length)}`;
  }
  const dataOpen = /<sheetData\b[^>]*>/.exec(text)!;
  const from = dataOpen.index + dataOpen[0].length;
  const to = text.indexOf('</sheetData>', from);
  const rows = parseRows(text, from, to);
  const mergeList = merges(text);
  const colStyle = columnStyles(text);

  const byRow = new Map<number, Array<{ col: number; write: CellWrite }>>();
  const checked: Array<{ row: number; col: number; write: CellWrite }> = [];
  const seen = new Set<string>();
  for (const w of writes) {
    const at = splitRef(w.ref);
    const key = `${at.row}:${at.col}`;
    if (seen.has(key)) throw new AppError('invalid_input', `Ô ${w.ref} được ghi hai lần: mẫu phụ lục trùng ô.`);
    seen.add(key);
    const merged = mergeList.find(
      (m) => m.top <= at.row && at.row <= m.bottom && m.left <= at.col && at.col <= m.right,
    );
    if (merged && (merged.top !== at.row || merged.left !== at.col)) {
      throw new AppError(
        'invalid_input',
        `Ô ${w.ref} nằm trong vùng gộp ô ${merged.ref} (chỉ ô đầu ${columnLetters(merged.left)}${merged.top} hiện số): ` +
          'hãy sửa mẫu phụ lục cho cột hoặc dòng này.',
      );
    }
    if (w.value === null) {
      checked.push({ ...at, write: w });
      continue;
    }
    const list = byRow.get(at.row) ?? [];
    list.push({ col: at.col, write: w });
    byRow.set(at.row, list);
  }

  const refuseFormula = (ref: string) =>
    new AppError(
      'invalid_input',
      `Ô ${ref} của phụ lục có công thức: chương trình không ghi đè công thức. Hãy bỏ ánh xạ ô này ` +
        'trong mẫu phụ lục (công thức sẽ tự tính lại khi mở tệp trong Excel).',
    );
  for (const { row, col, write } of checked) {
    const cell = rows.find((x) => x.row === row)?.cells.find((c) => c.col === col);
    if (cell && /<f[\s/>]/.test(cell.body)) throw refuseFormula(write.ref);
  }

  // edits as [start, end, replacement] on `text`, applied from the end
  const edits: Array<[number, number, string]> = [];
  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  let maxRow = 0;
  let maxCol = 0;
  for (const r of rowNumbers) {
    const wanted = byRow.get(r)!.sort((a, b) => a.col - b.col);
    maxRow = Math.max(maxRow, r);
    const row = rows.find((x) => x.row === r);
    const rowStyle =
      row && row.attrs.get('customFormat') && /^(1|true)$/.test(row.attrs.get('customFormat')!)
        ? (row.attrs.get('s') ?? null)
        : null;
    const render = (col: number, w: CellWrite, style: string | null): string => {
      let value = w.value!;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new AppError('invalid_input', `Ô ${w.ref}: số liệu không hợp lệ.`);
        if (w.percent && style !== null && isPercentStyle(Number(style))) value = Number((value / 100).toPrecision(15));
      }
      maxCol = Math.max(maxCol, col);
      return cellXml(`${columnLetters(col)}${r}`, style, value);
    };
    if (!row) {
      const cells = wanted.map(({ col, write }) => render(col, write, colStyle(col))).join('');
      const next = rows.find((x) => x.row > r);
      edits.push([next ? next.start : to, next ? next.start : to, `<row r="${r}">${cells}</row>`]);
      continue;
    }
    const inserts: Array<{ at: number; text: string }> = [];
    for (const { col, write } of wanted) {
      const cell = row.cells.find((c) => c.col === col);
      if (cell) {
        if (/<f[\s/>]/.test(cell.body)) throw refuseFormula(write.ref);
        edits.push([cell.start, cell.end, render(col, write, cell.attrs.get('s') ?? null)]);
      } else {
        const next = row.cells.find((c) => c.col > col);
        const style = rowStyle ?? colStyle(col);
        inserts.push({ at: next ? next.start : row.innerEnd, text: render(col, write, style) });
      }
    }
    if (row.selfClosing) {
      const open = row.open.replace(/\s*\/>$/, '>');
      edits.push([row.start, row.end, `${open}${inserts.map((i) => i.text).join('')}</row>`]);
    } else {
      for (const i of inserts) edits.push([i.at, i.at, i.text]);
    }
    // widen the row's spans hint when a new cell lies outside it
    const spans = row.attrs.get('spans');
    const cols = wanted.map((w) => w.col);
    const m = spans && /^(\d+):(\d+)$/.exec(spans);
    if (m && (Math.min(...cols) < Number(m[1]) || Math.max(...cols) > Number(m[2]))) {
      const lo = Math.min(Number(m[1]), ...cols);
      const hi = Math.max(Number(m[2]), ...cols);
      const tagEnd = row.start + row.open.length;
      const newOpen = row.open.replace(/spans\s*=\s*("[^"]*"|'[^']*')/, `spans="${lo}:${hi}"`);
      // the start tag is replaced unless the self-closing branch already rewrote the whole row
      if (!row.selfClosing) edits.push([row.start, tagEnd, newOpen]);
    }
  }
  // formulas that read a written cell lose their cached result, so that every program shows them recomputed:
  // Excel recalculates on open (fullCalcOnLoad), LibreOffice only recalculates a formula without a cached value
  for (const edit of staleFormulaEdits(text, rows, writes)) edits.push(edit);

  // applied from the end; edits at the same offset (new cells before the same neighbour) in reverse push order,
  // so they land in the order they were pushed (column order)
  let out = text;
  const stable = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e[0] - a.e[0] || b.i - a.i);
  for (const { e } of stable) out = out.slice(0, e[0]) + e[2] + out.slice(e[1]);
  return widenDimension(out, maxRow, maxCol);
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/**
 * The cells and ranges a formula reads on its own sheet, as boxes (D8, D13:D14, D:D, 3:5); references to another
 * sheet (`Sheet2!A1`) and inside string literals are not counted.
 */
export function formulaBoxes(formula: string): Box[] {
  const src = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const boxes: Box[] = [];
  const re =
    /(?<![A-Za-z0-9_.$!:])(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?\d+:\$?\d+)(?![A-Za-z0-9_(!])/g;
  for (const m of src.matchAll(re)) {
    const [a, b = a] = m[1]!.replace(/\$/g, '').split(':');
    const cell = (x: string) => /^([A-Z]{1,3})(\d+)$/.exec(x);
    const ca = cell(a!);
    const cb = cell(b!);
    if (ca && cb) {
      const p = { col: columnNumber(ca[1]!), row: Number(ca[2]) };
      const q = { col: columnNumber(cb[1]!), row: Number(cb[2]) };
      boxes.push({
        top: Math.min(p.row, q.row),
        bottom: Math.max(p.row, q.row),
        left: Math.min(p.col, q.col),
        right: Math.max(p.col, q.col),
      });
    } else if (/^[A-Z]+$/.test(a!) && /^[A-Z]+$/.test(b!)) {
      const [l, r] = [columnNumber(a!), columnNumber(b!)].sort((x, y) => x - y);
      boxes.push({ top: 1, bottom: MAX_ROW, left: l!, right: r! });
    } else if (/^\d+$/.test(a!) && /^\d+$/.test(b!)) {
      const [t, u] = [Number(a), Number(b)].sort((x, y) => x - y);
      boxes.push({ top: t!, bottom: u!, left: 1, right: MAX_COL });
    }
  }
  return boxes;
}

/** Edits that drop the cached result (`<v>`, and its type `t`) of every formula cell reading a written cell. */
function staleFormulaEdits(
  xml: string,
  rows: ParsedRow[],
  writes: ReadonlyArray<CellWrite>,
): Array<[number, number, string]> {
  // the cells whose figure changes: the written ones, then (until nothing more) the formulas reading them
  const changed = writes.filter((w) => w.value !== null).map((w) => splitRef(w.ref));
  if (changed.length === 0) return [];
  const hits = (boxes: Box[]) =>
    boxes.some((b) => changed.some((w) => b.top <= w.row && w.row <= b.bottom && b.left <= w.col && w.col <= b.right));
  const formulaOf = (cell: ParsedCell) => {
    const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(cell.body);
    return f ? { attrs: attributes(`<f${f[1]}>`), text: decode(f[2] ?? '') } : null;
  };
  interface FormulaCell {
    row: number;
    cell: ParsedCell;
    /** what it reads; a shared formula's group reads what its master reads, shifted over the group's range */
    boxes: Box[] | null;
    si: string | null;
  }
  const formulas: FormulaCell[] = [];
  const groups = new Map<string, Box[]>();
  for (const row of rows) {
    for (const cell of row.cells) {
      const f = formulaOf(cell);
      if (!f) continue;
      const si = f.attrs.get('t') === 'shared' ? (f.attrs.get('si') ?? '') : null;
      if (si !== null && f.text && f.attrs.has('ref')) {
        const [a, b = a] = f.attrs.get('ref')!.split(':');
        const end = splitRef(b!);
        const down = Math.max(0, end.row - row.row);
        const across = Math.max(0, end.col - cell.col);
        groups.set(
          si,
          formulaBoxes(f.text).map((x) => ({
            ...x,
            bottom: Math.min(MAX_ROW, x.bottom + down),
            right: Math.min(MAX_COL, x.right + across),
          })),
        );
      }
      formulas.push({ row: row.row, cell, boxes: si === null ? formulaBoxes(f.text) : null, si });
    }
  }
  const stale = new Set<FormulaCell>();
  for (let grew = true; grew;) {
    grew = false;
    for (const fc of formulas) {
      if (stale.has(fc)) continue;
      // a clone whose master is not found counts as reading a changed cell (never a stale figure)
      const boxes = fc.boxes ?? groups.get(fc.si!) ?? null;
      if (boxes && !hits(boxes)) continue;
      stale.add(fc);
      changed.push({ row: fc.row, col: fc.cell.col });
      grew = true;
    }
  }
  const edits: Array<[number, number, string]> = [];
  for (const { cell } of stale) {
    if (!/<v[\s>/]/.test(cell.body)) continue;
    const raw = xml.slice(cell.start, cell.end);
    const start = /^<c[^>]*?>/.exec(raw)![0];
    const tag = start.replace(/\st\s*=\s*("[^"]*"|'[^']*')/, '');
    const body = raw.slice(start.length).replace(/<v\s*\/>|<v(?:\s[^>]*)?>[\s\S]*?<\/v>/, '');
    edits.push([cell.start, cell.end, tag + body]);
  }
  return edits;
}

/** `<dimension ref>` grown to hold a written cell outside it (unchanged otherwise) */
function widenDimension(xml: string, maxRow: number, maxCol: number): string {
  const m = /<dimension\b[^>]*ref\s*=\s*"([^"]*)"[^>]*>/.exec(xml);
  if (!m || maxRow === 0) return xml;
  const [a, b = a] = m[1]!.split(':');
  if (!a) return xml;
  const p = splitRef(a);
  const q = splitRef(b!);
  if (maxRow <= q.row && maxCol <= q.col) return xml;
  const ref = `${columnLetters(p.col)}${p.row}:${columnLetters(Math.max(q.col, maxCol))}${Math.max(q.row, maxRow)}`;
  return xml.slice(0, m.index) + m[0].replace(m[1]!, ref) + xml.slice(m.index + m[0].length);
}

/**
 * A copy of the workbook with the cells of `writes` set on sheet `sheet`, recalculated on open. Refuses (nothing
 * written) a formula cell, a cell hidden under a merge, a sheet that is not there.
 */
export async function fillWorkbook(
  bytes: Uint8Array,
  fileName: string,
  sheet: string,
  writes: ReadonlyArray<CellWrite>,
): Promise<FillResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw bad(`Không mở được tệp "${fileName}" như một tệp Excel (.xlsx).`);
  }
  const entry = await sheetEntry(zip, sheet, fileName);
  const styles = await zip.file('xl/styles.xml')?.async('string');
  const xml = await zip.file(entry)!.async('string');
  const patched = patchSheetXml(xml, writes, percentStyles(styles));
  // the entries keep their dates (the same blank and figures give the same bytes); no folder entries are added
  zip.file(entry, patched, { date: zip.file(entry)!.date, createFolders: false });
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  zip.file('xl/workbook.xml', withFullCalcOnLoad(wb), {
    date: zip.file('xl/workbook.xml')!.date,
    createFolders: false,
  });
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { bytes: out, written: writes.filter((w) => w.value !== null).length };
}
