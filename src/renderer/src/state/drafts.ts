/**
 * What the officer typed and has not saved yet, kept while she moves between screens: one entry per form and period
 * (e.g. `export.docNumber:12`), until the form saves it or she clears it. Held in memory and in sessionStorage (a
 * reload of the window keeps it too; closing the app drops it, as nothing was saved).
 */
import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = 'bdg.draft.';
const memory = new Map<string, unknown>();
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null;
  } catch {
    return null;
  }
}

export function readDraft<T>(key: string): T | undefined {
  if (memory.has(key)) return memory.get(key) as T;
  const raw = storage()?.getItem(PREFIX + key);
  if (raw === null || raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as T;
    memory.set(key, v);
    return v;
  } catch {
    return undefined;
  }
}

export function writeDraft<T>(key: string, value: T): void {
  memory.set(key, value);
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or refused: the in-memory copy still survives navigation
  }
  for (const l of listeners) l();
}

export function clearDraft(key: string): void {
  memory.delete(key);
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // nothing to do
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}

/**
 * A value that survives leaving the screen: like useState, keyed by form and period. `clear` forgets the draft (after
 * a save, or when the officer discards it); `saved` tells whether a draft is held.
 */
export function useDraft<T>(key: string, initial: T): [T, (v: T) => void, () => void, boolean] {
  const snapshot = useSyncExternalStore(
    subscribe,
    () => readDraft<T>(key),
    () => undefined,
  );
  const set = useCallback((v: T) => writeDraft(key, v), [key]);
  const clear = useCallback(() => clearDraft(key), [key]);
  return [snapshot === undefined ? initial : snapshot, set, clear, snapshot !== undefined];
}
