/**
 * Main's side of the contract's events: domains emit, hosts deliver. Every payload is
 * checked against its schema before it leaves, so a host never carries anything the
 * contract does not declare.
 */
import { events, type EventName, type EventPayload } from '../../shared/contract';

/** What domains get: a way to emit, nothing else. */
export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans events out to every host connection (IPC windows, browser event streams). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  readonly emit: EmitEvent = (name, payload) => {
    const parsed = events[name].payload.safeParse(payload);
    if (!parsed.success) {
      // A bad payload is a bug in main; drop it rather than send the renderer something undeclared.
      console.error(`[signet] event ${name} dropped: payload does not match its schema`);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(name, parsed.data);
      } catch (error) {
        console.error(`[signet] event ${name}: a listener failed:`, error instanceof Error ? error.message : error);
      }
    }
  };

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
