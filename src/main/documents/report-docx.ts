/**
 * The report draft in Word ("BÁO CÁO Kết quả thực hiện công tác bình đẳng giới…"): written from the same
 * ReportModel as the print view and the workbook (figures from `consolidate`, rows from indicatorRows and
 * elementSections), every figure with its coverage ("tổng hợp từ 15/65 đơn vị"), Đạt/Chưa đạt on partial data
 * marked "tạm tính", Phần III–V from the units' own texts by unit kind, the appendices as landscape tables.
 */
import type { UnitKind } from '../../shared/domain/catalog';
import { compareVi, formatDate, formatNumber } from '../../shared/text/vi';
import { buildDocx, roman, type Appendix, type Block, type OfficialDocument, type Run } from './docx/build';
import { agencyInSentence, noiNhanLines, reportNumberLine } from './docx/text';
import {
  cleanForDocument,
  elementSections,
  indicatorRows,
  kindName,
  OP_SYMBOL,
  periodPhrase,
  placeDateLine,
  reportSummary,
  SENSITIVE_MARK,
  signerLines,
  STATUS_TEXT,
  type IndicatorRow,
  type ReportModel,
  historyClause,
} from './model';

export interface ReportDraftInput {
  model: ReportModel;
  /**
   * Phần I from the year's plan (the plan's tasks, one paragraph each), when the plan work provides it; absent:
   * Phần I is written from section I's figures.
   */
  tasks?: string[];
}

const GOALS: Record<string, string> = {
  '1': 'Mục tiêu 1: Tăng cường sự tham gia của phụ nữ vào các vị trí lãnh đạo, quản lý',
  '2': 'Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động, việc làm',
  '3': 'Mục tiêu 3: Đời sống gia đình và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
  '4': 'Mục tiêu 4: Bảo đảm bình đẳng giới trong tiếp cận và thụ hưởng các dịch vụ chăm sóc sức khỏe',
  '5': 'Mục tiêu 5: Bảo đảm bình đẳng giới trong lĩnh vực giáo dục và đào tạo',
  '6': 'Mục tiêu 6: Bảo đảm bình đẳng giới trong lĩnh vực thông tin và truyền thông',
};

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s);
const upperFirst = (s: string) => (s ? s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) : s);

/** A figure with its unit: "42,3%", "1,5 lần", "110 bé trai/100 bé gái". */
export function withUnit(value: number, unit: string, decimals = 2): string {
  const u = unit.trim();
  const n = formatNumber(value, decimals);
  if (!u) return n;
  return u === '%' ? `${n}%` : u.startsWith('/') ? `${n}${u}` : `${n} ${u}`;
}

/** The target with its unit: "≥ 60% (2025)"; a province's own target says so. */
export function targetWithUnit(r: Pick<IndicatorRow, 'target' | 'unit'>): string {
  if (!r.target) return '';
  return `${OP_SYMBOL[r.target.op] ?? r.target.op} ${withUnit(r.target.value, r.unit)}`;
}

/** data elements an indicator reads ("CQ_LDCC_NU.value", "count_yes(X)"), to find its coverage */
function refElements(expr: string): string[] {
  const out: string[] = [];
  const fn = /^count_(?:yes|reported)\(([A-Z0-9_]+)\)$/.exec(expr.trim());
  if (fn) return [fn[1]!];
  for (const m of expr.matchAll(/([A-Z][A-Z0-9_]*)\.(?:value|total|female|male)/g)) out.push(m[1]!);
  return out;
}

export interface Coverage {
  /** units that reported the figure; null for a province-level figure */
  units: number | null;
  expected: number;
  previousUnits: number | null;
}

/** How many units a row's figure comes from (the most of its cells), this period and the same period last year. */
export function rowCoverage(model: ReportModel, row: Pick<IndicatorRow, 'code'>): Coverage {
  const ind = model.catalog.indicators.find((i) => i.code === row.code);
  const elements = ind
    ? [...refElements(ind.numerator), ...refElements(ind.denominator)]
    : model.catalog.dataElements.filter((e) => e.strategyCode === row.code).map((e) => e.code);
  const province =
    elements.length > 0 &&
    elements.every((c) => model.catalog.dataElements.find((e) => e.code === c)?.collectedFrom === 'province');
  const max = (vals: ReadonlyArray<{ code: string; units: number }>) => {
    const us = vals.filter((v) => elements.includes(v.code)).map((v) => v.units);
    return us.length ? Math.max(...us) : 0;
  };
  const prev = model.consolidation.previous;
  return {
    units: province ? null : max(model.consolidation.values),
    expected: model.status.expected,
    previousUnits: prev && !province ? max(prev.values) : null,
  };
}

