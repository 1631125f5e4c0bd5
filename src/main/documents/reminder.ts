/**
 * Văn bản đôn đốc (a công văn, NĐ 30/2020): asks the units that have not sent their report to send it.
 * A công văn has no type name; its trích yếu "V/v …" sits under the number. Returned as HTML (print/preview)
 * and as plain text (clipboard, e-mail body).
 */
import type { Settings } from '../../shared/contract/app';
import type { UnitStatusRow } from '../../shared/domain/report';
import { formatDate } from '../../shared/text/vi';
import { CSP, DOC_CSS, docHeaderHtml, esc, signatureHtml } from './html';
import { fillNumber, placeDateLine, recipientLines, signerLines, type ReportModel } from './model';

export interface ReminderInput {
  settings: Settings;
  period: ReportModel['period'];
  missing: UnitStatusRow[];
  today: string;
  newDeadline?: string;
  docNumber?: string;
}

/** "{so}/BC-BVSTBPN" → "{so}/BVSTBPN": a công văn carries no type code (NĐ 30, Phụ lục III). */
export function congVanNumberLine(pattern: string, docNumber?: string): string {
  const p = (pattern.trim() || '{so}').replace(/\/(BC|KH|QĐ|TB|HD|TTr|CTr|BB|GM)-/u, '/');
  const no = docNumber?.trim() || '……';
  return `Số: ${p.includes('{so}') ? fillNumber(p, no) : `${no}/${p}`}`;
}

export function buildReminder(input: ReminderInput): { title: string; text: string; html: string } {
  const { settings: s, period, missing, today } = input;
  const phrase = period.label.charAt(0).toLocaleLowerCase('vi') + period.label.slice(1);
  const vv = `V/v đôn đốc gửi báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${phrase}`;
  const numberLine = congVanNumberLine(s.docNumberPattern, input.docNumber);
  const dateLine = placeDateLine(s.placeName, today);
  const names = missing.map((u) => u.name);
  const kinhGui = names.length === 1 ? [`Kính gửi: ${names[0]}.`] : ['Kính gửi:', ...names.map((n) => `- ${n};`)];
  if (names.length > 1) kinhGui[kinhGui.length - 1] = kinhGui[kinhGui.length - 1]!.replace(/;$/, '.');
  const deadline = formatDate(period.deadline);
  const due = input.newDeadline ? `trước ngày ${formatDate(input.newDeadline)}` : 'trong thời gian sớm nhất';
  const body = [
    `Thực hiện chế độ báo cáo về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ, ${s.agencyName || 'Ban Vì sự tiến bộ phụ nữ'} ` +
      `đã đề nghị các cơ quan, đơn vị gửi báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${phrase} ` +
      `(số liệu tính từ ngày ${formatDate(period.dataFrom)} đến ngày ${formatDate(period.dataTo)}) trước ngày ${deadline}.`,
    `Đến ngày ${formatDate(today)}, ${names.length === 1 ? 'cơ quan, đơn vị' : `${names.length} cơ quan, đơn vị`} nêu trên chưa gửi báo cáo. ` +
      `Để kịp tổng hợp, báo cáo cấp có thẩm quyền theo quy định, ${s.agencyName || 'Ban Vì sự tiến bộ phụ nữ'} đề nghị ` +
      `${names.length === 1 ? 'quý cơ quan, đơn vị' : 'các cơ quan, đơn vị'} khẩn trương hoàn thành và gửi báo cáo (theo đúng mẫu biểu đã gửi kèm) ${due}.`,
    s.officer.trim()
      ? `Thông tin chi tiết xin liên hệ: ${s.officer.trim()}, ${s.agencyName || 'Ban Vì sự tiến bộ phụ nữ'}.`
      : `Thông tin chi tiết xin liên hệ bộ phận thường trực ${s.agencyName || 'Ban Vì sự tiến bộ phụ nữ'}.`,
    `${s.agencyName || 'Ban Vì sự tiến bộ phụ nữ'} đề nghị ${names.length === 1 ? 'quý cơ quan, đơn vị' : 'các cơ quan, đơn vị'} quan tâm, phối hợp thực hiện./.`,
  ];
  const sig = signerLines(s.signer);
  const recipients = recipientLines(['Như trên', ...s.recipients.filter((r) => !/^-?\s*như trên/i.test(r))]);
  const title = `Đôn đốc gửi báo cáo ${phrase}`;

  const text = [
    s.agencyParent.toLocaleUpperCase('vi'),
    s.agencyName.toLocaleUpperCase('vi'),
    numberLine,
    vv,
    '',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    dateLine,
    '',
    ...kinhGui,
    '',
    ...body,
    '',
    ...(sig.authority ? [sig.authority] : []),
    sig.title,
    '',
    sig.name,
    '',
    'Nơi nhận:',
    ...recipients,
  ].join('\n');

  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<title>${esc(title)}</title>
<style>${DOC_CSS}
.kg { margin: 14pt 0 10pt; text-align: center; }
.kg ul { list-style: none; margin: 0; padding: 0; display: inline-block; text-align: left; }
</style></head><body>
${docHeaderHtml({ agencyParent: s.agencyParent, agencyName: s.agencyName, numberLine, dateLine, summary: vv })}
<div class="kg">${
    names.length === 1
      ? `Kính gửi: ${esc(names[0])}.`
      : `<span style="vertical-align:top">Kính gửi:</span> <ul>${kinhGui
          .slice(1)
          .map((l) => `<li>${esc(l)}</li>`)
          .join('')}</ul>`
  }</div>
${body.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${signatureHtml({ ...sig, recipients })}
</body></html>`;
  return { title, text, html };
}
