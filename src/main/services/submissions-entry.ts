/**
 * Paper and scanned reports entered by hand. The form is laid out like the unit's template (form-layout.ts
 * templateRowsFor: only the rows that unit reports (its kind, and who-reports-what), in the template's order, under their sections; the cells that apply).
 * Each value is typed by the form reader's own rules (form-values.ts toValue: vi-VN numbers, Có/Không, KAD or
 * "không áp dụng", bounds), then checked by the import's check (check.ts checkForm: the catalogue's validation
 * rules, with the same messages) and the blanking rule; accepted → a new revision like any import (one
 * transaction, audited as 'enter' with the officer's name, channel paper or scan, the scan as the original, else
 * the entered values as a small JSON file); refused → an inbox entry with its reasons.
 * The plan's tasks given to the unit follow its figures, as on its form: three rows per task (tình trạng, kết quả,
 * số hoạt động) with the codes the form uses (NV:<id>, NV:<id>.KQ, NV:<id>.SL), checked by the import's own
 * checkTaskAnswers and stored the same way.
 */
import type { EntryForm, EntryFormRow } from '../../shared/contract/inbox';
import type { CellKey, UnitKind } from '../../shared/domain/catalog';
import type { CellValue, Finding, StoredValue } from '../../shared/domain/records';
import type { ImportResult } from '../../shared/domain/report';
import { AppError } from '../../shared/result';
import { isHistoryEntry } from '../../shared/rules/period';
import { formatNumber } from '../../shared/text/vi';
import { NO_IDENTITY } from '../excel/form-identity';
import type { ParsedForm } from '../excel/form-reader';
import { templateRowsFor } from '../excel/form-layout';
import { toValue } from '../excel/form-values';
import { BLANK, NOT_A_NUMBER, text, type RawCell } from '../excel/grid-model';
import { getCatalog, getTemplateRow } from './catalog';
import type { Ctx } from './context';
import { auditReceipt, checkReceipt } from './imports';
import { blankedCells, blankingError } from './imports/blanking';
import { checkForm } from './imports/check';
import {
  commitRevision,
  currentOf,
  isExpected,
  ORIGINAL_CAP,
  revisionsOf,
  sha256,
  storedCells,
} from './imports/commit';
import { recordAnswer } from './imports/file';
import { expectedError } from './imports/identify';
import { answered, dedupe, reject } from './imports/result';
import { HAND_ENTRY_PREFIX } from './inbox';
import { assertOpen } from './periods';
import { getSettings } from './settings';
import { checkTaskAnswers, templateTasks } from './plan';
import {
  parseTaskElement,
  parseTaskStatus,
  TASK_STATUS_LABEL,
  TASK_STATUSES,
  taskElement,
  type TaskStatus,
} from '../../shared/rules/task-answers';
import { readViNumber } from '../../shared/text/numbers';
import { cleanText } from '../../shared/text/vi';
import { unitFromRef } from './submissions';
import { rowToCellValue } from './values';

type UnitRef = { unitId?: number | undefined; unitCode?: string | undefined };

/** The cells of a row the unit fills: a text row has its one text cell, the others the element's cells. */
const cellsOf = (d: { type: string; cells: CellKey[] }): CellKey[] => (d.type === 'text' ? ['value'] : d.cells);

function formOf(ctx: Ctx, periodId: number, ref: UnitRef) {
  const period = assertOpen(ctx.db, periodId);
  const unit = unitFromRef(ctx.db, ref);
  const catalog = getCatalog(ctx.db);
  const template = getTemplateRow(ctx.db, period.templateId);
  const elements = templateRowsFor(template, catalog.dataElements, unit);
  const tasks = templateTasks(ctx.db, period.year, unit.id);
  return { period, unit, catalog, template, elements, tasks };
}

/** The hand-entry form of a unit: its template's rows, and its current figures to start from. */
export function entryForm(ctx: Ctx, input: { periodId: number } & UnitRef): EntryForm {
  const { period, unit, catalog, elements, tasks } = formOf(ctx, input.periodId, input);
  const sectionName = new Map(catalog.sections.map((s) => [s.code, s.name]));
  const rows: EntryFormRow[] = elements.map((d) => ({
    element: d.code,
    name: d.name,
    section: d.section,
    sectionName: sectionName.get(d.section) ?? d.section,
    type: d.type,
    unit: d.unit,
    cells: cellsOf(d),
  }));
  rows.push(...taskRows(tasks));
  const current = currentOf(revisionsOf(ctx.raw, period.id, unit.id));
  const values: EntryForm['current'] = {};
  if (current) {
    for (const c of storedCells(ctx.raw, current.id)) {
      const v = rowToCellValue(c);
      const status = parseTaskElement(c.element)?.part === 'status' && v.state === 'text' ? v.value : null;
      (values[c.element] ??= {})[c.cell] =
        v.state === 'na'
          ? 'không áp dụng'
          : status && status in TASK_STATUS_LABEL
            ? TASK_STATUS_LABEL[status as TaskStatus]
            : v.value;
    }
  }
  return {
    periodId: period.id,
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind as UnitKind },
    rows,
    current: values,
    currentRevision: current?.revision ?? null,
  };
}

