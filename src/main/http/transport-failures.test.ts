/**
 * Failures that used to come back raw (a 500, "reset before a response arrived", a network
 * error) each get a clear message: a bad header value, a body the server will not take, a
 * response cut mid-body, and https:// to a port that speaks plain HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWire, TransportError, type WireRequest } from './transport';

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/cut') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
      res.write('x'.repeat(100), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    if (path === '/limit-reset') {
      // Reads a little of a large body, then drops the connection without answering.
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 64 * 1024) req.socket.destroy();
      });
      return;
    }
    if (path === '/limit-413') {
      res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' });
      res.end('Request Entity Too Large');
      return;
    }
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.end(`got ${bytes}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const request = (
  path: string,
  options: { scheme?: string; method?: string; headers?: Array<[string, string]>; body?: Uint8Array } = {},
): WireRequest => ({
  method: options.method ?? 'GET',
  url: `${options.scheme ?? 'http'}://127.0.0.1:${port}${path}`,
  headers: options.headers ?? [],
  body: options.body ?? new Uint8Array(),
});

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return (error as TransportError).failure;
}

describe('sendWire failures', () => {
  it('refuses an invalid header value as invalid_input naming the header, not its value', async () => {
    const failure = await failureOf(
      sendWire(request('/', { headers: [['X-Token', 'abc\u0001secret-value']] }), { timeoutMs: 5000 }),
    );
    expect(failure.code).toBe('invalid_input');
    expect(failure.message).toContain('"X-Token"');
    expect(failure.message).not.toContain('secret-value');
    const badName = await failureOf(sendWire(request('/', { headers: [['X Bad', '1']] }), { timeoutMs: 5000 }));
    expect(badName).toMatchObject({ code: 'invalid_input' });
    expect(badName.message).toContain('X Bad');
  });

  it('says how far the response got when it is cut mid-body', async () => {
    const failure = await failureOf(sendWire(request('/cut'), { timeoutMs: 5000 }));
    expect(failure.code).toBe('network');
    expect(failure.message).toContain('cut after 100 bytes of body (of 1000 announced)');
    expect(failure.message).not.toContain('before a response arrived');
  });

  it('says the server does not speak TLS when https:// meets a plain HTTP port', async () => {
    const failure = await failureOf(sendWire(request('/', { scheme: 'https' }), { timeoutMs: 5000 }));
    expect(failure.code).toBe('tls');
    expect(failure.message).toContain('does not speak TLS on that port');
  });

  it('says the body was refused when the server drops the connection mid-body', async () => {
    const body = new Uint8Array(32 * 1024 * 1024);
    const failure = await failureOf(sendWire(request('/limit-reset', { method: 'PUT', body }), { timeoutMs: 10_000 }));
    expect(failure.code).toBe('network');
    expect(failure.message).toContain(`while the ${body.length}-byte request body was being sent`);
    expect(failure.message).toContain('may refuse bodies this large');
  });

  it('shows the answer of a server that refuses a large body early (413), not a reset', async () => {
    const body = new Uint8Array(32 * 1024 * 1024);
    const response = await sendWire(request('/limit-413', { method: 'PUT', body }), { timeoutMs: 10_000 });
    expect(response.status).toBe(413);
    expect(response.bodyText).toBe('Request Entity Too Large');
  });

  it('streams a body file with its Content-Length, and refuses to pass off a file that shrank', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-body-file-'));
    try {
      const file = join(dir, 'body.bin');
      writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 1));
      const put = request('/echo', { method: 'PUT' });
      const response = await sendWire(put, { timeoutMs: 5000, bodyFile: { path: file, size: 3 * 1024 * 1024 } });
      expect(response.bodyText).toBe(`got ${3 * 1024 * 1024}`);
      writeFileSync(file, Buffer.alloc(1024, 1));
      const failure = await failureOf(sendWire(put, { timeoutMs: 5000, bodyFile: { path: file, size: 4096 } }));
      expect(failure).toMatchObject({ code: 'io' });
      expect(failure.message).toContain('changed while it was sent (1024 of 4096 bytes)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
