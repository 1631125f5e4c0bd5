/**
 * Does the file belong here? The identity the reader found (hidden metadata sheet, else the visible header)
 * checked against the period, its template and the province, and the unit it names. Pure: the caller looks the
 * unit up and says whether the period expects it.
 */
import { searchKey } from '../../../shared/text/vi';
import type * as t from '../../db/schema';
import type { FormIdentity } from '../../excel/form-identity';
import type { Msg } from './result';

export type UnitRow = typeof t.units.$inferSelect;

export interface IdentityFacts {
  period: typeof t.periods.$inferSelect;
  template: typeof t.templates.$inferSelect;
  /** the province of this database (settings) */
  province: string;
  /** the unit the file's code names, null when there is no code or no such unit */
  unit: UnitRow | null;
  /** whether the period expects that unit to report */
  expected: boolean;
}

/** The identity errors of a file; none when it is this period's form of an expected unit. */
export function identify(id: FormIdentity, facts: IdentityFacts): Msg[] {
  const { period, template: tpl, province, unit } = facts;
  const errors: Msg[] = [];
  if (id.templateCode && id.templateCode !== tpl.code) {
    errors.push({
      code: 'WRONG_TEMPLATE',
      message: `Tệp dùng mẫu "${id.templateCode}", không phải mẫu "${tpl.code}" của kỳ "${period.label}". Hãy gửi cho đơn vị đúng mẫu biểu của kỳ này.`,
    });
  }
  if (
    id.templateVersion !== null &&
    id.templateVersion !== tpl.version &&
    (!id.templateCode || id.templateCode === tpl.code)
  ) {
    errors.push({
      code: 'WRONG_TEMPLATE_VERSION',
      message: `Tệp dùng mẫu phiên bản ${id.templateVersion}, trong khi kỳ "${period.label}" dùng phiên bản ${tpl.version}. Hãy gửi lại cho đơn vị mẫu biểu mới và đề nghị điền lại.`,
    });
  }
  if (id.periodId !== null && id.periodId !== period.id) {
    errors.push({
      code: 'WRONG_PERIOD',
      message: `Tệp là báo cáo của kỳ "${id.periodLabel ?? id.periodId}", không phải kỳ "${period.label}". Hãy chọn đúng kỳ khi nhập, hoặc đề nghị đơn vị dùng mẫu của kỳ này.`,
    });
  } else if (id.periodId === null && id.periodLabel && searchKey(id.periodLabel) !== searchKey(period.label)) {
    errors.push({
      code: 'WRONG_PERIOD',
      message: `Tệp ghi kỳ báo cáo "${id.periodLabel}", không phải kỳ "${period.label}". Hãy chọn đúng kỳ khi nhập, hoặc đề nghị đơn vị dùng mẫu của kỳ này.`,
    });
  }
  if (id.province && province && searchKey(id.province) !== searchKey(province)) {
    errors.push({
      code: 'WRONG_PROVINCE',
      message: `Tệp là mẫu biểu của "${id.province}", không phải của "${province}". Hãy kiểm tra lại tệp đơn vị gửi.`,
    });
  }
  if (!id.unitCode) {
    errors.push({
      code: 'UNKNOWN_UNIT',
      message:
        'Không xác định được đơn vị gửi báo cáo: tệp là mẫu chung hoặc đã bị xóa dòng "Mã đơn vị". Hãy gửi cho đơn vị mẫu biểu mang tên đơn vị đó (xuất mẫu theo từng đơn vị).',
    });
  } else if (!unit) {
    errors.push({
      code: 'UNKNOWN_UNIT',
      message: `Mã đơn vị "${id.unitCode}" trong tệp không có trong danh sách đơn vị. Hãy thêm đơn vị này ở màn hình Đơn vị, hoặc kiểm tra lại tệp.`,
    });
  } else if (!facts.expected) {
    errors.push({
      code: 'NOT_EXPECTED',
      message: `Đơn vị "${unit.name}" không thuộc danh sách đơn vị phải báo cáo kỳ "${period.label}". Nếu đơn vị này cần báo cáo, hãy thêm vào danh sách ở màn hình Kỳ báo cáo rồi nhập lại.`,
    });
  }
  return errors;
}
