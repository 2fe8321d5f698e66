import type { EventName, EventPayload, Result, SignetApi, Subscribe } from '../shared/contract';
import { callNames } from '../shared/contract-names';
import type { FileGrantInfo } from '../shared/file-grant';
import { isResult } from '../shared/result';
import { connectEventStream, type StreamStatus } from './host-events';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    readonly signet?: SignetApi;
  }
}

const TOKEN_KEY = 'signet.launchToken';

/** The launch token arrives in the URL fragment once; it is kept for reloads of this tab only. */
function launchToken(): string {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const tokenRefusedListeners = new Set<() => void>();

/**
 * Whether this page can reach main: always in Electron; in the browser host, when it holds a
 * launch token (from the URL `signet web` printed, or kept from it for reloads of this tab).
 */
export function hasLaunchToken(): boolean {
  return Boolean(window.signet) || launchToken() !== '';
}

/** Calls `listener` when the browser host refuses this page's token (a host restarted since). */
export function onTokenRefused(listener: () => void): () => void {
  tokenRefusedListeners.add(listener);
  return () => void tokenRefusedListeners.delete(listener);
}

function unavailable(message: string): Result<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

type Listener = (payload: unknown) => void;

/** Listeners by event name, fed by whichever transport the host has. */
class Listeners {
  private readonly byName = new Map<string, Set<Listener>>();

  add(name: string, listener: Listener): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  deliver(name: string, payload: unknown): void {
    for (const listener of this.byName.get(name) ?? []) listener(payload);
  }
}

const statusListeners = new Set<(status: StreamStatus) => void>();
/** The browser host's event stream as last reported; undefined until it first reports. */
let streamStatus: StreamStatus | undefined;

/** The same contract over the browser host's loopback HTTP, and its event stream. */
function createHttpApi(): SignetApi {
  const token = launchToken();
  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return unavailable('Signet is not reachable: is `signet web` still running?');
    }
    if (response.status === 401) tokenRefusedListeners.forEach((listener) => listener());
    const payload: unknown = await response.json().catch(() => undefined);
    return isResult(payload) ? payload : unavailable(`${name} failed with HTTP ${response.status}`);
  };
  const listeners = new Listeners();
  let stream: { close(): void } | undefined;
  const on: Subscribe = (name, listener) => {
    // One stream per page, opened by the first subscriber.
    stream ??= connectEventStream({
      url: '/api/events',
      token,
      onEvent: (event, payload) => listeners.deliver(event, payload),
      onStatus: (status) => {
        streamStatus = status;
        statusListeners.forEach((l) => l(status));
      },
    });
    return listeners.add(name, listener as Listener);
  };
  return Object.freeze({
    ...Object.fromEntries(callNames.map((name) => [name, (input: unknown) => call(name, input)])),
    on,
  }) as unknown as SignetApi;
}

/** The preload's API, with a lost IPC channel answered as a failure rather than thrown. */
function guardIpcApi(ipc: SignetApi): SignetApi {
  return Object.freeze({
    ...Object.fromEntries(
      callNames.map((name) => [
        name,
        async (input: unknown) => {
          try {
            return await (ipc[name] as (input: unknown) => Promise<Result<unknown>>)(input);
          } catch {
            return unavailable(`${name}: the main process did not answer`);
          }
        },
      ]),
    ),
    on: ipc.on,
  }) as unknown as SignetApi;
}

/** The one way the renderer reaches main, whichever host it runs in. */
export const api: SignetApi = window.signet ? guardIpcApi(window.signet) : createHttpApi();

/**
 * The sidebar's outline frame, asked for as soon as the transport exists (while the rest of
 * the renderer's code is still evaluating): its answer is in when React's first render is done,
 * instead of being asked for from the sidebar's effect after the first paint. Taken once, by
 * the first load (main.tsx).
 */
let earlyOutlineFrame: ReturnType<SignetApi['loadOutlineFrame']> | undefined;
/** Whether main announced a workspace change since the early frame was asked for. */
let workspaceChangedEarly = false;
let stopEarlyWatch: (() => void) | undefined;
if (hasLaunchToken()) {
  // Listening first: the window's own listeners come after its first render and main does not
  // repeat an event, so a change announced in between would otherwise leave this tree stale.
  stopEarlyWatch = api.on('workspaceChanged', () => void (workspaceChangedEarly = true));
  earlyOutlineFrame = api.loadOutlineFrame({});
}

/** The outline frame asked for at start, once; undefined afterwards (or when nothing was asked). */
export function takeEarlyOutlineFrame(): ReturnType<SignetApi['loadOutlineFrame']> | undefined {
  const early = earlyOutlineFrame;
  earlyOutlineFrame = undefined;
  return early;
}

/**
 * For the window's own event listeners, once they are in place: whether the workspace
 * changed since the early frame was asked for (then the tree is loaded again). Ends the
 * early watch.
 */
export function workspaceChangedSinceStart(): boolean {
  stopEarlyWatch?.();
  stopEarlyWatch = undefined;
  const changed = workspaceChangedEarly;
  workspaceChangedEarly = false;
  return changed;
}

/** The browser host's upload: the file's bytes go to main, which answers with a grant. */
async function uploadFile(file: File): Promise<Result<FileGrantInfo>> {
  let response: Response;
  try {
    response = await fetch('/api/upload', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        Authorization: `Bearer ${launchToken()}`,
      },
      body: file,
    });
  } catch {
    return unavailable('Signet is not reachable: is `signet web` still running?');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  return isResult(payload)
    ? (payload as Result<FileGrantInfo>)
    : unavailable(`upload failed with HTTP ${response.status}`);
}

/** Asks the browser for a file (its own picker); null when the user cancels. */
function browserPick(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/**
 * Lets the user choose a file for a body. Electron: main's own dialog. Browser host:
 * the browser's picker, then the bytes go to main. Either way the renderer gets a grant,
 * never a path main would open.
 */
export async function chooseFile(): Promise<Result<FileGrantInfo | null>> {
  if (window.signet) return api.chooseFile({});
  const file = await browserPick();
  return file ? uploadFile(file) : { ok: true, value: null };
}

/** Subscribes to one of main's events; returns the function that unsubscribes. */
export function onEvent<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
  return api.on(name, listener);
}

/**
 * Follows the browser host's event stream (connected, retrying, refused). After a
 * reconnect, events sent while it was down are lost: subscribers reload what they show.
 */
export function onStreamStatus(listener: (status: StreamStatus) => void): () => void {
  statusListeners.add(listener);
  // A stream already open (the early watch opened it) counts as the first connection.
  if (streamStatus === 'open') listener('open');
  return () => void statusListeners.delete(listener);
}

/**
 * The browser host's download of a response body main keeps: fetched with the launch token
 * in its header (never in a URL), then handed to the browser's own save as a file.
 */
export async function downloadFromHost(path: string, fileName: string): Promise<Result<{ bytes: number }>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${launchToken()}` } });
  } catch {
    return unavailable('Signet is not reachable: is `signet web` still running?');
  }
  if (!response.ok) {
    const payload: unknown = await response.json().catch(() => undefined);
    return isResult(payload) ? (payload as Result<never>) : unavailable(`download failed with HTTP ${response.status}`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob's bytes once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: { bytes: blob.size } };
}
