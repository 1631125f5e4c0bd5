/** `bdg layout suggest|save|list`: a province's own form mapped once (issue 17), then `import --layout ID`. */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { LayoutSuggestion } from '../../../shared/contract/layouts';
import { formatNumber } from '../../../shared/text/vi';
import { call, intArg, jsonErrorWhere, UsageError, type Command } from './args';

const COLUMN_NAMES = { total: 'Tổng số', female: 'Nữ', male: 'Nam', value: 'Giá trị' } as const;

export const layout: Command = async ({ ctx, o, sub, rest, print }) => {
  if (sub === 'suggest') {
    const file = rest[0];
    if (!file) throw new UsageError('Thiếu tệp Excel cần lập mẫu: bdg layout suggest --db F TỆP.xlsx');
    if (!existsSync(file)) throw new UsageError(`Không tìm thấy tệp "${file}".`);
    const s = await call(ctx, 'layouts.suggest', {
      file: { name: basename(file), bytes: readFileSync(file) },
      // --appendix: the ministry's blank appendix (its columns' roles, indicators among the rows' proposals)
      ...(o.appendix ? { purpose: 'appendix' } : {}),
    });
    // the preview is for the review screen; the CLI prints the layout itself (what `layout save --from` takes)
    const { preview: _preview, ...suggestion } = s;
    print(suggestion, human(s));
    return 0;
  }
  if (sub === 'save') {
    const name = o.name?.trim();
    if (!name) throw new UsageError('Thiếu tên mẫu biểu: bdg layout save --db F --name "Tên" --from MAU.json');
    if (!o.from)
      throw new UsageError('Thiếu tệp mẫu biểu (--from MAU.json, là kết quả của "bdg layout suggest --json").');
    if (!existsSync(o.from)) throw new UsageError(`Không tìm thấy tệp "${o.from}".`);
    let parsed: unknown;
    const text = readFileSync(o.from, 'utf8').replace(/^\uFEFF/, '');
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const where = jsonErrorWhere(text, e);
      throw new UsageError(
        `Tệp "${o.from}" không phải JSON hợp lệ${where ? ` (${where})` : ''}: hãy dùng kết quả của ` +
          '"bdg layout suggest --json".',
      );
    }
    if (!parsed || typeof parsed !== 'object') throw new UsageError(`Tệp "${o.from}" không chứa một mẫu biểu.`);
    // what suggest printed besides the layout (the unit and period it read) is not part of the layout
    const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = parsed as Record<string, unknown>;
    const id = intArg(o.id, 'id', false);
    const r = await call(ctx, 'layouts.save', {
      name,
      definition,
      ...(id !== undefined ? { id } : {}),
      ...(o.appendix ? { purpose: 'appendix' } : {}),
    });
    print(r, `Đã lưu mẫu biểu ngoài "${name}" (số ${r.id}). Nhập tệp theo mẫu này: bdg import … --layout ${r.id} TỆP`);
    return 0;
  }
  const { layouts } = await call(ctx, 'layouts.list', {});
  print(
    { layouts },
    layouts.length
      ? layouts.map((l) => `${l.id}\t${l.name}\t${l.rows} dòng đã gán`).join('\n')
      : 'Chưa có mẫu biểu ngoài nào. Lập mẫu: bdg layout suggest --db F TỆP.xlsx --json > MAU.json',
  );
  return 0;
};

function human(s: LayoutSuggestion): string {
  const cols = (Object.keys(COLUMN_NAMES) as Array<keyof typeof COLUMN_NAMES>)
    .filter((k) => s.columns[k])
    .map((k) => `${COLUMN_NAMES[k]}: cột ${s.columns[k]}`)
    .join(', ');
  const lines = [
    `Trang tính "${s.sheet}", dòng tiêu đề ${s.headerRows.join(', ')}; ${cols || 'không thấy cột số liệu'}.`,
    `Đơn vị: ${s.unitFound ? `${s.unitFound.name} (${s.unitFound.code})` : 'chưa xác định'}` +
      `${s.unit.source ? ` (theo ${s.unit.source === 'cell' ? `ô ${s.unit.cell}` : s.unit.source === 'sheet' ? 'tên trang tính' : 'tên tệp'})` : ''}.`,
    `Kỳ: ${s.periodFound ? `${s.periodFound.text} (ô ${s.period.cell})` : 'tiêu đề không ghi kỳ (lấy theo kỳ chọn khi nhập)'}.`,
    ...s.rows.map(
      (r) =>
        `  Dòng ${r.row}\t${r.code ? `${r.code} (${formatNumber(r.confidence)})` : `chưa gán (${formatNumber(r.confidence)})`}\t${r.label}`,
    ),
    `${s.rows.filter((r) => r.code).length}/${s.rows.length} dòng được gợi ý mã; dòng chưa gán sẽ không được đọc.`,
  ];
  return lines.join('\n');
}
