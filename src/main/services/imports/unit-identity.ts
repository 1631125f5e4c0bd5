/**
 * Who sent this file? Every source is read and cross-checked against the register: the hidden _meta sheet, the
 * unit code and name typed above the table, and the file name. Agreement → that unit; two sources naming different
 * units → refused, naming both readings; nothing sure → unidentified (the officer assigns it). Pure: the caller
 * passes the register.
 */
import { normalizeUnitCode } from '../../../shared/text/unit-code';
import { unitNameKey, unitNameSlug } from '../../../shared/text/unit-names';
import type { FormIdentity } from '../../excel/form-identity';
import type { UnitRow } from './identify';
import type { Msg } from './result';

export type UnitResolution =
  | { kind: 'unit'; unit: UnitRow; warnings: Msg[] }
  | { kind: 'mismatch'; unit: UnitRow | null; errors: Msg[] }
  | { kind: 'unidentified'; errors: Msg[]; hint: UnitRow | null };

/** The register as the resolver looks things up in it; build once per batch. */
export interface Register {
  byCode: Map<string, UnitRow>;
  byNameKey: Map<string, UnitRow[]>;
  /** codes and name slugs to look for in a file name, longest first */
  fileTokens: FileToken[];
  /** the same tokens by their text (codes upper-cased), and the longest of each kind */
  codeTokens: Map<string, FileToken[]>;
  slugTokens: Map<string, FileToken[]>;
  maxCode: number;
  maxSlug: number;
}

