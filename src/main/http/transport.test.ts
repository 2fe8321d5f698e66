import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNetworkError, displayBody, sendWire, TransportError, type WireRequest } from './transport';

let server: http.Server;
let base = '';
let lastRawHeaders: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    lastRawHeaders = req.rawHeaders;
    const path = req.url ?? '/';
    if (path === '/hang') return; // never answers
    if (path === '/big') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('x'.repeat(3000));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"a":[1,2]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const get = (path: string, headers: Array<[string, string]> = []): WireRequest => ({
  method: 'GET',
  url: `${base}${path}`,
  headers,
  body: new Uint8Array(),
});

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return (error as TransportError).failure;
}

describe('sendWire', () => {
  it('sends the headers as given, in order, and pretty-prints JSON', async () => {
    const response = await sendWire(
      get('/json', [
        ['Host', new URL(base).host],
        ['X-B', '2'],
        ['x-a', '1'],
      ]),
      { timeoutMs: 5000 },
    );
    expect(response.status).toBe(200);
    expect(response.prettyJson).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    const names = lastRawHeaders.filter((_, i) => i % 2 === 0);
    expect(names.slice(0, 3)).toEqual(['Host', 'X-B', 'x-a']);
  });

  it('breaks the time down by phase from the socket events: DNS only for a name, no TLS over http', async () => {
    const byIp = await sendWire(get('/json'), { timeoutMs: 5000 });
    expect(byIp.timings).toBeDefined();
    expect(byIp.timings!.dnsMs).toBeUndefined();
    expect(byIp.timings!.tlsMs).toBeUndefined();
    const { connectMs, firstByteMs, downloadMs } = byIp.timings!;
    for (const ms of [connectMs, firstByteMs, downloadMs]) expect(ms).toBeGreaterThanOrEqual(0);
    expect(connectMs + firstByteMs + downloadMs).toBeLessThanOrEqual(byIp.timeMs + 1);
    const byName = await sendWire(
      { ...get('/json'), url: `${base.replace('127.0.0.1', 'localhost')}/json` },
      {
        timeoutMs: 5000,
      },
    );
    expect(byName.timings!.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it('times out a request that gets no answer', async () => {
    const failure = await failureOf(sendWire(get('/hang'), { timeoutMs: 300 }));
    expect(failure).toMatchObject({ code: 'timeout', message: 'No complete response within 300 ms.' });
  });

  it('cancels a request in flight', async () => {
    const controller = new AbortController();
    const pending = sendWire(get('/hang'), { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failureOf(pending)).toMatchObject({ code: 'cancelled' });
  });

  it('reports connection refused', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const failure = await failureOf(sendWire({ ...get('/'), url: `http://127.0.0.1:${port}/` }, { timeoutMs: 5000 }));
    expect(failure.code).toBe('refused');
    expect(failure.message).toContain(`127.0.0.1:${port}`);
  });

  it('keeps only the first bytes of a large body for display, counting them all', async () => {
    const response = await sendWire(get('/big'), { timeoutMs: 5000, maxShownBytes: 1000 });
    expect(response).toMatchObject({ sizeBytes: 3000, shownBytes: 1000, truncated: true });
    expect(response.bodyText).toHaveLength(1000);
  });

  it('names a DNS failure', () => {
    const failure = describeNetworkError(
      Object.assign(new Error('getaddrinfo ENOTFOUND nope.example'), { code: 'ENOTFOUND' }),
      new URL('https://nope.example/'),
    );
    expect(failure).toEqual({ code: 'dns', message: 'Could not resolve host nope.example (DNS lookup failed).' });
  });

  it('reports a TLS error for an untrusted certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const tls = https.createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => res.end('ok'),
    );
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    try {
      const failure = await failureOf(
        sendWire(
          { ...get('/'), url: `https://127.0.0.1:${(tls.address() as AddressInfo).port}/` },
          { timeoutMs: 5000 },
        ),
      );
      expect(failure.code).toBe('tls');
      expect(failure.detail).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      tls.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('displayBody', () => {
  it('pretty-prints JSON in main and keeps small bodies whole', () => {
    const shown = displayBody(Buffer.from('{"a":1}'), 'application/json', true);
    expect(shown).toEqual({ text: '{"a":1}', pretty: '{\n  "a": 1\n}', cut: false });
  });

  it('cuts large bodies for display at a line break, and says so', () => {
    const big = JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `item ${i}` })) });
    const shown = displayBody(Buffer.from(big), 'application/json', true, 100_000);
    expect(shown.cut).toBe(true);
    expect(shown.text).toHaveLength(100_000);
    expect(shown.pretty!.length).toBeLessThanOrEqual(100_000);
    // Cut on a line boundary of the full pretty text.
    const fullPretty = JSON.stringify(JSON.parse(big), null, 2);
    expect(fullPretty.startsWith(shown.pretty!)).toBe(true);
    expect(fullPretty[shown.pretty!.length]).toBe('\n');
    expect(big.startsWith(shown.text)).toBe(true);
  });

  it('does not pretty-print a body that arrived incomplete', () => {
    expect(displayBody(Buffer.from('{"a":'), 'application/json', false).pretty).toBeUndefined();
  });
});
