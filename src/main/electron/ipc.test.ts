import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, IPC_EVENT_PREFIX, IPC_PREFIX } from '../../shared/contract';
import { createApp, type SignetApp } from '../app';
import { createAppUrlCheck, forwardEvents, registerCalls } from './ipc';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

/** Stands in for Electron's ipcMain: records what main registers so the test can invoke it. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      handlers.set(channel, handler);
    },
  };
}

function invokeFrom(url: string): IpcMainInvokeEvent {
  return { senderFrame: { url } } as unknown as IpcMainInvokeEvent;
}

const isAppUrl = createAppUrlCheck('signet-app://renderer');

describe('Electron IPC', () => {
  let app: SignetApp;
  let dataDir = '';
  const ipc = fakeIpcMain();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'signet-ipc-'));
    app = await createApp({ host: 'test', dataDir, version: 'test' });
    registerCalls(ipc, app.dispatch, isAppUrl);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers one channel per contract call', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(callNames.map((name) => IPC_PREFIX + name).sort());
  });

  it('answers the app window', async () => {
    const handler = ipc.handlers.get(`${IPC_PREFIX}appInfo`)!;
    const reply = await handler(invokeFrom('signet-app://renderer/index.html'), {});
    expect(reply).toMatchObject({ ok: true, value: { version: 'test' } });
  });

  it('refuses a frame from another origin before main runs anything', async () => {
    const handler = ipc.handlers.get(`${IPC_PREFIX}putSecret`)!;
    for (const url of [
      'https://evil.example/',
      'signet-app://other/index.html',
      'file:///etc/passwd',
      'http://127.0.0.1:5173/',
      '',
    ]) {
      const reply = await handler(invokeFrom(url), { value: 'a-secret-value-123' });
      expect(reply).toEqual({
        ok: false,
        error: { code: 'unavailable', message: 'IPC refused: the sender is not the app window' },
      });
    }
    const noFrame = await handler({ senderFrame: null } as unknown as IpcMainInvokeEvent, { value: 'x-secret-1' });
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('lets the dev server origin in only when one is configured', () => {
    const dev = createAppUrlCheck('signet-app://renderer', 'http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(false);
  });

  it('delivers an event on its own channel, to app windows only', () => {
    const sent: Array<[string, string, unknown]> = [];
    const window = (url: string, destroyed = false) => ({
      getURL: () => url,
      isDestroyed: () => destroyed,
      send: (channel: string, payload: unknown) => void sent.push([url, channel, payload]),
    });
    const stop = forwardEvents(
      app.events,
      () => [
        window('signet-app://renderer/index.html'),
        window('https://evil.example/'),
        window('signet-app://renderer/index.html#closed', true),
      ],
      isAppUrl,
    );
    app.events.emit('workspaceChanged', { reason: 'external', collectionIds: [] });
    stop();
    app.events.emit('workspaceChanged', { reason: 'import', collectionIds: [] });
    expect(sent).toEqual([
      [
        'signet-app://renderer/index.html',
        `${IPC_EVENT_PREFIX}workspaceChanged`,
        { reason: 'external', collectionIds: [] },
      ],
    ]);
  });
});
