/**
 * Everything the renderer can ask of main, declared once. Both hosts (Electron IPC
 * and the loopback browser host) carry exactly these calls; the preload exposes one
 * function per entry.
 */
import type { z } from 'zod';
import type { CallSpec } from './api/define';
import { appCalls } from './api/app';
import { httpCalls } from './api/http';
import { credentialCalls } from './api/credentials';
import { sandboxCalls } from './api/sandbox';
import { collectionCalls } from './api/collections';

export const calls = {
  ...appCalls,
  ...httpCalls,
  ...credentialCalls,
  ...sandboxCalls,
  ...collectionCalls,
} satisfies Record<string, CallSpec>;

export type Calls = typeof calls;
export type CallName = keyof Calls & string;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = Exclude<Calls[N]['output'], undefined>;

/** The API as the renderer sees it: one async function per call. */
export type SignetApi = { readonly [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

/** Call names, for the preload and the browser host to enumerate. */
export const callNames = Object.keys(calls) as CallName[];

/** IPC channel prefix used by the Electron host. */
export const IPC_PREFIX = 'signet:';

export type { Failure, FailureCode } from './api/define';
export type * from './api/http';
export type * from './api/app';
