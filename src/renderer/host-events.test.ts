/**
 * Both event transports against real main: a session that expires in main reaches
 * the renderer with no call from the renderer, over the browser host's event stream
 * (read by the renderer's own client) and over the Electron IPC fan-out; the stream
 * comes back after the browser host restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSandboxInfo } from '../shared/api/sandbox';
import { IPC_EVENT_PREFIX } from '../shared/contract';
import { createApp, type SignetApp } from '../main/app';
import { createAppUrlCheck, forwardEvents } from '../main/electron/ipc';
import { startBrowserHost, type BrowserHost } from '../main/host/browser-host';
import { connectEventStream, type StreamStatus } from './host-events';

interface Received {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 8000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = find();
      if (found !== undefined) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe('events from main', () => {
  let app: SignetApp;
  let host: BrowserHost;
  let dataDir = '';
  let demo: DemoSandboxInfo;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'signet-events-'));
    app = await createApp({ host: 'test', dataDir, version: 'test' });
    host = await startBrowserHost({ dispatch: app.dispatch, events: app.events, staticDir: dataDir });
    const started = await app.dispatch('startDemoSandbox', {}, { host: 'test' });
    if (!started.ok) throw new Error(started.error.message);
    demo = started.value as DemoSandboxInfo;
  });
  afterAll(async () => {
    await host.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Assumes the demo role for one second; main alone notices when it runs out. */
  async function assumeShortSession(label: string): Promise<string> {
    const assumed = await app.dispatch(
      'assumeRole',
      {
        source: { kind: 'keys', accessKeyId: demo.accountB.accessKeyId, secretAccessKey: demo.accountB.secretRef },
        roleArn: demo.roleArn,
        sessionName: 'events',
        durationSeconds: 1,
        region: demo.region,
        endpoint: demo.stsEndpoint,
        label,
      },
      { host: 'test' },
    );
    if (!assumed.ok) throw new Error(assumed.error.message);
    return (assumed.value as { session: { id: string } }).session.id;
  }

  it('streams a session expiring in main to the browser renderer, and reconnects after a host restart', async () => {
    const received: Received[] = [];
    const statuses: StreamStatus[] = [];
    const stream = connectEventStream({
      url: `${host.origin}/api/events`,
      token: host.token,
      onEvent: (name, payload) => received.push({ name, payload: payload as Record<string, unknown> }),
      onStatus: (status) => statuses.push(status),
      retryMs: 100,
    });
    try {
      await waitFor(() => (statuses.includes('open') ? true : undefined), 'the stream to open');
      const sessionId = await assumeShortSession('stream');
      const expired = await waitFor(
        () => received.find((e) => e.payload.sessionId === sessionId && e.payload.change === 'expired'),
        'the expired event',
      );
      expect(expired.name).toBe('sessionChanged');
      expect(received.find((e) => e.payload.sessionId === sessionId)?.payload.change).toBe('added');
      // Nothing secret rides along.
      expect(JSON.stringify(received)).not.toMatch(/ASIA[A-Z0-9]{12,}|SessionToken|secretAccessKey/);

      // The host goes away and comes back on the same port: the client reconnects by itself.
      const port = Number(new URL(host.origin).port);
      await host.close();
      await waitFor(() => (statuses.includes('retrying') ? true : undefined), 'the client to notice');
      host = await startBrowserHost({
        dispatch: app.dispatch,
        events: app.events,
        staticDir: dataDir,
        port,
        token: host.token,
      });
      await waitFor(() => (statuses.filter((s) => s === 'open').length >= 2 ? true : undefined), 'a reconnect');
      app.events.emit('workspaceChanged', { reason: 'external', collectionIds: ['after-restart'] });
      await waitFor(
        () =>
          received.find((e) => e.name === 'workspaceChanged' && String(e.payload.collectionIds) === 'after-restart'),
        'an event after the restart',
      );
    } finally {
      stream.close();
    }
  });

  it('stops, rather than retrying forever, when the token is refused', async () => {
    const statuses: StreamStatus[] = [];
    const stream = connectEventStream({
      url: `${host.origin}/api/events`,
      token: 'not-the-token',
      onEvent: () => undefined,
      onStatus: (status) => statuses.push(status),
      retryMs: 50,
    });
    await waitFor(() => (statuses.includes('refused') ? true : undefined), 'the refusal');
    stream.close();
    expect(statuses).not.toContain('open');
  });

  it('sends a session expiring in main to the Electron window on its own channel', async () => {
    const sent: Array<[string, Record<string, unknown>]> = [];
    const window = {
      getURL: () => 'signet-app://renderer/index.html',
      isDestroyed: () => false,
      send: (channel: string, payload: unknown) => void sent.push([channel, payload as Record<string, unknown>]),
    };
    const stop = forwardEvents(app.events, () => [window], createAppUrlCheck('signet-app://renderer'));
    try {
      const sessionId = await assumeShortSession('ipc');
      const [channel] = await waitFor(
        () => sent.find(([, payload]) => payload.sessionId === sessionId && payload.change === 'expired'),
        'the expired event over IPC',
      );
      expect(channel).toBe(`${IPC_EVENT_PREFIX}sessionChanged`);
    } finally {
      stop();
    }
  });
});
