/**
 * Văn bản đôn đốc (a công văn, NĐ 30/2020): asks the units that have not sent their report to send it, and those
 * whose files were refused to send them again (with the reason). A công văn has no type name; its trích yếu
 * "V/v …" sits under the number. One model (an OfficialDocument) gives the HTML (print/preview), the .docx and
 * the plain text (clipboard), plus a short message for Zalo and the units' e-mail addresses.
 */
import type { Settings } from '../../shared/contract/app';
import type { UnitKind } from '../../shared/domain/catalog';
import type { UnitStatusRow } from '../../shared/domain/report';
import { compareVi, formatDate } from '../../shared/text/vi';
import { buildDocx, type Block, type OfficialDocument } from './docx/build';
import { agencyInSentence, congVanNumberLine as numberLine, contactPhrase, noiNhanLines } from './docx/text';
import { letterHtml, letterText } from './letter-html';
import { periodPhrase, placeDateLine, signerLines, type ReportModel } from './model';

export interface ReminderInput {
  settings: Settings;
  period: ReportModel['period'];
  /** units with nothing received */
  missing: UnitStatusRow[];
  /** units whose files were all refused (status 'returned', with returnReason) */
  returned?: UnitStatusRow[];
  today: string;
  newDeadline?: string;
  docNumber?: string;
}

export interface Reminder {
  title: string;
  text: string;
  html: string;
  /** a short message to paste into Zalo or an e-mail */
  message: string;
  /** the e-mail addresses of the units the letter names */
  emails: Array<{ unit: string; name: string; email: string }>;
  document: OfficialDocument;
}

/** "{so}/BC-BVSTBPN" → "Số: 231/BVSTBPN-VP": a công văn carries no type code (NĐ 30, Phụ lục III). */
export function congVanNumberLine(pattern: string, docNumber?: string, draftingUnit = ''): string {
  return numberLine(pattern, draftingUnit, docNumber);
}

const KIND_ORDER: UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];
/** the group's name as a recipient after "Kính gửi:" */
const KIND_RECIPIENT: Record<UnitKind, string> = {
  so_nganh: 'Các sở, ban, ngành tỉnh',
  doan_the: 'Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh',
  xa: 'UBND các xã, phường, đặc khu',
  khac: 'Các cơ quan, đơn vị khác',
};
/** the group's name heading its list inside the body */
const KIND_LIST: Record<UnitKind, string> = {
  so_nganh: 'Sở, ban, ngành',
  doan_the: 'Đoàn thể',
  xa: 'Cấp xã',
  khac: 'Đơn vị khác',
};

/** units by kind (sở, ban, ngành / đoàn thể / cấp xã / khác), each group sorted by name */
export function groupByKind(units: readonly UnitStatusRow[]): Array<{ kind: UnitKind; units: UnitStatusRow[] }> {
  return KIND_ORDER.map((kind) => ({
    kind,
    units: units.filter((u) => u.kind === kind).sort((a, b) => compareVi(a.name, b.name)),
  })).filter((g) => g.units.length > 0);
}

/** up to this many units are named one by one after "Kính gửi:"; more are named by their groups */
const NAMED_RECIPIENTS = 6;