export function coverageText(c: Coverage): string {
  return c.units === null ? 'số liệu cấp tỉnh' : `tổng hợp từ ${c.units}/${c.expected} đơn vị`;
}

/** One sentence per indicator: value, coverage, change on the same period last year, target and assessment. */
export function indicatorSentence(model: ReportModel, r: IndicatorRow): string {
  const name = upperFirst(r.name.trim());
  const cov = rowCoverage(model, r);
  if (r.value === null) {
    return `${name}: chưa có số liệu để tính (${cov.units === null ? 'chưa nhập số liệu cấp tỉnh' : cov.units === 0 ? 'chưa có đơn vị nào báo cáo' : `${cov.units}/${cov.expected} đơn vị có số liệu`}).`;
  }
  const partial = cov.units !== null && cov.units < cov.expected;
  let s = `${name} đạt ${withUnit(r.value, r.unit)} (${coverageText(cov)})`;
  if (r.previous !== null && r.change !== null) {
    const unitWord =
      r.changeKind === 'points' ? ' điểm phần trăm' : r.unit.trim() && r.unit.trim() !== '%' ? ` ${r.unit.trim()}` : '';
    const abs = formatNumber(Math.abs(r.change), 2);
    const prevText = withUnit(r.previous, r.unit);
    s +=
      r.change === 0
        ? `, bằng cùng kỳ năm trước (${prevText})`
        : `, ${r.change > 0 ? 'tăng' : 'giảm'} ${abs}${unitWord} so với cùng kỳ năm trước (${prevText})`;
    if (cov.previousUnits !== null && cov.units !== null && cov.previousUnits !== cov.units) {
      s += `; cùng kỳ tổng hợp từ ${cov.previousUnits} đơn vị, số đơn vị báo cáo hai kỳ khác nhau nên chỉ so sánh để tham khảo`;
    }
  }
  if (r.target) {
    const tt = `chỉ tiêu ${r.target.source === 'province' ? 'của tỉnh ' : ''}${r.target.year} (${targetWithUnit(r)})`;
    s += `; ${r.met ? 'đạt' : 'chưa đạt'} ${tt}${partial ? ' (tạm tính)' : ''}`;
  }
  return `${s}.`;
}

const KIND_ORDER: UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];

/** the units' texts of one element, by unit kind, each quoted with the unit named */
function unitTexts(model: ReportModel, code: string): Block[] {
  const kindOf = new Map(model.byUnit.map((u) => [u.unitCode, u.kind]));
  const texts = model.consolidation.texts.filter((t) => t.code === code && t.text.trim());
  const out: Block[] = [];
  for (const kind of KIND_ORDER) {
    const ts = texts
      .filter((t) => (kindOf.get(t.unit) ?? 'khac') === kind)
      .sort((a, b) => compareVi(a.unitName, b.unitName));
    if (ts.length === 0) continue;
    out.push({ kind: 'subheading', text: `${kindName(model, kind)}:`, italic: true });
    for (const t of ts) {
      out.push({
        kind: 'para',
        runs: [{ text: `- ${t.unitName}: `, italic: true }, cleanForDocument(t.text.trim(), 4000)],
      });
    }
  }
  if (out.length === 0) {
    out.push({ kind: 'para', runs: ['Chưa có đơn vị nào gửi nội dung này trong kỳ.'] });
  }
  return out;
}

/** Phần I from section I's figures (no plan tasks): one sentence per figure, with its coverage. */
function sectionOneFigures(model: ReportModel): Block[] {
  const sec = elementSections(model).find((s) => s.section.code === 'I');
  if (!sec) return [];
  const expected = model.status.expected;
  const out: Block[] = [];
  for (const row of sec.rows) {
    const el = row.element;
    const name = upperFirst(el.name.trim());
    if (!row.province && !row.units) {
      out.push({ kind: 'para', runs: [`- ${name}: chưa có đơn vị nào báo cáo.`] });
      continue;
    }
    const cov = row.province ? 'số liệu cấp tỉnh' : `tổng hợp từ ${row.units ?? 0}/${expected} đơn vị`;
    if (el.type === 'yesno') {
      const yes = model.byUnit.filter((u) =>
        u.values.some((v) => v.element === el.code && v.value.state === 'yesno' && v.value.value),
      ).length;
      out.push({ kind: 'para', runs: [`- ${name}: ${yes} đơn vị (${cov}).`] });
      continue;
    }
    const total = row.cells.value ?? row.cells.total;
    if (total === undefined) {
      out.push({ kind: 'para', runs: [`- ${name}: chưa có số liệu (${cov}).`] });
      continue;
    }
    const female = row.cells.female;
    out.push({
      kind: 'para',
      runs: [
        `- ${name}: ${withUnit(total, el.unit, 1)}` +
          (female !== undefined ? `, trong đó nữ ${formatNumber(female, 1)}` : '') +
          ` (${cov}).`,
      ],
    });
  }
  return out;
}

