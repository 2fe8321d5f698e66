/**
 * Everything the renderer can ask of main, declared once. Both hosts (Electron IPC
 * and the loopback browser host) carry exactly these calls; the preload exposes one
 * function per entry.
 *
 * The schemas are main's: the renderer and the preload take only types from here
 * (`import type`) and the names from contract-names.ts, so no validator reaches them.
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
import { tabCalls } from './api/tabs';
import { callNames, eventNames } from './contract-names';
import { ssoCalls } from './api/sso';
import { bodyCalls } from './api/body';
import { runnerCalls } from './api/runner';
import { iamCalls } from './api/iam';
import { historyCalls } from './api/history';
import { undoCalls } from './api/undo';
import { cookieCalls } from './api/cookies';

export const calls = {
  ...appCalls,
  ...httpCalls,
  ...credentialCalls,
  ...sandboxCalls,
  ...collectionCalls,
  ...ssoCalls,
  ...bodyCalls,
  ...runnerCalls,
  ...tabCalls,
  ...iamCalls,
  ...historyCalls,
  ...undoCalls,
  ...cookieCalls,
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

/**
 * The schema-free name lists name exactly the calls and events declared here: a call
 * without its name, or a name without its call, fails to compile and the error names it.
 */
type NoneOf<T extends never> = T;
export type CallsMissingFromCallNames = NoneOf<Exclude<CallName, (typeof callNames)[number]>>;
export type CallNamesWithoutCall = NoneOf<Exclude<(typeof callNames)[number], CallName>>;
export type EventsMissingFromEventNames = NoneOf<Exclude<EventName, (typeof eventNames)[number]>>;
export type EventNamesWithoutEvent = NoneOf<Exclude<(typeof eventNames)[number], EventName>>;

/** Names, for main and the hosts to enumerate (the renderer and preload import contract-names directly). */
export { callNames, eventNames, IPC_EVENT_PREFIX, IPC_PREFIX } from './contract-names';

export type { Failure, FailureCode, Result } from './result';
export type * from './api/http';
export type * from './api/app';
export type * from './api/body';
export type * from './api/history';
export type * from './api/undo';
export type * from './api/cookies';
