/**
 * The Electron host's IPC: one `handle` channel per contract call, one `send`
 * channel per event. Electron's objects come in as parameters (types only here), so
 * the sender check and the event fan-out run in plain Node tests with fakes.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames, IPC_EVENT_PREFIX, IPC_PREFIX } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';

/** Whether a URL is the app's own page: the app scheme's origin, or the dev server's in development. */
export function createAppUrlCheck(appOrigin: string, devServerUrl?: string): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    // A custom scheme's URL origin is opaque ("null"), so compare scheme and host instead.
    if (`${parsed.protocol}//${parsed.host}` === appOrigin) return true;
    return devOrigin !== undefined && parsed.origin === devOrigin;
  };
}

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'IPC refused: the sender is not the app window' },
};

/**
 * Registers one handler per call. The sending frame is checked first: a frame from
 * any other origin (an iframe, a page navigated away) gets a refusal and main runs nothing.
 */
export function registerCalls(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isAppUrl: (url: string) => boolean,
): void {
  for (const name of callNames) {
    ipcMain.handle(IPC_PREFIX + name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isAppUrl(event.senderFrame?.url ?? '')) return REFUSED;
      // The dispatcher answers every call with a Result and never throws, so stacks stay in main.
      return dispatch(name, input, { host: 'electron' });
    });
  }
}

/** The windows events go to; only those showing the app's own page receive anything. */
export type EventTargets = () => ReadonlyArray<Pick<WebContents, 'send' | 'getURL' | 'isDestroyed'>>;

/** Sends every event on its own channel to each app window; returns the function that stops it. */
export function forwardEvents(bus: EventBus, targets: EventTargets, isAppUrl: (url: string) => boolean): () => void {
  return bus.subscribe((name, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_PREFIX + name, payload);
    }
  });
}
