/**
 * The report as one standalone HTML document for printing or saving as PDF (A4, NĐ 30/2020 layout).
 *
 * Page numbers: NĐ 30 wants them centred in the top margin from page 2 on. Chromium's `displayHeaderFooter`
 * header template cannot know which page it is on (no scripts, no per-page CSS), and `@page :first` does not
 * remove it from page 1. What works (Chromium ≥ 131, so Electron 45 and the Debian chromium used in tests) is CSS
 * page-margin boxes: `@page { @top-center { content: counter(page) } }` with `@page :first { @top-center { content:
 * none } }`. So printPdfOptions() keeps displayHeaderFooter off and lets the CSS draw the numbers; the same holds
 * when the officer prints from the preview window. Checked by tests/integration/reports/print.test.ts.
 *
 * Everything is escaped; no scripts and no external resources (a CSP meta tag says so).
 */
import { CELL_KEYS } from '../../shared/domain/catalog';
import { provisionalNote } from '../../shared/text/labels';
import { formatDate, formatNumber } from '../../shared/text/vi';
import { CSP, DOC_CSS, docHeaderHtml, esc, signatureHtml } from './html';
import {
  agencyInSentence,
  APPENDIX,
  appendixName,
  attachedLine,
  changeText,
  COVERAGE_NOTE,
  coverageText,
  docNumberLine,
  figureColumnParts,
  hasSensitive,
  periodPhrase,
  REPORT_ADDRESSEE,
  reportRecipientLines,
  sortedUnits,
  unitFigure,
  elementSections,
  indicatorRows,
  kindName,
  narrative,
  placeDateLine,
  reportSummary,
  SENSITIVE_MARK,
  signerLines,
  STATUS_TEXT,
  suppressed,
  textRows,
  type ReportModel,
  flaggedStatus,
} from './model';

/** Options for Playwright's page.pdf (and, renamed, Electron's webContents.printToPDF). */
export function printPdfOptions() {
  return {
    format: 'A4' as const,
    preferCSSPageSize: true,
    printBackground: true,
    // Page numbers come from CSS margin boxes (see the module comment): a header template would also print on page 1.
    displayHeaderFooter: false,
  };
}

/** The same for Electron's webContents.printToPDF. */
export function electronPrintToPdfOptions() {
  return { pageSize: 'A4' as const, preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false };
}

const CSS = `${DOC_CSS}
@page wide { size: A4 landscape; }
h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 16pt 0 0; }
.summary { font-size: 14pt; font-weight: bold; text-align: center; margin: 0 auto; max-width: 150mm; }
.summary-rule { width: 30%; margin: 3pt auto 8pt; border-top: 0.75pt solid #000; }
.kg { font-size: 14pt; text-align: center; margin: 0 0 10pt; }
h2 { font-size: 13pt; font-weight: bold; margin: 10pt 0 6pt; text-indent: 1.27cm; break-after: avoid; page-break-after: avoid; }
.appendix { page-break-before: always; break-before: page; }
.appendix.wide { page: wide; }
.appendix .no { text-align: center; font-weight: bold; font-size: 14pt; }
.appendix .ttl { text-align: center; font-weight: bold; font-size: 13pt; margin-top: 2pt; }
.appendix .sub { text-align: center; font-style: italic; font-size: 13pt; margin-bottom: 8pt; }
.appendix .restricted { text-align: center; margin: 0 0 8pt; }
.appendix .restricted span { display: inline-block; font-weight: bold; font-size: 13pt; border: 1pt solid #000; padding: 2pt 8pt; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10.5pt; line-height: 1.2; overflow-wrap: normal; word-break: normal; hyphens: manual; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; vertical-align: middle; }
table.data thead { display: table-header-group; }
table.data tr, table.data tbody.keep { page-break-inside: avoid; break-inside: avoid; }
table.data td.n { text-align: right; }
table.data .nw { white-space: nowrap; }
table.data td.c { text-align: center; }
table.data tr.group td { font-weight: bold; background: #f2f2f2; }
table.data td.miss { font-weight: bold; }
table.data tr.tail td { border: none; padding: 4pt 0 0; font-size: 11pt; font-style: italic; }
table.data .cov { font-size: 10pt; font-style: italic; }
.note { font-size: 11pt; font-style: italic; margin-top: 4pt; }
.part { font-size: 11pt; font-style: italic; margin: 10pt 0 3pt; break-after: avoid; page-break-after: avoid; }
.txt { white-space: pre-wrap; }
`;

