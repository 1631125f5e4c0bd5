/** Vietnamese labels for the codes that cross the contract. */
import type { CellKey, PeriodKind, ValueType } from '../../shared/domain/catalog';
import type { Channel, PeriodStatus, SubmissionStatus } from '../../shared/domain/records';
import type { ImportStatus, UnitReportStatus } from '../../shared/domain/report';
import type { EntryChannel, EntryStatus } from '../../shared/contract/inbox';
import { UNIT_KIND_LABEL } from '../../shared/text/labels';

export { UNIT_KIND_LABEL };

export const APP_NAME = 'Báo cáo BĐG';

/** A select's options from a code → label table, in the table's order. */
function optionsOf<K extends string>(labels: Record<K, string>): Array<{ value: K; label: string }> {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export const UNIT_KIND_OPTIONS = optionsOf(UNIT_KIND_LABEL);

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = {
  half_year: '6 tháng',
  year: 'Năm',
  adhoc: 'Đột xuất',
};
export const PERIOD_KIND_OPTIONS = optionsOf(PERIOD_KIND_LABEL);

export const PERIOD_STATUS_LABEL: Record<PeriodStatus, string> = { open: 'Đang mở', closed: 'Đã khóa sổ' };

/** A status's label and tag colour, written side by side, read as two tables. */
function tagged<K extends string>(table: Record<K, [label: string, color: string]>) {
  const keys = Object.keys(table) as K[];
  const column = (i: 0 | 1) => Object.fromEntries(keys.map((k) => [k, table[k][i]])) as Record<K, string>;
  return { label: column(0), color: column(1) };
}

export const { label: SUBMISSION_STATUS_LABEL, color: SUBMISSION_STATUS_COLOR } = tagged<SubmissionStatus>({
  received: ['Đã nhận', 'blue'],
  needs_fix: ['Cần bổ sung', 'orange'],
  approved: ['Đã duyệt', 'green'],
});

export const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'Thư điện tử',
  usb: 'USB / thiết bị nhớ',
  direct: 'Nộp trực tiếp',
  other: 'Khác',
  paper: 'Bản giấy',
  scan: 'Bản scan',
};
export const CHANNEL_OPTIONS = optionsOf(CHANNEL_LABEL);

export const { label: REPORT_STATUS_LABEL, color: REPORT_STATUS_COLOR } = tagged<UnitReportStatus>({
  on_time: ['Đúng hạn', 'green'],
  late: ['Trễ hạn', 'orange'],
  missing: ['Chưa nộp', 'red'],
  returned: ['Đã gửi, cần gửi lại', 'volcano'],
  history: ['Nhập bổ sung (không xét hạn)', 'blue'],
});

export const { label: IMPORT_STATUS_LABEL, color: IMPORT_STATUS_COLOR } = tagged<ImportStatus>({
  accepted: ['Đã nhận', 'green'],
  rejected: ['Bị từ chối', 'red'],
  unchanged: ['Không thay đổi', 'default'],
  unidentified: ['Chưa rõ đơn vị', 'orange'],
  duplicate: ['Trùng đơn vị trong đợt', 'volcano'],
});

export const CELL_LABEL: Record<CellKey, string> = { total: 'Tổng số', female: 'Nữ', male: 'Nam', value: 'Số liệu' };

export const VALUE_TYPE_LABEL: Record<ValueType, string> = {
  integer: 'Số nguyên',
  decimal: 'Số thập phân',
  yesno: 'Có/Không',
  text: 'Văn bản',
};
export const VALUE_TYPE_OPTIONS = optionsOf(VALUE_TYPE_LABEL);

export const OP_LABEL: Record<string, string> = { '<=': '≤', '<': '<', '==': '=', '>=': '≥', '>': '>' };

/** the heading of values typed into grey (not applicable) cells: kept apart from the warnings, not counted */
export const NOT_COUNTED_TITLE = 'Ô không áp dụng, không được tính';

/** the inbox (Hồ sơ đã nhận): an entry's outcome, and its kind */
export const { label: ENTRY_STATUS_LABEL, color: ENTRY_STATUS_COLOR } = tagged<EntryStatus>({
  accepted: ['Đã nhận', 'green'],
  unchanged: ['Không thay đổi', 'default'],
  rejected: ['Bị từ chối', 'red'],
  unidentified: ['Chưa rõ đơn vị', 'orange'],
  duplicate: ['Trùng đơn vị trong đợt', 'volcano'],
  withdrawn: ['Đã rút lại', 'default'],
});
export const ENTRY_CHANNEL_LABEL: Record<EntryChannel, string> = { file: 'Tệp', paper: 'Bản giấy', scan: 'Bản scan' };
