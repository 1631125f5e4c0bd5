/**
 * Does the file belong here? The identity the reader found (hidden metadata sheet, else the visible header)
 * checked against the period, its template and the province, and the unit it names. Pure: the caller looks the
 * unit up and says whether the period expects it.
 */
import { endedFrom } from '../../../shared/rules/unit-validity';
import { formatDate, searchKey } from '../../../shared/text/vi';
import type * as t from '../../db/schema';
import type { FormIdentity } from '../../excel/form-identity';
import type { Msg } from './result';

export type UnitRow = typeof t.units.$inferSelect;

export interface IdentityFacts {
  period: typeof t.periods.$inferSelect;
  template: typeof t.templates.$inferSelect;
  /** the province of this database (settings) */
  province: string;
  /** this database's identity (settings) */
  databaseId: string | null;
}

const KIND_NAME: Record<string, string> = { half_year: '6 tháng', year: 'năm', adhoc: 'đột xuất' };
const CHOOSE = 'Hãy chọn đúng kỳ khi nhập, hoặc đề nghị đơn vị dùng mẫu của kỳ này.';

/** The template, database, period and province errors of a file; none when it is this period's form. */
export function identify(id: FormIdentity, facts: IdentityFacts): Msg[] {
  const { period, template: tpl, province } = facts;
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
  errors.push(...periodErrors(id, facts));
  if (id.province && province && searchKey(id.province) !== searchKey(province)) {
    errors.push({
      code: 'WRONG_PROVINCE',
      message: `Tệp là mẫu biểu của "${id.province}", không phải của "${province}". Hãy kiểm tra lại tệp đơn vị gửi.`,
    });
  }
  return errors;
}

/**
 * Is the file this period's report? A form exported from another database is refused whatever its period's number
 * (numbers repeat across databases and after a restore); the period's kind, year and label in _meta, and the
 * visible "Kỳ báo cáo" line, must all be this period's.
 */
function periodErrors(id: FormIdentity, facts: IdentityFacts): Msg[] {
  const { period } = facts;
  if (id.databaseId && facts.databaseId && id.databaseId !== facts.databaseId) {
    return [
      {
        code: 'WRONG_DATABASE',
        message:
          `Tệp là mẫu biểu xuất từ một cơ sở dữ liệu khác (kỳ "${id.periodLabel ?? '?'}"), không phải từ dữ liệu đang ` +
          `mở, nên không thể chắc đó là kỳ "${period.label}". Hãy xuất mẫu biểu của kỳ này từ ứng dụng, gửi cho đơn vị ` +
          'và đề nghị điền lại.',
      },
    ];
  }
  const said: string[] = [];
  if (id.periodKind && id.periodKind !== period.kind) {
    said.push(
      `loại kỳ ${KIND_NAME[id.periodKind] ?? id.periodKind} (kỳ này là ${KIND_NAME[period.kind] ?? period.kind})`,
    );
  }
  if (id.periodYear !== null && id.periodYear !== period.year)
    said.push(`năm ${id.periodYear} (kỳ này là năm ${period.year})`);
  if (said.length) {
    return [
      {
        code: 'WRONG_PERIOD',
        message: `Tệp là báo cáo kỳ "${id.periodLabel ?? '?'}": ${said.join(', ')}, không phải kỳ "${period.label}". ${CHOOSE}`,
      },
    ];
  }
  if (id.source === 'meta' && id.periodId !== null && id.periodId !== period.id) {
    return [
      {
        code: 'WRONG_PERIOD',
        message: `Tệp là báo cáo của kỳ "${id.periodLabel ?? id.periodId}", không phải kỳ "${period.label}". ${CHOOSE}`,
      },
    ];
  }
  // the visible line: on a re-typed form it is the only period said; on our form it must not name another one
  // (the label in _meta may be an older name of this same period)
  const seen = id.visiblePeriodLabel;
  const known = [period.label, ...(id.source === 'meta' && id.periodLabel ? [id.periodLabel] : [])].map(searchKey);
  if (seen && !known.includes(searchKey(seen))) {
    return [
      {
        code: 'WRONG_PERIOD',
        message: `Tệp ghi kỳ báo cáo "${seen}", không phải kỳ "${period.label}". ${CHOOSE}`,
      },
    ];
  }
  return [];
}

/** A re-typed form that says no period: taken as the period chosen for the import, with a word. */
export function periodWarnings(id: FormIdentity, period: { label: string }): Msg[] {
  if (id.source === 'meta' || id.visiblePeriodLabel) return [];
  return [
    {
      code: 'NO_PERIOD_LINE',
      message: `Tệp không ghi kỳ báo cáo (không có dòng "Kỳ báo cáo"); đã coi là báo cáo kỳ "${period.label}" như khi chọn nhập. Hãy kiểm tra lại với đơn vị.`,
    },
  ];
}

/** The unit must be one the period expects. */
export function expectedError(
  unit: UnitRow,
  expected: boolean,
  period: { label: string; dataFrom?: string; dataTo?: string },
): Msg[] {
  if (expected) return [];
  // a unit that did not exist during the period (merged or dissolved before it, founded after it): say why
  const ended = unit.validTo && period.dataTo && unit.validTo < period.dataTo;
  const notYet = unit.validFrom && period.dataTo && unit.validFrom > period.dataTo;
  const why = ended
    ? ` Đơn vị này hết hiệu lực từ ${formatDate(endedFrom(unit.validTo!))} (sáp nhập, chia tách hoặc giải thể): báo cáo của địa bàn này do đơn vị kế thừa gửi; báo cáo của các kỳ trước vẫn nhập vào đúng kỳ đó.`
    : notYet
      ? ` Đơn vị này bắt đầu hoạt động từ ${formatDate(unit.validFrom!)}, sau khi kỳ này kết thúc.`
      : '';
  return [
    {
      code: 'NOT_EXPECTED',
      message: `Đơn vị "${unit.name}" không thuộc danh sách đơn vị phải báo cáo kỳ "${period.label}".${why} Nếu đơn vị này cần báo cáo, hãy thêm vào danh sách ở màn hình Kỳ báo cáo rồi nhập lại.`,
    },
  ];
}
