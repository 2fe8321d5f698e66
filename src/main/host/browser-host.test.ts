import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, type Dispatch } from '../core/dispatch';
import { EventBus } from '../core/events';
import { startBrowserHost, type BrowserHost } from './browser-host';

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Raw http.request, so that Host and Origin can be set to anything (fetch forbids that). */
function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  let host: BrowserHost;
  let dir = '';
  let port: number;
  const seen: unknown[] = [];
  const events = new EventBus();
  const dispatch: Dispatch = async (name, input) => {
    seen.push(input);
    if (name === 'appInfo') return { ok: true, value: { host: 'browser' } };
    if (name === 'whoAmI') return { ok: false, error: { code: 'sts', message: 'STS said no' } };
    return { ok: false, error: new InvalidInputError(`unknown call "${name}"`).toFailure() };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signet-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Signet</title>');
    host = await startBrowserHost({ dispatch, events, staticDir: dir, heartbeatMs: 50 });
    port = Number(new URL(host.origin).port);
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const good = () => ({
    Host: `127.0.0.1:${port}`,
    Authorization: `Bearer ${host.token}`,
    'Content-Type': 'application/json',
  });

  it('prints a loopback URL whose fragment carries a fresh token', async () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[A-Za-z0-9_-]{43}$`));
    const other = await startBrowserHost({ dispatch, staticDir: tmpdir() });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('answers a call with the right token, Host and Origin', async () => {
    const reply = await call(port, '/api/appInfo', {
      headers: { ...good(), Origin: `http://127.0.0.1:${port}` },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { host: 'browser' } });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a call without the token', async () => {
    const { Authorization: _, ...headers } = good();
    const reply = await call(port, '/api/appInfo', { headers, body: '{}' });
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('launch token');
  });

  it('refuses a wrong token', async () => {
    const reply = await call(port, '/api/appInfo', {
      headers: { ...good(), Authorization: `Bearer ${host.token.slice(0, -1)}x` },
      body: '{}',
    });
    expect(reply.status).toBe(401);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const reply = await call(port, '/api/appInfo', {
      headers: { ...good(), Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('Origin not allowed');
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await call(port, '/api/appInfo', {
      headers: { ...good(), Host: `rebind.example:${port}` },
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('Host not allowed');
    const page = await call(port, '/', { method: 'GET', headers: { Host: `attacker.example:${port}` } });
    expect(page.status).toBe(403);
  });

  it('refuses form posts that are not JSON (no simple cross-site requests)', async () => {
    const reply = await call(port, '/api/appInfo', {
      headers: { ...good(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(reply.status).toBe(415);
  });

  it('turns invalid input into a 400 with the message', async () => {
    const reply = await call(port, '/api/nope', { headers: good(), body: '{}' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'unknown call "nope"' },
    });
    const bad = await call(port, '/api/appInfo', { headers: good(), body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers an expected failure with 200 and the failure, in the one Result shape', async () => {
    const reply = await call(port, '/api/whoAmI', { headers: good(), body: '{}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'sts', message: 'STS said no' } });
  });

  it('streams events to a page that holds the token, and to no one else', async () => {
    const refused = await call(port, '/api/events', { method: 'GET', headers: { Host: `127.0.0.1:${port}` } });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const foreign = await call(port, '/api/events', {
      method: 'GET',
      headers: { ...good(), Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);

    const received = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/events', method: 'GET', headers: good() },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(': connected') && !text.includes('event:')) {
              events.emit('workspaceChanged', { reason: 'external', collectionIds: ['c1'] });
            }
            if (text.includes('\n\n', text.indexOf('event:')) && text.includes(': keep-alive')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: workspaceChanged\ndata: {"reason":"external","collectionIds":["c1"]}\n\n');
    // A closed stream unsubscribes: nothing keeps writing to a gone page.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.listenerCount).toBe(0);
  });

  it('serves the renderer with a strict CSP and no path traversal', async () => {
    const page = await call(port, '/', { method: 'GET', headers: { Host: `localhost:${port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Signet</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await call(port, '/..%2f..%2fetc%2fpasswd', {
      method: 'GET',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(escape.status).toBe(404);
  });
});