function reportingParagraphs(model: ReportModel): Block[] {
  const s = model.status;
  const names = (st: string) =>
    s.units
      .filter((u) => u.status === st)
      .sort((a, b) => compareVi(a.name, b.name))
      .map((u) => u.name);
  const out: Block[] = [
    {
      kind: 'para',
      runs: [
        `Số liệu tính từ ngày ${formatDate(model.period.dataFrom)} đến ngày ${formatDate(model.period.dataTo)}; hạn gửi báo cáo ` +
          `của các đơn vị là ngày ${formatDate(s.deadline)}. Tính đến ngày ${formatDate(model.today)}, đã nhận báo cáo của ` +
          `${s.received}/${s.expected} đơn vị, trong đó ${s.onTime} đơn vị gửi đúng hạn, ${s.late} đơn vị gửi muộn` +
          historyClause(s.history) +
          (s.returned > 0 ? `; ${s.returned} đơn vị đã gửi nhưng báo cáo bị trả lại để sửa` : '') +
          (s.missing > 0 ? `; ${s.missing} đơn vị chưa gửi báo cáo` : '') +
          ' (chi tiết tại Phụ lục III).',
      ],
    },
  ];
  const late = names('late');
  if (late.length) out.push({ kind: 'para', runs: [`Đơn vị gửi muộn: ${late.join(', ')}.`] });
  const returned = s.units.filter((u) => u.status === 'returned').sort((a, b) => compareVi(a.name, b.name));
  if (returned.length) {
    out.push({
      kind: 'para',
      runs: [
        `Đơn vị cần gửi lại: ${returned.map((u) => `${u.name}${u.returnReason ? ` (${u.returnReason.replace(/[.\s]+$/, '')})` : ''}`).join('; ')}.`,
      ],
    });
  }
  const missing = names('missing');
  if (missing.length) out.push({ kind: 'para', runs: [`Đơn vị chưa gửi báo cáo: ${missing.join(', ')}.`] });
  return out;
}

function partTwo(model: ReportModel): Block[] {
  const rows = indicatorRows(model);
  const out: Block[] = [];
  const byGoal = new Map<string, IndicatorRow[]>();
  const other: IndicatorRow[] = [];
  for (const r of rows) {
    const g = /^CL\.M(\d)\./.exec(r.code)?.[1];
    if (g && GOALS[g]) byGoal.set(g, [...(byGoal.get(g) ?? []), r]);
    else other.push(r);
  }
  let n = 0;
  for (const g of Object.keys(GOALS)) {
    const rs = byGoal.get(g);
    if (!rs) continue;
    out.push({ kind: 'subheading', text: `${++n}. ${GOALS[g]}` });
    for (const r of rs) out.push({ kind: 'para', runs: [`- ${indicatorSentence(model, r)}`] });
  }
  if (other.length) {
    out.push({ kind: 'subheading', text: `${++n}. Các chỉ tiêu khác` });
    for (const r of other) out.push({ kind: 'para', runs: [`- ${indicatorSentence(model, r)}`] });
  }
  const withTarget = rows.filter((r) => r.target);
  const met = withTarget.filter((r) => r.met === true).length;
  const notMet = withTarget.filter((r) => r.met === false).length;
  const noData = withTarget.filter((r) => r.met === null).length;
  const partial = model.status.received < model.status.expected;
  out.push({
    kind: 'para',
    runs: [
      `Trong ${withTarget.length} chỉ tiêu có mục tiêu, ${met} chỉ tiêu đạt, ${notMet} chỉ tiêu chưa đạt` +
        (noData ? `, ${noData} chỉ tiêu chưa đủ số liệu để đánh giá` : '') +
        (partial
          ? ` (tạm tính: số liệu tổng hợp từ ${model.status.received}/${model.status.expected} đơn vị đã gửi báo cáo)`
          : '') +
        '; chi tiết tại Phụ lục I.',
    ],
  });
  return out;
}

