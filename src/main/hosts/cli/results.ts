/** `bdg status`, `consolidate`, `export`: who has sent, the consolidated figures, the ministry report. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { formatDate } from '../../../shared/text/vi';
import { call, intArg, UsageError, type Command } from './args';

const STATUS_LABEL = {
  missing: 'chưa gửi',
  returned: 'đã gửi, cần gửi lại',
  on_time: 'đúng hạn',
  late: 'muộn',
  history: 'nhập bổ sung (không xét hạn)',
} as const;

export const status: Command = async ({ ctx, o, print }) => {
  const periodId = intArg(o.period, 'period')!;
  const s = await call(ctx, 'status.get', { periodId });
  print(
    {
      expected: s.expected,
      received: s.received,
      onTime: s.onTime,
      late: s.late,
      missing: s.missing,
      returned: s.returned,
      history: s.history,
      byKind: s.byKind,
      units: s.units.map((u) => ({
        unit: u.unit,
        name: u.name,
        status: u.status,
        receivedAt: u.receivedAt,
        revision: u.revision,
        firstAttemptAt: u.firstAttemptAt ?? null,
        returnReason: u.returnReason ?? null,
      })),
    },
    `Phải báo cáo ${s.expected}, đã nhận ${s.received} (đúng hạn ${s.onTime}, muộn ${s.late}), chưa gửi ${s.missing}` +
      `${s.returned ? `, đã gửi nhưng cần gửi lại ${s.returned}` : ''}` +
      `${s.history ? `, nhập bổ sung không xét hạn ${s.history}` : ''}.\n` +
      s.units
        .map(
          (u) =>
            `${u.unit}\t${STATUS_LABEL[u.status]}\t${formatDate(u.receivedAt ?? u.firstAttemptAt)}\t${u.name}` +
            (u.returnReason ? `\t${u.returnReason}` : ''),
        )
        .join('\n'),
  );
  return 0;
};

export const consolidate: Command = async ({ ctx, o, print }) => {
  const periodId = intArg(o.period, 'period')!;
  const c = await call(ctx, 'consolidation.get', { periodId });
  print(
    c,
    `Đã tổng hợp ${c.values.length} ô số liệu, ${c.indicators.filter((i) => i.value !== null).length}/${c.indicators.length} chỉ tiêu tính được; ${c.reporting.received}/${c.reporting.expected} đơn vị đã báo cáo.`,
  );
  return 0;
};

export const exportCommand: Command = async (env) => {
  const { ctx, o, print } = env;
  const periodId = intArg(o.period, 'period')!;
  if (!o.out) throw new UsageError('Thiếu tùy chọn --out (tệp .xlsx sẽ ghi).');
  if (o.into !== undefined || o.layout !== undefined) return exportAppendix(periodId, env);
  const r = await call(ctx, 'reports.workbook', {
    periodId,
    ...(o['include-sensitive'] ? { includeSensitive: true } : {}),
    ...(o['doc-number'] ? { docNumber: o['doc-number'] } : {}),
  });
  const out = resolve(o.out);
  writeFileSync(out, r.bytes);
  print({ path: out, bytes: r.bytes.byteLength }, `Đã ghi báo cáo tổng hợp vào ${out}.`);
  return 0;
};

/** `export --into BLANK.xlsx --layout ID --out FILLED.xlsx`: the ministry's blank appendix filled (issue 17). */
async function exportAppendix(periodId: number, { ctx, o, print }: Parameters<Command>[0]): Promise<number> {
  if (!o.into) throw new UsageError('Thiếu tùy chọn --into (tệp phụ lục trống của Bộ, .xlsx).');
  const layoutId = intArg(o.layout, 'layout')!;
  const into = resolve(o.into);
  let bytes: Buffer;
  try {
    bytes = readFileSync(into);
  } catch {
    throw new UsageError(`Không đọc được tệp "${into}".`);
  }
  const r = await call(ctx, 'reports.fillAppendix', {
    periodId,
    layoutId,
    file: { name: basename(into), bytes: new Uint8Array(bytes) },
  });
  const out = resolve(o.out!);
  writeFileSync(out, r.bytes);
  print(
    { path: out, bytes: r.bytes.byteLength, filled: r.filled, empty: r.empty },
    `Đã ghi ${r.filled} ô số liệu vào bản sao phụ lục ${out}` +
      (r.empty ? `; ${r.empty} ô chưa có số liệu trong kỳ (để nguyên như bản trống).` : '.'),
  );
  return 0;
}
