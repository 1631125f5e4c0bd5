/** `bdg init`, `units`, `catalog`, `period`, `template`: the register, the catalogue, the periods and their forms. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UNIT_COLUMN_ROLES, type UnitColumnRole } from '../../../shared/contract';
import { formatDate } from '../../../shared/text/vi';
import { MAX_YEAR, MIN_YEAR } from '../../../shared/rules/period';
import { call, CliFailure, dateArg, intArg, UsageError, type Command } from './args';

export const init: Command = async ({ ctx, o, print }) => {
  const info = await call(ctx, 'app.info', {});
  print(
    {
      db: info.dbPath,
      schemaVersion: info.schemaVersion,
      catalogVersion: info.catalogVersion,
      province: o.province ?? null,
    },
    `Đã sẵn sàng cơ sở dữ liệu ${info.dbPath} (lược đồ ${info.schemaVersion}, danh mục ${info.catalogVersion}).`,
  );
  return 0;
};

/** "name=B,kind=D" → { B: 'name', D: 'kind' }; a bad pair is a usage error naming it. */
function columnsArg(v: string | undefined): Record<string, UnitColumnRole> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, UnitColumnRole> = {};
  for (const pair of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z]+)=([A-Za-z]{1,3})$/.exec(pair);
    const role = m?.[1] as UnitColumnRole | undefined;
    if (!m || !role || !(UNIT_COLUMN_ROLES as readonly string[]).includes(role))
      throw new UsageError(
        `--columns: không hiểu "${pair}". Ghi dạng ten_truong=COT, ví dụ --columns name=B,kind=D,contact=E; ` +
          `các trường: ${UNIT_COLUMN_ROLES.join(', ')}.`,
      );
    out[m[2]!.toUpperCase()] = role;
  }
  return out;
}

export const units: Command = async ({ ctx, o, sub, rest, print }) => {
  if (sub === 'list') {
    const list = await call(ctx, 'units.list', {});
    print(
      {
        units: list.map((u) => ({
          code: u.code,
          name: u.name,
          kind: u.kind,
          email: u.email,
          phone: u.phone,
          contact: u.contact,
          active: u.active,
          contactPerson: u.contact,
          position: u.position ?? null,
          address: u.address ?? null,
          notes: u.note,
          validFrom: u.validFrom,
          validTo: u.validTo,
        })),
      },
      list.length ? list.map((u) => `${u.code}\t${u.name}\t${u.kind}`).join('\n') : 'Chưa có đơn vị nào.',
    );
    return 0;
  }
  if (sub === 'export') {
    if (!o.out)
      throw new UsageError('Thiếu tùy chọn --out (tệp Excel ghi danh sách): bdg units export --db F --out DS.xlsx');
    const out = resolve(o.out);
    const f = await call(ctx, 'units.exportXlsx', {});
    writeFileSync(out, f.bytes);
    const count = (await call(ctx, 'units.list', {})).length;
    print({ path: out, units: count }, `Đã ghi danh sách ${count} đơn vị vào ${out}.`);
    return 0;
  }
  if (sub === 'import') {
    const file = rest[0];
    if (!file) throw new UsageError('Thiếu tệp danh sách đơn vị: bdg units import --db F DANH_SACH.xlsx');
    if (!existsSync(file)) throw new UsageError(`Không tìm thấy tệp "${file}".`);
    const columns = columnsArg(o.columns);
    const r = await call(ctx, 'units.import', {
      file: { name: basename(file), bytes: readFileSync(file) },
      ...(o['dry-run'] ? { dryRun: true } : {}),
      ...(columns ? { columns } : {}),
    });
    if (r.needsMapping) {
      const cols = r.columns
        .filter((c) => c.header || c.samples.length)
        .map((c) => `${c.letter} "${c.header}"`)
        .join(', ');
      throw new CliFailure(`${r.errors[0]?.message ?? 'Không nhận ra cột tên đơn vị.'} Các cột trong tệp: ${cols}.`);
    }
    const human =
      (o['dry-run'] ? 'Xem trước (chưa ghi): ' : '') +
      `${o['dry-run'] ? 'sẽ thêm' : 'Đã thêm'} ${r.imported} đơn vị, cập nhật ${r.updated}, không đổi ${r.unchanged}.` +
      (r.notices.length ? '\n' + r.notices.map((n) => `  * ${n}`).join('\n') : '') +
      (r.changes.length
        ? `\nThay đổi:\n` +
          r.changes.map((c) => `  - ${c.code} ${c.field}: "${c.before ?? ''}" → "${c.after ?? ''}"`).join('\n')
        : '') +
      (r.generatedCodes.length
        ? `\nMã tạo mới:\n` + r.generatedCodes.map((g) => `  - Dòng ${g.row}: ${g.code} ${g.name}`).join('\n')
        : '') +
      (r.absent.length
        ? `\nCó ${r.absent.length} đơn vị trong ứng dụng không có trong danh sách (vẫn giữ nguyên): ` +
          r.absent.map((a) => a.code).join(', ')
        : '') +
      (r.errors.length
        ? `\nCó ${r.errors.length} dòng lỗi:\n` + r.errors.map((e) => `  - Dòng ${e.row}: ${e.message}`).join('\n')
        : '') +
      (r.warnings?.length ? '\n' + r.warnings.map((w) => `  ! ${w.message}`).join('\n') : '');
    print(
      {
        imported: r.imported,
        updated: r.updated,
        unchanged: r.unchanged,
        errors: r.errors,
        ...(r.warnings?.length ? { warnings: r.warnings } : {}),
        changes: r.changes.map((c) => ({ code: c.code, field: c.field, before: c.before, after: c.after })),
        generatedCodes: r.generatedCodes,
        absent: r.absent,
        links: r.links,
        dryRun: o['dry-run'] ?? false,
      },
      human,
    );
    return 0;
  }
  throw new UsageError('Lệnh units cần "list", "import" hoặc "export".');
};

