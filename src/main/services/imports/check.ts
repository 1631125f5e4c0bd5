/**
 * The file's figures checked against the unit's form: the reader's findings, rows missing or not on this unit's
 * form, a changed structure, then the catalogue's validation rules (nữ ≤ tổng số …). Pure.
 */
import type { CatalogView } from '../../../shared/contract';
import type { UnitKind } from '../../../shared/domain/catalog';
import type { ReporterUnit } from '../../../shared/domain/reporters';
import type { StoredValue } from '../../../shared/domain/records';
import { evaluateRules } from '../../../shared/rules/validation';
import type * as t from '../../db/schema';
import type { ParsedForm } from '../../excel/form-reader';
import { elementsByCode, structureFingerprint, templateRowsFor } from '../../excel/form-layout';
import { sortFindings, toMsg, type Msg } from './result';

export interface FormCheck {
  /** the values on the unit's form (the ones a commit writes) */
  values: StoredValue[];
  errors: Msg[];
  warnings: Msg[];
  /** values in cells that do not apply (grey cells): set apart from the warnings, never counted */
  notCounted: Msg[];
  /** codes of the rows that carry a figure but are not on this unit's form (each also a ROW_NOT_FOR_UNIT warning) */
  notForUnit: string[];
}

/** Findings shown apart from the warnings (the officer reads them as "not counted", not as problems). */
const NOT_COUNTED = new Set(['VALUE_IN_GREY_CELL']);

export function checkForm(
  parsed: ParsedForm,
  catalog: CatalogView,
  tpl: typeof t.templates.$inferSelect,
  /** the unit (its rows: form-layout templateRowsFor, the same rule the form was written with), or its kind */
  unit: ReporterUnit | UnitKind,
): FormCheck {
  const errors: Msg[] = [];
  const warnings: Msg[] = [];
  const notCounted = parsed.findings.filter((f) => NOT_COUNTED.has(f.code)).map(toMsg);
  // rows: the unit's form rows, matched by code
  const elements = elementsByCode(catalog.dataElements);
  const expectedRows = templateRowsFor({ ...tpl, rows: tpl.rows }, catalog.dataElements, unit);
  const expectedCodes = new Set(expectedRows.map((e) => e.code));
  sortFindings(
    parsed.findings.filter((f) => !NOT_COUNTED.has(f.code)),
    errors,
    warnings,
  );
  const reportedMissing = new Set(parsed.findings.filter((f) => f.code === 'MISSING_ROW').map((f) => f.element));
  for (const e of expectedRows) {
    if (!(e.code in parsed.rowsSeen) && !reportedMissing.has(e.code)) {
      warnings.push({
        code: 'MISSING_ROW',
        message: `Thiếu dòng ${e.code} "${e.name}" trong biểu: coi như đơn vị không báo cáo chỉ tiêu này. Nếu đơn vị có số liệu, đề nghị điền vào mẫu gốc và gửi lại.`,
      });
    }
  }
  const values: StoredValue[] = [];
  const notForUnit: string[] = [];
  for (const v of parsed.values) {
    const el = elements.get(v.element);
    if (!el) continue; // the reader already reported an unknown code
    if (!expectedCodes.has(v.element)) {
      warnings.push({
        code: 'ROW_NOT_FOR_UNIT',
        message: `Dòng ${el.code} "${el.name}" không thuộc biểu của đơn vị này (theo danh mục: ai báo cáo chỉ tiêu nào) nên không được ghi nhận.`,
      });
      if (!notForUnit.includes(el.code)) notForUnit.push(el.code);
      continue;
    }
    values.push(v);
  }
  if (parsed.identity.fingerprint && parsed.identity.fingerprint !== structureFingerprint(expectedRows)) {
    warnings.push({
      code: 'FINGERPRINT',
      message:
        'Cấu trúc biểu trong tệp khác với biểu hiện tại của đơn vị (có thể loại đơn vị đã đổi sau khi xuất mẫu). Các dòng được đối chiếu theo cột Mã số.',
    });
  }
  sortFindings(
    evaluateRules(catalog.validationRules, values, catalog.dataElements, catalog.cellLabels),
    errors,
    warnings,
  );
  return { values, errors, warnings, notCounted, notForUnit };
}
