/**
 * The form's section "Kết quả thực hiện nhiệm vụ được giao": one row per task of the year's plan given to the
 * unit (lead or partner, marked), with its status (a drop-down), a short result and the number of activities.
 * Written after the figures by the template writer (one call, only when the unit has tasks: a form without tasks
 * is unchanged), read back by the form reader into ordinary values (encoding: shared/rules/task-answers.ts).
 * The task list and its fingerprint go to extra rows of the hidden _meta sheet, after META_KEYS.
 */
import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { Finding, StoredValue } from '../../shared/domain/records';
import {
  parseTaskElement,
  parseTaskStatus,
  TASK_STATUS_LABEL,
  TASK_STATUSES,
  taskElement,
} from '../../shared/rules/task-answers';
import { cleanText, formatDate, parseViNumber, searchKey } from '../../shared/text/vi';
import { META_KEYS } from './form-layout';
import { cellText, type GridSheet } from './grid';
import { BORDER, font, HEAD_FILL, INPUT_FILL, put, SECTION_FILL, widthOf, type FormSheet } from './template-style';

export interface TemplateTask {
  id: number;
  stt: string | null;
  section: string;
  title: string;
  role: 'lead' | 'partner';
  due: string | null;
}

export const TASK_SECTION_TITLE = 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO';
export const TASK_HEADERS = {
  code: 'Mã số',
  title: 'Nhiệm vụ',
  role: 'Vai trò',
  status: 'Tình trạng',
  result: 'Kết quả thực hiện',
  activities: 'Số hoạt động',
} as const;
const ROLE_LABEL = { lead: 'Chủ trì', partner: 'Phối hợp' } as const;
/** The _meta rows after META_KEYS. */
export const TASK_META_KEYS = ['tasks', 'taskFingerprint'] as const;

const STATUS_COL = 5;
const RESULT_COL = 6;
const activitiesCol = (f: FormSheet): number => Math.max(RESULT_COL + 1, f.nCols);

