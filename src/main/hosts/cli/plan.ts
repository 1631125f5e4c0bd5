/** `bdg plan import|list`: the year's plan (Kế hoạch năm) and its tasks. */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { call, intArg, UsageError, type Command } from './args';

export const plan: Command = async ({ ctx, o, sub, rest, print }) => {
  const year = intArg(o.year, 'year')!;
  if (sub === 'import') {
    const file = rest[0];
    if (!file) throw new UsageError('Thiếu tệp kế hoạch: bdg plan import --db F --year YYYY KE_HOACH.xlsx');
    if (!existsSync(file)) throw new UsageError(`Không tìm thấy tệp "${file}".`);
    const r = await call(ctx, 'plan.import', {
      year,
      file: { name: basename(file), bytes: readFileSync(file) },
      ...(o['dry-run'] ? { dryRun: true } : {}),
    });
    const human =
      `${r.dryRun ? 'Thử nhập (chưa ghi): ' : 'Đã nhập '}${r.tasks} nhiệm vụ, ${r.assignments} lượt giao cho đơn vị.` +
      (r.unmatched.length
        ? `\nCó ${r.unmatched.length} tên đơn vị chưa khớp danh sách (cần chọn trên màn hình Kế hoạch):\n` +
          r.unmatched.map((u) => `  - Dòng ${u.row}: ${u.text}`).join('\n')
        : '') +
      (r.errors.length ? '\n' + r.errors.map((e) => `  ! Dòng ${e.row}: ${e.message}`).join('\n') : '');
    print({ tasks: r.tasks, assignments: r.assignments, unmatched: r.unmatched, errors: r.errors }, human);
    return 0;
  }
  const p = await call(ctx, 'plan.get', { year });
  print(
    {
      tasks: p.tasks.map((x) => ({
        id: x.id,
        section: x.section,
        title: x.title,
        lead: x.lead.map((u) => u.code),
        partners: x.partners.map((u) => u.code),
        due: x.due,
      })),
    },
    p.tasks.length
      ? p.tasks.map((x) => `${x.id}\t${x.stt ?? ''}\t${x.title}\t${x.lead.map((u) => u.code).join(', ')}`).join('\n')
      : `Năm ${year} chưa có kế hoạch.`,
  );
  return 0;
};
