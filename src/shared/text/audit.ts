/**
 * The change log in sentences: one formatter per kind of audit entry (entity × action), each turning what the core
 * wrote (before/after JSON, ids, codes) into what the officer reads, with the catalogue's and the register's names.
 * Pure: no Node, no DOM. The technical facts (ids, hash, raw values) stay in `auditDetail`, shown behind "Chi tiết".
 */
import type { AuditEntry, CellValue } from '../domain/records';
import { formatDate, formatNumber } from './vi';

/** where names come from; each returns undefined when it does not know the code */
export interface AuditNames {
  /** a data element's name by its code */
  element?: (code: string) => string | undefined;
  /** an indicator's name by its code */
  indicator?: (code: string) => string | undefined;
  /** a unit's name by its code or its id (as text) */
  unit?: (codeOrId: string) => string | undefined;
  /** a period's label by its id */
  period?: (id: number) => string | undefined;
}

const CELL: Record<string, string> = { total: 'tổng số', female: 'nữ', male: 'nam', value: '' };

const CHANNEL: Record<string, string> = {
  email: 'thư điện tử',
  usb: 'USB / thiết bị nhớ',
  direct: 'nộp trực tiếp',
  other: 'khác',
};

const OP: Record<string, string> = { '<=': '≤', '<': '<', '==': '=', '>=': '≥', '>': '>' };

const PERIOD_FIELD: Record<string, string> = {
  label: 'tên kỳ',
  dataFrom: 'số liệu từ ngày',
  dataTo: 'số liệu đến ngày',
  deadline: 'hạn nộp',
  note: 'ghi chú',
};

const UNIT_FIELD: Record<string, string> = {
  name: 'tên',
  kind: 'loại đơn vị',
  groupName: 'nhóm',
  contact: 'người liên hệ',
  phone: 'điện thoại',
  email: 'thư điện tử',
  validFrom: 'hiệu lực từ',
  validTo: 'hiệu lực đến',
  note: 'ghi chú',
  parentId: 'đơn vị cấp trên',
};

const SETTINGS_FIELD: Record<string, string> = {
  setupDone: 'hoàn tất thiết lập ban đầu',
  province: 'tên tỉnh',
  agencyParent: 'cơ quan chủ quản',
  agencyName: 'cơ quan ban hành',
  docNumberPattern: 'mẫu số văn bản',
  placeName: 'địa danh',
  signer: 'người ký',
  recipients: 'nơi nhận',
  backupKeep: 'số bản sao lưu giữ lại',
  officer: 'cán bộ thực hiện',
};

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const quote = (s: string) => `“${s}”`;
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function isCellValue(x: unknown): x is CellValue {
  return isObj(x) && typeof x.state === 'string';
}

/** a stored value in words: 1.234,5 · Có · Không áp dụng · (để trống) */
export function cellValueWords(v: unknown): string {
  if (v === null || v === undefined) return '(để trống)';
  if (!isCellValue(v)) return plain(v);
  switch (v.state) {
    case 'number':
      return formatNumber(v.value, 4);
    case 'yesno':
      return v.value ? 'Có' : 'Không';
    case 'text':
      return quote(v.value);
    case 'na':
      return 'Không áp dụng';
  }
}

/** a field value in words (dates dd/mm/yyyy, numbers vi-VN, yes/no), never JSON */
function plain(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(để trống)';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'number') return formatNumber(v, 4);
  if (typeof v === 'string') return isIsoDate(v) ? formatDate(v) : v;
  if (Array.isArray(v)) return `${formatNumber(v.length)} mục`;
  return '(đã thay đổi)';
}

function elementName(code: string, names: AuditNames): string {
  return names.element?.(code) ?? names.indicator?.(code) ?? 'một chỉ tiêu không còn trong danh mục';
}

function cellPhrase(element: string, cell: string, names: AuditNames): string {
  const c = CELL[cell];
  return `${quote(elementName(element, names))}${c ? ` (${c})` : ''}`;
}

