/** Vietnamese labels for the codes that cross the contract. */
import type { CellKey, PeriodKind, UnitKind, ValueType } from '../../shared/domain/catalog';
import type { Channel, PeriodStatus, SubmissionStatus } from '../../shared/domain/records';
import type { ImportStatus, UnitReportStatus } from '../../shared/domain/report';

export const APP_NAME = 'Báo cáo BĐG';

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  so_nganh: 'Sở, ban, ngành',
  doan_the: 'Đoàn thể',
  xa: 'UBND xã, phường, đặc khu',
  khac: 'Khác',
};
export const UNIT_KIND_OPTIONS = (Object.keys(UNIT_KIND_LABEL) as UnitKind[]).map((k) => ({
  value: k,
  label: UNIT_KIND_LABEL[k],
}));

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = {
  half_year: '6 tháng',
  year: 'Năm',
  adhoc: 'Đột xuất',
};
export const PERIOD_KIND_OPTIONS = (Object.keys(PERIOD_KIND_LABEL) as PeriodKind[]).map((k) => ({
  value: k,
  label: PERIOD_KIND_LABEL[k],
}));

export const PERIOD_STATUS_LABEL: Record<PeriodStatus, string> = { open: 'Đang mở', closed: 'Đã đóng' };

export const SUBMISSION_STATUS_LABEL: Record<SubmissionStatus, string> = {
  received: 'Đã nhận',
  needs_fix: 'Cần bổ sung',
  approved: 'Đã duyệt',
};
export const SUBMISSION_STATUS_COLOR: Record<SubmissionStatus, string> = {
  received: 'blue',
  needs_fix: 'orange',
  approved: 'green',
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'Thư điện tử',
  usb: 'USB / thiết bị nhớ',
  direct: 'Nộp trực tiếp',
  other: 'Khác',
};
export const CHANNEL_OPTIONS = (Object.keys(CHANNEL_LABEL) as Channel[]).map((k) => ({
  value: k,
  label: CHANNEL_LABEL[k],
}));

export const REPORT_STATUS_LABEL: Record<UnitReportStatus, string> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  missing: 'Chưa nộp',
};
export const REPORT_STATUS_COLOR: Record<UnitReportStatus, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
};

export const IMPORT_STATUS_LABEL: Record<ImportStatus, string> = {
  accepted: 'Đã nhận',
  rejected: 'Bị từ chối',
  unchanged: 'Không thay đổi',
};
export const IMPORT_STATUS_COLOR: Record<ImportStatus, string> = {
  accepted: 'green',
  rejected: 'red',
  unchanged: 'default',
};

export const CELL_LABEL: Record<CellKey, string> = { total: 'Tổng số', female: 'Nữ', male: 'Nam', value: 'Số liệu' };

export const VALUE_TYPE_LABEL: Record<ValueType, string> = {
  integer: 'Số nguyên',
  decimal: 'Số thập phân',
  yesno: 'Có/Không',
  text: 'Văn bản',
};

export const OP_LABEL: Record<string, string> = { '<=': '≤', '<': '<', '==': '=', '>=': '≥', '>': '>' };
