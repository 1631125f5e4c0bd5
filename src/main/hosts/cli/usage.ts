/**
 * What `bdg` needs before it opens anything: the options and their parsing, the two failures and how each is
 * reported, the output. Nothing here imports the core, so `bdg --help` (and a usage error) never loads it: the
 * built command keeps this part in its small entry file and the commands in a second one (scripts/build-cli.mjs).
 */
import { parseArgs } from 'node:util';
import { fileSystemMessage } from '../fs-message';

/** bad usage: exit code 2 */
export class UsageError extends Error {}

/**
 * the command could not run: exit code 1. `reason`: the core's error code when the core refused (`not_found`,
 * `invalid_input`, `conflict`, `db_locked`…), printed beside `code: 'failed'` so a script can tell the causes apart.
 */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** The core's own error (shared/result.ts AppError), told by its shape so that this file does not load it. */
const coreCode = (e: unknown): string | undefined => {
  const x = e as { code?: unknown; toData?: unknown } | null;
  return x && typeof x.toData === 'function' && typeof x.code === 'string' ? x.code : undefined;
};

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

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
  // export --into BLANK.xlsx --layout ID: the ministry's appendix filled (issue 17); import --layout ID too
  into: { type: 'string' },
  layout: { type: 'string' },
  // layout suggest|save --appendix: the ministry's blank appendix (purpose 'appendix')
  appendix: { type: 'boolean' },
  unit: { type: 'string', multiple: true },
  'received-at': { type: 'string' },
  'received-reason': { type: 'string' },
  'allow-blanking': { type: 'boolean' },
  port: { type: 'string' },
  from: { type: 'string' },
  'include-sensitive': { type: 'boolean' },
  'doc-number': { type: 'string' },
  'new-deadline': { type: 'string' },
  entry: { type: 'string' },
  template: { type: 'string' },
  demo: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  force: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  // the inbox (submission enter / withdraw / set-received)
  values: { type: 'string' },
  scan: { type: 'string' },
  channel: { type: 'string' },
  reason: { type: 'string' },
  id: { type: 'string' },
  columns: { type: 'string' },
  // layouts (issue 17): layout save --name
  name: { type: 'string' },
} as const;

export function parse(argv: string[]) {
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

export type Options = ReturnType<typeof parse>['values'];

export function intArg(v: string | undefined, name: string, required = true): number | undefined {
  if (v === undefined) {
    if (required) throw new UsageError(`Thiếu tùy chọn --${name}.`);
    return undefined;
  }
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} phải là một số nguyên dương (nhận được "${v}").`);
  return Number(v);
}

/**
 * Where JSON.parse stopped in `text`, said for a person: "ở dòng 3, cột 1" (from the position Node names), or that
 * the text ends too early; null when the error says neither.
 */
export function jsonErrorWhere(text: string, e: unknown): string | null {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `lỗi ở dòng ${line}, cột ${column}`;
  }
  if (/end of (JSON )?input/i.test(message)) return 'tệp kết thúc giữa chừng (thiếu dấu đóng ngoặc hay dấu nháy)';
  return null;
}

/** A failure as the command reports it: the message on stderr, with --json one error object, and the exit code. */
export function reportFailure(e: unknown, json: boolean, io: Io): number {
  if (e instanceof UsageError) {
    io.err(`Lỗi: ${e.message}\nGõ "bdg --help" để xem cách dùng.\n`);
    if (json) io.out(JSON.stringify({ error: { code: 'usage', message: e.message } }) + '\n');
    return 2;
  }
  const fs = fileSystemMessage(e);
  const message = fs ?? (e instanceof Error ? e.message : String(e));
  io.err(`Lỗi: ${message}\n`);
  const reason = e instanceof CliFailure ? e.reason : fs ? (e as { code: string }).code : coreCode(e);
  if (json) io.out(JSON.stringify({ error: { code: 'failed', message, ...(reason ? { reason } : {}) } }) + '\n');
  return 1;
}