/**
 * Phần IV from the data: the indicators not met (each with its value and target) and the units still to report;
 * the officer completes it with the province's own plans.
 */
function partFour(model: ReportModel): Block[] {
  const notMet = indicatorRows(model).filter((r) => r.met === false);
  const out: Block[] = [
    {
      kind: 'para',
      runs: [
        'Tiếp tục thực hiện các mục tiêu, chỉ tiêu của Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030' +
          (notMet.length ? '; tập trung vào các chỉ tiêu chưa đạt:' : '.'),
      ],
    },
  ];
  for (const r of notMet)
    out.push({
      kind: 'para',
      runs: [
        `- ${upperFirst(r.name.trim())}: đạt ${r.value === null ? '…' : withUnit(r.value, r.unit)}, chỉ tiêu ${r.targetText}.`,
      ],
    });
  const missing = model.status.units.filter((u) => u.status === 'missing' || u.status === 'returned');
  if (missing.length)
    out.push({
      kind: 'para',
      runs: [
        `Đôn đốc ${missing.length} đơn vị chưa gửi hoặc cần gửi lại báo cáo hoàn thành việc báo cáo để số liệu ` +
          'tổng hợp được đầy đủ.',
      ],
    });
  return out;
}

function statusRow(model: ReportModel, u: ReportModel['status']['units'][number], i: number): string[] {
  return [
    String(i + 1),
    u.name,
    kindName(model, u.kind),
    STATUS_TEXT[u.status],
    formatDate(u.receivedAt),
    u.returnReason ?? '',
  ];
}

function appendices(model: ReportModel, attached: string): Appendix[] {
  const rows = indicatorRows(model);
  const p1: Appendix = {
    number: roman(1),
    title: `Kết quả thực hiện các chỉ tiêu ${periodPhrase(model.period.label)}`,
    attached,
    table: {
      columns: [
        { label: 'Mã', width: 12 },
        { label: 'Chỉ tiêu', width: 43 },
        { label: 'Đơn vị tính', width: 11, align: 'center' },
        { label: 'Kết quả', width: 10, align: 'right' },
        { label: 'Cùng kỳ năm trước', width: 11, align: 'right' },
        { label: 'Tăng, giảm', width: 11, align: 'right' },
        { label: 'Mục tiêu', width: 13, align: 'center' },
        { label: 'Đánh giá', width: 11, align: 'center' },
        { label: 'Số đơn vị báo cáo', width: 11, align: 'center' },
      ],
      rows: rows.map((r) => {
        const cov = rowCoverage(model, r);
        const partial = cov.units !== null && cov.units < cov.expected;
        const change =
          r.change === null
            ? ''
            : `${r.change > 0 ? '+' : ''}${formatNumber(r.change, 2)}${r.changeKind === 'points' ? ' điểm phần trăm' : ''}`;
        return {
          cells: [
            r.code,
            r.name,
            r.unit,
            formatNumber(r.value, 2),
            formatNumber(r.previous, 2),
            change,
            r.target ? `${targetWithUnit(r)} (${r.target.year})` : '',
            r.metText ? `${r.metText}${partial ? ' (tạm tính)' : ''}` : '',
            cov.units === null ? 'cấp tỉnh' : `${cov.units}/${cov.expected}`,
          ],
        };
      }),
      size: 11,
    },
  };
  const sens = model.catalog.dataElements.some((e) => e.sensitive);
  const p2Rows: NonNullable<Appendix['table']>['rows'] = [];
  for (const s of elementSections(model)) {
    p2Rows.push({ cells: [`${s.section.code}. ${s.section.name}`], group: true });
    for (const r of s.rows) {
      const c = r.cells;
      p2Rows.push({
        cells: [
          r.element.code,
          `${r.element.name}${r.element.sensitive ? ' (*)' : ''}`,
          r.element.unit,
          formatNumber(c.value ?? c.total, 2),
          formatNumber(c.female, 2),
          formatNumber(c.male, 2),
          r.units === null ? 'cấp tỉnh' : `${r.units}/${model.status.expected}`,
        ],
      });
    }
  }
  const p2: Appendix = {
    number: roman(2),
    title: `Số liệu tổng hợp ${periodPhrase(model.period.label)}`,
    attached,
    ...(sens ? { restricted: SENSITIVE_MARK } : {}),
    table: {
      columns: [
        { label: 'Mã', width: 14 },
        { label: 'Nội dung', width: 60 },
        { label: 'Đơn vị tính', width: 14, align: 'center' },
        { label: 'Tổng số / giá trị', width: 12, align: 'right' },
        { label: 'Nữ', width: 10, align: 'right' },
        { label: 'Nam', width: 10, align: 'right' },
        { label: 'Số đơn vị báo cáo', width: 12, align: 'center' },
      ],
      rows: p2Rows,
    },
    ...(sens
      ? { notes: ['(*) Số liệu nhạy cảm về bạo lực trên cơ sở giới, mua bán người: không phổ biến rộng rãi.'] }
      : {}),
  };
  const units = [...model.status.units].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareVi(a.name, b.name),
  );
  const p3: Appendix = {
    number: roman(3),
    title: 'Tình hình gửi báo cáo của các đơn vị',
    attached,
    landscape: false,
    table: {
      columns: [
        { label: 'TT', width: 6, align: 'center' },
        { label: 'Đơn vị', width: 36 },
        { label: 'Loại đơn vị', width: 26 },
        { label: 'Tình trạng', width: 17, align: 'center' },
        { label: 'Ngày nhận', width: 18, align: 'center' },
        { label: 'Lý do trả lại', width: 22 },
      ],
      rows: units.map((u, i) => ({ cells: statusRow(model, u, i) })),
    },
  };
  return [p1, p2, p3];
}

