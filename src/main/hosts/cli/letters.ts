/** `bdg report docx`, `reminder`, `feedback`: the Word and HTML documents, written to --out. */
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { call, dateArg, intArg, UsageError, type Command } from './args';

function outPath(out: string | undefined, allowed: string[]): { path: string; ext: string } {
  if (!out) throw new UsageError(`Thiếu tùy chọn --out (tệp ${allowed.join(' hoặc ')} sẽ ghi).`);
  const ext = extname(out).toLowerCase();
  if (!allowed.includes(ext)) {
    throw new UsageError(`--out phải là tệp ${allowed.join(' hoặc ')} (nhận được "${out}").`);
  }
  return { path: resolve(out), ext };
}

export const report: Command = async ({ ctx, o, sub, print }) => {
  if (sub !== 'docx') throw new UsageError('Lệnh report cần: docx.');
  if (o.template) throw new UsageError('--template (mẫu Word riêng) chưa được hỗ trợ; bỏ tùy chọn này.');
  const periodId = intArg(o.period, 'period')!;
  const { path } = outPath(o.out, ['.docx']);
  const r = await call(ctx, 'reports.docx', {
    periodId,
    ...(o['include-sensitive'] ? { includeSensitive: true } : {}),
    ...(o['doc-number'] ? { docNumber: o['doc-number'] } : {}),
  });
  writeFileSync(path, r.bytes);
  print({ path, bytes: r.bytes.byteLength }, `Đã ghi dự thảo báo cáo vào ${path}.`);
  return 0;
};

export const reminder: Command = async ({ ctx, o, print }) => {
  const periodId = intArg(o.period, 'period')!;
  const { path, ext } = outPath(o.out, ['.docx', '.html']);
  const newDeadline = dateArg(o['new-deadline'], 'new-deadline');
  const input = {
    periodId,
    ...(newDeadline ? { newDeadline } : {}),
    ...(o['doc-number'] ? { docNumber: o['doc-number'] } : {}),
  };
  const r = await call(ctx, 'reports.reminder', input);
  if (ext === '.docx') writeFileSync(path, (await call(ctx, 'reports.reminderDocx', input)).bytes);
  else writeFileSync(path, r.html, 'utf8');
  print(
    { path, units: r.units, emails: r.emails.map((e) => e.email), message: r.message },
    r.units
      ? `Đã ghi văn bản đôn đốc ${r.units} đơn vị vào ${path}.`
      : `Tất cả đơn vị đã gửi báo cáo; vẫn ghi văn bản vào ${path}.`,
  );
  return 0;
};

export const feedback: Command = async ({ ctx, o, print }) => {
  const id = intArg(o.entry, 'entry')!;
  const { path, ext } = outPath(o.out, ['.docx', '.html']);
  const r = await call(ctx, 'inbox.feedback', { id, format: ext === '.docx' ? 'docx' : 'html' });
  writeFileSync(path, r.bytes);
  print({ path, email: r.email, message: r.message }, `Đã ghi phiếu phản hồi vào ${path}.\n\n${r.message}`);
  return 0;
};
