/**
 * Phiếu phản hồi (issue 14): the short letter to a unit whose file was refused — what was received and when,
 * what is wrong in plain Vietnamese (the entry's own error messages), what to do, whom to call — as HTML
 * (print) and .docx (the shared machinery), plus the same content as a plain message for Zalo or an e-mail.
 */
import type { Settings } from '../../shared/contract/app';
import { formatDate, formatDateTime } from '../../shared/text/vi';
import { buildDocx, type Block, type OfficialDocument } from './docx/build';
import { agencyInSentence, congVanNumberLine, contactPhrase, noiNhanLines } from './docx/text';
import { letterHtml } from './letter-html';
import { periodPhrase, placeDateLine, signerLines, type ReportModel } from './model';

export interface FeedbackInput {
  settings: Settings;
  period: ReportModel['period'];
  unit: { code: string; name: string; email: string | null };
  entry: {
    id: number;
    fileName: string;
    /** when the file was received (the receipt date, else the time it was read) */
    receivedAt: string;
    status: string;
    errors: Array<{ code: string; message: string }>;
    warnings: Array<{ code: string; message: string }>;
  };
  today: string;
  docNumber?: string;
}

const clean = (m: string) => m.trim().replace(/[.\s]+$/, '');

function receivedText(at: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? `ngày ${formatDate(at)}` : `lúc ${formatDateTime(at)}`;
}

function reasons(input: FeedbackInput): string[] {
  const rs = input.entry.errors.map((e) => clean(e.message)).filter(Boolean);
  if (rs.length > 0) return rs;
  if (input.entry.status === 'duplicate') {
    return ['Trong cùng một lần gửi có hai tệp báo cáo của đơn vị, chưa rõ tệp nào là bản chính thức'];
  }
  return ['Tệp chưa đúng mẫu biểu của kỳ báo cáo'];
}

export function feedbackDocument(input: FeedbackInput): OfficialDocument {
  const s = input.settings;
  const agency = agencyInSentence(s);
  const phrase = periodPhrase(input.period.label);
  const unit = input.unit.name;
  const deadlinePassed = input.today > input.period.deadline;
  const body: Block[] = [
    {
      kind: 'para',
      runs: [
        `${agency} đã nhận tệp báo cáo “${input.entry.fileName}” của ${unit} ${receivedText(input.entry.receivedAt)} ` +
          `(báo cáo công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${phrase}). Báo cáo chưa được tiếp nhận vì:`,
      ],
    },
    ...reasons(input).map((r): Block => ({ kind: 'para', runs: [`- ${r}.`] })),
  ];
  const warnings = input.entry.warnings.map((w) => clean(w.message)).filter(Boolean);
  if (warnings.length > 0) {
    body.push({ kind: 'para', runs: ['Ngoài ra, đề nghị đơn vị xem lại:'] });
    for (const w of warnings) body.push({ kind: 'para', runs: [`- ${w}.`] });
  }
  body.push({
    kind: 'para',
    runs: [
      `Đề nghị ${unit} sửa các nội dung trên ngay trong mẫu biểu Excel đã được gửi (không đổi tên trang tính, ` +
        `không thêm, bớt dòng, cột), lưu lại và gửi lại toàn bộ tệp ` +
        (deadlinePassed ? 'trong thời gian sớm nhất' : `trước ngày ${formatDate(input.period.deadline)}`) +
        '. Báo cáo gửi lại sẽ được kiểm tra như lần đầu.',
    ],
  });
  const contact = contactPhrase(s);
  const officer = s.officer.trim() && s.officer.trim() !== 'Cán bộ thường trực' ? s.officer.trim() : '';
  body.push({
    kind: 'para',
    runs: [
      `Thông tin chi tiết xin liên hệ: ${officer ? `${officer}, ` : 'bộ phận thường trực '}${agency}${contact ? `; ${contact}` : ''}./.`,
    ],
  });
  return {
    title: `Phiếu phản hồi ${unit}`,
    header: {
      parent: s.agencyParent,
      name: s.agencyName,
      numberLine: congVanNumberLine(s.docNumberPattern, s.draftingUnit ?? '', input.docNumber),
      dateLine: placeDateLine(s.placeName, input.today),
      vv: `V/v đề nghị sửa và gửi lại báo cáo ${phrase}`,
    },
    kinhGui: [unit],
    body,
    signer: signerLines(s.signer),
    recipients: noiNhanLines([], s.draftingUnit ?? ''),
  };
}

/** The plain message for Zalo/e-mail: the file, the reasons, what to do, the contact. */
export function feedbackMessage(input: FeedbackInput): string {
  const s = input.settings;
  const lines = [
    `Kính gửi ${input.unit.name},`,
    `${agencyInSentence(s)} đã nhận tệp “${input.entry.fileName}” ${receivedText(input.entry.receivedAt)} nhưng chưa tiếp nhận được báo cáo ${periodPhrase(input.period.label)} vì:`,
    ...reasons(input).map((r) => `- ${r}.`),
    `Đề nghị đơn vị sửa trong mẫu biểu đã gửi và gửi lại ${input.today > input.period.deadline ? 'sớm nhất có thể' : `trước ngày ${formatDate(input.period.deadline)}`}.`,
  ];
  const contact = contactPhrase(s);
  const officer = s.officer.trim() && s.officer.trim() !== 'Cán bộ thường trực' ? s.officer.trim() : '';
  if (officer || contact) lines.push(`Liên hệ: ${[officer, contact].filter(Boolean).join(', ')}.`);
  return lines.join('\n');
}

export function feedbackHtml(input: FeedbackInput): string {
  return letterHtml(feedbackDocument(input));
}

export function feedbackDocx(input: FeedbackInput): Promise<Uint8Array> {
  return buildDocx(feedbackDocument(input));
}
