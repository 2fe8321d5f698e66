import { contextBridge, ipcRenderer } from 'electron';
import { callNames, IPC_PREFIX, type SignetApi } from '../shared/contract';

// One function per contract call and nothing else: no ipcRenderer, no Node, no process.env.
const api = Object.freeze(
  Object.fromEntries(callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, input)])),
) as unknown as SignetApi;

contextBridge.exposeInMainWorld('signet', api);
