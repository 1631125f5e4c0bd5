import { z } from 'zod';

/** One contract entry: an input schema and (as a phantom type) the output. */
export interface Op<I extends z.ZodType, O> {
  input: I;
  /** never read at run time; carries the output type */
  readonly __output?: O;
}

/** `op(schema).returns<Output>()` */
export function op<I extends z.ZodType>(input: I) {
  return { returns: <O>(): Op<I, O> => ({ input }) };
}

export type AnyOp = Op<z.ZodType, unknown>;

/** A file crossing the contract: never a path chosen by the renderer. */
export const fileSchema = z.object({
  name: z.string().min(1).max(260),
  bytes: z.instanceof(Uint8Array),
});
export type FilePayload = z.infer<typeof fileSchema>;

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
export const id = z.number().int().positive();
export const empty = z.object({}).strict();
