/**
 * Everything the renderer can ask of main, declared once. Both hosts (Electron IPC
 * and the loopback browser host) carry exactly these calls; the preload exposes one
 * function per entry.
 */
import type { z } from 'zod';
import type { CallSpec, EventSpec } from './api/define';
import type { Result } from './result';
import { events } from './api/events';
import { appCalls } from './api/app';
import { httpCalls } from './api/http';
import { credentialCalls } from './api/credentials';
import { sandboxCalls } from './api/sandbox';
import { collectionCalls } from './api/collections';
import { historyCalls } from './api/history';
import { undoCalls } from './api/undo';

export const calls = {
  ...appCalls,
  ...httpCalls,
  ...credentialCalls,
  ...sandboxCalls,
  ...collectionCalls,
  ...historyCalls,
  ...undoCalls,
} satisfies Record<string, CallSpec>;

export type Calls = typeof calls;
export type CallName = keyof Calls & string;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = Exclude<Calls[N]['output'], undefined>;

/** Everything main may tell the renderer unasked. */
export { events };
export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;
/** Event names, for the preload and the browser host to enumerate. */
export const eventNames = Object.keys(events) as EventName[];
events satisfies Record<string, EventSpec>;

/** Subscribes to one event; returns the function that unsubscribes. */
export type Subscribe = <N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void) => () => void;

/**
 * The API as the renderer sees it: one async function per call, each answering with a
 * Result (never throwing for an expected failure), and `on` for events.
 */
export type SignetApi = { readonly [N in CallName]: (input: CallInput<N>) => Promise<Result<CallOutput<N>>> } & {
  readonly on: Subscribe;
};

/** Call names, for the preload and the browser host to enumerate. */
export const callNames = Object.keys(calls) as CallName[];

/** IPC channel prefix used by the Electron host for calls. */
export const IPC_PREFIX = 'signet:';
/** IPC channel prefix main sends events on, one channel per event. */
export const IPC_EVENT_PREFIX = 'signet-event:';

export type { Failure, FailureCode, Result } from './result';
export type * from './api/http';
export type * from './api/app';
export type * from './api/history';
export type * from './api/undo';