const fig = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '' : formatNumber(v, d));

/** A number that never breaks ("+3,47", "11.000"), then any words after it, which may wrap. */
const numWords = (t: string) => {
  const m = /^(\S+)(\s.*)?$/.exec(t);
  return m ? `<span class="nw">${esc(m[1])}</span>${esc(m[2] ?? '')}` : esc(t);
};

/** Fixed column widths in per cent (table-layout: fixed takes them from here, not from a colspan row). */
const colgroup = (widths: number[]) =>
  `<colgroup>${widths.map((w) => `<col style="width:${w.toFixed(2)}%">`).join('')}</colgroup>`;

/** A code that may break after its dots and underscores only ("TL.HUONG_UOC.KHONG_PBDX"), never inside a part. */
const codeHtml = (code: string) => esc(code).replace(/([._])/g, '$1<wbr>');

/**
 * Rows of a table in <tbody> groups: a section's heading row kept with its first data row (a heading never stands
 * alone at a page foot), the rest of the section after it.
 */
function sectionBodies(groups: Array<{ head: string | null; rows: string[] }>, note = '', span = 1): string {
  const bodies: Array<{ keep: boolean; rows: string[] }> = [];
  for (const { head, rows } of groups) {
    if (!head) {
      bodies.push({ keep: false, rows: [...rows] });
      continue;
    }
    const [first, ...rest] = rows;
    bodies.push({ keep: true, rows: first ? [head, first] : [head] });
    if (rest.length > 0) bodies.push({ keep: false, rows: rest });
  }
  if (note) {
    // the note under the table: a borderless last row, kept with the row before it (never alone on a page)
    const tail = `<tr class="tail"><td colspan="${span}">${note}</td></tr>`;
    const last = bodies.at(-1);
    if (last && !last.keep && last.rows.length > 0) {
      const row = last.rows.pop()!;
      bodies.push({ keep: true, rows: [row, tail] });
    } else if (last) last.rows.push(tail);
    else bodies.push({ keep: true, rows: [tail] });
  }
  return bodies
    .filter((b) => b.rows.length > 0)
    .map((b) => `<tbody${b.keep ? ' class="keep"' : ''}>${b.rows.join('')}</tbody>`)
    .join('');
}

function appendixHead(model: ReportModel, n: number, title: string, restricted = false): string {
  return `<div class="no">${esc(appendixName(n))}</div><div class="ttl">${esc(title.toLocaleUpperCase('vi'))}</div>
<div class="sub">${esc(attachedLine(model))}</div>${
    restricted ? `<div class="restricted"><span>${esc(SENSITIVE_MARK.toLocaleUpperCase('vi'))}</span></div>` : ''
  }`;
}

