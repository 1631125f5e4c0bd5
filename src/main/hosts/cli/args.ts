/** What every `bdg` command shares: the options, their checks, the output, and the call through dispatch. */
import { parseArgs } from 'node:util';
import type { OpName, Output } from '../../../shared/contract';
import { isCalendarDate, MAX_YEAR, MIN_YEAR } from '../../../shared/rules/period';
import { parseViDate } from '../../../shared/text/vi';
import type { Ctx } from '../../api/context';
import { dispatch } from '../../api/dispatch';
import type { EventHub } from '../events';

/** bad usage: exit code 2 */
export class UsageError extends Error {}

/** the command could not run: exit code 1 */
export class CliFailure extends Error {}

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
  // export --into BLANK.xlsx --layout ID: the ministry's appendix filled (issue 17; --layout is declared below)
  into: { type: 'string' },
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
  // layouts (issue 17): layout save --name, import --layout ID
  name: { type: 'string' },
  layout: { type: 'string' },
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

export function dateArg(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  const iso = parseViDate(v);
  if (!iso || !isCalendarDate(iso))
    throw new UsageError(
      `--${name} phải là một ngày có thật, dạng YYYY-MM-DD hoặc dd/mm/yyyy, trong các năm ${MIN_YEAR}–${MAX_YEAR} (nhận được "${v}").`,
    );
  return iso;
}

/** One operation through the core's dispatch, like every door; a failed Result fails the command. */
export async function call<K extends OpName>(ctx: Ctx, op: K, input: unknown): Promise<Output<K>> {
  const r = await dispatch(ctx, op, input);
  if (!r.ok) throw new CliFailure(r.error.message);
  return r.data as Output<K>;
}

/** What a command receives. */
export interface CommandEnv {
  ctx: Ctx;
  /** the ctx's events (import progress) */
  events: EventHub;
  o: Options;
  sub: string | undefined;
  rest: string[];
  dbPath: string;
  io: Io;
  /** `--json`: the object, on one line; otherwise the human text */
  print: (obj: unknown, human: string) => void;
}

export type Command = (env: CommandEnv) => Promise<number>;
