import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OpName, Output } from '../../../shared/contract';
import { formatDate, parseViDate } from '../../../shared/text/vi';
import { createContext, type Ctx } from '../../api/context';
import { dispatch } from '../../api/dispatch';
import { backupSync, restoreFile } from '../../db/snapshot';
import { backupDirFor, defaultDbPath } from '../../paths';
import { getSettings } from '../../services/settings';
import { HELP, commandHelp } from './help';

export class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

async function call<K extends OpName>(ctx: Ctx, op: K, input: unknown): Promise<Output<K>> {
  const r = await dispatch(ctx, op, input);
  if (!r.ok) throw new CliFailure(r.error.message);
  return r.data as Output<K>;
}

class CliFailure extends Error {}

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  province: { type: 'string' },
  year: { type: 'string' },
  kind: { type: 'string' },
  deadline: { type: 'string' },
  label: { type: 'string' },
  period: { type: 'string' },
  out: { type: 'string' },
  unit: { type: 'string', multiple: true },
  'received-at': { type: 'string' },
  port: { type: 'string' },
  from: { type: 'string' },
  'include-sensitive': { type: 'boolean' },
  'doc-number': { type: 'string' },
  demo: { type: 'boolean' },
  'no-open': { type: 'boolean' },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /Unknown option '([^']+)'/.exec(msg);
    if (m) throw new UsageError(`Không có tùy chọn "${m[1]}".`);
    const m2 = /Option '([^']+)'.*argument missing/.exec(msg);
    if (m2) throw new UsageError(`Tùy chọn "${m2[1]}" cần một giá trị.`);
    throw new UsageError(`Tham số không hợp lệ (${msg}).`);
  }
}

function intArg(v: string | undefined, name: string, required = true): number | undefined {
  if (v === undefined) {
    if (required) throw new UsageError(`Thiếu tùy chọn --${name}.`);
    return undefined;
  }
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} phải là một số nguyên dương (nhận được "${v}").`);
  return Number(v);
}

function dateArg(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  const iso = parseViDate(v);
  if (!iso)
    throw new UsageError(`--${name} phải là một ngày có thật, dạng YYYY-MM-DD hoặc dd/mm/yyyy (nhận được "${v}").`);
  return iso;
}

const IMPORTABLE = new Set(['.xlsx', '.xlsm', '.xls']);

function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, explicit: boolean) => {
    if (!existsSync(p)) throw new UsageError(`Không tìm thấy "${p}".`);
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('~$') || name.startsWith('.')) continue;
        walk(join(p, name), false);
      }
    } else if (explicit || IMPORTABLE.has(extname(p).toLowerCase())) out.push(p);
  };
  for (const p of paths) walk(p, true);
  return out;
}

export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await runInner(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Lỗi: ${e.message}\nGõ "bdg --help" để xem cách dùng.\n`);
      if (json) io.out(JSON.stringify({ error: { code: 'usage', message: e.message } }) + '\n');
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`Lỗi: ${message}\n`);
    if (json) io.out(JSON.stringify({ error: { code: 'failed', message } }) + '\n');
    return 1;
  }
}