function appendix1(model: ReportModel): string {
  const rows = indicatorRows(model);
  const prev = model.consolidation.previous?.label ?? 'cùng kỳ năm trước';
  const groups: Array<{ head: string | null; rows: string[] }> = [];
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      groups.push({
        head: `<tr class="group"><td colspan="9">${
          group === 'strategy'
            ? 'A. Chỉ tiêu Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030'
            : 'B. Các tỷ lệ khác'
        }</td></tr>`,
        rows: [],
      });
    }
    const prevCell =
      r.previous === null
        ? ''
        : `${numWords(fig(r.previous))}${r.coverageDiffers ? `<div class="cov">(${esc(coverageText(r.previousUnits, model.status.expected).replace(/\/\d+ /, ' '))})</div>` : ''}`;
    groups[groups.length - 1]!.rows.push(
      `<tr><td>${codeHtml(r.code)}</td><td>${esc(r.name)}</td><td class="c">${esc(r.unit)}</td><td class="n"><b>${numWords(
        fig(r.value),
      )}</b></td><td class="c">${r.units === null ? '<i>cấp tỉnh</i>' : `<span class="nw">${r.units}/${r.expected}</span>`}</td><td class="c">${esc(
        r.targetText,
      )}</td><td class="c${r.met === false ? ' miss' : ''}">${esc(r.metText)}</td><td class="n">${prevCell}</td><td class="n">${numWords(
        changeText(r),
      )}${r.coverageDiffers ? ' (**)' : ''}</td></tr>`,
    );
  }
  const differs = rows.some((r) => r.coverageDiffers);
  const provisional = rows.some((r) => r.provisional && r.met !== null);
  const notes = [
    provisional ? `(*) ${provisionalNote(model.status.received, model.status.expected)}` : '',
    differs ? `(**) ${COVERAGE_NOTE}` : '',
  ].filter(Boolean);
  return `<section class="appendix">${appendixHead(model, APPENDIX.indicators, `Kết quả thực hiện các chỉ tiêu ${model.period.label.toLocaleLowerCase('vi')}`)}
<table class="data">${colgroup([12, 25, 8, 8, 8, 11, 9, 9, 10])}<thead><tr><th>Mã</th><th>Tên chỉ tiêu</th><th>Đơn vị tính</th><th>Kết quả</th><th>Số đơn vị</th><th>Mục tiêu</th><th>Đánh giá${
    provisional ? ' (*)' : ''
  }</th><th>Cùng kỳ (${esc(prev)})</th><th>Tăng/<wbr>giảm</th></tr></thead>${sectionBodies(groups, notes.map(esc).join('<br>'), 9)}</table></section>`;
}

function appendix2(model: ReportModel): string {
  const L = model.catalog.cellLabels;
  let stt = 0;
  const expected = model.status.expected;
  const groups = elementSections(model).map((s) => ({
    head: `<tr class="group"><td colspan="8">${esc(`${s.section.code}. ${s.section.name}`)}</td></tr>`,
    rows: s.rows.map((r) => {
      stt++;
      const d = r.element.type === 'decimal' ? 2 : 0;
      const unit = r.element.type === 'yesno' ? (r.province ? 'có (1) / không (0)' : 'số đơn vị "Có"') : r.element.unit;
      const cells = CELL_KEYS.map((c) => `<td class="n">${numWords(fig(r.cells[c], d))}</td>`).join('');
      return `<tr><td class="c">${stt}</td><td>${esc(r.element.name)}${r.element.sensitive ? ' (*)' : ''}</td><td class="c">${esc(
        unit,
      )}</td>${cells}<td class="c">${r.province ? '<i>cấp tỉnh</i>' : `<span class="nw">${esc(fig(r.units, 0))}/${expected}</span>`}</td></tr>`;
    }),
  }));
  return `<section class="appendix">${appendixHead(model, APPENDIX.elements, `Số liệu tổng hợp ${model.period.label.toLocaleLowerCase('vi')}`)}
<table class="data">${colgroup([5, 39, 11, 9, 9, 9, 9, 9])}<thead><tr><th>STT</th><th>Chỉ tiêu</th><th>Đơn vị tính</th><th>${esc(
    L.total,
  )}</th><th>${esc(L.female)}</th><th>${esc(L.male)}</th><th>${esc(L.value)}</th><th>Số đơn vị báo cáo</th></tr></thead>${sectionBodies(
    groups,
    `(*) Số liệu nhạy cảm về bạo lực trên cơ sở giới: ${esc(SENSITIVE_MARK.toLocaleLowerCase('vi'))}.`,
    8,
  )}</table></section>`;
}

function appendix3(model: ReportModel): string {
  const s = model.status;
  const body = s.units
    .map(
      (u, i) =>
        `<tr><td class="c">${i + 1}</td><td>${esc(u.name)}</td><td>${esc(kindName(model, u.kind))}</td><td class="c${
          flaggedStatus(u.status) ? ' miss' : ''
        }">${STATUS_TEXT[u.status]}</td><td class="c nw">${esc(formatDate(u.receivedAt))}</td><td class="c">${esc(
          u.revision ?? '',
        )}</td></tr>`,
    )
    .join('');
  return `<section class="appendix">${appendixHead(
    model,
    APPENDIX.reporting,
    `Tình hình gửi báo cáo của các đơn vị (hạn gửi ${formatDate(s.deadline)})`,
  )}
<table class="data">${colgroup([6, 34, 28, 12, 12, 8])}<thead><tr><th>STT</th><th>Đơn vị</th><th>Loại đơn vị</th><th>Tình trạng</th><th>Ngày nhận</th><th>Lần gửi</th></tr></thead><tbody>${body}
<tr class="group"><td colspan="3">Cộng: ${s.expected} đơn vị</td><td colspan="3">Đã gửi ${s.received} (đúng hạn ${s.onTime}, muộn ${s.late}${s.history ? `, nhập bổ sung ${s.history}` : ''}); chưa gửi ${s.missing}</td></tr></tbody></table></section>`;
}

