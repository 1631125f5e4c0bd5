/**
 * The HTML (print/preview) of an OfficialDocument: the same model the .docx is written from (docx/build.ts), so
 * the letter on screen and the Word file say the same thing. Appendices are not rendered here (the report's
 * print view is print-html.ts).
 */
import { CSP, DOC_CSS, docHeaderHtml, esc, signatureHtml } from './html';
import type { Block, OfficialDocument, Run } from './docx/build';

const LETTER_CSS = `
.kg { margin: 12pt 0 10pt; }
.kg.one { text-align: center; }
.kg .lbl { margin-left: 30mm; }
.kg .to { margin-left: 52mm; }
.kind { text-align: center; font-weight: bold; font-size: 14pt; margin-top: 14pt; }
.summary { text-align: center; font-weight: bold; font-size: 14pt; }
.summary-rule { width: 30mm; margin: 2pt auto 8pt; border-top: 0.75pt solid #000; }
.restricted { display: table; margin: 6pt auto; border: 1pt solid #000; padding: 2pt 8pt; font-weight: bold; font-size: 13pt; }
h3 { font-size: 13pt; margin: 6pt 0; text-indent: 1.27cm; }
h4 { font-size: 13pt; margin: 0 0 6pt; text-indent: 1.27cm; }
h4.i { font-weight: normal; font-style: italic; }
`;

function runsHtml(rs: readonly Run[]): string {
  return rs
    .map((r) => {
      if (typeof r === 'string') return esc(r);
      let h = esc(r.text);
      if (r.bold) h = `<b>${h}</b>`;
      if (r.italic) h = `<i>${h}</i>`;
      return h;
    })
    .join('');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'subheading':
      return `<h4${b.italic ? ' class="i"' : ''}>${esc(b.text)}</h4>`;
    case 'para':
      return `<p>${runsHtml(b.runs)}</p>`;
    case 'table':
      return `<table class="data"><thead><tr>${b.table.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead><tbody>${b.table.rows
        .map((r) => `<tr>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

export function letterHtml(d: OfficialDocument): string {
  const kg =
    d.kinhGui.length === 0
      ? ''
      : d.kinhGui.length === 1
        ? `<div class="kg one">Kính gửi: ${esc(d.kinhGui[0]!.replace(/[.;]+$/, ''))}.</div>`
        : `<div class="kg"><div class="lbl">Kính gửi:</div>${d.kinhGui
            .map(
              (n, i) =>
                `<div class="to">- ${esc(n.replace(/[.;]+$/, ''))}${i === d.kinhGui.length - 1 ? '.' : ';'}</div>`,
            )
            .join('')}</div>`;
  const body = [...d.body];
  const last = body.length - 1;
  const lastBlock = body[last];
  if (lastBlock?.kind === 'para') {
    const rs = lastBlock.runs;
    const tail = rs[rs.length - 1];
    const text = typeof tail === 'string' ? tail : (tail?.text ?? '');
    if (!/\.\/\.$/.test(text.trim())) {
      const closed = `${text.replace(/[.\s]+$/, '')}./.`;
      body[last] = {
        kind: 'para',
        runs: [...rs.slice(0, -1), typeof tail === 'object' ? { ...tail, text: closed } : closed],
      };
    }
  }
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<title>${esc(d.title)}</title>
<style>${DOC_CSS}${LETTER_CSS}</style></head><body>
${docHeaderHtml({
  agencyParent: d.header.parent,
  agencyName: d.header.name,
  numberLine: d.header.numberLine,
  dateLine: d.header.dateLine,
  ...(d.header.vv ? { summary: d.header.vv } : {}),
})}
${d.restricted ? `<div class="restricted">${esc(d.restricted.toLocaleUpperCase('vi'))}</div>` : ''}
${d.kind ? `<div class="kind">${esc(d.kind.toLocaleUpperCase('vi'))}</div>${d.summary ? `<div class="summary">${esc(d.summary)}</div>` : ''}<div class="summary-rule"></div>` : ''}
${kg}
${body.map(blockHtml).join('\n')}
${signatureHtml({ ...d.signer, recipients: d.recipients })}
</body></html>`;
}

/** The document as plain text (clipboard, e-mail body): the header lines, Kính gửi, the body, signer, Nơi nhận. */
export function letterText(d: OfficialDocument): string {
  const runText = (rs: readonly Run[]) => rs.map((r) => (typeof r === 'string' ? r : r.text)).join('');
  const kg =
    d.kinhGui.length === 1
      ? [`Kính gửi: ${d.kinhGui[0]!.replace(/[.;]+$/, '')}.`]
      : d.kinhGui.length > 1
        ? [
            'Kính gửi:',
            ...d.kinhGui.map((n, i) => `- ${n.replace(/[.;]+$/, '')}${i === d.kinhGui.length - 1 ? '.' : ';'}`),
          ]
        : [];
  const body = d.body.map((b) =>
    b.kind === 'para'
      ? runText(b.runs)
      : b.kind === 'table'
        ? b.table.rows.map((r) => r.cells.join('\t')).join('\n')
        : b.text,
  );
  if (body.length > 0 && !/\.\/\.$/.test(body[body.length - 1]!)) {
    body[body.length - 1] = `${body[body.length - 1]!.replace(/[.\s]+$/, '')}./.`;
  }
  return [
    ...(d.header.parent.trim() ? [d.header.parent.toLocaleUpperCase('vi')] : []),
    d.header.name.toLocaleUpperCase('vi'),
    d.header.numberLine,
    ...(d.header.vv ? [d.header.vv] : []),
    '',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    d.header.dateLine,
    '',
    ...(d.restricted ? [d.restricted.toLocaleUpperCase('vi'), ''] : []),
    ...(d.kind ? [d.kind.toLocaleUpperCase('vi'), ...(d.summary ? [d.summary] : []), ''] : []),
    ...kg,
    '',
    ...body,
    '',
    ...(d.signer.authority ? [d.signer.authority] : []),
    d.signer.title,
    '',
    d.signer.name,
    '',
    'Nơi nhận:',
    ...d.recipients,
  ].join('\n');
}
