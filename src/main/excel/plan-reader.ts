/**
 * Reads a year's plan list (Kế hoạch năm) from Excel: `STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối
 * hợp | Thời hạn | Sản phẩm`. The header row is found by its labels (case and diacritics ignored), wherever it
 * is; a row with a Roman numeral in STT ("I", "II.") or a row that gives no unit and is merged across the table
 * or has no number is a section heading; every other row with a content is a task. Units stay as the plan writes
 * them (the service matches them to the register). Pure: never touches the database.
 */
import { cleanText, parseViDate, searchKey } from '../../shared/text/vi';
import { cellText, loadGrid, type Grid, type GridSheet, type RawCell } from './grid';

export interface PlanRow {
  /** the row in the sheet (1-based, as Excel shows it) */
  row: number;
  kind: 'section' | 'task';
  stt: string | null;
  title: string;
  lead: string;
  partners: string;
  /** ISO date, or the text as written ("Thường xuyên", "Quý III/2026"), or null */
  due: string | null;
  product: string | null;
}

export interface ReadPlan {
  sheet: string;
  rows: PlanRow[];
  errors: Array<{ row: number; message: string }>;
}

type Col = 'stt' | 'title' | 'lead' | 'partners' | 'due' | 'product';

/** How the header names each column (keys after searchKey); the first that fits wins. */
const LABELS: Record<Col, (k: string) => boolean> = {
  stt: (k) => k === 'stt' || k === 'tt' || k === 'so tt' || k === 'so thu tu',
  title: (k) => k.startsWith('noi dung') || k === 'nhiem vu' || k.startsWith('ten nhiem vu'),
  lead: (k) => k.includes('chu tri'),
  partners: (k) => k.includes('phoi hop'),
  due: (k) => k.startsWith('thoi han') || k.startsWith('thoi gian'),
  product: (k) => k.startsWith('san pham') || k.startsWith('ket qua du kien'),
};

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})[.)]?$/i;

function text(c: RawCell): string {
  const t = cellText(c);
  return t === null ? '' : cleanText(t);
}

function findHeader(sheet: GridSheet): { row: number; cols: Partial<Record<Col, number>> } | null {
  const last = Math.min(sheet.rowCount, 40);
  for (let r = 1; r <= last; r++) {
    const cols: Partial<Record<Col, number>> = {};
    for (let c = 1; c <= Math.min(sheet.colCount, 30); c++) {
      const k = searchKey(text(sheet.get(r, c)));
      if (!k) continue;
      for (const col of Object.keys(LABELS) as Col[]) {
        if (cols[col] === undefined && LABELS[col](k)) {
          cols[col] = c;
          break;
        }
      }
    }
    if (cols.title !== undefined && cols.lead !== undefined) return { row: r, cols };
  }
  return null;
}

function dueOf(c: RawCell): string | null {
  if (c.kind === 'date') return c.value.slice(0, 10);
  const t = text(c);
  if (!t) return null;
  return parseViDate(t) ?? t;
}

/** Reads the plan list; throws AppError('bad_file') (from the grid reader) only when the file cannot be opened. */
export async function readPlan(bytes: Uint8Array, fileName: string): Promise<ReadPlan> {
  return planFromGrid(await loadGrid(bytes, fileName));
}

/** The plan list of a workbook already read (see readPlan). */
export function planFromGrid(grid: Grid): ReadPlan {
  for (const sheet of grid.sheets) {
    if (sheet.state !== 'visible') continue;
    const header = findHeader(sheet);
    if (!header) continue;
    return { sheet: sheet.name, ...readRows(sheet, header) };
  }
  return {
    sheet: '',
    rows: [],
    errors: [
      {
        row: 0,
        message:
          'Không tìm thấy bảng kế hoạch trong tệp: cần một dòng tiêu đề có các cột "STT", "Nội dung nhiệm vụ", ' +
          '"Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm". Hãy sửa tiêu đề cột cho đúng rồi nhập lại.',
      },
    ],
  };
}

function readRows(
  sheet: GridSheet,
  header: { row: number; cols: Partial<Record<Col, number>> },
): { rows: PlanRow[]; errors: ReadPlan['errors'] } {
  const { cols } = header;
  const get = (r: number, col: Col): RawCell => (cols[col] === undefined ? { kind: 'blank' } : sheet.get(r, cols[col]));
  const rows: PlanRow[] = [];
  const errors: ReadPlan['errors'] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    if (sheet.rowHidden(r)) continue;
    const stt = text(get(r, 'stt')) || null;
    let title = text(get(r, 'title'));
    const lead = text(get(r, 'lead'));
    const partners = text(get(r, 'partners'));
    // a section heading merged from STT across the table: its text sits in the STT cell's master
    const merge = cols.stt !== undefined ? sheet.mergeOf(r, cols.stt) : null;
    const merged = !!merge && merge[3] >= (cols.title ?? 0);
    if (!title && merged && stt) title = stt;
    if (!title && !lead && !partners) continue;
    const sttRoman = stt ? ROMAN.test(stt.split(/\s/)[0]!) : false;
    const titleRoman = /^(?=[IVX])[IVX]{1,4}[.)]\s+\S/.test(title);
    const numbered = !!stt && /^\d+([.,]\d+)*[.)]?$/.test(stt);
    const isSection = sttRoman || titleRoman || (!lead && !partners && (merged || !numbered));
    if (isSection) {
      const heading =
        sttRoman && !title.startsWith(stt!) && title !== stt ? `${stt!.replace(/[.)]$/, '')}. ${title}` : title;
      rows.push({ row: r, kind: 'section', stt, title: heading, lead: '', partners: '', due: null, product: null });
      continue;
    }
    if (!title) {
      errors.push({
        row: r,
        message: `Dòng ${r} có đơn vị nhưng không có nội dung nhiệm vụ. Hãy ghi nội dung nhiệm vụ hoặc xóa dòng này.`,
      });
      continue;
    }
    if (!lead) {
      errors.push({
        row: r,
        message:
          `Dòng ${r} ("${title.slice(0, 60)}") chưa ghi đơn vị chủ trì; nhiệm vụ vẫn được nhập. Hãy chọn đơn vị ` +
          'chủ trì trên màn hình Kế hoạch.',
      });
    }
    rows.push({
      row: r,
      kind: 'task',
      stt: stt ? stt.replace(/[.)]$/, '') : null,
      title,
      lead,
      partners,
      due: dueOf(get(r, 'due')),
      product: text(get(r, 'product')) || null,
    });
  }
  return { rows, errors };
}