function appendix4(model: ReportModel): string {
  const kinds = model.consolidation.byKind;
  const L = model.catalog.cellLabels;
  const head = kinds.map((k) => `<th>${esc(kindName(model, k.kind))}</th>`).join('');
  const kindW = Math.min(16, 52 / Math.max(1, kinds.length));
  const indRows = model.catalog.indicators.flatMap((ind) => {
    const vals = kinds.map((k) => k.indicators.find((i) => i.code === ind.code)?.value ?? null);
    if (vals.every((v) => v === null)) return [];
    return [
      `<tr><td>${esc(ind.name)}</td><td class="c">${esc(ind.unit)}</td>${vals
        .map((v) => `<td class="n">${numWords(fig(v))}</td>`)
        .join('')}</tr>`,
    ];
  });
  const valRows = model.catalog.dataElements
    .filter((e) => e.type !== 'text' && e.collectedFrom !== 'province')
    .flatMap((e) =>
      e.cells.flatMap((cell) => {
        const vals = kinds.map((k) => k.values.find((v) => v.code === e.code && v.cell === cell)?.value ?? null);
        if (vals.every((v) => v === null)) return [];
        return [
          `<tr><td>${esc(e.name)}${cell === 'value' ? '' : ` – ${esc(L[cell].toLocaleLowerCase('vi'))}`}${e.sensitive ? ' (*)' : ''}</td><td class="c">${esc(
            e.type === 'yesno' ? 'số đơn vị "Có"' : e.unit,
          )}</td>${vals
            .map((v) => {
              const s = v === null ? null : suppressed(v, e.sensitive, model.includeSensitive);
              return `<td class="n">${typeof s === 'number' ? numWords(fig(s, e.type === 'decimal' ? 2 : 0)) : esc(s ?? '')}</td>`;
            })
            .join('')}</tr>`,
        ];
      }),
    );
  const span = 2 + kinds.length;
  return `<section class="appendix">${appendixHead(model, APPENDIX.byKind, 'Số liệu theo loại đơn vị', true)}
<table class="data">${colgroup([90 - kindW * kinds.length, 10, ...kinds.map(() => kindW)])}<thead><tr><th>Chỉ tiêu</th><th>Đơn vị tính</th>${head}</tr></thead>${sectionBodies(
    [
      {
        head: `<tr class="group"><td colspan="${span}">A. Các tỷ lệ (tính lại từ tử số và mẫu số của từng loại đơn vị)</td></tr>`,
        rows: indRows,
      },
      { head: `<tr class="group"><td colspan="${span}">B. Số liệu tổng hợp</td></tr>`, rows: valRows },
    ],
  )}</table>
<div class="note">(*) Số liệu nhạy cảm: ${esc(SENSITIVE_MARK.toLocaleLowerCase('vi'))}${
    model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "&lt;5" để tránh nhận diện cá nhân.'
  }</div></section>`;
}

/**
 * Phụ lục V, figures by unit: units as rows, the figure columns split into parts of at most FIGURES_PER_PAGE columns
 * (an element's cells stay together), each part its own table with the unit column, on landscape pages.
 */
