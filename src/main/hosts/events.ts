/**
 * Fans the core's events (ctx.emit) out to a door's listeners: the CLI's progress lines, the web host's event
 * streams. Give `emit` to createContext (or openCore) and `subscribe` to whoever listens.
 */
import type { ApiEvent } from '../../shared/contract';

export type EventListener = (event: ApiEvent, payload: unknown) => void;

export interface EventHub {
  emit: EventListener;
  /** returns the unsubscribe function */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit: (event, payload) => {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch {
          // a listener that fails (a closed stream) must not fail the work that announced the event
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