const TASK_SECTION = 'NV';
const TASK_SECTION_NAME = 'Kết quả thực hiện nhiệm vụ được giao (Kế hoạch năm)';
const ROLE = { lead: 'chủ trì', partner: 'phối hợp' } as const;

/** The task rows of the hand-entry form: status, result, number of activities, for each task given to the unit. */
function taskRows(tasks: ReturnType<typeof templateTasks>): EntryFormRow[] {
  return tasks.flatMap((t) => {
    const title = `${t.stt ? `${t.stt}. ` : ''}${t.title} (${ROLE[t.role]})`;
    const row = (part: 'status' | 'result' | 'activities', name: string, type: EntryFormRow['type']) => ({
      element: taskElement(t.id, part),
      name,
      section: TASK_SECTION,
      sectionName: TASK_SECTION_NAME,
      type,
      unit: part === 'activities' ? 'hoạt động' : '',
      cells: ['value'] as CellKey[],
    });
    return [
      row('status', `${title} – tình trạng`, 'text'),
      row('result', `${title} – kết quả thực hiện`, 'text'),
      row('activities', `${title} – số hoạt động`, 'integer'),
    ];
  });
}

/** One entered task answer as the import stores it; a status or a count that cannot be read is refused. */
function taskValue(
  code: string,
  part: 'status' | 'result' | 'activities',
  title: string,
  v: Entered | undefined,
): StoredValue | null {
  if (v === null || v === undefined || (typeof v === 'string' && !v.trim())) return null;
  const s = typeof v === 'string' ? cleanText(v).trim() : v;
  if (part === 'result') return { element: code, cell: 'value', value: { state: 'text', value: String(s) } };
  if (part === 'status') {
    const status =
      typeof s === 'string'
        ? (TASK_STATUSES as readonly string[]).includes(s)
          ? (s as TaskStatus)
          : parseTaskStatus(s)
        : null;
    if (!status) {
      throw new AppError(
        'invalid_input',
        `Tình trạng của nhiệm vụ "${title}" ghi "${String(s)}" không rõ. Hãy ghi một trong: ` +
          `${TASK_STATUSES.map((x) => TASK_STATUS_LABEL[x]).join(', ')}.`,
      );
    }
    return { element: code, cell: 'value', value: { state: 'text', value: status } };
  }
  const n = typeof s === 'number' ? s : typeof s === 'string' ? readViNumber(s) : null;
  const num = typeof n === 'number' ? n : n && n.kind !== 'invalid' && n.kind !== 'us_only' ? n.value : NaN;
  if (!Number.isInteger(num) || num < 0) {
    throw new AppError(
      'invalid_input',
      `Số hoạt động của nhiệm vụ "${title}" ghi "${String(s)}" không phải số nguyên không âm. Hãy ghi số như 3 hoặc để trống.`,
    );
  }
  return { element: code, cell: 'value', value: { state: 'number', value: num } };
}

const SCAN_KINDS: Array<{ ext: string[]; magic: number[]; name: string }> = [
  { ext: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'PDF' },
  { ext: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff], name: 'JPG' },
  { ext: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG' },
];

/** A scan must be a PDF, JPG or PNG by its bytes (not only its name), and not over the cap. */
export function checkScan(scan: { name: string; bytes: Uint8Array }): void {
  const kind = SCAN_KINDS.find((k) => k.magic.every((b, i) => scan.bytes[i] === b));
  if (!kind) {
    throw new AppError(
      'invalid_input',
      `Tệp "${scan.name}" không phải bản scan dạng PDF, JPG hoặc PNG. Hãy chọn đúng tệp ảnh chụp hoặc tệp PDF của báo cáo.`,
    );
  }
  if (scan.bytes.byteLength > ORIGINAL_CAP) {
    throw new AppError(
      'invalid_input',
      `Bản scan "${scan.name}" lớn hơn ${formatNumber(ORIGINAL_CAP / 1024 / 1024)} MB. Hãy quét lại với độ phân giải ` +
        'thấp hơn (ví dụ 150 dpi) hoặc nén tệp PDF rồi chọn lại.',
    );
  }
}

type Entered = number | string | boolean | null;

/** An entered value as the form reader would see it in a cell. */
function asRaw(v: Entered): RawCell {
  if (v === null) return BLANK;
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : NOT_A_NUMBER;
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return text(v);
}

export interface EnterInput extends UnitRef {
  periodId: number;
  values: Record<string, Partial<Record<CellKey, Entered>>>;
  scan?: { name: string; bytes: Uint8Array } | undefined;
  channel?: 'paper' | 'scan' | undefined;
  receivedAt?: string | undefined;
  receivedReason?: string | undefined;
  allowBlanking?: boolean | undefined;
}

