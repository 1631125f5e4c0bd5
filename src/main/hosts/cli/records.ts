/** `bdg init`, `units`, `catalog`, `period`, `template`: the register, the catalogue, the periods and their forms. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatDate } from '../../../shared/text/vi';
import { call, dateArg, intArg, UsageError, type Command } from './args';

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

export const units: Command = async ({ ctx, sub, rest, print }) => {
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
        })),
      },
      list.length ? list.map((u) => `${u.code}\t${u.name}\t${u.kind}`).join('\n') : 'Chưa có đơn vị nào.',
    );
    return 0;
  }
  if (sub === 'import') {
    const file = rest[0];
    if (!file) throw new UsageError('Thiếu tệp danh sách đơn vị: bdg units import --db F DANH_SACH.xlsx');
    if (!existsSync(file)) throw new UsageError(`Không tìm thấy tệp "${file}".`);
    const r = await call(ctx, 'units.import', { file: { name: basename(file), bytes: readFileSync(file) } });
    const human =
      `Đã thêm ${r.imported} đơn vị, cập nhật ${r.updated}, không đổi ${r.unchanged}.` +
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
      },
      human,
    );
    return 0;
  }
  throw new UsageError('Lệnh units cần "list" hoặc "import".');
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
    const input: Record<string, unknown> = { year: intArg(o.year, 'year'), kind };
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
