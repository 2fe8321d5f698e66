import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from './browser-host';

/** Sends a call by hand, with or without Content-Length, and reads the answer. */
function post(host: BrowserHost, body: Buffer, chunked: boolean): Promise<{ status: number; text: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/appInfo',
        method: 'POST',
        headers: {
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/json',
          ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': body.length }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    if (chunked) {
      // Keeps sending in pieces, as a client that does not know its size would.
      for (let i = 0; i < body.length; i += 512) req.write(body.subarray(i, i + 512));
      req.end();
    } else req.end(body);
  });
}

describe('browser host: a call over the size limit', () => {
  let host: BrowserHost;
  let dir = '';
  let calls = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signet-limit-'));
    host = await startBrowserHost({
      dispatch: async () => {
        calls += 1;
        return { ok: true, value: null };
      },
      staticDir: dir,
      maxBodyBytes: 1000,
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['with Content-Length', false],
    ['chunked', true],
  ] as const)('is answered 413 with a clear failure, %s, and nothing runs', async (_name, chunked) => {
    const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(5000) }));
    const reply = await post(host, body, chunked);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/over the 1000-byte limit; nothing was done/) },
    });
    expect(calls).toBe(0);
    // The host still answers afterwards.
    const small = await post(host, Buffer.from('{}'), false);
    expect(small.status).toBe(200);
    calls = 0;
  });
});
