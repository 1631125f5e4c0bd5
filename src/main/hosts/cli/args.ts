/**
 * What every `bdg` command shares: the options, their checks, the output (./usage, the part loaded before the core),
 * the dates, and the call through dispatch.
 */
import type { OpName, Output } from '../../../shared/contract';
import { isCalendarDate, MAX_YEAR, MIN_YEAR } from '../../../shared/rules/period';
import { parseViDate } from '../../../shared/text/vi';
import type { Ctx } from '../../api/context';
import { dispatch } from '../../api/dispatch';
import type { EventHub } from '../events';
import { CliFailure, UsageError, type Io, type Options } from './usage';

export {
  CliFailure,
  defaultIo,
  intArg,
  jsonErrorWhere,
  parse,
  reportFailure,
  UsageError,
  type Io,
  type Options,
} from './usage';

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
  if (!r.ok) throw new CliFailure(r.error.message, r.error.code);
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