function unitName(codeOrId: string | undefined, names: AuditNames): string {
  if (!codeOrId) return 'một đơn vị';
  return names.unit?.(codeOrId) ?? 'một đơn vị';
}

function periodName(id: number | undefined, names: AuditNames): string | undefined {
  return id === undefined ? undefined : names.period?.(id);
}

/** "tên từ A thành B; hạn nộp từ … thành …" for the fields that changed */
function changes(before: unknown, after: unknown, fields: Record<string, string>): string[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const out: string[] = [];
  for (const [k, label] of Object.entries(fields)) {
    if (!(k in a)) continue;
    if (JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null)) continue;
    out.push(k in b ? `${label} từ ${plain(b[k])} thành ${plain(a[k])}` : `${label}: ${plain(a[k])}`);
  }
  return out;
}

function listed(parts: string[], none: string): string {
  return parts.length ? parts.join('; ') : none;
}

type Formatter = (e: AuditEntry, names: AuditNames) => string;

/** ": phụ lục của Bộ, 12 dòng đã gán" for a layout's audit entry */
function layoutWhat(a: Record<string, unknown>): string {
  const purpose = a.purpose === 'appendix' ? 'phụ lục của Bộ' : 'nhập báo cáo';
  return ` (${purpose}, ${formatNumber(num(a.rows) ?? 0)} dòng đã gán chỉ tiêu)`;
}

