/**
 * What every report output (workbook, print HTML, reminder) is built from, and the shared wording and figures, so
 * the workbook and the printed report always say the same thing.
 */
import type { CellKey, DataElement, Indicator, PeriodKind, Section, UnitKind } from '../../shared/domain/catalog';
import type { IsoDate, StoredValue } from '../../shared/domain/records';
import type { Consolidation, IndicatorResult, StatusReport, UnitReportStatus } from '../../shared/domain/report';
import type { Settings, Signer } from '../../shared/contract/app';
import type { TaskResult } from '../../shared/contract/plan';
import { changeBetween, elementStrategyResults } from '../../shared/rules/aggregate';
import { reportingRate } from '../../shared/rules/completeness';
import { UNIT_KIND_HEADING } from '../../shared/text/labels';
import { compareVi, formatDate, formatNumber } from '../../shared/text/vi';

export interface ReportModel {
  settings: Settings;
  period: {
    id: number;
    label: string;
    year: number;
    kind: PeriodKind;
    dataFrom: IsoDate;
    dataTo: IsoDate;
    deadline: IsoDate;
  };
  catalog: {
    sections: Section[];
    cellLabels: Record<CellKey, string>;
    dataElements: DataElement[];
    indicators: Indicator[];
    unitKinds?: Array<{ code: UnitKind; name: string }>;
  };
  consolidation: Consolidation;
  status: StatusReport;
  byUnit: Array<{ unitCode: string; unitName: string; kind: UnitKind; values: StoredValue[] }>;
  /** show sensitive counts 1–4 in per-unit tables instead of "<5" */
  includeSensitive: boolean;
  docNumber?: string;
  /** the document date, ISO */
  today: IsoDate;
  /** the year's plan tasks with the units' answers (services/plan.ts planResults); absent or [] without a plan */
  planTasks?: TaskResult[];
}

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';
export const SENSITIVE_MARK = 'Không phổ biến rộng rãi';
export const SUPPRESSED = '<5';

export const STATUS_TEXT: Record<UnitReportStatus, string> = {
  on_time: 'Đúng hạn',
  late: 'Muộn',
  missing: 'Chưa gửi',
  returned: 'Đã gửi, cần gửi lại',
};

export const OP_SYMBOL: Record<string, string> = { '>=': '≥', '<=': '≤', '<': '<', '>': '>', '==': '=' };

export function kindName(model: Pick<ReportModel, 'catalog'>, kind: UnitKind): string {
  return model.catalog.unitKinds?.find((k) => k.code === kind)?.name ?? UNIT_KIND_HEADING[kind];
}

/** Everything XML 1.0 cannot hold: control characters other than tab/newline/return, U+FFFE, U+FFFF. */
const XML_INVALID = /[^\t\n\r\u0020-\ufffd\u{10000}-\u{10ffff}]/gu;
/** invisible format characters (bidi overrides, zero-width characters): a name must print as it reads */
const INVISIBLE = /\p{Cf}/gu;

/**
 * Removes characters XML cannot hold (they would corrupt an .xlsx) and invisible format characters (stored before
 * cleanText stripped them on the way in), and caps the length.
 */
export function cleanForDocument(s: string, max = 32_000): string {
  const t = s.replace(XML_INVALID, '').replace(INVISIBLE, '');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** NĐ 30/2020: "Lào Cai, ngày 05 tháng 02 năm 2026" (day < 10 and months 1–2 with a leading zero). */
export function placeDateLine(placeName: string, iso: IsoDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`Ngày không hợp lệ: ${iso}`);
  const day = m[3]!;
  const month = Number(m[2]);
  const monthText = month <= 2 ? m[2]! : String(month);
  const place = placeName.trim();
  return `${place ? `${place}, ` : ''}ngày ${day} tháng ${monthText} năm ${m[1]}`;
}

/**
 * The pattern's first `{so}` replaced by `no`, by slicing: never String.replace, whose replacement string would
 * expand the officer's `$&`, `$'`, `$1` (a number typed "12$'" must print as typed).
 */