interface FileToken {
  token: string;
  unit: UnitRow;
  isCode: boolean;
  re: RegExp;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function makeRegister(units: UnitRow[]): Register {
  const byCode = new Map<string, UnitRow>();
  const byNameKey = new Map<string, UnitRow[]>();
  const fileTokens: Register['fileTokens'] = [];
  for (const u of units) {
    byCode.set(normalizeUnitCode(u.code), u);
    const key = unitNameKey(u.name);
    const list = byNameKey.get(key);
    if (list) list.push(u);
    else byNameKey.set(key, [u]);
    const code = u.code.toUpperCase();
    fileTokens.push({ token: code, unit: u, isCode: true, re: new RegExp(`(^|[^A-Z0-9])${esc(code)}($|[^A-Z0-9])`) });
    const slug = unitNameSlug(u.name);
    // a one-word name ("Khác") would match too many file names
    if (slug.includes('-'))
      fileTokens.push({ token: slug, unit: u, isCode: false, re: new RegExp(`(^|-)${esc(slug)}($|-)`) });
  }
  fileTokens.sort((a, b) => b.token.length - a.token.length);
  const codeTokens = new Map<string, FileToken[]>();
  const slugTokens = new Map<string, FileToken[]>();
  let maxCode = 0;
  let maxSlug = 0;
  for (const t of fileTokens) {
    const index = t.isCode ? codeTokens : slugTokens;
    const list = index.get(t.token);
    if (list) list.push(t);
    else index.set(t.token, [t]);
    if (t.isCode) maxCode = Math.max(maxCode, t.token.length);
    else maxSlug = Math.max(maxSlug, t.token.length);
  }
  return { byCode, byNameKey, fileTokens, codeTokens, slugTokens, maxCode, maxSlug };
}

const isCodeChar = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isSlugChar = (c: number): boolean => c !== 0x2d; /* - */

/**
 * Every token of `index` that occurs in `s` between two boundaries (the start or end of `s`, or a character that
 * is not `inner`): the matches of the tokens' regexes, found by looking up each such piece of `s` (at most `max`
 * long) instead of trying every token of the register.
 */
function tokensIn(
  s: string,
  index: Map<string, FileToken[]>,
  max: number,
  inner: (c: number) => boolean,
  found: (t: FileToken) => void,
): void {
  for (let p = 0; p < s.length; p++) {
    if (p > 0 && inner(s.charCodeAt(p - 1))) continue;
    for (let q = p + 1; q <= Math.min(s.length, p + max); q++) {
      if (q < s.length && inner(s.charCodeAt(q))) continue;
      const list = index.get(s.slice(p, q));
      if (list) for (const t of list) found(t);
    }
  }
}

const named = (u: UnitRow) => `${u.name} (${u.code})`;

/** The unit a file name names by its code or its full name, when exactly one does at the longest match. */
export function unitInFileName(reg: Register, fileName: string): UnitRow | null {
  const base = fileName.replace(/\.[^.]+$/, '');
  // the longest tokens found; two units at that length: not sure
  let length = 0;
  let unit: UnitRow | null = null;
  let several = false;
  const found = (t: FileToken): void => {
    if (t.token.length > length) {
      length = t.token.length;
      unit = t.unit;
      several = false;
    } else if (t.token.length === length && unit!.id !== t.unit.id) several = true;
  };
  tokensIn(base.toUpperCase(), reg.codeTokens, reg.maxCode, isCodeChar, found);
  tokensIn(unitNameSlug(base), reg.slugTokens, reg.maxSlug, isSlugChar, found);
  return several ? null : unit;
}

interface Reading {
  /** how the message names the source */
  label: string;
  /** what the file says */
  text: string;
  unit: UnitRow | null;
  /** a name that fits several units */
  several?: UnitRow[];
}

function byName(reg: Register, name: string): { unit: UnitRow | null; several?: UnitRow[] } {
  const list = reg.byNameKey.get(unitNameKey(name)) ?? [];
  if (list.length === 1) return { unit: list[0]! };
  return list.length > 1 ? { unit: null, several: list } : { unit: null };
}

/** Does a typed name loosely fit the unit (one key inside the other, e.g. "Cam Đường" for "Phường Cam Đường")? */
export function nameFits(typed: string, unit: UnitRow): boolean {
  const a = unitNameKey(typed);
  const b = unitNameKey(unit.name);
  return a.length > 0 && (a === b || b.includes(a) || a.includes(b));
}

export function resolveUnit(id: FormIdentity, fileName: string, reg: Register): UnitResolution {
  const readings: Reading[] = [];
  if (id.metaUnitCode) {
    readings.push({
      label: 'mẫu biểu (trang ẩn _meta)',
      text: id.metaUnitName ? `${id.metaUnitName} (${id.metaUnitCode})` : id.metaUnitCode,
      unit: reg.byCode.get(normalizeUnitCode(id.metaUnitCode)) ?? null,
    });
  }
  if (id.visibleUnitCode) {
    readings.push({
      label: 'dòng "Mã đơn vị"',
      text: id.visibleUnitCode,
      unit: reg.byCode.get(normalizeUnitCode(id.visibleUnitCode)) ?? null,
    });
  }
  const typedName = id.visibleUnitName;
  const nameReading = typedName ? byName(reg, typedName) : null;
  const fromFile = unitInFileName(reg, fileName);

  const sure = readings.filter((r) => r.unit);
  const units = new Map<number, UnitRow>();
  for (const r of sure) units.set(r.unit!.id, r.unit!);
  if (nameReading?.unit) units.set(nameReading.unit.id, nameReading.unit);

  if (units.size > 1) return mismatch(readings, typedName, nameReading, [...units.values()]);
  if (units.size === 1) {
    const unit = [...units.values()][0]!;
    const refuse = (message: string): UnitResolution => ({
      kind: 'mismatch',
      unit,
      errors: [{ code: 'UNIT_MISMATCH', message }],
    });
    const unknown = readings.find((r) => !r.unit);
    if (unknown) {
      return refuse(
        `Tệp ghi hai đơn vị khác nhau: ${unknown.label} ghi "${unknown.text}" (không có trong danh sách đơn vị), ` +
          `còn tệp là của ${named(unit)}. Hãy hỏi lại đơn vị gửi xem đây là báo cáo của đơn vị nào, rồi đề nghị ` +
          'điền vào đúng mẫu biểu của đơn vị đó.',
      );
    }
    if (fromFile && fromFile.id !== unit.id) {
      return refuse(
        `Tên tệp "${fileName}" chỉ ${named(fromFile)} nhưng nội dung tệp là của ${named(unit)}. Hãy kiểm tra ` +
          'lại đơn vị nào đã gửi tệp này; nếu đúng là của đơn vị ghi trong tệp, hãy đổi tên tệp rồi nhập lại.',
      );
    }
    const warnings: Msg[] = [];
    if (typedName && !nameReading?.unit && !nameFits(typedName, unit)) {
      warnings.push({
        code: 'UNIT_NAME_DIFFERS',
        message: `Tên đơn vị ghi trong tệp ("${typedName}") khác với tên trong danh sách (${named(unit)}); đã nhận theo mã đơn vị.`,
      });
    }
    return { kind: 'unit', unit, warnings };
  }

  // nothing sure
  const hint = fromFile;
  const unknown = readings.find((r) => !r.unit);
  let message: string;
  if (unknown) {
    message =
      `${unknown.label[0]!.toUpperCase()}${unknown.label.slice(1)} ghi "${unknown.text}", không có trong danh sách đơn ` +
      'vị. Hãy chọn đơn vị cho tệp này, hoặc thêm đơn vị ở màn hình Đơn vị rồi nhập lại.';
  } else if (nameReading?.several) {
    message =
      `Tên đơn vị "${typedName}" khớp với nhiều đơn vị (${nameReading.several.map(named).join(', ')}). ` +
      'Hãy chọn đơn vị cho tệp này.';
  } else if (typedName) {
    message = `Tên đơn vị "${typedName}" ghi trong tệp không có trong danh sách đơn vị. Hãy chọn đơn vị cho tệp này.`;
  } else {
    message =
      'Không xác định được đơn vị gửi báo cáo: tệp là mẫu chung hoặc đã bị xóa dòng "Mã đơn vị". Hãy chọn đơn vị ' +
      'cho tệp này, hoặc gửi cho đơn vị mẫu biểu mang tên đơn vị đó (xuất mẫu theo từng đơn vị).';
  }
  if (hint) message += ` Tên tệp gợi ý: ${named(hint)}.`;
  return { kind: 'unidentified', errors: [{ code: 'UNKNOWN_UNIT', message }], hint };
}

function mismatch(
  readings: Reading[],
  typedName: string | null,
  nameReading: { unit: UnitRow | null } | null,
  units: UnitRow[],
): UnitResolution {
  const meta = readings.find((r) => r.label.startsWith('mẫu biểu') && r.unit);
  const typedUnit = readings.find((r) => !r.label.startsWith('mẫu biểu') && r.unit)?.unit ?? nameReading?.unit ?? null;
  let message: string;
  if (meta && typedUnit && typedUnit.id !== meta.unit!.id) {
    message =
      `Tệp ghi đơn vị ${named(typedUnit)} nhưng là mẫu của ${named(meta.unit!)}: có thể đơn vị đã dùng lại tệp của ` +
      `đơn vị khác. Hãy hỏi lại đơn vị gửi; nếu là báo cáo của ${typedUnit.name}, đề nghị điền vào mẫu biểu của ` +
      `${typedUnit.name} rồi gửi lại.`;
  } else {
    const code = readings.find((r) => r.unit)?.unit;
    message =
      `Tệp ghi mã đơn vị của ${code ? named(code) : units.map(named).join(', ')} nhưng tên đơn vị là "${typedName ?? ''}"` +
      `${nameReading?.unit ? ` (${named(nameReading.unit)})` : ''}. Hãy hỏi lại đơn vị gửi xem đây là báo cáo của ` +
      'đơn vị nào, rồi đề nghị sửa cho khớp và gửi lại.';
  }
  return { kind: 'mismatch', unit: null, errors: [{ code: 'UNIT_MISMATCH', message }] };
}

/**
 * The officer says which unit sent the file (an unidentified file she assigns). The unit's NAME typed in the file
 * is not asked to agree (that is the point: a name the register does not know), nor the file name. Its CODES
 * still are: a _meta sheet or a "Mã đơn vị" line naming ANOTHER unit of the register means the file is that
 * unit's form, and is refused as a mismatch; a code the register does not know is noted as a warning.
 */
export function resolveChosen(id: FormIdentity, chosen: UnitRow, reg: Register): UnitResolution {
  const codes: Array<{ label: string; code: string }> = [];
  if (id.metaUnitCode) codes.push({ label: 'mẫu biểu (trang ẩn _meta)', code: id.metaUnitCode });
  if (id.visibleUnitCode) codes.push({ label: 'dòng "Mã đơn vị"', code: id.visibleUnitCode });
  const warnings: Msg[] = [];
  for (const c of codes) {
    if (c.code.toUpperCase() === chosen.code.toUpperCase()) continue;
    const other = reg.byCode.get(c.code.toUpperCase());
    if (other && other.id !== chosen.id) {
      return {
        kind: 'mismatch',
        unit: chosen,
        errors: [
          {
            code: 'UNIT_MISMATCH',
            message:
              `Đã chọn ${named(chosen)} cho tệp này, nhưng ${c.label} ghi mã của ${named(other)}: tệp là mẫu biểu ` +
              `của đơn vị khác. Hãy hỏi lại đơn vị gửi; nếu đúng là báo cáo của ${chosen.name}, đề nghị điền vào ` +
              `mẫu biểu của ${chosen.name} rồi gửi lại.`,
          },
        ],
      };
    }
    warnings.push({
      code: 'UNIT_CODE_UNKNOWN',
      message: `${c.label[0]!.toUpperCase()}${c.label.slice(1)} ghi mã "${c.code}", không có trong danh sách đơn vị; đã nhận là báo cáo của ${named(chosen)} theo lựa chọn của cán bộ.`,
    });
  }
  return { kind: 'unit', unit: chosen, warnings };
}