/** One formatter per kind of entry, keyed `entity.action`. */
export const AUDIT_FORMATTERS: Record<string, Formatter> = {
  'layout.create': (e) => {
    const a = isObj(e.after) ? e.after : {};
    return `Lưu mẫu biểu ${quote(str(a.name) ?? '')}${layoutWhat(a)}`;
  },
  'layout.update': (e) => {
    const a = isObj(e.after) ? e.after : {};
    return `Sửa mẫu biểu ${quote(str(a.name) ?? '')}${layoutWhat(a)}`;
  },
  'layout.delete': (e) => `Xóa mẫu biểu ${quote(str(isObj(e.before) ? e.before.name : undefined) ?? '')}`,
  'plan.import': (e) => {
    const a = isObj(e.after) ? e.after : {};
    const file = str(a.file);
    return (
      `Nhập Kế hoạch năm ${e.entityId}: ${formatNumber(num(a.tasks) ?? 0)} nhiệm vụ, ` +
      `${formatNumber(num(a.assignments) ?? 0)} lượt giao cho đơn vị` +
      (file ? `, từ tệp ${quote(file)}` : '')
    );
  },
  'plan.copy': (e) => {
    const a = isObj(e.after) ? e.after : {};
    return `Sao chép Kế hoạch năm ${plain(a.fromYear)} sang năm ${e.entityId}: ${formatNumber(num(a.tasks) ?? 0)} nhiệm vụ`;
  },
  'plan_task.create': (e) => `Thêm nhiệm vụ ${quote(str(isObj(e.after) ? e.after.title : undefined) ?? '')}`,
  'plan_task.update': (e) => `Sửa nhiệm vụ ${quote(str(isObj(e.after) ? e.after.title : undefined) ?? '')}`,
  'plan_task.delete': (e) => `Xóa nhiệm vụ ${quote(str(isObj(e.before) ? e.before.title : undefined) ?? '')}`,
  'plan_task.resolve': (e, n) => {
    const b = isObj(e.before) ? e.before : {};
    const a = isObj(e.after) ? e.after : {};
    return `Chọn đơn vị ${unitName(str(a.unit), n)} cho tên ${quote(str(b.text) ?? '')} trong kế hoạch`;
  },
  'submission.import': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const parts = [`Nhập báo cáo của ${unitName(str(a.unit), n)}`];
    const rev = num(a.revision);
    if (rev !== undefined) parts.push(`lần ${formatNumber(rev)}`);
    const values = num(a.values);
    if (values !== undefined) parts.push(`${formatNumber(values)} số liệu`);
    const p = periodName(num(a.period), n);
    if (p) parts.push(`kỳ ${p}`);
    const file = str(a.file);
    return parts.join(', ') + (file ? `, từ tệp ${quote(file)}` : '');
  },
  'submission.enter': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const parts = [`Nhập tay báo cáo giấy của ${unitName(str(a.unit), n)}`];
    const rev = num(a.revision);
    if (rev !== undefined) parts.push(`lần ${formatNumber(rev)}`);
    const values = num(a.values);
    if (values !== undefined) parts.push(`${formatNumber(values)} số liệu`);
    const p = periodName(num(a.period), n);
    if (p) parts.push(`kỳ ${p}`);
    return parts.join(', ');
  },
  'submission.withdraw': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const b = isObj(e.before) ? e.before : {};
    const rev = num(b.revision);
    const back = num(a.current);
    return (
      `Rút báo cáo của ${unitName(str(a.unit) ?? str(b.unit), n)}${rev !== undefined ? ` (lần ${formatNumber(rev)})` : ''}` +
      (back !== undefined ? `; lần ${formatNumber(back)} có hiệu lực trở lại` : '; đơn vị trở lại chưa nộp')
    );
  },
  'submission.set_received': (e) => {
    const a = isObj(e.after) ? e.after : {};
    const b = isObj(e.before) ? e.before : {};
    return `Sửa ngày nhận báo cáo từ ${formatDate(str(b.receivedAt) ?? '')} thành ${formatDate(str(a.receivedAt) ?? '')}`;
  },
  'inbox_entry.assign': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const file = str(a.file);
    return `Chọn đơn vị ${unitName(str(a.unit), n)} cho tệp${file ? ` ${quote(file)}` : ''}`;
  },
  'submission.correct': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const b = isObj(e.before) ? e.before : {};
    const el = str(a.element) ?? str(b.element) ?? '';
    const what = cellPhrase(el, str(a.cell) ?? str(b.cell) ?? '', n);
    const from = b.value ?? null;
    const to = a.value ?? null;
    if (from === null) return `Điền ${what}: ${cellValueWords(to)}`;
    if (to === null) return `Xóa số liệu ${what} (trước đó là ${cellValueWords(from)})`;
    return `Sửa ${what} từ ${cellValueWords(from)} thành ${cellValueWords(to)}`;
  },
  'submission.status': (e) => {
    const b = str(e.before);
    const a = str(e.after) ?? '(không rõ)';
    return b
      ? `Chuyển trạng thái báo cáo từ ${quote(b)} sang ${quote(a)}`
      : `Chuyển trạng thái báo cáo sang ${quote(a)}`;
  },
  'submission.update': (e) => {
    const b = isObj(e.before) ? e.before : {};
    const a = isObj(e.after) ? e.after : {};
    const parts: string[] = [];
    if ('officialDate' in a && a.officialDate !== b.officialDate)
      parts.push(`ngày văn bản từ ${plain(b.officialDate)} thành ${plain(a.officialDate)}`);
    if ('channel' in a && a.channel !== b.channel)
      parts.push(
        `hình thức nhận từ ${CHANNEL[String(b.channel)] ?? plain(b.channel)} thành ${CHANNEL[String(a.channel)] ?? plain(a.channel)}`,
      );
    return `Cập nhật thông tin nhận báo cáo: ${listed(parts, 'không có thay đổi')}`;
  },
  'period.create': (e) => {
    const a = isObj(e.after) ? e.after : {};
    const label = str(a.label);
    const parts = [`Tạo kỳ báo cáo${label ? ` ${quote(label)}` : ''}`];
    const deadline = str(a.deadline);
    if (deadline) parts.push(`hạn nộp ${formatDate(deadline)}`);
    const expected = num(a.expected);
    if (expected !== undefined) parts.push(`${formatNumber(expected)} đơn vị phải báo cáo`);
    return parts.join(', ');
  },
  'period.update': (e) => {
    const label = isObj(e.before) ? str(e.before.label) : undefined;
    return `Sửa thông tin kỳ báo cáo${label ? ` ${quote(label)}` : ''}: ${listed(changes(e.before, e.after, PERIOD_FIELD), 'không có thay đổi')}`;
  },
  'period.set_expected': (e) => {
    const b = Array.isArray(e.before) ? e.before.map(String) : [];
    const a = Array.isArray(e.after) ? e.after.map(String) : [];
    const added = a.filter((x) => !b.includes(x)).length;
    const removed = b.filter((x) => !a.includes(x)).length;
    const parts = [`Đổi danh sách đơn vị phải báo cáo: còn ${formatNumber(a.length)} đơn vị`];
    if (added) parts.push(`thêm ${formatNumber(added)}`);
    if (removed) parts.push(`bớt ${formatNumber(removed)}`);
    return parts.join(', ');
  },
  'period.close': () => 'Khóa sổ kỳ báo cáo',
  'period.reopen': () => 'Mở lại kỳ báo cáo đã khóa sổ',
  'province_value.set': (e, n) => {
    const m = /^(\d+)\/(.+)\.([a-z]+)$/.exec(e.entityId);
    const what = m ? cellPhrase(m[2]!, m[3]!, n) : 'một số liệu cấp tỉnh';
    const p = m ? periodName(Number(m[1]), n) : undefined;
    const where = p ? ` (kỳ ${p})` : '';
    if (e.before === null || e.before === undefined)
      return `Nhập số liệu cấp tỉnh ${what}${where}: ${cellValueWords(e.after)}`;
    if (e.after === null || e.after === undefined)
      return `Xóa số liệu cấp tỉnh ${what}${where} (trước đó là ${cellValueWords(e.before)})`;
    return `Sửa số liệu cấp tỉnh ${what}${where} từ ${cellValueWords(e.before)} thành ${cellValueWords(e.after)}`;
  },
  'unit.create': (e) => {
    const a = isObj(e.after) ? e.after : {};
    return `Thêm đơn vị ${quote(str(a.name) ?? '(chưa có tên)')}`;
  },
  'unit.update': (e) => {
    const name = (isObj(e.after) && str(e.after.name)) || (isObj(e.before) && str(e.before.name)) || 'đơn vị';
    return `Sửa thông tin đơn vị ${quote(name)}: ${listed(changes(e.before, e.after, UNIT_FIELD), 'không có thay đổi')}`;
  },
  'unit.activate': (e, n) => `Theo dõi lại đơn vị ${quote(unitName(e.entityId, n))}`,
  'unit.deactivate': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const to = str(a.validTo);
    return `Ngừng theo dõi đơn vị ${quote(unitName(e.entityId, n))}${to ? ` từ sau ngày ${formatDate(to)}` : ''}`;
  },
  'unit.link': (e, n) => {
    const a = isObj(e.after) ? e.after : {};
    const olds = e.entityId.split(',').filter(Boolean);
    const news = Array.isArray(a.successorIds) ? a.successorIds.map(String) : [];
    const nameList = (ids: string[]) => ids.map((id) => quote(unitName(id, n))).join(', ');
    const date = str(a.effectiveDate);
    return `Ghi nhận sáp nhập, chia tách: ${nameList(olds)} được thay bằng ${nameList(news)}${date ? ` từ ngày ${formatDate(date)}` : ''}`;
  },
  'unit.import': (e) => {
    const a = isObj(e.after) ? e.after : {};
    const name = quote(str(a.name) ?? 'đơn vị');
    if (!e.before) return `Thêm đơn vị ${name} từ danh sách Excel`;
    return `Cập nhật đơn vị ${name} từ danh sách Excel: ${listed(changes(e.before, e.after, UNIT_FIELD), 'không có thay đổi')}`;
  },
  'settings.update': (e) =>
    `Cập nhật thông tin chung: ${listed(changes(e.before, e.after, SETTINGS_FIELD).map(shortSetting), 'không có thay đổi')}`,
  'catalog.seed': (e) => `Cài đặt danh mục chỉ tiêu chuẩn, phiên bản ${plain(e.after)}`,
  'catalog.upgrade': (e) => `Cập nhật danh mục chỉ tiêu chuẩn từ phiên bản ${plain(e.before)} lên ${plain(e.after)}`,
  'data_element.create': (e) => `Thêm chỉ tiêu riêng của tỉnh ${quote(objName(e.after))}`,
  'data_element.update': (e) => `Sửa chỉ tiêu riêng của tỉnh ${quote(objName(e.after))}`,
  'indicator.create': (e) => `Thêm chỉ số tính toán riêng của tỉnh ${quote(objName(e.after))}`,
  'indicator.update': (e) => `Sửa chỉ số tính toán riêng của tỉnh ${quote(objName(e.after))}`,
  'template.new_version': (e) => {
    const m = /^(.*) v(\d+)$/.exec(e.entityId);
    return `Tạo phiên bản mới của mẫu biểu${m ? ` (phiên bản ${m[2]})` : ''}: ${rowsChange(e.before, e.after)}`;
  },
  'template.update': (e) => `Cập nhật mẫu biểu: ${rowsChange(e.before, e.after)}`,
  'province_target.set': (e, n) => {
    const [code, year] = e.entityId.split('/');
    const a = isObj(e.after) ? e.after : {};
    const target = `${OP[String(a.op)] ?? ''} ${plain(a.value)}`.trim();
    return `Đặt chỉ tiêu của tỉnh năm ${year ?? ''} cho ${quote(elementName(code ?? '', n))}: ${target}`;
  },
  'province_target.clear': (e, n) => {
    const [code, year] = e.entityId.split('/');
    return `Bỏ chỉ tiêu của tỉnh năm ${year ?? ''} cho ${quote(elementName(code ?? '', n))}`;
  },
};

