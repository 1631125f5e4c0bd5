/** `bdg inbox` (the period's inbox) and `bdg submission enter | withdraw | set-received`, through dispatch. */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { InboxEntry } from '../../../shared/contract/inbox';
import { formatDate } from '../../../shared/text/vi';
import { call, CliFailure, dateArg, intArg, jsonErrorWhere, UsageError, type Command } from './args';

const STATUS = {
  accepted: 'đã nhận',
  unchanged: 'trùng bản đã nhận',
  rejected: 'bị từ chối',
  unidentified: 'chưa rõ đơn vị',
  duplicate: 'trùng đơn vị trong đợt',
  withdrawn: 'đã rút',
} as const;
const CHANNEL = { file: 'tệp', paper: 'giấy', scan: 'bản scan' } as const;
const PAGE = 500;

export const inbox: Command = async ({ ctx, o, print }) => {
  const periodId = intArg(o.period, 'period')!;
  const entries: InboxEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await call(ctx, 'inbox.list', { periodId, offset, limit: PAGE });
    entries.push(...page.entries);
    if (entries.length >= page.total || !page.entries.length) break;
  }
  const out = entries.map((e) => ({
    id: e.id,
    file: e.file,
    receivedAt: e.receivedAt,
    channel: e.channel,
    status: e.status,
    unit: e.unit,
    revision: e.revision,
    errors: e.errors,
    warnings: e.warnings,
    unitName: e.unitName,
    via: e.via,
    at: e.at,
    submissionId: e.submissionId,
    hasOriginal: e.hasOriginal,
    note: e.note,
    assignedEntryId: e.assignedEntryId ?? null,
  }));
  const lines = entries.map((e) =>
    [
      `#${e.id}\t${formatDate(e.receivedAt)}\t${CHANNEL[e.channel]}\t${STATUS[e.status]}\t${e.unit ?? '?'}\t${e.file ?? '(nhập tay)'}`,
      ...e.errors.map((x) => `    - ${x.message}`),
      ...(e.note ? [`    ✎ ${e.note}`] : []),
    ].join('\n'),
  );
  print({ entries: out }, entries.length ? lines.join('\n') : 'Hộp thư đến của kỳ này chưa có gì.');
  return 0;
};

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch {
    throw new UsageError(`Không đọc được tệp "${path}".`);
  }
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    const where = jsonErrorWhere(body, e);
    throw new UsageError(
      `Tệp "${path}" không phải JSON hợp lệ${where ? `: ${where}` : ''}. Hãy kiểm tra dấu phẩy, dấu ngoặc và dấu ` +
        'nháy kép quanh mỗi tên (ví dụ {"TT_LUOT": {"total": 120, "female": 60}}).',
    );
  }
}

const reasonArg = (v: string | undefined): string => {
  const r = v?.trim();
  if (!r) throw new UsageError('Thiếu --reason "lý do" (bắt buộc, được ghi vào nhật ký).');
  return r;
};

const oneUnit = (u: string[] | undefined): string => {
  if (!u?.length || u.length > 1) throw new UsageError('Cần đúng một --unit MÃ_ĐƠN_VỊ.');
  return u[0]!;
};

export const submission: Command = async ({ ctx, o, sub, print }) => {
  if (sub === 'enter') {
    const periodId = intArg(o.period, 'period')!;
    const unitCode = oneUnit(o.unit);
    if (!o.values) throw new UsageError('Thiếu --values VALUES.json (số liệu nhập từ báo cáo giấy).');
    const values = readJson(o.values);
    const receivedAt = dateArg(o['received-at'], 'received-at');
    if (o.channel !== undefined && o.channel !== 'paper' && o.channel !== 'scan')
      throw new UsageError(`--channel chỉ nhận paper hoặc scan (nhận được "${o.channel}").`);
    let scan: { name: string; bytes: Uint8Array } | undefined;
    if (o.scan) {
      try {
        scan = { name: basename(o.scan), bytes: readFileSync(resolve(o.scan)) };
      } catch {
        throw new UsageError(`Không đọc được bản scan "${o.scan}".`);
      }
    }
    const r = await call(ctx, 'submissions.enter', {
      periodId,
      unitCode,
      values,
      ...(scan ? { scan } : {}),
      ...(o.channel ? { channel: o.channel } : {}),
      ...(receivedAt ? { receivedAt } : {}),
      ...(o['received-reason']?.trim() ? { receivedReason: o['received-reason'].trim() } : {}),
      ...(o['allow-blanking'] ? { allowBlanking: true } : {}),
    });
    const head = r.status === 'accepted' ? `ĐÃ NHẬN lần gửi thứ ${r.revision}` : 'BỊ TỪ CHỐI';
    print(
      r,
      [
        `${head}  báo cáo ${scan ? 'bản scan' : 'giấy'} của ${r.unitName ?? unitCode} (${unitCode}), mục số ${r.entryId}`,
        ...r.errors.map((e) => `    - ${e.message}`),
        ...r.warnings.map((w) => `    ! ${w.message}`),
      ].join('\n'),
    );
    return 0;
  }
  if (sub === 'withdraw') {
    const periodId = intArg(o.period, 'period')!;
    const unitCode = oneUnit(o.unit);
    const r = await call(ctx, 'submissions.withdraw', { periodId, unitCode, reason: reasonArg(o.reason) });
    print(
      r,
      r.revision === null
        ? `Đã rút báo cáo của ${r.unit}; đơn vị trở lại "chưa nộp".`
        : `Đã rút báo cáo của ${r.unit}; lần gửi thứ ${r.revision} có hiệu lực trở lại.`,
    );
    return 0;
  }
  if (sub === 'set-received') {
    const id = intArg(o.id, 'id')!;
    const receivedAt = dateArg(o['received-at'], 'received-at');
    if (!receivedAt) throw new UsageError('Thiếu --received-at YYYY-MM-DD (ngày nhận đúng).');
    const r = await call(ctx, 'submissions.setReceived', { id, receivedAt, reason: reasonArg(o.reason) });
    print(r, `Đã sửa ngày nhận của báo cáo số ${r.id}: ${formatDate(r.previous)} → ${formatDate(r.receivedAt)}.`);
    return 0;
  }
  throw new CliFailure(`Không có lệnh "submission ${sub ?? ''}".`);
};
