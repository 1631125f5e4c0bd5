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
import { formatDate, formatNumber } from '../../shared/text/vi';
import { CSP, DOC_CSS, docHeaderHtml, esc, signatureHtml } from './html';
import {
  changeText,
  docNumberLine,
  elementSections,
  indicatorRows,
  kindName,
  narrative,
  placeDateLine,
  recipientLines,
  reportSummary,
  SENSITIVE_MARK,
  signerLines,
  STATUS_TEXT,
  suppressed,
  textRows,
  type ReportModel,
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
h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 16pt 0 0; }
.summary { font-size: 14pt; font-weight: bold; text-align: center; margin: 0 auto; max-width: 150mm; }
.summary-rule { width: 30%; margin: 3pt auto 14pt; border-top: 0.75pt solid #000; }
h2 { font-size: 13pt; font-weight: bold; margin: 10pt 0 6pt; text-indent: 1.27cm; }
.appendix { page-break-before: always; break-before: page; }
.appendix .no { text-align: center; font-weight: bold; }
.appendix .ttl { text-align: center; font-weight: bold; text-transform: none; margin-top: 2pt; }
.appendix .sub { text-align: center; font-style: italic; font-size: 12pt; margin-bottom: 8pt; }
.appendix .restricted { text-align: center; font-weight: bold; font-size: 12pt; margin-bottom: 6pt; border: 1pt solid #000; padding: 2pt; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10.5pt; line-height: 1.2; word-wrap: break-word; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; vertical-align: middle; }
table.data thead { display: table-header-group; }
table.data tr { page-break-inside: avoid; break-inside: avoid; }
table.data td.n { text-align: right; white-space: nowrap; }
table.data td.c { text-align: center; }
table.data tr.group td { font-weight: bold; background: #f2f2f2; }
table.data td.miss { font-weight: bold; }
.note { font-size: 11pt; font-style: italic; margin-top: 4pt; }
.txt { white-space: pre-wrap; }
`;

const fig = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '' : formatNumber(v, d));

function appendixHead(model: ReportModel, n: number, title: string, restricted = false): string {
  const no = docNumberLine(model.settings.docNumberPattern, model.docNumber).replace(/^Số: /, '');
  return `<div class="no">Phụ lục ${n}</div><div class="ttl">${esc(title.toLocaleUpperCase('vi'))}</div>
<div class="sub">(Kèm theo Báo cáo số ${esc(no)} ngày ${esc(formatDate(model.today))} của ${esc(model.settings.agencyName)})</div>${
    restricted ? `<div class="restricted">${esc(SENSITIVE_MARK.toLocaleUpperCase('vi'))}</div>` : ''
  }`;
}

function appendix1(model: ReportModel): string {
  const rows = indicatorRows(model);
  const prev = model.consolidation.previous?.label ?? 'cùng kỳ năm trước';
  let group = '';
  const body = rows
    .map((r) => {
      let head = '';
      if (r.group !== group) {
        group = r.group;
        head = `<tr class="group"><td colspan="8">${
          group === 'strategy'
            ? 'A. Chỉ tiêu Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030'
            : 'B. Các tỷ lệ khác'
        }</td></tr>`;
      }
      return `${head}<tr><td>${esc(r.code)}</td><td>${esc(r.name)}</td><td class="c">${esc(r.unit)}</td><td class="n"><b>${esc(
        fig(r.value),
      )}</b></td><td class="c">${esc(r.targetText)}</td><td class="c${r.met === false ? ' miss' : ''}">${esc(
        r.metText,
      )}</td><td class="n">${esc(fig(r.previous))}</td><td class="n">${esc(changeText(r))}</td></tr>`;
    })
    .join('');
  return `<section class="appendix">${appendixHead(model, 1, `Kết quả thực hiện các chỉ tiêu ${model.period.label.toLocaleLowerCase('vi')}`)}
<table class="data"><thead><tr><th style="width:11%">Mã</th><th>Tên chỉ tiêu</th><th style="width:8%">Đơn vị tính</th><th style="width:8%">Kết quả</th><th style="width:12%">Mục tiêu</th><th style="width:8%">Đánh giá</th><th style="width:9%">Cùng kỳ (${esc(
    prev,
  )})</th><th style="width:9%">Tăng/giảm</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function appendix2(model: ReportModel): string {
  const L = model.catalog.cellLabels;
  let stt = 0;
  const body = elementSections(model)
    .map(
      (s) =>
        `<tr class="group"><td colspan="8">${esc(`${s.section.code}. ${s.section.name}`)}</td></tr>` +
        s.rows
          .map((r) => {
            stt++;
            const d = r.element.type === 'decimal' ? 2 : 0;
            const unit =
              r.element.type === 'yesno' ? (r.province ? 'có (1) / không (0)' : 'số đơn vị "Có"') : r.element.unit;
            const cells = CELL_KEYS.map((c) => `<td class="n">${esc(fig(r.cells[c], d))}</td>`).join('');
            return `<tr><td class="c">${stt}</td><td>${esc(r.element.name)}${r.element.sensitive ? ' (*)' : ''}</td><td class="c">${esc(
              unit,
            )}</td>${cells}<td class="c">${r.province ? '<i>cấp tỉnh</i>' : esc(fig(r.units, 0))}</td></tr>`;
          })
          .join(''),
    )
    .join('');
  return `<section class="appendix">${appendixHead(model, 2, `Số liệu tổng hợp ${model.period.label.toLocaleLowerCase('vi')}`)}
<table class="data"><thead><tr><th style="width:5%">STT</th><th>Chỉ tiêu</th><th style="width:11%">Đơn vị tính</th><th style="width:9%">${esc(
    L.total,
  )}</th><th style="width:9%">${esc(L.female)}</th><th style="width:9%">${esc(L.male)}</th><th style="width:9%">${esc(
    L.value,
  )}</th><th style="width:8%">Số đơn vị báo cáo</th></tr></thead><tbody>${body}</tbody></table>
<div class="note">(*) Số liệu nhạy cảm về bạo lực trên cơ sở giới: ${esc(SENSITIVE_MARK.toLocaleLowerCase('vi'))}.</div></section>`;
}

function appendix3(model: ReportModel): string {
  const s = model.status;
  const body = s.units
    .map(
      (u, i) =>
        `<tr><td class="c">${i + 1}</td><td>${esc(u.name)}</td><td>${esc(kindName(model, u.kind))}</td><td class="c${
          u.status === 'on_time' ? '' : ' miss'
        }">${STATUS_TEXT[u.status]}</td><td class="c">${esc(formatDate(u.receivedAt))}</td><td class="c">${esc(
          u.revision ?? '',
        )}</td></tr>`,
    )
    .join('');
  return `<section class="appendix">${appendixHead(
    model,
    3,
    `Tình hình gửi báo cáo của các đơn vị (hạn gửi ${formatDate(s.deadline)})`,
  )}
<table class="data"><thead><tr><th style="width:6%">STT</th><th>Đơn vị</th><th style="width:30%">Loại đơn vị</th><th style="width:11%">Tình trạng</th><th style="width:12%">Ngày nhận</th><th style="width:8%">Lần gửi</th></tr></thead><tbody>${body}
<tr class="group"><td colspan="3">Cộng: ${s.expected} đơn vị</td><td colspan="3">Đã gửi ${s.received} (đúng hạn ${s.onTime}, muộn ${s.late}); chưa gửi ${s.missing}</td></tr></tbody></table></section>`;
}

function appendix4(model: ReportModel): string {
  const kinds = model.consolidation.byKind;
  const L = model.catalog.cellLabels;
  const head = kinds
    .map(
      (k) => `<th style="width:${Math.min(16, 48 / Math.max(1, kinds.length))}%">${esc(kindName(model, k.kind))}</th>`,
    )
    .join('');
  const indRows = model.catalog.indicators
    .map((ind) => {
      const vals = kinds.map((k) => k.indicators.find((i) => i.code === ind.code)?.value ?? null);
      if (vals.every((v) => v === null)) return '';
      return `<tr><td>${esc(ind.name)}</td><td class="c">${esc(ind.unit)}</td>${vals
        .map((v) => `<td class="n">${esc(fig(v))}</td>`)
        .join('')}</tr>`;
    })
    .join('');
  const valRows = model.catalog.dataElements
    .filter((e) => e.type !== 'text' && e.collectedFrom !== 'province')
    .flatMap((e) =>
      e.cells.map((cell) => {
        const vals = kinds.map((k) => k.values.find((v) => v.code === e.code && v.cell === cell)?.value ?? null);
        if (vals.every((v) => v === null)) return '';
        return `<tr><td>${esc(e.name)}${cell === 'value' ? '' : ` – ${esc(L[cell].toLocaleLowerCase('vi'))}`}${e.sensitive ? ' (*)' : ''}</td><td class="c">${esc(
          e.type === 'yesno' ? 'số đơn vị "Có"' : e.unit,
        )}</td>${vals
          .map((v) => {
            const s = v === null ? null : suppressed(v, e.sensitive, model.includeSensitive);
            return `<td class="n">${esc(typeof s === 'number' ? fig(s, e.type === 'decimal' ? 2 : 0) : (s ?? ''))}</td>`;
          })
          .join('')}</tr>`;
      }),
    )
    .join('');
  const span = 2 + kinds.length;
  return `<section class="appendix">${appendixHead(model, 4, 'Số liệu theo loại đơn vị', true)}
<table class="data"><thead><tr><th>Chỉ tiêu</th><th style="width:10%">Đơn vị tính</th>${head}</tr></thead><tbody>
<tr class="group"><td colspan="${span}">A. Các tỷ lệ (tính lại từ tử số và mẫu số của từng loại đơn vị)</td></tr>${indRows}
<tr class="group"><td colspan="${span}">B. Số liệu tổng hợp</td></tr>${valRows}</tbody></table>
<div class="note">(*) Số liệu nhạy cảm: ${esc(SENSITIVE_MARK.toLocaleLowerCase('vi'))}${
    model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "&lt;5" để tránh nhận diện cá nhân.'
  }</div></section>`;
}

function appendixTexts(model: ReportModel): string {
  const rows = textRows(model);
  if (rows.length === 0) return '';
  return `<section class="appendix">${appendixHead(model, 5, 'Ý kiến đánh giá và kiến nghị của các đơn vị')}
<table class="data"><thead><tr><th style="width:6%">STT</th><th style="width:22%">Đơn vị</th><th style="width:20%">Nội dung</th><th>Ý kiến của đơn vị</th></tr></thead><tbody>${rows
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
  // the print view numbers its text appendix 5 (the workbook's per-unit sheet, Phụ lục 5, is not printed)
  const closing = n.closing.map((t) => t.replace('Phụ lục 6', 'Phụ lục 5'));
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
<h2>I. TÌNH HÌNH THU THẬP BÁO CÁO</h2>
${n.reporting.map(para).join('\n')}
<h2>II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU</h2>
${n.indicators.map(para).join('\n')}
${closing.map(para).join('\n')}
${signatureHtml({ ...sig, recipients: recipientLines(s.recipients) })}
${appendix1(model)}
${appendix2(model)}
${appendix3(model)}
${appendix4(model)}
${appendixTexts(model)}
</body></html>`;
}
