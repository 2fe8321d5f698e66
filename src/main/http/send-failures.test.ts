/**
 * A plain (unsigned) request whose header value node:http refuses used to throw out of the
 * send path and reach the page as a raw 500; it is now an invalid_input failure naming the
 * header, and nothing is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRequest } from '../../shared/request-basics';
import type { CredentialResolver } from '../core/ports';
import { SecretStore } from '../core/secrets';
import { RequestRunner } from './send';

let server: http.Server;
let base = '';
let received = 0;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    received += 1;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const noCredentials = {
  resolve: () => Promise.reject(new Error('no credentials in this test')),
  canAutoRefresh: () => false,
} as unknown as CredentialResolver;

describe('send: a header value that cannot go on the wire', () => {
  it('answers invalid_input naming the header, and sends nothing', async () => {
    const runner = new RequestRunner({ secrets: new SecretStore(), credentials: noCredentials });
    const request = {
      ...emptyRequest('r'),
      url: `${base}/x`,
      headers: [{ key: 'X-Note', value: 'caf\u00e9\u0007bell', enabled: true }],
    };
    const result = await runner.send({ requestId: 'r', request, context: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('"X-Note"');
    expect(result.error.message).not.toContain('bell');
    expect(received).toBe(0);
  });
});