async function runInner(argv: string[], io: Io): Promise<number> {
  const { values: o, positionals } = parse(argv);
  const [cmd, sub, ...rest] = positionals;
  if (!cmd || (o.help && !cmd)) {
    (o.help ? io.out : io.err)(HELP);
    return o.help ? 0 : 2;
  }
  if (o.help) {
    io.out(commandHelp(cmd));
    return 0;
  }
  const known = [
    'init',
    'units',
    'catalog',
    'period',
    'template',
    'import',
    'status',
    'consolidate',
    'export',
    'serve',
    'backup',
    'restore',
    'check',
  ];
  if (!known.includes(cmd)) throw new UsageError(`Không có lệnh "${cmd}".`);
  const SUBCOMMANDS: Record<string, string[]> = {
    units: ['list', 'import'],
    period: ['create', 'list'],
    template: ['export'],
  };
  const subs = SUBCOMMANDS[cmd];
  if (subs && (!sub || !subs.includes(sub))) {
    throw new UsageError(`Lệnh ${cmd} cần một trong: ${subs.join(', ')}${sub ? ` (không có "${sub}")` : ''}.`);
  }
  const dbPath = resolve(o.db ?? defaultDbPath());
  const print = (obj: unknown, human: string) => {
    if (o.json) io.out(JSON.stringify(obj) + '\n');
    else io.out(human.endsWith('\n') ? human : human + '\n');
  };

  if (cmd === 'restore') {
    if (!o.from) throw new UsageError('Thiếu tùy chọn --from (tệp sao lưu).');
    const keptAs = restoreFile(dbPath, resolve(o.from), backupDirFor(dbPath));
    const ctx = createContext(dbPath);
    ctx.close();
    print(
      { restored: resolve(o.from), keptAs },
      `Đã khôi phục cơ sở dữ liệu từ ${o.from}. Bản trước khi khôi phục được giữ ở ${keptAs}.`,
    );
    return 0;
  }

  if (cmd === 'serve') {
    const { serve } = await import('./serve');
    return serve({ dbPath, port: intArg(o.port, 'port', false), demo: o.demo ?? false, open: !o['no-open'], io });
  }

  const needsExisting = !['init'].includes(cmd);
  if (needsExisting && !existsSync(dbPath)) {
    throw new CliFailure(`Chưa có cơ sở dữ liệu ở "${dbPath}". Hãy tạo bằng lệnh: bdg init --db "${dbPath}"`);
  }
  const ctx = createContext(dbPath, cmd === 'init' && o.province ? { province: o.province } : {});
  try {
    switch (cmd) {
      case 'init': {
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
      }
      case 'units': {
        if (sub === 'list') {
          const units = await call(ctx, 'units.list', {});
          print(
            {
              units: units.map((u) => ({
                code: u.code,
                name: u.name,
                kind: u.kind,
                email: u.email,
                phone: u.phone,
                contact: u.contact,
                active: u.active,
              })),
            },
            units.length ? units.map((u) => `${u.code}\t${u.name}\t${u.kind}`).join('\n') : 'Chưa có đơn vị nào.',
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
              ? `\nCó ${r.errors.length} dòng lỗi:\n` +
                r.errors.map((e) => `  - Dòng ${e.row}: ${e.message}`).join('\n')
              : '');
          print({ imported: r.imported, updated: r.updated, unchanged: r.unchanged, errors: r.errors }, human);
          return 0;
        }
        throw new UsageError('Lệnh units cần "list" hoặc "import".');
      }
      case 'catalog': {
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
      }
      case 'period': {
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
      }
      case 'template': {
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
      }
      case 'import': {
        const periodId = intArg(o.period, 'period')!;
        const paths = sub ? [sub, ...rest] : rest;
        if (!paths.length) throw new UsageError('Thiếu tệp hoặc thư mục cần nhập.');
        const files = collectFiles(paths);
        const receivedAt = dateArg(o['received-at'], 'received-at');
        const batchId = randomUUID();
        const results = [];
        let i = 0;
        for (const f of files) {
          i++;
          io.err(`Đang nhập ${i}/${files.length}: ${basename(f)}\n`);
          const bytes = readFileSync(f);
          const r = await dispatch(ctx, 'imports.file', {
            periodId,
            file: { name: basename(f), bytes },
            batchId,
            ...(receivedAt ? { receivedAt } : {}),
          });
          if (!r.ok) {
            if (r.error.code === 'not_found') throw new CliFailure(r.error.message);
            results.push({
              file: f,
              status: 'rejected' as const,
              unit: null,
              revision: null,
              errors: [{ code: r.error.code, message: r.error.message }],
              warnings: [],
            });
            continue;
          }
          const d = r.data as Output<'imports.file'>;
          results.push({ ...d, file: f });
        }
        const acc = results.filter((r) => r.status === 'accepted').length;
        const rej = results.filter((r) => r.status === 'rejected').length;
        const unch = results.filter((r) => r.status === 'unchanged').length;
        const lines = results.map((r) => {
          const head = `${r.status === 'accepted' ? 'ĐÃ NHẬN' : r.status === 'rejected' ? 'BỊ TỪ CHỐI' : 'KHÔNG ĐỔI'}  ${basename(r.file)}${r.unit ? ` (${r.unit})` : ''}`;
          return [
            head,
            ...r.errors.map((e) => `    - ${e.message}`),
            ...r.warnings.map((w) => `    ! ${w.message}`),
          ].join('\n');
        });
        print({ results }, `${lines.join('\n')}\nTổng: ${acc} đã nhận, ${rej} bị từ chối, ${unch} không thay đổi.`);
        return 0;
      }
      case 'status': {
        const periodId = intArg(o.period, 'period')!;
        const s = await call(ctx, 'status.get', { periodId });
        const label = { missing: 'chưa gửi', on_time: 'đúng hạn', late: 'muộn' } as const;
        print(
          {
            expected: s.expected,
            received: s.received,
            onTime: s.onTime,
            late: s.late,
            missing: s.missing,
            byKind: s.byKind,
            units: s.units.map((u) => ({
              unit: u.unit,
              name: u.name,
              status: u.status,
              receivedAt: u.receivedAt,
              revision: u.revision,
            })),
          },
          `Phải báo cáo ${s.expected}, đã nhận ${s.received} (đúng hạn ${s.onTime}, muộn ${s.late}), chưa gửi ${s.missing}.\n` +
            s.units.map((u) => `${u.unit}\t${label[u.status]}\t${formatDate(u.receivedAt)}\t${u.name}`).join('\n'),
        );
        return 0;
      }
      case 'consolidate': {
        const periodId = intArg(o.period, 'period')!;
        const c = await call(ctx, 'consolidation.get', { periodId });
        print(
          c,
          `Đã tổng hợp ${c.values.length} ô số liệu, ${c.indicators.filter((i) => i.value !== null).length}/${c.indicators.length} chỉ tiêu tính được; ${c.reporting.received}/${c.reporting.expected} đơn vị đã báo cáo.`,
        );
        return 0;
      }
      case 'export': {
        const periodId = intArg(o.period, 'period')!;
        if (!o.out) throw new UsageError('Thiếu tùy chọn --out (tệp .xlsx sẽ ghi).');
        const r = await call(ctx, 'reports.workbook', {
          periodId,
          ...(o['include-sensitive'] ? { includeSensitive: true } : {}),
          ...(o['doc-number'] ? { docNumber: o['doc-number'] } : {}),
        });
        const out = resolve(o.out);
        writeFileSync(out, r.bytes);
        print({ path: out, bytes: r.bytes.byteLength }, `Đã ghi báo cáo tổng hợp vào ${out}.`);
        return 0;
      }
      case 'backup': {
        if (o.out) {
          const out = resolve(o.out);
          if (existsSync(out)) throw new CliFailure(`Tệp "${out}" đã có; hãy chọn một tên khác để không ghi đè.`);
          ctx.raw.prepare('VACUUM INTO ?').run(out);
          print({ path: out }, `Đã sao lưu vào ${out}.`);
        } else {
          const b = backupSync(ctx.raw, ctx.backupDir, 'thu-cong', getSettings(ctx.db).backupKeep);
          print({ path: b.path }, `Đã sao lưu vào ${b.path}.`);
        }
        return 0;
      }
      case 'check': {
        const r = await call(ctx, 'db.check', {});
        print(
          r,
          r.integrity === 'ok' && r.foreignKeys === 'ok'
            ? 'Cơ sở dữ liệu toàn vẹn.'
            : `Có vấn đề: integrity=${r.integrity}, khóa ngoại=${r.foreignKeys}.`,
        );
        return r.integrity === 'ok' && r.foreignKeys === 'ok' ? 0 : 1;
      }
    }
    throw new UsageError(`Không có lệnh "${cmd}".`);
  } catch (e) {
    if (e instanceof CliFailure) throw new Error(e.message);
    throw e;
  } finally {
    ctx.close();
  }
}
