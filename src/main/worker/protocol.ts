/** Messages between the Electron main process and the core worker that owns the database. */
import type { Result } from '../../shared/result';

export type ToWorker = { type: 'call'; id: number; op: string; input: unknown };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };

export interface WorkerData {
  dbPath: string;
}
