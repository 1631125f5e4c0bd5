import { z } from 'zod';
import { CELL_KEYS } from '../domain/catalog';
import { isCalendarDate, MAX_YEAR, MIN_YEAR } from '../rules/period';

/**
 * What a writing operation changes, as the renderer's query groups: an entry is the prefix of the operations
 * whose answers may now be stale (`'units'` → `units.list`, `units.get`, …; `'units.get'` → that one only).
 * `'*'` means everything (a restore, the demo).
 */
export type Invalidation = string;

/** One contract entry: an input schema, whether it writes, what it invalidates, and (phantom) the output. */
export interface Op<I extends z.ZodType, O> {
  input: I;
  /** true for an operation that changes the database: the core runs these one at a time */
  readonly writes: boolean;
  /** the query groups a successful call makes stale (empty for a read) */
  readonly invalidates: readonly Invalidation[];
  /** never read at run time; carries the output type */
  readonly __output?: O;
}

/**
 * `op(schema).returns<Output>()` for a read;
 * `op(schema).invalidates(['units', 'status']).returns<Output>()` for a write, naming what it makes stale.
 */
export function op<I extends z.ZodType>(input: I) {
  return {
    returns: <O>(): Op<I, O> => ({ input, writes: false, invalidates: [] }),
    invalidates: (groups: readonly Invalidation[]) => ({
      returns: <O>(): Op<I, O> => ({ input, writes: true, invalidates: Object.freeze([...groups]) }),
    }),
  };
}

export type AnyOp = Op<z.ZodType, unknown>;

/** Does a query of operation `queryOp` go stale after a write that invalidates `groups`? */
export function isInvalidatedBy(queryOp: string, groups: readonly Invalidation[]): boolean {
  return groups.some((g) => g === '*' || queryOp === g || queryOp.startsWith(g.endsWith('.') ? g : `${g}.`));
}

/** A file crossing the contract: never a path chosen by the renderer. */
export const fileSchema = z.object({
  name: z.string().min(1).max(260),
  bytes: z.instanceof(Uint8Array),
});
export type FilePayload = z.infer<typeof fileSchema>;

/** A real calendar day, `YYYY-MM-DD`, years 2000–2100: the same rule at every door ("2026-02-31" is refused). */
export const isoDate = z
  .string()
  .refine(isCalendarDate, `Ngày phải là một ngày có thật, dạng YYYY-MM-DD, trong các năm ${MIN_YEAR}–${MAX_YEAR}`);
export const id = z.number().int().positive();
/** a data element's code, and one of its cells */
export const elementCode = z.string().min(1).max(50);
export const cellKey = z.enum(CELL_KEYS);
export const empty = z.object({}).strict();
