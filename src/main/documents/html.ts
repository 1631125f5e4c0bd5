/** Small HTML helpers shared by the print view and the reminder letter. */
import { cleanForDocument } from './model';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function esc(s: unknown): string {
  return cleanForDocument(String(s ?? ''), 1_000_000).replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** No scripts, no external resources: only the inline stylesheet and data: images. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export const FONT_STACK = "'Times New Roman', 'Tinos', 'Liberation Serif', serif";

/**
 * The NĐ 30 header table: agency (left) | Quốc hiệu, Tiêu ngữ (right); then Số | place and date in one row, both at
 * 13 pt and baseline-aligned (Phụ lục I: the date line stands "cùng một dòng với số, ký hiệu"); then a công văn's
 * "V/v …" 6 pt under the Số line, centred under it.
 */
export function docHeaderHtml(o: {
  agencyParent: string;
  agencyName: string;
  numberLine: string;
  dateLine: string;
  summary?: string;
}): string {
  return `<table class="doc-header"><tr>
<td class="agency"><div class="parent">${esc(o.agencyParent.toLocaleUpperCase('vi'))}</div><div class="name">${esc(
    o.agencyName.toLocaleUpperCase('vi'),
  )}</div><div class="rule short"></div></td>
<td class="nation"><div class="qh">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="tn"><span>Độc lập - Tự do - Hạnh phúc</span></div></td>
</tr><tr class="line"><td class="so">${esc(o.numberLine)}</td><td class="date">${esc(o.dateLine)}</td></tr>${
    o.summary ? `<tr><td class="vv">${esc(o.summary)}</td><td></td></tr>` : ''
  }</table>`;
}

export const DOC_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-family: ${FONT_STACK}; font-size: 13pt; vertical-align: bottom; padding-bottom: 4mm; } }
@page :first { @top-center { content: none; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT_STACK}; font-size: 13pt; line-height: 1.3; color: #000; margin: 0; }
.doc-header { width: 100%; border-collapse: collapse; table-layout: fixed; }
.doc-header td { vertical-align: top; text-align: center; padding: 0; }
.doc-header td.agency { width: 40%; }
.doc-header td.nation { width: 60%; }
.doc-header .parent { font-size: 12.5pt; }
.doc-header .name { font-size: 12.5pt; font-weight: bold; }
.doc-header .rule.short { width: 35%; margin: 1pt auto 0; border-top: 0.75pt solid #000; }
.doc-header tr.line td { vertical-align: baseline; padding-top: 6pt; font-size: 13pt; line-height: 1.3; }
.doc-header td.vv { font-size: 12.5pt; padding: 6pt 6pt 0; line-height: 1.2; }
.doc-header .qh { font-size: 12.5pt; font-weight: bold; white-space: nowrap; }
.doc-header .tn { font-size: 13.5pt; font-weight: bold; }
.doc-header .tn span { display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; }
.doc-header td.date { font-style: italic; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 1.27cm; }
.keep { page-break-inside: avoid; break-inside: avoid; }
.sign { width: 100%; border-collapse: collapse; margin-top: 12pt; page-break-inside: avoid; break-inside: avoid; }
.sign td { vertical-align: top; padding: 0; }
.sign td.recipients { width: 50%; font-size: 11pt; }
.sign td.recipients .lbl { font-size: 12pt; font-weight: bold; font-style: italic; }
.sign td.signer { width: 50%; text-align: center; font-weight: bold; }
.sign .space { height: 26mm; }
`;

export function signatureHtml(o: {
  authority: string | null;
  title: string;
  name: string;
  recipients: string[];
}): string {
  return `<table class="sign"><tr>
<td class="recipients"><div class="lbl">Nơi nhận:</div>${o.recipients.map((r) => `<div>${esc(r)}</div>`).join('')}</td>
<td class="signer">${o.authority ? `<div>${esc(o.authority)}</div>` : ''}<div>${esc(o.title)}</div><div class="space"></div><div>${esc(o.name)}</div></td>
</tr></table>`;
}