export function reminderDocument(input: ReminderInput): OfficialDocument {
  const { settings: s, period, today } = input;
  const missing = input.missing;
  const returned = input.returned ?? [];
  const all = [...missing, ...returned];
  const phrase = periodPhrase(period.label);
  const agency = agencyInSentence(s);
  const groups = groupByKind(all);
  const kinhGui =
    all.length <= NAMED_RECIPIENTS
      ? groups.flatMap((g) => g.units.map((u) => u.name))
      : groups.map((g) => KIND_RECIPIENT[g.kind]);
  const they = all.length === 1 ? 'quý cơ quan, đơn vị' : 'các cơ quan, đơn vị';
  const due = input.newDeadline ? `trước ngày ${formatDate(input.newDeadline)}` : 'trong thời gian sớm nhất';
  const body: Block[] = [
    {
      kind: 'para',
      runs: [
        `Thực hiện chế độ báo cáo về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ, ${agency} đã đề nghị ` +
          `các cơ quan, đơn vị gửi báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ` +
          `${phrase} (số liệu tính từ ngày ${formatDate(period.dataFrom)} đến ngày ${formatDate(period.dataTo)}) ` +
          `trước ngày ${formatDate(period.deadline)}.`,
      ],
    },
  ];
  if (missing.length > 0) {
    body.push({
      kind: 'para',
      runs: [
        `Đến ngày ${formatDate(today)}, ${missing.length === 1 ? 'cơ quan, đơn vị sau' : `${missing.length} cơ quan, đơn vị sau`} chưa gửi báo cáo:`,
      ],
    });
    for (const g of groupByKind(missing)) {
      body.push({
        kind: 'para',
        runs: [
          { text: `- ${KIND_LIST[g.kind]} (${g.units.length}): `, italic: true },
          `${g.units.map((u) => u.name).join(', ')}.`,
        ],
      });
    }
  }
  if (returned.length > 0) {
    body.push({
      kind: 'para',
      runs: [
        `${returned.length === 1 ? 'Cơ quan, đơn vị sau' : `${returned.length} cơ quan, đơn vị sau`} đã gửi báo cáo nhưng ` +
          'báo cáo chưa đúng mẫu hoặc còn lỗi, đề nghị kiểm tra, sửa và gửi lại:',
      ],
    });
    for (const g of groupByKind(returned)) {
      for (const u of g.units) {
        const reason = u.returnReason?.trim().replace(/[.\s]+$/, '');
        body.push({ kind: 'para', runs: [`- ${u.name}${reason ? `: ${reason}` : ''}.`] });
      }
    }
  }
  body.push({
    kind: 'para',
    runs: [
      `Để kịp tổng hợp, báo cáo cấp có thẩm quyền theo quy định, ${agency} đề nghị ${they} khẩn trương hoàn thành ` +
        `và gửi báo cáo (theo đúng mẫu biểu đã gửi kèm) ${due}.`,
    ],
  });
  const contact = contactPhrase(s);
  const officer = s.officer.trim() && s.officer.trim() !== 'Cán bộ thường trực' ? s.officer.trim() : '';
  body.push({
    kind: 'para',
    runs: [
      officer
        ? `Thông tin chi tiết xin liên hệ: ${officer}, ${agency}${contact ? `; ${contact}` : ''}.`
        : `Thông tin chi tiết xin liên hệ bộ phận thường trực ${agency}${contact ? `; ${contact}` : ''}.`,
    ],
  });
  body.push({ kind: 'para', runs: [`${agency} đề nghị ${they} quan tâm, phối hợp thực hiện./.`] });
  return {
    title: `Đôn đốc gửi báo cáo ${phrase}`,
    header: {
      parent: s.agencyParent,
      name: s.agencyName,
      numberLine: numberLine(s.docNumberPattern, s.draftingUnit ?? '', input.docNumber),
      dateLine: placeDateLine(s.placeName, today),
      vv: `V/v đôn đốc gửi báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${phrase}`,
    },
    kinhGui,
    body,
    signer: signerLines(s.signer),
    recipients: noiNhanLines(s.reminderRecipients ?? [], s.draftingUnit ?? ''),
  };
}

/** The short message for Zalo/e-mail: who, what, by when, whom to call. */
export function reminderMessage(input: ReminderInput): string {
  const { settings: s, period } = input;
  const phrase = periodPhrase(period.label);
  const agency = agencyInSentence(s);
  const due = input.newDeadline ? `trước ngày ${formatDate(input.newDeadline)}` : 'trong thời gian sớm nhất';
  const lines = [
    `${agency} đề nghị các đơn vị chưa gửi báo cáo công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${phrase} gửi báo cáo ${due} (hạn ban đầu: ${formatDate(period.deadline)}).`,
  ];
  if (input.missing.length > 0) lines.push(`Chưa gửi: ${input.missing.map((u) => u.name).join(', ')}.`);
  const returned = input.returned ?? [];
  if (returned.length > 0) {
    lines.push(
      `Cần gửi lại: ${returned.map((u) => `${u.name}${u.returnReason ? ` (${u.returnReason.replace(/[.\s]+$/, '')})` : ''}`).join('; ')}.`,
    );
  }
  const contact = contactPhrase(s);
  const who = s.officer.trim() && s.officer.trim() !== 'Cán bộ thường trực' ? s.officer.trim() : '';
  if (who || contact) lines.push(`Liên hệ: ${[who, contact].filter(Boolean).join(', ')}.`);
  return lines.join('\n');
}

export function buildReminder(input: ReminderInput): Reminder {
  const document = reminderDocument(input);
  const all = [...input.missing, ...(input.returned ?? [])];
  const emails = groupByKind(all)
    .flatMap((g) => g.units)
    .filter((u) => u.email?.trim())
    .map((u) => ({ unit: u.unit, name: u.name, email: u.email!.trim() }));
  return {
    title: document.title,
    text: letterText(document),
    html: letterHtml(document),
    message: reminderMessage(input),
    emails,
    document,
  };
}

export function reminderDocx(input: ReminderInput): Promise<Uint8Array> {
  return buildDocx(reminderDocument(input));
}