export const catalog: Command = async ({ ctx, print }) => {
  const c = await call(ctx, 'catalog.get', {});
  print(
    {
      catalogVersion: c.catalogVersion,
      dataElements: c.dataElements,
      indicators: c.indicators,
      validationRules: c.validationRules,
      sections: c.sections,
      unitKinds: c.unitKinds,
      templates: c.templates,
      provinceTargets: c.provinceTargets,
    },
    `Danh mục ${c.catalogVersion}: ${c.dataElements.length} chỉ tiêu thu thập, ${c.indicators.length} chỉ tiêu tính toán, ${c.validationRules.length} quy tắc kiểm tra.`,
  );
  return 0;
};

export const period: Command = async ({ ctx, o, sub, print }) => {
  if (sub === 'create') {
    const kind = o.kind;
    if (!kind || !['half_year', 'year', 'adhoc'].includes(kind))
      throw new UsageError('--kind phải là half_year, year hoặc adhoc.');
    const year = intArg(o.year, 'year')!;
    if (year < MIN_YEAR || year > MAX_YEAR)
      throw new UsageError(`--year phải là một năm trong các năm ${MIN_YEAR}–${MAX_YEAR} (nhận được "${o.year}").`);
    const input: Record<string, unknown> = { year, kind };
    const deadline = dateArg(o.deadline, 'deadline');
    if (deadline) input.deadline = deadline;
    if (o.label) input.label = o.label;
    const p = await call(ctx, 'periods.create', input);
    print(
      {
        id: p.id,
        label: p.label,
        dataFrom: p.dataFrom,
        dataTo: p.dataTo,
        deadline: p.deadline,
        expected: p.expected,
      },
      `Đã tạo kỳ số ${p.id}: ${p.label}, số liệu từ ${formatDate(p.dataFrom)} đến ${formatDate(p.dataTo)}, hạn gửi ${formatDate(p.deadline)}, ${p.expected} đơn vị phải báo cáo.`,
    );
    return 0;
  }
  if (sub === 'list') {
    const list = await call(ctx, 'periods.list', {});
    print(
      { periods: list },
      list.length
        ? list
            .map(
              (p) =>
                `${p.id}\t${p.label}\t${p.status === 'open' ? 'đang mở' : 'đã khóa'}\thạn ${formatDate(p.deadline)}`,
            )
            .join('\n')
        : 'Chưa có kỳ báo cáo nào.',
    );
    return 0;
  }
  throw new UsageError('Lệnh period cần "create" hoặc "list".');
};

export const template: Command = async ({ ctx, o, sub, print }) => {
  if (sub !== 'export') throw new UsageError('Lệnh template cần "export".');
  const periodId = intArg(o.period, 'period')!;
  if (!o.out) throw new UsageError('Thiếu tùy chọn --out (thư mục ghi mẫu biểu).');
  const outDir = resolve(o.out);
  mkdirSync(outDir, { recursive: true });
  const r = await call(ctx, 'templates.export', { periodId, ...(o.unit ? { unitCodes: o.unit } : {}) });
  const files = r.files.map((f) => {
    const path = join(outDir, f.name);
    writeFileSync(path, f.bytes);
    return { unit: f.unit, path };
  });
  print({ files }, `Đã ghi ${files.length} mẫu biểu vào ${outDir}.`);
  return 0;
};
