/** The typed way screens reach the core: unwraps Result envelopes into data or an ApiError (Vietnamese message). */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Input, OpName, Output } from '../../../shared/contract';
import { AppError, type ErrorCode, type Result } from '../../../shared/result';

/** A core error as the renderer receives it (code, Vietnamese message, details). */
export class ApiError extends AppError {
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'ApiError';
  }
}

const FALLBACK = 'Đã xảy ra lỗi không mong muốn. Dữ liệu chưa bị thay đổi. Hãy thử lại.';

/** A plain Vietnamese message for any error (never a stack trace). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return FALLBACK;
}

export async function call<K extends OpName>(op: K, input: Input<K>): Promise<Output<K>> {
  const fn = window.api[op] as (i: Input<K>) => Promise<Result<Output<K>>>;
  let r;
  try {
    r = await fn(input);
  } catch {
    throw new ApiError('internal', FALLBACK);
  }
  if (!r || typeof r !== 'object') throw new ApiError('internal', FALLBACK);
  if (r.ok) return r.data;
  throw new ApiError(r.error.code, r.error.message || FALLBACK, r.error.details);
}

/** react-query over one operation; the key is [op, input]. */
export function useOp<K extends OpName>(
  op: K,
  input: Input<K>,
  options: Omit<UseQueryOptions<Output<K>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Output<K>, ApiError>({
    queryKey: [op, input],
    queryFn: () => call(op, input),
    ...options,
  });
}

/**
 * The contract itself (its zod schemas: ~170 kB of script the first screen does not need; the core validates
 * every input) is loaded when the first write succeeds, only to read what it invalidates.
 */
const loadContract = () => import('../../../shared/contract');

/** Marks stale every query that a successful call of `op` invalidates, as the contract declares it. */
export function useInvalidateAfter() {
  const qc = useQueryClient();
  return async (op: OpName) => {
    const { contract, isInvalidatedBy } = await loadContract();
    const groups = contract[op].invalidates;
    if (groups.length === 0) return;
    await qc.invalidateQueries({
      predicate: (q) => {
        const k = q.queryKey[0];
        return typeof k === 'string' && isInvalidatedBy(k, groups);
      },
    });
  };
}

/** A mutation over one operation; afterwards the queries the contract says it invalidates are refetched. */
export function useOpMutation<K extends OpName>(op: K) {
  const invalidateAfter = useInvalidateAfter();
  return useMutation<Output<K>, ApiError, Input<K>>({
    mutationFn: (input) => call(op, input),
    onSuccess: () => {
      void invalidateAfter(op);
    },
  });
}
