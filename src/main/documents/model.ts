/**
 * What every report output (workbook, print HTML, reminder) is built from, and the shared wording and figures, so
 * the workbook and the printed report always say the same thing.
 */
import { roman } from '../../shared/text/numbers';
import { agencyInSentence } from '../../shared/text/agency';
import type { CellKey, DataElement, Indicator, PeriodKind, Section, UnitKind } from '../../shared/domain/catalog';
import type { IsoDate, StoredValue } from '../../shared/domain/records';
import type { Consolidation, IndicatorResult, StatusReport, UnitReportStatus } from '../../shared/domain/report';
import type { Settings, Signer } from '../../shared/contract/app';
import type { TaskResult } from '../../shared/contract/plan';
import { changeBetween, elementStrategyResults } from '../../shared/rules/aggregate';
import { coverageDiffers, indicatorUnits, isProvisional } from '../../shared/rules/coverage';
import { reportingRate } from '../../shared/rules/completeness';
import { PROVISIONAL, UNIT_KIND_HEADING } from '../../shared/text/labels';
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
  history: 'Nhập bổ sung (không xét hạn)',
};

/** Units whose report was filed as history, after "X đúng hạn, Y muộn" (empty when none). */
export const historyClause = (n: number): string => (n > 0 ? `, ${n} đơn vị nhập bổ sung sau kỳ (không xét hạn)` : '');

/** Is a unit's status one the documents mark (bold, red): late, missing or to be re-sent; history is not. */
export const flaggedStatus = (status: UnitReportStatus): boolean => status !== 'on_time' && status !== 'history';

export const OP_SYMBOL: Record<string, string> = { '>=': '≥', '<=': '≤', '<': '<', '>': '>', '==': '=' };

export function kindName(model: Pick<ReportModel, 'catalog'>, kind: UnitKind): string {
  return model.catalog.unitKinds?.find((k) => k.code === kind)?.name ?? UNIT_KIND_HEADING[kind];
}

/** Everything XML 1.0 cannot hold: control characters other than tab/newline/return, U+FFFE, U+FFFF. */
const XML_INVALID = /[^\t\n\r\u0020-\ufffd\u{10000}-\u{10ffff}]/gu;
/** invisible format characters (bidi overrides, zero-width characters): a name must print as it reads */
const INVISIBLE = /\p{Cf}/gu;
/** cleanForDocument's answers for short texts */
const CLEANED = new Map<string, string>();

/**
 * Removes characters XML cannot hold (they would corrupt an .xlsx) and invisible format characters (stored before
 * cleanText stripped them on the way in), and caps the length.
 */
export function cleanForDocument(s: string, max = 32_000): string {
  // short texts come again and again (a national Phụ lục V: "Có", "KAD", each unit's name in every part): the
  // cleaned text remembered (it cannot be cut, being no longer than `max`)
  const short = s.length <= 64 && max >= 64;
  if (short) {
    const held = CLEANED.get(s);
    if (held !== undefined) return held;
  }
  const t = s.replace(XML_INVALID, '').replace(INVISIBLE, '');
  if (short) {
    if (CLEANED.size >= 50_000) CLEANED.clear();
    CLEANED.set(s, t);
  }
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

/** NĐ 30/2020: a number below 10 takes a leading zero ("5" → "05"); anything else stays as typed. */
export function padDocNumber(no: string): string {
  const t = no.trim();
  return /^[1-9]$/.test(t) ? `0${t}` : t;
}

/** "Số: 12/BC-BVSTBPN", "Số: 05/BC-…"; without a number the place stays as dots for the văn thư to fill in. */
export function docNumberLine(pattern: string, docNumber?: string): string {
  const p = pattern.trim() || '{so}';
  const no = padDocNumber(docNumber ?? '') || '……';
  return `Số: ${p.includes('{so}') ? fillNumber(p, no) : `${no}/${p}`}`;
}

/** The number and symbol alone ("15/BC-BVSTBPN"), for "Kèm theo Báo cáo số …". */
export function docNumberText(pattern: string, docNumber?: string): string {
  return docNumberLine(pattern, docNumber).replace(/^Số: /, '');
}

/**
 * The drafting unit's abbreviation for "Lưu: VT, …": the last part of the symbol after a hyphen ("{so}/BC-BVSTBPN"
 * → "BVSTBPN", "{so}/BVSTBPN-VP" → "VP"); null when the pattern has none.
 */
export function draftingUnit(pattern: string): string | null {
  const symbol = pattern.split('/').slice(1).join('/').trim();
  const parts = symbol
    .split('-')
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 1]! : null;
}