export function fillNumber(pattern: string, no: string): string {
  const at = pattern.indexOf('{so}');
  return at < 0 ? pattern : pattern.slice(0, at) + no + pattern.slice(at + '{so}'.length);
}

/** "Số: 12/BC-BVSTBPN"; without a number the place stays as dots for the văn thư to fill in. */
export function docNumberLine(pattern: string, docNumber?: string): string {
  const p = pattern.trim() || '{so}';
  const no = docNumber?.trim() || '……';
  return `Số: ${p.includes('{so}') ? fillNumber(p, no) : `${no}/${p}`}`;
}

/** The title's period: "6 tháng đầu năm 2026", "năm 2026". */
export function periodPhrase(label: string): string {
  const t = label.trim();
  return t ? t.charAt(0).toLocaleLowerCase('vi') + t.slice(1) : t;
}

export function reportSummary(model: Pick<ReportModel, 'period'>): string {
  return `Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${periodPhrase(model.period.label)}`;
}

export function signerLines(signer: Signer): { authority: string | null; title: string; name: string } {
  const authority = signer.authority.trim()
    ? `${signer.authority.trim()} ${signer.authorityTitle.trim()}`.trim().toLocaleUpperCase('vi')
    : null;
  return { authority, title: signer.title.trim().toLocaleUpperCase('vi'), name: signer.name.trim() };
}

/** Nơi nhận lines: "- X;" each, the last "- Lưu: VT." (added when the list has no "Lưu" line). */
export function recipientLines(recipients: readonly string[]): string[] {
  const items = recipients
    .map((r) =>
      r
        .trim()
        .replace(/^[-–•+]\s*/, '')
        .replace(/[;.,]+$/, ''),
    )
    .filter(Boolean);
  const luu = items.findIndex((r) => /^lưu\b/i.test(r));
  const last = luu >= 0 ? items.splice(luu, 1)[0]! : 'Lưu: VT';
  return [...items.map((r) => `- ${r};`), `- ${last}.`];
}

export function formatFigure(n: number | null | undefined, decimals = 2): string {
  return formatNumber(n, decimals);
}

/** Small-cell suppression for tables below the province level (DOMAIN.md §6.2). */
export function suppressed(value: number, sensitive: boolean, includeSensitive: boolean): number | typeof SUPPRESSED {
  return sensitive && !includeSensitive && value >= 1 && value <= 4 ? SUPPRESSED : value;
}

// ---------------------------------------------------------------------------------------------------------------
// Phụ lục 1 – indicators

export interface IndicatorRow {
  group: 'strategy' | 'other';
  code: string;
  name: string;
  unit: string;
  value: number | null;
  target: IndicatorResult['target'];
  targetText: string;
  met: boolean | null;
  metText: string;
  previous: number | null;
  change: number | null;
  /** how `change` reads: percentage points, a difference, or per cent */
  changeKind: 'points' | 'difference' | 'percent';
  numerator: number | null;
  denominator: number | null;
}

export function metText(met: boolean | null): string {
  return met === null ? '' : met ? 'Đạt' : 'Chưa đạt';
}

export function targetText(t: IndicatorResult['target']): string {
  if (!t) return '';
  return `${OP_SYMBOL[t.op] ?? t.op} ${formatNumber(t.value, 2)} (${t.source === 'province' ? 'tỉnh, ' : ''}${t.year})`;
}

const naturalCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function indicatorRows(model: ReportModel): IndicatorRow[] {
  const c = model.consolidation;
  const prevInd = new Map((c.previous?.indicators ?? []).map((i) => [i.code, i.value]));
  const rows: IndicatorRow[] = [];
  for (const ind of model.catalog.indicators) {
    const r = c.indicators.find((x) => x.code === ind.code);
    const kind = ind.unit.trim() === '%' ? 'points' : 'difference';
    const ch = changeBetween(r?.value ?? null, prevInd.get(ind.code) ?? null, kind);
    rows.push({
      group: ind.code.startsWith('CL.') ? 'strategy' : 'other',
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      value: r?.value ?? null,
      target: r?.target ?? null,
      targetText: targetText(r?.target ?? null),
      met: r?.met ?? null,
      metText: metText(r?.met ?? null),
      previous: ch.previous,
      change: ch.change,
      changeKind: kind,
      numerator: r?.numerator ?? null,
      denominator: r?.denominator ?? null,
    });
  }
  // strategy targets carried by a data element itself (e.g. CL.M4.4, CL.M5.1)
  const prevValues = c.previous?.values ?? [];
  for (const s of elementStrategyResults(model.catalog.dataElements, c.values, model.period.year)) {
    const el = model.catalog.dataElements.find((e) => e.code === s.element)!;
    const prev = prevValues.find((v) => v.code === s.element && v.cell === s.cell)?.value ?? null;
    const ch = changeBetween(s.value, prev, 'difference');
    rows.push({
      group: 'strategy',
      code: s.code,
      name: el.name,
      unit: el.unit,
      value: s.value,
      target: s.target,
      targetText: targetText(s.target),
      met: s.met,
      metText: metText(s.met),
      previous: ch.previous,
      change: ch.change,
      changeKind: 'difference',
      numerator: null,
      denominator: null,
    });
  }
  const strategy = rows.filter((r) => r.group === 'strategy').sort((a, b) => naturalCode(a.code, b.code));
  return [...strategy, ...rows.filter((r) => r.group === 'other')];
}

export function changeText(r: Pick<IndicatorRow, 'change' | 'changeKind'>): string {
  if (r.change === null) return '';
  const sign = r.change > 0 ? '+' : '';
  const n = `${sign}${formatNumber(r.change, 2)}`;
  return r.changeKind === 'points' ? `${n} điểm %` : r.changeKind === 'percent' ? `${n}%` : n;
}

// ---------------------------------------------------------------------------------------------------------------
// Phụ lục 2 – consolidated data elements

export interface ElementRow {
  element: DataElement;
  cells: Partial<Record<CellKey, number>>;
  /** units that reported (max over the element's cells); null for province values */
  units: number | null;
  province: boolean;
}

export interface SectionRows {
  section: Section;
  rows: ElementRow[];
}

