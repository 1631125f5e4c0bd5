/**
 * How a unit's answers about the plan's tasks are stored: as ordinary submission values, so they are written in
 * the import's one transaction with the figures and follow the same revisions (the latest accepted one counts).
 *
 *   element `NV:<taskId>`     cell `value`  state text    text = 'done' | 'in_progress' | 'not_done'
 *   element `NV:<taskId>.KQ`  cell `value`  state text    text = the short result the unit wrote
 *   element `NV:<taskId>.SL`  cell `value`  state number  num  = the number of activities (optional)
 *
 * The `NV:` prefix (with a colon, which no catalogue code may hold) keeps them apart from the catalogue: the
 * consolidation's sums and the catalogue's checks skip elements they do not know.
 */
import { cleanText, searchKey } from '../text/vi';

export const TASK_STATUSES = ['done', 'in_progress', 'not_done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TaskPart = 'status' | 'result' | 'activities';
const SUFFIX: Record<TaskPart, string> = { status: '', result: '.KQ', activities: '.SL' };

export const TASK_ELEMENT_PREFIX = 'NV:';

export function taskElement(taskId: number, part: TaskPart): string {
  return `${TASK_ELEMENT_PREFIX}${taskId}${SUFFIX[part]}`;
}

/** `NV:12` → {12, status}; `NV:12.KQ` → {12, result}; anything else → null. */
export function parseTaskElement(code: string): { taskId: number; part: TaskPart } | null {
  const m = /^NV:(\d{1,9})(\.KQ|\.SL)?$/i.exec(code.trim());
  if (!m) return null;
  const part: TaskPart = !m[2] ? 'status' : m[2].toUpperCase() === '.KQ' ? 'result' : 'activities';
  return { taskId: Number(m[1]), part };
}

/** The drop-down's wording, in order. */
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  done: 'Đã hoàn thành',
  in_progress: 'Đang thực hiện',
  not_done: 'Chưa thực hiện',
};

const SPELLINGS: Array<[TaskStatus, string[]]> = [
  ['in_progress', ['dang thuc hien', 'dang trien khai', 'dang lam', 'dang', 'dth', 'chua xong', 'dang hoan thien']],
  ['not_done', ['chua thuc hien', 'chua trien khai', 'chua', 'chua lam', 'khong', 'khong thuc hien', 'cth']],
  [
    'done',
    ['da hoan thanh', 'hoan thanh', 'da thuc hien', 'x', 'xong', 'da xong', 'co', 'dat', 'da trien khai', 'dht'],
  ],
];

/** A status as units type it ("Đã hoàn thành", "x", "hoàn thành", "đã thực hiện", "đang thực hiện"…); null when unclear. */
export function parseTaskStatus(raw: string): TaskStatus | null {
  const k = searchKey(cleanText(raw))
    .replace(/[.!,;:]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!k) return null;
  for (const [status, words] of SPELLINGS) if (words.includes(k)) return status;
  return null;
}
