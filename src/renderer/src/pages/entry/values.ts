/**
 * What the officer types into the paper-entry form, read the way an imported cell is read: vi-VN numbers
 * ("1.234", "12,5"), Có/Không, a text, "KAD" for không áp dụng. Everything is kept as typed (strings) so nothing
 * she wrote is lost while it is not yet a valid number; reading it gives the values the rules are checked on and
 * the VALUES the core receives.
 */
import type { EntryFormRow } from '../../../../shared/contract/inbox';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import type { CellValue, StoredValue } from '../../../../shared/domain/records';
import { boundsProblem } from '../../../../shared/rules/bounds';
import { readViNumber } from '../../../../shared/text/numbers';
import { formatNumber, searchKey } from '../../../../shared/text/vi';

/** element → cell → what she typed */
export type Draft = Record<string, Partial<Record<CellKey, string>>>;

export const YES = 'Có';
export const NO = 'Không';
/** the template's word for "không áp dụng" */
export const NA = 'KAD';

const NA_WORDS = new Set(['kad', 'khong ap dung', 'k/ad', 'n/a', 'na']);
export const isNaWord = (raw: string) => NA_WORDS.has(searchKey(raw).trim());

export type Reading = { value: CellValue | null; problem: string | null };

/** One typed cell, read for its row's type; `problem` says in Vietnamese what is wrong and how to write it. */
export function readCell(
  row: Pick<EntryFormRow, 'type' | 'unit'> & Partial<Pick<DataElement, 'allowNegative'>>,
  raw: string | undefined,
): Reading {
  const s = (raw ?? '').trim();
  if (!s) return { value: null, problem: null };
  if (row.type === 'text') return { value: { state: 'text', value: s }, problem: null };
  if (isNaWord(s)) return { value: { state: 'na' }, problem: null };
  if (row.type === 'yesno') {
    if (s === YES) return { value: { state: 'yesno', value: true }, problem: null };
    if (s === NO) return { value: { state: 'yesno', value: false }, problem: null };
    return { value: null, problem: 'Chọn Có hoặc Không.' };
  }
  const r = readViNumber(s);
  if (r.kind === 'us_only')
    return {
      value: null,
      problem: `“${s}” viết theo kiểu nước ngoài; hãy ghi kiểu Việt Nam: dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân (ví dụ ${formatNumber(r.usValue, 4)}).`,
    };
  if (r.kind === 'invalid')
    return { value: null, problem: `“${s}” không phải con số. Ghi số như 1.234 hoặc 12,5; không áp dụng thì ghi KAD.` };
  const bad = boundsProblem({ type: row.type, unit: row.unit, allowNegative: row.allowNegative ?? false }, r.value);
  if (bad) return { value: null, problem: bad.message.charAt(0).toUpperCase() + bad.message.slice(1) };
  return { value: { state: 'number', value: r.value }, problem: null };
}

/** The typed draft read as stored values (for the rules), with each cell's problem. */
export function readDraft(rows: readonly EntryFormRow[], draft: Draft, elements?: ReadonlyMap<string, DataElement>) {
  const values: StoredValue[] = [];
  const problems = new Map<string, string>();
  for (const row of rows) {
    const el = elements?.get(row.element);
    for (const cell of row.cells) {
      const r = readCell({ ...row, allowNegative: el?.allowNegative ?? false }, draft[row.element]?.[cell]);
      if (r.problem) problems.set(cellId(row.element, cell), r.problem);
      if (r.value) values.push({ element: row.element, cell, value: r.value });
    }
  }
  return { values, problems };
}

export const cellId = (element: string, cell: CellKey) => `${element}:${cell}`;

/** VALUES for `submissions.enter`: numbers, true/false, texts, "KAD"; blank cells left out (null). */
export function toEntered(values: readonly StoredValue[]) {
  const out: Record<string, Partial<Record<CellKey, number | string | boolean | null>>> = {};
  for (const v of values) {
    const x = v.value;
    (out[v.element] ??= {})[v.cell] =
      x.state === 'number' ? x.value : x.state === 'yesno' ? x.value : x.state === 'text' ? x.value : NA;
  }
  return out;
}

/** The unit's current figures (from the form) as a draft to start from. */
export function draftOf(
  rows: readonly EntryFormRow[],
  current: Record<string, Partial<Record<CellKey, unknown>>>,
): Draft {
  const out: Draft = {};
  for (const row of rows) {
    for (const cell of row.cells) {
      const v = current[row.element]?.[cell];
      if (v === null || v === undefined || v === '') continue;
      const s =
        typeof v === 'number'
          ? formatNumber(v, 6)
          : typeof v === 'boolean'
            ? v
              ? YES
              : NO
            : typeof v === 'object' && v && 'state' in v
              ? cellText(v as CellValue)
              : isNaWord(String(v))
                ? NA
                : String(v);
      (out[row.element] ??= {})[cell] = s;
    }
  }
  return out;
}

function cellText(v: CellValue): string {
  if (v.state === 'number') return formatNumber(v.value, 6);
  if (v.state === 'yesno') return v.value ? YES : NO;
  if (v.state === 'text') return v.value;
  return NA;
}