function shortSetting(s: string): string {
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

function objName(x: unknown): string {
  return (isObj(x) && str(x.name)) || '(chưa có tên)';
}

function rowsChange(before: unknown, after: unknown): string {
  const b = Array.isArray(before) ? before.length : 0;
  const a = Array.isArray(after) ? after.length : 0;
  const added = a - b;
  return added > 0
    ? `thêm ${formatNumber(added)} chỉ tiêu, nay có ${formatNumber(a)}`
    : `nay có ${formatNumber(a)} chỉ tiêu`;
}

const ENTITY_WORD: Record<string, string> = {
  submission: 'báo cáo đơn vị',
  period: 'kỳ báo cáo',
  unit: 'đơn vị',
  settings: 'thông tin chung',
  catalog: 'danh mục chỉ tiêu',
  data_element: 'chỉ tiêu',
  indicator: 'chỉ số',
  template: 'mẫu biểu',
  province_value: 'số liệu cấp tỉnh',
  province_target: 'chỉ tiêu của tỉnh',
  plan: 'kế hoạch năm',
  plan_task: 'nhiệm vụ của kế hoạch',
  layout: 'mẫu biểu của tỉnh',
};

/** The entry as one sentence; the reason, when there is one, follows after " — lý do: ". */
export function auditSentence(e: AuditEntry, names: AuditNames = {}): string {
  const f = AUDIT_FORMATTERS[`${e.entity}.${e.action}`];
  const text = f ? f(e, names) : `Thay đổi ${ENTITY_WORD[e.entity] ?? 'dữ liệu'}`;
  const reason = e.reason?.trim();
  return reason ? `${text} — lý do: ${reason}` : text;
}

/** The technical detail, for the "Chi tiết" expander: ids, hash, and the raw before/after. */
export function auditDetail(e: AuditEntry): Array<{ label: string; value: string }> {
  const out = [
    { label: 'Số thứ tự bản ghi', value: String(e.id) },
    { label: 'Loại thay đổi', value: `${e.entity} / ${e.action}` },
    { label: 'Đối tượng', value: e.entityId },
  ];
  if (e.before !== null && e.before !== undefined)
    out.push({ label: 'Trước', value: JSON.stringify(e.before, null, 1) });
  if (e.after !== null && e.after !== undefined) out.push({ label: 'Sau', value: JSON.stringify(e.after, null, 1) });
  return out;
}
