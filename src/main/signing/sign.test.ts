/**
 * Signing behaviours the AWS suites do not cover: what goes on the wire, and refusals.
 */
import { describe, expect, it } from 'vitest';
import { signWireRequest, type SignParams } from './sign';
import type { WireRequest } from './wire-request';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/+token==';
const params = (over: Partial<SignParams> = {}): SignParams => ({
  credentials: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN },
  region: 'us-east-1',
  service: 'execute-api',
  addAuthDataTo: 'headers',
  expiresSeconds: 900,
  signingDate: new Date('2024-02-29T23:59:59Z'),
  ...over,
});
const request = (over: Partial<WireRequest> = {}): WireRequest => ({
  method: 'POST',
  url: 'https://abc123.execute-api.us-east-1.amazonaws.com:8443/prod/a%20b?x=1&x=&y',
  headers: [['Content-Type', 'application/json']],
  body: new TextEncoder().encode('{"a":1}'),
  ...over,
});

describe('signWireRequest', () => {
  it('sets Host (with port) and Content-Length before signing and signs them', async () => {
    const { request: wire, info } = await signWireRequest(request(), params());
    expect(wire.headers).toContainEqual(['Host', 'abc123.execute-api.us-east-1.amazonaws.com:8443']);
    expect(wire.headers).toContainEqual(['Content-Length', '7']);
    expect(info.signedHeaders).toBe('content-length;content-type;host;x-amz-date;x-amz-security-token');
    expect(info.canonicalRequest.split('\n').slice(1, 3)).toEqual(['/prod/a%2520b', 'x=&x=1&y=']);
    expect(wire.url).toBe(request().url);
  });

  it('sends repeated headers as one header joined with "," exactly as signed', async () => {
    const { request: wire, info } = await signWireRequest(
      request({
        headers: [
          ['X-Tag', ' a '],
          ['x-tag', 'b  c'],
          ['X-TAG', 'd'],
        ],
      }),
      params(),
    );
    expect(wire.headers.filter(([n]) => n.toLowerCase() === 'x-tag')).toEqual([['X-Tag', 'a,b  c,d']]);
    expect(info.canonicalRequest).toContain('\nx-tag:a,b c,d\n');
  });

  it('replaces stale auth headers typed by the user', async () => {
    const { request: wire } = await signWireRequest(
      request({
        headers: [
          ['authorization', 'old'],
          ['X-Amz-Date', '20000101T000000Z'],
          ['x-amz-security-token', 'stale'],
        ],
      }),
      params(),
    );
    const names = wire.headers.map(([n]) => n.toLowerCase());
    expect(
      names.filter((n) => n === 'authorization' || n === 'x-amz-date' || n === 'x-amz-security-token'),
    ).toHaveLength(3);
    expect(wire.headers).toContainEqual(['X-Amz-Security-Token', TOKEN]);
  });

  it('presigns into the query, keeping the typed query as written', async () => {
    const { request: wire, info } = await signWireRequest(
      request(),
      params({ addAuthDataTo: 'query', expiresSeconds: 60 }),
    );
    expect(
      wire.url.startsWith(
        `${request().url}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20240229%2F`,
      ),
    ).toBe(true);
    const query = new URL(wire.url).searchParams;
    expect(query.get('X-Amz-Expires')).toBe('60');
    expect(query.get('X-Amz-Security-Token')).toBe(TOKEN);
    expect(query.get('X-Amz-Signature')).toBe(info.signature);
    expect(wire.headers.some(([n]) => /^(authorization|x-amz-)/i.test(n))).toBe(false);
  });

  it('treats an empty session token as none', async () => {
    const { info } = await signWireRequest(
      request(),
      params({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: '' } }),
    );
    expect(info.signedHeaders).not.toContain('x-amz-security-token');
  });

  it('gives a curl command without any secret, its query written in canonical order', async () => {
    const { info } = await signWireRequest(
      request({ url: 'https://abc123.execute-api.us-east-1.amazonaws.com:8443/prod/a-b?x=1&x=&y' }),
      params(),
    );
    // curl 7.88 signs the query as written, so the command writes it canonically (`y` as `y=`).
    expect(info.curl).toBe(
      `curl -g --path-as-is --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" -X POST -H 'Content-Type: application/json' --data-binary '{"a":1}' 'https://abc123.execute-api.us-east-1.amazonaws.com:8443/prod/a-b?x=&x=1&y='`,
    );
    expect(info.curl).not.toContain(SECRET);
    expect(info.curl).not.toContain(TOKEN);
  });

  it('carries the lazily built curl command through JSON and structured clone (IPC)', async () => {
    const { info } = await signWireRequest(request(), params());
    const viaJson = JSON.parse(JSON.stringify(info)) as { curl?: string };
    expect(viaJson.curl).toBe(info.curl);
    expect(structuredClone(info).curl).toBe(info.curl);
    expect({ ...info }.curl).toBe(info.curl);
  });

  it('signs in the shell when curl cannot produce the canonical path (escapes, double encoding)', async () => {
    const { info } = await signWireRequest(request(), params());
    expect(info.curl).not.toContain('--aws-sigv4');
    expect(info.curl).toContain(`'/prod/a%2520b'`);
    expect(info.curl).toContain('$AWS_SECRET_ACCESS_KEY');
    expect(info.curl).not.toContain(SECRET);
    expect(info.curl).not.toContain(TOKEN);
  });

  it.each([
    [request({ headers: [['X-Bad', 'a\r\nInjected: 1']] }), params(), /line break/],
    [request({ headers: [['Bad Name', 'x']] }), params(), /invalid header name/],
    // A valid token that an object literal cannot hold: it would go out unsigned.
    [request({ headers: [['__proto__', 'x']] }), params(), /"__proto__" cannot be signed/],
    [request({ headers: [['__PROTO__', 'x']] }), params({ addAuthDataTo: 'query' }), /cannot be signed/],
    [
      request({ headers: [['Content-Length', '99']] }),
      params(),
      /Content-Length header says 99 but the body has 7 bytes/,
    ],
    [
      request({ url: 'https://h.example/?X-Amz-Signature=abc' }),
      params({ addAuthDataTo: 'query' }),
      /already carries X-Amz-Signature/,
    ],
    [request({ url: 'ftp://h.example/' }), params(), /not an http\(s\) URL/],
    [request({ url: 'https://user:pw@h.example/' }), params(), /user name or password/],
    [request(), params({ region: '' }), /invalid signing region/],
    [
      request(),
      params({ credentials: { accessKeyId: 'AKID', secretAccessKey: '' } }),
      /secret access key are required/,
    ],
    [request(), params({ addAuthDataTo: 'query', expiresSeconds: 604801 }), /expiry/],
  ])('refuses to sign %#', async (req, p, message) => {
    await expect(signWireRequest(req, p)).rejects.toThrow(message);
  });
});
