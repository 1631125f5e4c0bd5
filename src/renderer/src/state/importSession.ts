/**
 * The import batches run since the app was opened, kept in memory for the session (never in localStorage): the
 * import screen shows them again when the officer comes back from another screen, until she clears them
 * ("Xóa kết quả"). The batch in flight lives here too, so its progress keeps arriving while she is elsewhere.
 */
import { useSyncExternalStore } from 'react';
import type { ResultRow } from '../pages/import/ImportResults';

export interface SessionBatch {
  id: string;
  periodId: number;
  /** when it started (ISO date-time) */
  startedAt: string;
  total: number;
  done: number;
  running: boolean;
  rows: ResultRow[];
}

let batches: SessionBatch[] = [];
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export function sessionBatches(): SessionBatch[] {
  return batches;
}

export function addBatch(b: SessionBatch): void {
  batches = [b, ...batches];
  emit();
}

export function updateBatch(id: string, change: Partial<SessionBatch> | ((b: SessionBatch) => Partial<SessionBatch>)) {
  batches = batches.map((b) => (b.id === id ? { ...b, ...(typeof change === 'function' ? change(b) : change) } : b));
  emit();
}

export function removeBatch(id: string): void {
  batches = batches.filter((b) => b.id !== id);
  emit();
}

/** Forgets the finished batches of a period (a running one stays). */
export function clearBatches(periodId: number): void {
  batches = batches.filter((b) => b.periodId !== periodId || b.running);
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}

/** The session's batches of one period, newest first. */
export function useSessionBatches(periodId: number): SessionBatch[] {
  const all = useSyncExternalStore(subscribe, sessionBatches, sessionBatches);
  return all.filter((b) => b.periodId === periodId);
}

/** The inbox entry an import result was recorded as (`entryId`, once the core gives it). */
export function entryIdOf(r: object): number | null {
  const v = (r as { entryId?: unknown }).entryId;
  return typeof v === 'number' ? v : null;
}