export function elementSections(model: ReportModel): SectionRows[] {
  const out: SectionRows[] = [];
  for (const section of model.catalog.sections) {
    const rows: ElementRow[] = [];
    for (const el of model.catalog.dataElements) {
      if (el.section !== section.code || el.type === 'text') continue;
      const vals = model.consolidation.values.filter((v) => v.code === el.code);
      const cells: Partial<Record<CellKey, number>> = {};
      for (const v of vals) cells[v.cell] = v.value;
      const province = el.collectedFrom === 'province';
      rows.push({ element: el, cells, units: province ? null : Math.max(0, ...vals.map((v) => v.units)), province });
    }
    if (rows.length > 0) out.push({ section, rows });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Phụ lục 4 – figures by unit kind; Phụ lục 5 – figures by unit

/** Numeric element × cell columns (text elements are in the text appendix). */
export function figureColumns(model: ReportModel): Array<{ element: DataElement; cell: CellKey }> {
  const cols: Array<{ element: DataElement; cell: CellKey }> = [];
  for (const el of model.catalog.dataElements) {
    if (el.type === 'text' || el.collectedFrom === 'province') continue;
    for (const cell of el.cells) cols.push({ element: el, cell });
  }
  return cols;
}

/** A unit's figure for the per-unit table: number, "Có"/"Không", "KAD" (không áp dụng), "<5" or blank. */
export function unitFigure(
  values: readonly StoredValue[],
  element: DataElement,
  cell: CellKey,
  includeSensitive: boolean,
): number | string | null {
  const sv = values.find((v) => v.element === element.code && v.cell === cell);
  if (!sv) return null;
  switch (sv.value.state) {
    case 'number':
      return suppressed(sv.value.value, element.sensitive, includeSensitive);
    case 'yesno':
      return sv.value.value ? 'Có' : 'Không';
    case 'na':
      return 'KAD';
    case 'text':
      return cleanForDocument(sv.value.value, 500);
  }
}

export function sortedUnits(model: ReportModel): ReportModel['byUnit'] {
  return [...model.byUnit].sort((a, b) => compareVi(a.unitName, b.unitName) || compareVi(a.unitCode, b.unitCode));
}

export function textRows(
  model: ReportModel,
): Array<{ unitName: string; unitCode: string; item: string; text: string }> {
  const names = new Map(model.catalog.dataElements.map((e) => [e.code, e.name]));
  const order = new Map(model.catalog.dataElements.map((e, i) => [e.code, i]));
  return [...model.consolidation.texts]
    .sort(
      (a, b) =>
        compareVi(a.unitName, b.unitName) ||
        compareVi(a.unit, b.unit) ||
        (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0),
    )
    .map((t) => ({
      unitName: t.unitName,
      unitCode: t.unit,
      item: names.get(t.code) ?? t.code,
      text: cleanForDocument(t.text),
    }));
}

export function hasSensitive(model: ReportModel): boolean {
  return model.catalog.dataElements.some((e) => e.sensitive);
}

// ---------------------------------------------------------------------------------------------------------------
// Narrative

export function narrative(model: ReportModel): { reporting: string[]; indicators: string[]; closing: string[] } {
  const s = model.status;
  const rate = reportingRate(s.received, s.expected);
  const reporting: string[] = [];
  reporting.push(
    `Thời gian chốt số liệu từ ngày ${formatDate(model.period.dataFrom)} đến ngày ${formatDate(model.period.dataTo)}; ` +
      `hạn gửi báo cáo của các đơn vị là ngày ${formatDate(s.deadline)}.`,
  );
  reporting.push(
    `Tính đến ngày ${formatDate(model.today)}, Ban đã nhận được báo cáo của ${s.received}/${s.expected} đơn vị` +
      (rate === null ? '' : ` (đạt ${formatNumber(rate, 1)}%)`) +
      `, trong đó ${s.onTime} đơn vị gửi đúng hạn, ${s.late} đơn vị gửi muộn; ` +
      (s.missing > 0 ? `còn ${s.missing} đơn vị chưa gửi báo cáo` : 'tất cả các đơn vị đã gửi báo cáo') +
      ' (chi tiết tại Phụ lục 3).',
  );
  const rows = indicatorRows(model).filter((r) => r.group === 'strategy');
  const withTarget = rows.filter((r) => r.target);
  const met = withTarget.filter((r) => r.met === true);
  const notMet = withTarget.filter((r) => r.met === false);
  const noData = withTarget.filter((r) => r.met === null);
  const indicators: string[] = [
    `Trong ${withTarget.length} chỉ tiêu của Chiến lược quốc gia về bình đẳng giới có mục tiêu, ` +
      `${met.length} chỉ tiêu đạt, ${notMet.length} chỉ tiêu chưa đạt` +
      (noData.length > 0 ? `, ${noData.length} chỉ tiêu chưa đủ số liệu để đánh giá` : '') +
      ' (chi tiết tại Phụ lục 1).',
  ];
  if (notMet.length > 0) {
    indicators.push(
      `Các chỉ tiêu chưa đạt: ${notMet
        .map(
          (r) =>
            `${r.name.charAt(0).toLocaleLowerCase('vi')}${r.name.slice(1)} (${formatNumber(r.value, 2)}${r.unit === '%' ? '%' : ''}, mục tiêu ${r.targetText})`,
        )
        .join('; ')}.`,
    );
  }
  const closing = [
    'Số liệu tổng hợp theo từng lĩnh vực tại Phụ lục 2; số liệu theo loại đơn vị tại Phụ lục 4' +
      (model.consolidation.texts.length > 0 ? '; ý kiến, kiến nghị của các đơn vị tại Phụ lục 6.' : '.'),
  ];
  return { reporting, indicators, closing };
}
