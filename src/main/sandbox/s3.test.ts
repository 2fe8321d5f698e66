/**
 * The sandbox's S3 look-alike checks S3's canonical rules end to end: Signet-signed S3 requests
 * (keys with spaces, unicode, `//`, `%2F`, repeated and valueless query keys) get 200, and the
 * same request signed by the other services' rules does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBody } from '../http/body';
import { readAnyFile } from '../http/testdata/read-any-file';
import { sendWire } from '../http/transport';
import { signWireRequest, toWireUrl, type SignParams, type WireRequest } from '../signing';
import { generateRequests } from '../signing/testdata/random-requests';
import { startSandbox, type Sandbox } from './index';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const FILES = { binaryPath: '/nonexistent/data.bin', textPath: '/nonexistent/notes.txt' };

function params(overrides: Partial<SignParams> = {}): SignParams {
  return {
    credentials: sandbox.invoker,
    region: sandbox.region,
    service: 's3',
    addAuthDataTo: 'headers',
    expiresSeconds: 900,
    ...overrides,
  };
}

/** A generated S3 request moved onto the sandbox, path-style under its bucket. */
async function onSandbox(index: number): Promise<WireRequest[]> {
  const requests = generateRequests(2024, 120, FILES, 's3').filter(
    (r) => r.body.mode !== 'binary' && r.body.mode !== 'formdata',
  );
  const out: WireRequest[] = [];
  for (const r of requests.slice(0, index)) {
    const { bytes, contentType } = await encodeBody(r.body, (s) => s, readAnyFile);
    const headers: Array<[string, string]> = [...r.headers];
    if (contentType) headers.push(['Content-Type', contentType]);
    const rest = r.url.replace(/^https:\/\/[^/]+/, '');
    out.push({ method: r.method, url: toWireUrl(`${sandbox.s3Url}/bucket${rest}`), headers, body: bytes });
  }
  return out;
}

describe('sandbox S3 look-alike', () => {
  it('accepts 60 Signet-signed S3 requests, signed payload and UNSIGNED-PAYLOAD', async () => {
    const requests = await onSandbox(60);
    expect(requests.some((r) => /%20|%C3%A9/.test(r.url))).toBe(true);
    expect(requests.some((r) => /[^:]\/\//.test(r.url) || /%2F/.test(r.url))).toBe(true);
    const statuses: Array<[string, number, string]> = [];
    for (const [i, req] of requests.entries()) {
      const { request } = await signWireRequest(req, params({ payloadHash: i % 2 ? 'unsigned' : 'signed' }));
      const response = await sendWire(request, { timeoutMs: 5000 });
      statuses.push([`${req.method} ${req.url}`, response.status, response.status === 200 ? '' : response.bodyText]);
    }
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
  });

  it('accepts presigned S3 GET and PUT URLs (UNSIGNED-PAYLOAD)', async () => {
    for (const method of ['GET', 'PUT']) {
      const { request } = await signWireRequest(
        {
          method,
          url: toWireUrl(`${sandbox.s3Url}/bucket/photos/a b/café.jpg?versionId=3`),
          headers: [],
          body: new Uint8Array(),
        },
        params({ addAuthDataTo: 'query', expiresSeconds: 604800 }),
      );
      const response = await sendWire(request, { timeoutMs: 5000 });
      expect(response.status).toBe(200);
    }
  });

  it('refuses a key signed by the other services rules, and a missing or wrong payload hash', async () => {
    const req = {
      method: 'PUT',
      url: toWireUrl(`${sandbox.s3Url}/bucket/a b//c%2Fd`),
      headers: [] as Array<[string, string]>,
      body: new TextEncoder().encode('hello'),
    };
    const standard = await signWireRequest(req, params({ pathRules: { normalize: true, doubleEncode: true } }));
    const refused = await sendWire(standard.request, { timeoutMs: 5000 });
    expect([refused.status, refused.bodyText]).toEqual([403, expect.stringContaining('SignatureDoesNotMatch')]);

    const noHash = await signWireRequest(req, params({ signPayloadHashHeader: false }));
    const missing = await sendWire(noHash.request, { timeoutMs: 5000 });
    expect([missing.status, missing.bodyText]).toEqual([400, expect.stringContaining('x-amz-content-sha256')]);

    const good = await signWireRequest(req, params());
    const tampered = await sendWire({ ...good.request, body: new TextEncoder().encode('HELLO') }, { timeoutMs: 5000 });
    expect([tampered.status, tampered.bodyText]).toEqual([400, expect.stringContaining('XAmzContentSHA256Mismatch')]);
  });
});
