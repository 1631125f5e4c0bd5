/**
 * Who reports a data element: THE rule shared by the form writer (which rows a unit's form holds), the import
 * (which rows a unit must/may fill) and the Danh mục screen (who currently matches).
 *
 * `DataElement.reporterUnits` (column data_elements.reporter_units) is null for "every unit of the kinds in
 * reportedBy", or a list of entries, each either
 *   - a unit code ("S04"): that unit, whatever its name; or
 *   - a role ("vai-tro:y_te"): every unit whose name matches the role's name patterns ("Sở Y tế…").
 * Roles are what the seed catalogue ships: unit codes differ per province and units are imported after the
 * catalogue is seeded (and change with mergers), while "Sở Y tế" is called that everywhere. The officer can add
 * or replace entries with the province's own unit codes in Danh mục.
 */
import { searchKey } from '../text/vi';
import type { DataElement, UnitKind } from './catalog';

/** The part of a unit the rule reads. */
export interface ReporterUnit {
  code: string;
  name: string;
  kind: UnitKind | string;
}

export const ROLE_PREFIX = 'vai-tro:';

export interface ReporterRole {
  code: string;
  /** what Danh mục shows */
  label: string;
  /** why this unit holds the data (shown as help) */
  basis: string;
  /** start of the unit's name, compared without case and diacritics, after "Sở"/"Đài"… */
  names: string[];
}

/**
 * The roles the seed uses (DOMAIN.md §4.1, §4.3, §5 "Corrections", §6.1; the catalogue's own notes):
 *  - y_te: births, maternal deaths, adolescent births, LGBT health services, and since NĐ 42/2025/NĐ-CP social
 *    protection (cơ sở trợ giúp xã hội) moved from LĐTBXH to the health sector;
 *  - tai_chinh: the business register since Sở KH&ĐT merged into Sở Tài chính (2025);
 *  - giao_duc: ethnic-minority pupils, masters/doctors, and vocational training (moved to MOET in 2025);
 *  - van_hoa: radio and television stations (press and broadcasting management moved from TT&TT to VHTT).
 */
export const REPORTER_ROLES: readonly ReporterRole[] = [
  {
    code: 'y_te',
    label: 'Sở Y tế',
    basis: 'Y tế, dân số; trợ giúp xã hội (từ 2025, NĐ 42/2025/NĐ-CP)',
    names: ['so y te'],
  },
  {
    code: 'tai_chinh',
    label: 'Sở Tài chính (đăng ký kinh doanh)',
    basis: 'Đăng ký doanh nghiệp, hợp tác xã (Sở Kế hoạch và Đầu tư hợp nhất vào Sở Tài chính năm 2025)',
    names: ['so tai chinh', 'so ke hoach va dau tu'],
  },
  {
    code: 'giao_duc',
    label: 'Sở Giáo dục và Đào tạo',
    basis: 'Giáo dục, giáo dục nghề nghiệp (chuyển về ngành giáo dục năm 2025)',
    names: ['so giao duc'],
  },
  {
    code: 'van_hoa',
    label: 'Sở Văn hóa (báo chí, phát thanh, truyền hình)',
    basis: 'Quản lý báo chí, phát thanh, truyền hình ở địa phương (từ 2025)',
    names: ['so van hoa'],
  },
];

export const roleEntry = (code: string): string => `${ROLE_PREFIX}${code}`;
export const isRoleEntry = (entry: string): boolean => entry.startsWith(ROLE_PREFIX);
export const roleOf = (entry: string): ReporterRole | undefined =>
  isRoleEntry(entry) ? REPORTER_ROLES.find((r) => r.code === entry.slice(ROLE_PREFIX.length)) : undefined;

/**
 * A unit name's key as the roles compare it (searchKey, spaces collapsed), kept per name: a form's rows ask it for
 * every element assigned by role, with the same name each time. A pure function of the name; the memo is emptied
 * when it grows past a register's worth of names.
 */
const nameKeys = new Map<string, string>();
function nameKey(name: string): string {
  let k = nameKeys.get(name);
  if (k === undefined) {
    if (nameKeys.size >= 20_000) nameKeys.clear();
    k = searchKey(name).replace(/\s+/g, ' ').trim();
    nameKeys.set(name, k);
  }
  return k;
}

/** Does the unit's name match the role? ("Sở Y tế", "Sở Y tế tỉnh Gia Lai", "SỞ Y TẾ" all match y_te.) */
export function unitHasRole(unit: Pick<ReporterUnit, 'name'>, role: ReporterRole): boolean {
  const key = nameKey(unit.name);
  return role.names.some((n) => key === n || key.startsWith(`${n} `) || key.startsWith(`${n},`));
}

/** Does this entry of reporterUnits name this unit? */
export function entryMatches(entry: string, unit: ReporterUnit): boolean {
  if (!isRoleEntry(entry)) return entry.trim().toUpperCase() === unit.code.trim().toUpperCase();
  const role = roleOf(entry);
  return role ? unitHasRole(unit, role) : false;
}

/**
 * Does this unit report this element? A province-entered element: nobody. With reporterUnits: the units it names
 * (by code or role), whatever their kind. Without: every unit of the kinds in reportedBy.
 */
export function unitReports(
  d: Pick<DataElement, 'collectedFrom' | 'reportedBy' | 'reporterUnits'>,
  unit: ReporterUnit,
): boolean {
  if (d.collectedFrom !== 'units') return false;
  if (d.reporterUnits && d.reporterUnits.length > 0) return d.reporterUnits.some((e) => entryMatches(e, unit));
  return (d.reportedBy as string[]).includes(unit.kind);
}

/**
 * The same rule for a unit known only by its kind (a form whose unit is not in the register): the elements every
 * unit of the kind reports; those assigned to named units are left out.
 */
export function kindReports(
  d: Pick<DataElement, 'collectedFrom' | 'reportedBy' | 'reporterUnits'>,
  kind: UnitKind,
): boolean {
  if (d.collectedFrom !== 'units') return false;
  if (d.reporterUnits && d.reporterUnits.length > 0) return false;
  return d.reportedBy.includes(kind);
}

/** Which of these units an element's entries name (for Danh mục: "Sở Y tế (S04)"). */
export function matchingUnits<U extends ReporterUnit>(entries: string[], units: U[]): U[] {
  return units.filter((u) => entries.some((e) => entryMatches(e, u)));
}