/** The date written out for running text: "ngày 05 tháng 02 năm 2026". */
export function dateWords(iso: IsoDate): string {
  return placeDateLine('', iso);
}

/** The appendices of the report, numbered as both the print view and the workbook number them. */
export const APPENDIX = { indicators: 1, elements: 2, reporting: 3, byKind: 4, byUnit: 5, texts: 6 } as const;
export const appendixName = (n: number) => `Phụ lục ${roman(n)}`;

/** The agency's name inside a sentence: one rule for every document and the Settings screen. */
export { agencyInSentence };

/** "(Kèm theo Báo cáo số 15/BC-BVSTBPN ngày 05 tháng 02 năm 2026 của Ban Vì sự tiến bộ phụ nữ)". */
export function attachedLine(model: Pick<ReportModel, 'settings' | 'docNumber' | 'today'>): string {
  const no = docNumberText(model.settings.docNumberPattern, model.docNumber);
  return `(Kèm theo Báo cáo số ${no} ${dateWords(model.today)} của ${agencyInSentence(model.settings)})`;
}

/** A report goes to the ministry: "Kính gửi: Bộ Nội vụ." */
export const REPORT_ADDRESSEE = 'Bộ Nội vụ';

/** The report's Nơi nhận: "- Như trên;" for the addressee, the other recipients, "- Lưu: VT, <drafting unit>." */
export function reportRecipientLines(settings: Pick<Settings, 'recipients' | 'docNumberPattern'>): string[] {
  const same = (r: string) =>
    r
      .trim()
      .replace(/^[-–•+]\s*/, '')
      .replace(/[;.,]+$/, '')
      .toLocaleLowerCase('vi');
  const others = settings.recipients.filter((r) => {
    const k = same(r);
    // "Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới)" is the addressee too: "Như trên" stands for it
    return !k.startsWith(REPORT_ADDRESSEE.toLocaleLowerCase('vi')) && k !== 'như trên';
  });
  return recipientLines(['Như trên', ...others], draftingUnit(settings.docNumberPattern));
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

/**
 * Nơi nhận lines: "- X;" each, the last "- Lưu: VT, <drafting unit>." (added when the list has no "Lưu" line; a
 * bare "Lưu: VT" gains the drafting unit when one is given).
 */
export function recipientLines(recipients: readonly string[], drafting?: string | null): string[] {
  const items = recipients
    .map((r) =>
      r
        .trim()
        .replace(/^[-–•+]\s*/, '')
        .replace(/[;.,]+$/, ''),
    )
    .filter(Boolean);
  const luu = items.findIndex((r) => /^lưu\b/i.test(r));
  let last = luu >= 0 ? items.splice(luu, 1)[0]! : 'Lưu: VT';
  if (drafting && /^lưu:?\s*vt$/i.test(last.trim())) last = `Lưu: VT, ${drafting}`;
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
  /** "Đạt", "Chưa đạt", with " (tạm tính)" when the figure comes from part of the units */
  metText: string;
  previous: number | null;
  change: number | null;
  /** how `change` reads: percentage points, a difference, or per cent */
  changeKind: 'points' | 'difference' | 'percent';
  numerator: number | null;
  denominator: number | null;
  /** how many units the value comes from; null for a province figure (not reported by units) */
  units: number | null;
  /** how many units were expected to report this period */
  expected: number;
  /** the value comes from part of the expected units: its Đạt/Chưa đạt is "tạm tính" */
  provisional: boolean;
  /** how many units last year's value comes from (null: a province figure, or no value) */
  previousUnits: number | null;
  /** the two periods' values come from different numbers of units: the comparison says so */
  coverageDiffers: boolean;
}

export { PROVISIONAL };
/** The one wording for a change of a percentage. */
export const POINTS = 'điểm phần trăm';

export function metText(met: boolean | null, provisional = false): string {
  if (met === null) return '';
  return `${met ? 'Đạt' : 'Chưa đạt'}${provisional ? ` (${PROVISIONAL})` : ''}`;
}

/** A value with its unit: "75%", "15‰", "3 cơ sở" (a "có/không" unit adds nothing). */
export function withUnit(value: string, unit: string): string {
  const u = unit.trim();
  if (!u || /có\s*\/\s*không/i.test(u)) return value;
  if (u === '%' || u === '‰') return `${value}${u}`;
  return `${value} ${u}`;
}

/** "≥ 75% (2030)", "≤ 15 /1.000 phụ nữ 15-19 (2030)": the target with its unit, then its year. */
export function targetText(t: IndicatorResult['target'], unit = ''): string {
  if (!t) return '';
  return `${OP_SYMBOL[t.op] ?? t.op} ${withUnit(formatNumber(t.value, 2), unit)} (${t.source === 'province' ? 'tỉnh, ' : ''}${t.year})`;
}

/** "5/7 đơn vị" */
export function coverageText(units: number | null, expected: number): string {
  return units === null ? 'số liệu cấp tỉnh' : `${units}/${expected} đơn vị`;
}

const naturalCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function indicatorRows(model: ReportModel): IndicatorRow[] {
  const c = model.consolidation;
  const expected = model.status.expected;
  const els = model.catalog.dataElements;
  const prevInd = new Map((c.previous?.indicators ?? []).map((i) => [i.code, i.value]));
  const rows: IndicatorRow[] = [];
  const coverage = (units: number | null, previousUnits: number | null, previous: number | null) => ({
    units,
    expected,
    provisional: isProvisional(units, model.status),
    previousUnits: previous === null ? null : previousUnits,
    coverageDiffers: coverageDiffers(units, previousUnits, previous),
  });
  for (const ind of model.catalog.indicators) {
    const r = c.indicators.find((x) => x.code === ind.code);
    const kind = ind.unit.trim() === '%' ? 'points' : 'difference';
    const ch = changeBetween(r?.value ?? null, prevInd.get(ind.code) ?? null, kind);
    const units = indicatorUnits(ind, els, c.values);
    const cov = coverage(units, indicatorUnits(ind, els, c.previous?.values ?? []), ch.previous);
    rows.push({
      group: ind.code.startsWith('CL.') ? 'strategy' : 'other',
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      value: r?.value ?? null,
      target: r?.target ?? null,
      targetText: targetText(r?.target ?? null, ind.unit),
      met: r?.met ?? null,
      metText: metText(r?.met ?? null, cov.provisional),
      previous: ch.previous,
      change: ch.change,
      changeKind: kind,
      numerator: r?.numerator ?? null,
      denominator: r?.denominator ?? null,
      ...cov,
    });
  }
  // strategy targets carried by a data element itself (e.g. CL.M4.4, CL.M5.1)
  const prevValues = c.previous?.values ?? [];
  for (const s of elementStrategyResults(els, c.values, model.period.year)) {
    const el = els.find((e) => e.code === s.element)!;
    const prevV = prevValues.find((v) => v.code === s.element && v.cell === s.cell);
    const ch = changeBetween(s.value, prevV?.value ?? null, 'difference');
    const province = el.collectedFrom === 'province';
    const units = province ? null : (c.values.find((v) => v.code === s.element && v.cell === s.cell)?.units ?? 0);
    const cov = coverage(units, province ? null : (prevV?.units ?? null), ch.previous);
    rows.push({
      group: 'strategy',
      code: s.code,
      name: el.name,
      unit: el.unit,
      value: s.value,
      target: s.target,
      targetText: targetText(s.target, el.unit),
      met: s.met,
      metText: metText(s.met, cov.provisional),
      previous: ch.previous,
      change: ch.change,
      changeKind: 'difference',
      numerator: null,
      denominator: null,
      ...cov,
    });
  }
  const strategy = rows.filter((r) => r.group === 'strategy').sort((a, b) => naturalCode(a.code, b.code));
  return [...strategy, ...rows.filter((r) => r.group === 'other')];
}

/** "+3,47 điểm phần trăm", "-2", "+5%": the change in the one wording used everywhere. */
export function changeText(r: Pick<IndicatorRow, 'change' | 'changeKind'>): string {
  if (r.change === null) return '';
  const sign = r.change > 0 ? '+' : '';
  const n = `${sign}${formatNumber(r.change, 2)}`;
  return r.changeKind === 'points' ? `${n} ${POINTS}` : r.changeKind === 'percent' ? `${n}%` : n;
}

/** The note under a table whose comparisons mix coverages (shared with the Tổng hợp screen). */
export { COVERAGE_NOTE } from '../../shared/text/labels';

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

/** At most this many figure columns per printed page of a per-unit table (NĐ 30: readable at ≥ 10 pt on A4). */
export const FIGURES_PER_PAGE = 12;

/** The figure columns cut into parts of at most `max` columns, never splitting one element's cells. */
export function figureColumnParts(
  model: ReportModel,
  max = FIGURES_PER_PAGE,
): Array<Array<{ element: DataElement; cell: CellKey }>> {
  const parts: Array<Array<{ element: DataElement; cell: CellKey }>> = [];
  let cur: Array<{ element: DataElement; cell: CellKey }> = [];
  for (const el of new Set(figureColumns(model).map((c) => c.element))) {
    const cols = el.cells.map((cell) => ({ element: el, cell }));
    if (cur.length + cols.length > max && cur.length > 0) {
      parts.push(cur);
      cur = [];
    }
    cur.push(...cols);
  }
  if (cur.length > 0) parts.push(cur);
  return parts;
}

/** A unit's figure for the per-unit table: number, "Có"/"Không", "KAD" (không áp dụng), "<5" or blank. */
export function unitFigure(
  values: readonly StoredValue[],
  element: DataElement,
  cell: CellKey,
  includeSensitive: boolean,
): number | string | null {
  return storedFigure(
    values.find((v) => v.element === element.code && v.cell === cell),
    element,
    includeSensitive,
  );
}

/** unitFigure of the value already found (the unit's first value of that element and cell), null when none. */
export function storedFigure(
  sv: StoredValue | undefined,
  element: DataElement,
  includeSensitive: boolean,
): number | string | null {
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

/**
 * The free-text answers by unit name, unit code and the element's catalogue order, cleaned for a document.
 * `compareName` and `clean` may be faster equivalents (workbook-order.ts: ranks made once, cleaned texts kept).
 */
export function textRows(
  model: ReportModel,
  compareName: (a: string, b: string) => number = compareVi,
  clean: (s: string) => string = cleanForDocument,
): Array<{ unitName: string; unitCode: string; item: string; text: string }> {
  const names = new Map(model.catalog.dataElements.map((e) => [e.code, e.name]));
  const order = new Map(model.catalog.dataElements.map((e, i) => [e.code, i]));
  return [...model.consolidation.texts]
    .sort(
      (a, b) =>
        compareName(a.unitName, b.unitName) ||
        compareVi(a.unit, b.unit) ||
        (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0),
    )
    .map((t) => ({
      unitName: t.unitName,
      unitCode: t.unit,
      item: names.get(t.code) ?? t.code,
      text: clean(t.text),
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
      `, trong đó ${s.onTime} đơn vị gửi đúng hạn, ${s.late} đơn vị gửi muộn${historyClause(s.history)}; ` +
      (s.missing > 0 ? `còn ${s.missing} đơn vị chưa gửi báo cáo` : 'tất cả các đơn vị đã gửi báo cáo') +
      ` (chi tiết tại ${appendixName(APPENDIX.reporting)}).`,
  );
  const rows = indicatorRows(model).filter((r) => r.group === 'strategy');
  const withTarget = rows.filter((r) => r.target);
  const met = withTarget.filter((r) => r.met === true);
  const notMet = withTarget.filter((r) => r.met === false);
  const noData = withTarget.filter((r) => r.met === null);
  const partial = s.received < s.expected;
  const indicators: string[] = [
    `Trong ${withTarget.length} chỉ tiêu của Chiến lược quốc gia về bình đẳng giới có mục tiêu, ` +
      `${met.length} chỉ tiêu đạt, ${notMet.length} chỉ tiêu chưa đạt` +
      (noData.length > 0 ? `, ${noData.length} chỉ tiêu chưa đủ số liệu để đánh giá` : '') +
      (partial
        ? `; số liệu tổng hợp từ ${s.received}/${s.expected} đơn vị đã gửi báo cáo nên kết quả đánh giá là ${PROVISIONAL}`
        : `; số liệu tổng hợp từ ${s.received}/${s.expected} đơn vị`) +
      ` (chi tiết tại ${appendixName(APPENDIX.indicators)}).`,
  ];
  if (notMet.length > 0) {
    indicators.push(
      `Các chỉ tiêu chưa đạt: ${notMet
        .map(
          (r) =>
            `${r.name.charAt(0).toLocaleLowerCase('vi')}${r.name.slice(1)} (${withUnit(formatNumber(r.value, 2), r.unit)}, mục tiêu ${r.targetText})`,
        )
        .join('; ')}.`,
    );
  }
  const differs = rows.filter((r) => r.coverageDiffers).length;
  if (differs > 0)
    indicators.push(
      `So với ${model.consolidation.previous?.label.toLocaleLowerCase('vi') ?? 'cùng kỳ năm trước'}, ${differs} chỉ tiêu ` +
        'có số đơn vị báo cáo khác nhau giữa hai kỳ nên mức tăng/giảm chỉ mang tính tham khảo.',
    );
  const closing = [
    `Số liệu tổng hợp theo từng lĩnh vực tại ${appendixName(APPENDIX.elements)}; số liệu theo loại đơn vị tại ` +
      `${appendixName(APPENDIX.byKind)}; số liệu theo từng đơn vị tại ${appendixName(APPENDIX.byUnit)}` +
      (model.consolidation.texts.length > 0
        ? `; ý kiến, kiến nghị của các đơn vị tại ${appendixName(APPENDIX.texts)}.`
        : '.'),
  ];
  return { reporting, indicators, closing };
}

export { roman };