/** A paper or scanned report entered by hand: checked like an import, then a new revision or a refusal. */
export function enterReport(ctx: Ctx, input: EnterInput): ImportResult & { entryId: number } {
  const { period, unit, catalog, template, elements, tasks } = formOf(ctx, input.periodId, input);
  const unitRef = { code: unit.code, name: unit.name };
  const given = new Map(tasks.map((t) => [t.id, t]));
  const taskTyped: StoredValue[] = [];
  const expected = expectedError(unit, isExpected(ctx.raw, period.id, unit.id), period);
  if (expected.length) throw new AppError('invalid_input', expected[0]!.message);
  const odd = checkReceipt(ctx, input);
  if (input.scan) checkScan(input.scan);
  const channel = input.channel ?? (input.scan ? 'scan' : 'paper');
  const receivedAt = input.receivedAt ?? ctx.today();

  // the values, typed as the form reader types a cell
  const onForm = new Map(elements.map((d) => [d.code, d]));
  const unknown: string[] = [];
  const label = (k: CellKey) => catalog.cellLabels[k] ?? k;
  const findings: Finding[] = [];
  const typed: StoredValue[] = [];
  const where = (d: { code: string; name: string; unit: string }, _row: number, k?: CellKey) =>
    `Dòng "${d.code}" (${d.name}${d.unit ? `, ${d.unit}` : ''})` + (k ? `, cột "${label(k)}"` : '');
  for (const [code, cells] of Object.entries(input.values)) {
    const task = parseTaskElement(code);
    const givenTask = task ? given.get(task.taskId) : undefined;
    if (task && givenTask) {
      const v = taskValue(code, task.part, givenTask.title, cells.value);
      if (v) taskTyped.push(v);
      continue;
    }
    const d = onForm.get(code);
    if (!d) {
      unknown.push(code);
      continue;
    }
    for (const [k, v] of Object.entries(cells) as Array<[CellKey, Entered]>) {
      if (!cellsOf(d).includes(k)) {
        throw new AppError(
          'invalid_input',
          `Dòng "${d.code}" (${d.name}) không có ô "${label(k)}" trong biểu của ${unit.name}. Hãy chỉ nhập vào các ô của dòng này (${cellsOf(d).map(label).join(', ')}).`,
        );
      }
      const value: CellValue | null = toValue(d, asRaw(v), 0, k, where, findings);
      if (value) typed.push({ element: d.code, cell: k, value });
    }
  }
  if (unknown.length) {
    throw new AppError(
      'invalid_input',
      `Biểu của ${unit.name} (${unit.code}) không có dòng ${unknown.map((c) => `"${c}"`).join(', ')}. Hãy kiểm tra lại mã số các dòng đã nhập.`,
    );
  }
  const parsed: ParsedForm = {
    format: 'xlsx',
    identity: { source: 'header', ...NO_IDENTITY },
    rowsSeen: Object.fromEntries(elements.map((d) => [d.code, 0])),
    values: typed,
    findings,
  };
  const form = checkForm(parsed, catalog, template, unit);
  const answers = checkTaskAnswers(ctx.db, period.year, unit.id, { values: taskTyped }); // as the import does
  form.values.push(...answers.values);
  const warnings = dedupe([...form.warnings, ...answers.warnings]);

  const file = input.scan
    ? { name: input.scan.name, bytes: input.scan.bytes }
    : {
        name: `${HAND_ENTRY_PREFIX}${unit.code}_${receivedAt}.json`,
        bytes: new TextEncoder().encode(
          JSON.stringify(
            { period: period.label, unit: unit.code, unitName: unit.name, receivedAt, channel, values: input.values },
            null,
            2,
          ),
        ),
      };
  const hash = sha256(file.bytes);
  const receipt = { periodId: period.id, receivedAt, channel };
  const refuse = (result: ImportResult) => {
    const r = recordAnswer(ctx, receipt, file, result, hash);
    return { ...r, entryId: r.entryId! };
  };
  if (form.errors.length) return refuse(reject(file.name, dedupe(form.errors), warnings, unitRef));

  const revisions = revisionsOf(ctx.raw, period.id, unit.id);
  const current = currentOf(revisions);
  if (current && !input.allowBlanking) {
    const blanked = blankedCells(ctx.raw, current, form.values, catalog, template, unit);
    if (blanked.length)
      return refuse({ ...reject(file.name, [blankingError(blanked, current.revision)], warnings, unitRef), blanked });
  }
  const settings = getSettings(ctx.db);
  const revision = commitRevision(ctx.raw, {
    periodId: period.id,
    unit,
    previous: revisions[0],
    current,
    file,
    sha256: hash,
    receivedAt,
    officialDate: null,
    channel,
    values: form.values,
    warnings: [...warnings, ...form.notCounted],
    findings,
    officer: settings.officer.trim() || 'Cán bộ thường trực',
    action: 'enter',
    history: isHistoryEntry(period.deadline, ctx.today(), !!input.receivedAt),
  });
  const result = { ...answered(file.name, 'accepted', unitRef, revision, warnings), entryId: revision.entryId };
  auditReceipt(ctx, input, odd, [result]);
  return result;
}