export function reportDraftDocument(input: ReportDraftInput): OfficialDocument {
  const { model } = input;
  const s = model.settings;
  const agency = agencyInSentence(s);
  const numberLine = reportNumberLine(s.docNumberPattern, model.docNumber);
  const dateLine = placeDateLine(s.placeName, model.today);
  const noAndSym = numberLine.replace(/^Số:\s*/, '');
  const attached = `(Kèm theo Báo cáo số ${noAndSym} ${dateLine.replace(/^.*?,\s*/, '')} của ${agency})`;
  const body: Block[] = [
    {
      kind: 'para',
      runs: [
        `Thực hiện chế độ báo cáo về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ, ${agency} báo cáo ` +
          `${lowerFirst(reportSummary(model))} như sau:`,
      ],
    },
    { kind: 'heading', text: 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH' },
  ];
  if (input.tasks && input.tasks.length > 0) {
    for (const task of input.tasks) body.push({ kind: 'para', runs: [cleanForDocument(task, 4000)] });
  } else {
    body.push(...sectionOneFigures(model));
  }
  body.push({ kind: 'subheading', text: 'Tình hình gửi báo cáo của các đơn vị', italic: true });
  body.push(...reportingParagraphs(model));
  body.push({ kind: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU' });
  body.push(...partTwo(model));
  body.push({ kind: 'heading', text: 'III. ĐÁNH GIÁ CHUNG' });
  body.push({ kind: 'subheading', text: '1. Kết quả nổi bật' });
  body.push(...unitTexts(model, 'TXT_KETQUA'));
  body.push({ kind: 'subheading', text: '2. Tồn tại, hạn chế và nguyên nhân' });
  body.push(...unitTexts(model, 'TXT_TONTAI'));
  body.push({ kind: 'heading', text: 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI' });
  body.push(...partFour(model));
  body.push({ kind: 'heading', text: 'V. ĐỀ XUẤT, KIẾN NGHỊ' });
  body.push(...unitTexts(model, 'TXT_KIENNGHI'));
  body.push({
    kind: 'para',
    runs: [`Trên đây là báo cáo ${lowerFirst(reportSummary(model))} của ${agency}./.`],
  });
  return {
    title: `Báo cáo ${model.period.label}`,
    header: { parent: s.agencyParent, name: s.agencyName, numberLine, dateLine },
    kind: 'Báo cáo',
    summary: reportSummary(model),
    kinhGui: ['Bộ Nội vụ'],
    body,
    signer: signerLines(s.signer),
    recipients: noiNhanLines(
      s.recipients.filter((r) => !/^\s*-?\s*bộ nội vụ(?!\p{L})/iu.test(r)),
      s.draftingUnit ?? '',
    ),
    appendices: appendices(model, attached),
  };
}

export function reportDraftDocx(input: ReportDraftInput): Promise<Uint8Array> {
  return buildDocx(reportDraftDocument(input));
}

export type { Run };