/** sha256 of the tasks given (id, role, title), first 16 hex digits: the task rows' part of the form's version. */
export function taskFingerprint(tasks: TemplateTask[]): string {
  const text = tasks.map((t) => `${t.id}|${t.role}|${t.title}`).join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Writes the section after the figures (at f.r). The caller calls it only when there are tasks. */
export function writeTaskSection(f: FormSheet, tasks: TemplateTask[]): void {
  const { ws } = f;
  const actCol = activitiesCol(f);
  const resultEnd = actCol - 1;
  f.r++;
  // heading
  ws.mergeCells(f.r, 1, f.r, actCol);
  put(ws.getCell(f.r, 1), {
    value: TASK_SECTION_TITLE,
    font: font({ bold: true }),
    fill: SECTION_FILL,
    border: BORDER,
    alignment: { horizontal: 'left', vertical: 'middle' },
  });
  ws.getRow(f.r).height = 22;
  f.r++;
  ws.mergeCells(f.r, 1, f.r, actCol);
  put(ws.getCell(f.r, 1), {
    value:
      'Với mỗi nhiệm vụ, chọn tình trạng trong danh sách (Đã hoàn thành / Đang thực hiện / Chưa thực hiện), ghi ' +
      'ngắn gọn kết quả và số hoạt động đã tổ chức (nếu có).',
    font: font({ italic: true }),
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
  });
  ws.getRow(f.r).height = 32;
  f.r++;
  // header
  const head: Array<[number, string]> = [
    [1, 'STT'],
    [2, TASK_HEADERS.code],
    [3, TASK_HEADERS.title],
    [4, TASK_HEADERS.role],
    [STATUS_COL, TASK_HEADERS.status],
    [RESULT_COL, TASK_HEADERS.result],
    [actCol, TASK_HEADERS.activities],
  ];
  if (resultEnd > RESULT_COL) ws.mergeCells(f.r, RESULT_COL, f.r, resultEnd);
  for (const [c, label] of head) {
    put(ws.getCell(f.r, c), {
      value: label,
      font: font({ bold: true }),
      fill: HEAD_FILL,
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    });
  }
  ws.getRow(f.r).height = 30;
  f.r++;
  const titleWidth = ws.getColumn(3).width ?? 40;
  for (const t of tasks) {
    const row = ws.getRow(f.r);
    const title = t.due ? `${t.title} (thời hạn: ${formatDate(t.due)})` : t.title;
    const fixed: Array<[number, string]> = [
      [1, t.stt ?? ''],
      [2, taskElement(t.id, 'status')],
      [3, title],
      [4, ROLE_LABEL[t.role]],
    ];
    for (const [c, v] of fixed) {
      put(row.getCell(c), {
        value: v,
        font: font({ bold: c === 4 && t.role === 'lead' }),
        border: BORDER,
        alignment: { horizontal: c === 3 ? 'left' : 'center', vertical: 'middle', wrapText: c === 3 },
      });
    }
    const status = put(row.getCell(STATUS_COL), {
      font: font(),
      border: BORDER,
      fill: INPUT_FILL,
      protection: { locked: false },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    });
    status.dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'warning',
      formulae: [`"${TASK_STATUSES.map((s) => TASK_STATUS_LABEL[s]).join(',')}"`],
      errorTitle: 'Chọn tình trạng',
      error: 'Chọn một trong: Đã hoàn thành, Đang thực hiện, Chưa thực hiện.',
    };
    if (resultEnd > RESULT_COL) ws.mergeCells(f.r, RESULT_COL, f.r, resultEnd);
    for (let c = RESULT_COL; c <= resultEnd; c++) {
      put(row.getCell(c), { border: BORDER, fill: INPUT_FILL, font: font(), protection: { locked: false } });
    }
    put(row.getCell(RESULT_COL), { numFmt: '@', alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
    const act = put(row.getCell(actCol), {
      font: font(),
      border: BORDER,
      fill: INPUT_FILL,
      protection: { locked: false },
      numFmt: '#,##0',
      alignment: { horizontal: 'center', vertical: 'middle' },
    });
    act.dataValidation = {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Số hoạt động',
      error: 'Ghi số hoạt động đã tổ chức (số nguyên, ví dụ 3).',
    };
    const lines = Math.ceil(widthOf(title) / Math.max(10, titleWidth - 2));
    row.height = Math.max(48, lines * 16 + 6);
    f.r++;
  }
}

/** The task list and fingerprint, in the _meta rows after META_KEYS (only when there are tasks). */
export function writeTaskMeta(wb: ExcelJS.Workbook, tasks: TemplateTask[]): void {
  const meta = wb.getWorksheet('_meta');
  if (!meta) return;
  const values = [tasks.map((t) => t.id).join(','), taskFingerprint(tasks)];
  TASK_META_KEYS.forEach((k, i) => {
    meta.getCell(META_KEYS.length + i + 1, 1).value = k;
    put(meta.getCell(META_KEYS.length + i + 1, 2), { value: values[i]!, numFmt: '@' });
  });
}

export interface TaskMeta {
  ids: number[];
  fingerprint: string;
}

/** The task rows of _meta, if the form has them. */
export function readTaskMeta(meta: GridSheet | null): TaskMeta | null {
  if (!meta) return null;
  let ids: number[] | null = null;
  let fingerprint = '';
  for (let r = 1; r <= meta.rowCount; r++) {
    const key = cellText(meta.get(r, 1));
    const value = cellText(meta.get(r, 2)) ?? '';
    if (key === 'tasks')
      ids = value
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0);
    if (key === 'taskFingerprint') fingerprint = value.trim();
  }
  return ids ? { ids, fingerprint } : null;
}

/** Is this text in the code column a task row's code? (the form reader leaves those rows to readTaskAnswers) */
export const isTaskCode = (code: string): boolean =>
  // a task code reads NV:<id>: without a ':' (which cleaning never makes) it is not one
  code.includes(':') && parseTaskElement(cleanText(code)) !== null;

/**
 * The answers of the task rows: the header row of the section found by its labels, each row by its code
 * `NV:<id>`. An unclear status or count is a warning (not stored); blank cells are not answers.
 */
export function readTaskAnswers(sheet: GridSheet, findings: Finding[]): StoredValue[] {
  const out: StoredValue[] = [];
  // an answer (or a finding) needs a status row: a cell whose code reads `NV:<id>` in one of the columns a header
  // can name (1–40); most forms have none, and looking for one costs less than looking for a header row by row
  if (!hasStatusCode(sheet)) return out;
  let cols: { code: number; status?: number; result?: number; activities?: number } | null = null;
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (!cols) {
      cols = headerAt(sheet, r);
      continue;
    }
    const code = cellText(sheet.get(r, cols.code));
    const parsed = code ? parseTaskElement(cleanText(code)) : null;
    if (!parsed || parsed.part !== 'status') continue;
    const id = parsed.taskId;
    const where = `Nhiệm vụ ở dòng ${r} trong tệp`;
    if (cols.status) {
      const raw = sheet.get(r, cols.status);
      const t = raw.kind === 'bool' ? (raw.value ? 'x' : '') : (cellText(raw) ?? '');
      if (cleanText(t)) {
        const status = parseTaskStatus(t);
        if (status)
          out.push({ element: taskElement(id, 'status'), cell: 'value', value: { state: 'text', value: status } });
        else {
          findings.push({
            code: 'TASK_STATUS_UNCLEAR',
            severity: 'warning',
            element: taskElement(id, 'status'),
            message:
              `${where}: cột "Tình trạng" ghi "${cleanText(t)}", không rõ là đã hoàn thành, đang thực hiện hay chưa ` +
              'thực hiện; nhiệm vụ được tính là chưa báo cáo. Hãy hỏi lại đơn vị và đề nghị chọn trong danh sách.',
          });
        }
      }
    }
    if (cols.result) {
      const t = cellText(sheet.get(r, cols.result));
      if (t && cleanText(t)) {
        out.push({ element: taskElement(id, 'result'), cell: 'value', value: { state: 'text', value: cleanText(t) } });
      }
    }
    if (cols.activities) {
      const raw = sheet.get(r, cols.activities);
      const n = raw.kind === 'number' ? raw.value : raw.kind === 'text' ? parseViNumber(raw.value) : null;
      if (n !== null && Number.isInteger(n) && n >= 0) {
        out.push({ element: taskElement(id, 'activities'), cell: 'value', value: { state: 'number', value: n } });
      } else if (raw.kind !== 'blank') {
        findings.push({
          code: 'TASK_ACTIVITIES_UNCLEAR',
          severity: 'warning',
          element: taskElement(id, 'activities'),
          message: `${where}: cột "Số hoạt động" ghi "${cellText(raw) ?? ''}", không phải một số nguyên không âm; không được ghi nhận.`,
        });
      }
    }
  }
  return out;
}