function appendix5(model: ReportModel): string {
  const L = model.catalog.cellLabels;
  const parts = figureColumnParts(model);
  if (parts.length === 0) return '';
  const units = sortedUnits(model);
  const tables = parts
    .map((cols, pi) => {
      const els = [...new Set(cols.map((c) => c.element))];
      const h1 = els
        .map(
          (el) =>
            `<th colspan="${cols.filter((c) => c.element === el).length}">${esc(el.name)}${el.sensitive ? ' (*)' : ''}</th>`,
        )
        .join('');
      const h2 = cols.map((c) => `<th>${esc(L[c.cell])}</th>`).join('');
      const body = units
        .map((u, i) => {
          const cells = cols
            .map(({ element, cell }) => {
              const v = unitFigure(u.values, element, cell, model.includeSensitive);
              return `<td class="n">${typeof v === 'number' ? numWords(fig(v, element.type === 'decimal' ? 2 : 0)) : esc(v ?? '')}</td>`;
            })
            .join('');
          return `<tr><td class="c">${i + 1}</td><td>${esc(u.unitName)}</td>${cells}</tr>`;
        })
        .join('');
      const colW = (100 - 6 - 22) / cols.length;
      return `<div class="part">Phần ${pi + 1}/${parts.length}</div><table class="data"><colgroup><col style="width:6%"><col style="width:22%">${cols
        .map(() => `<col style="width:${colW.toFixed(2)}%">`)
        .join(
          '',
        )}</colgroup><thead><tr><th rowspan="2">STT</th><th rowspan="2">Đơn vị</th>${h1}</tr><tr>${h2}</tr></thead><tbody>${body}</tbody></table>`;
    })
    .join('');
  return `<section class="appendix wide">${appendixHead(model, APPENDIX.byUnit, 'Số liệu chi tiết theo đơn vị', hasSensitive(model))}${tables}
<div class="note">(*) Số liệu nhạy cảm: ${esc(SENSITIVE_MARK.toLocaleLowerCase('vi'))}${
    model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "&lt;5".'
  } KAD: không áp dụng; ô trống: đơn vị không báo cáo.</div></section>`;
}

function appendixTexts(model: ReportModel): string {
  const rows = textRows(model);
  if (rows.length === 0) return '';
  return `<section class="appendix">${appendixHead(model, APPENDIX.texts, 'Ý kiến đánh giá và kiến nghị của các đơn vị')}
<table class="data">${colgroup([6, 22, 20, 52])}<thead><tr><th>STT</th><th>Đơn vị</th><th>Nội dung</th><th>Ý kiến của đơn vị</th></tr></thead><tbody>${rows
    .map(
      (t, i) =>
        `<tr><td class="c">${i + 1}</td><td>${esc(t.unitName)}</td><td>${esc(t.item)}</td><td class="txt">${esc(t.text)}</td></tr>`,
    )
    .join('')}</tbody></table></section>`;
}

export function buildPrintHtml(model: ReportModel): string {
  const s = model.settings;
  const n = narrative(model);
  const sig = signerLines(s.signer);
  const para = (t: string) => `<p>${esc(t)}</p>`;
  const closing = [
    ...n.closing,
    `Trên đây là báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${periodPhrase(
      model.period.label,
    )} của ${agencyInSentence(s)}, kính báo cáo ${REPORT_ADDRESSEE}./.`,
  ];
  const last = closing.pop()!;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<title>${esc(`Báo cáo ${model.period.label}`)}</title>
<style>${CSS}</style></head>
<body>
${docHeaderHtml({
  agencyParent: s.agencyParent,
  agencyName: s.agencyName,
  numberLine: docNumberLine(s.docNumberPattern, model.docNumber),
  dateLine: placeDateLine(s.placeName, model.today),
})}
<h1>BÁO CÁO</h1>
<div class="summary">${esc(reportSummary(model))}</div>
<div class="summary-rule"></div>
<div class="kg">Kính gửi: ${esc(REPORT_ADDRESSEE)}.</div>
<h2>I. TÌNH HÌNH THU THẬP BÁO CÁO</h2>
${n.reporting.map(para).join('\n')}
<h2>II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU</h2>
${n.indicators.map(para).join('\n')}
${closing.map(para).join('\n')}
<div class="keep">${para(last)}
${signatureHtml({ ...sig, recipients: reportRecipientLines(s) })}</div>
${appendix1(model)}
${appendix2(model)}
${appendix3(model)}
${appendix4(model)}
${appendix5(model)}
${appendixTexts(model)}
</body></html>`;
}
