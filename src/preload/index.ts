import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, SignetApi } from '../shared/contract';
import { callNames, eventNames, IPC_EVENT_PREFIX, IPC_PREFIX } from '../shared/contract-names';

const declaredEvents = new Set<string>(eventNames);

/** Subscribes to one declared event; Electron's event object never reaches the page. */
function on(name: EventName, listener: (payload: unknown) => void): () => void {
  if (!declaredEvents.has(name)) throw new Error(`unknown event "${String(name).slice(0, 64)}"`);
  if (typeof listener !== 'function') throw new Error('listener must be a function');
  const channel = IPC_EVENT_PREFIX + name;
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// One function per contract call, and `on` for declared events: no ipcRenderer, no Node, no process.env.
const api = Object.freeze({
  ...Object.fromEntries(
    callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, input)]),
  ),
  on,
}) as unknown as SignetApi;

contextBridge.exposeInMainWorld('signet', api);