/** Does any cell of columns 1–40 hold a task row's code (`NV:<id>`, a status row)? A code has a ':' in its text. */
function hasStatusCode(sheet: GridSheet): boolean {
  const cols = Math.min(sheet.colCount, 40);
  for (let r = 1; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= cols; c++) {
      const cell = sheet.get(r, c);
      // numbers and TRUE/FALSE never print a ':' (a date-time does: it is looked at)
      if (cell.kind !== 'text' && cell.kind !== 'date' && cell.kind !== 'error') continue;
      if (!cell.value.includes(':')) continue;
      if (parseTaskElement(cleanText(cell.value))?.part === 'status') return true;
    }
  }
  return false;
}

/** The header labels' search keys, computed once (headerAt looks at every row until it finds the header). */
const HEADER_KEYS = Object.entries(TASK_HEADERS).map(([name, label]) => [name, searchKey(label)] as const);

function headerAt(
  sheet: GridSheet,
  r: number,
): { code: number; status?: number; result?: number; activities?: number } | null {
  const found: Record<string, number> = {};
  for (let c = 1; c <= Math.min(sheet.colCount, 40); c++) {
    const cell = sheet.get(r, c);
    // a number, a date or TRUE/FALSE is never a label (their texts hold digits or are "true"/"false": no key of
    // TASK_HEADERS), and most cells of a form are numbers: their texts are not made nor keyed
    if (cell.kind === 'number' || cell.kind === 'date' || cell.kind === 'bool') continue;
    const t = cellText(cell);
    if (!t) continue; // a blank cell is no label (the keys of the labels are never empty)
    const k = searchKey(t);
    for (const [name, key] of HEADER_KEYS) {
      if (k === key && found[name] === undefined) found[name] = c;
    }
  }
  if (found.status === undefined || found.code === undefined) return null;
  return { code: found.code, status: found.status, result: found.result, activities: found.activities };
}
