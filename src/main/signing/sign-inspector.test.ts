/**
 * The inspector shows the canonical request smithy computed as it signed. This holds it against
 * Signet's own, independent canonicalisation of the request as it goes on the wire: if the two
 * ever differ, the inspector could show something other than what was signed.
 */
import { describe, expect, it } from 'vitest';
import { serviceRules, UNSIGNED_PAYLOAD } from '../../shared/service-rules';
import { encodeBody } from '../http/body';
import { readAnyFile } from '../http/testdata/read-any-file';
import { hmacHex, independentCanonicalRequest, sha256Hex, signingKey } from './canonical';
import { signWireRequest } from './sign';
import { generateRequests, type RequestProfile } from './testdata/random-requests';

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const DATE = new Date('2024-02-29T23:59:59Z');
// Only text bodies: the file paths are never read for these body kinds.
const FILES = { binaryPath: '/nonexistent/data.bin', textPath: '/nonexistent/notes.txt' };

describe('the inspector shows exactly what smithy signed', () => {
  const profiles: RequestProfile[] = ['mixed', 's3', 'aoss', 'lambda'];
  for (const profile of profiles) {
    for (const addAuthDataTo of ['headers', 'query'] as const) {
      it(`${profile}, auth in ${addAuthDataTo}: 150 requests agree with Signet's own canonical request`, async () => {
        const requests = generateRequests(99, 150, FILES, profile).filter(
          (r) => r.body.mode !== 'binary' && r.body.mode !== 'formdata',
        );
        expect(requests.length).toBeGreaterThan(80);
        for (const [i, gen] of requests.entries()) {
          const { bytes, contentType } = await encodeBody(gen.body, (s) => s, readAnyFile);
          const headers: Array<[string, string]> = [...gen.headers];
          if (contentType) headers.push(['Content-Type', contentType]);
          const unsigned = profile === 's3' && i % 2 === 0;
          const { request, info } = await signWireRequest(
            { method: gen.method, url: gen.url, headers, body: bytes },
            {
              credentials: { ...CREDS, sessionToken: gen.sessionToken },
              region: gen.region,
              service: gen.service,
              addAuthDataTo,
              expiresSeconds: 3600,
              signingDate: DATE,
              payloadHash: unsigned ? 'unsigned' : 'signed',
            },
          );
          const rules = serviceRules(gen.service);
          const hashHeader = request.headers.find(([n]) => n.toLowerCase() === 'x-amz-content-sha256')?.[1];
          const payloadHash =
            addAuthDataTo === 'query' && rules.presignUnsignedPayload
              ? UNSIGNED_PAYLOAD
              : (hashHeader ?? sha256Hex(bytes));
          const ours = independentCanonicalRequest(request, { pathRules: rules.pathRules, payloadHash });
          expect(info.canonicalRequest).toBe(ours);
          expect(info.stringToSign.split('\n')[3]).toBe(sha256Hex(ours));
          const key = signingKey(CREDS.secretAccessKey, '20240229', gen.region, gen.service);
          expect(hmacHex(key, info.stringToSign)).toBe(info.signature);
          if (unsigned && addAuthDataTo === 'headers') expect(hashHeader).toBe(UNSIGNED_PAYLOAD);
        }
      });
    }
  }
});

describe('the curl command travels with the signing info', () => {
  it('is built when read, and survives JSON and structured clone (IPC) without its inputs', async () => {
    const { info } = await signWireRequest(
      {
        method: 'POST',
        url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
        headers: [],
        body: new TextEncoder().encode('{}'),
      },
      {
        credentials: { ...CREDS, sessionToken: 'TOKEN' },
        region: 'eu-west-1',
        service: 'execute-api',
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
        signingDate: DATE,
        rememberedForHost: 'api.example.com',
      },
    );
    expect(info.curl).toContain('--aws-sigv4 "aws:amz:eu-west-1:execute-api"');
    expect(info.curl).toContain('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items');
    const viaJson = JSON.parse(JSON.stringify(info)) as Record<string, unknown>;
    const viaClone = structuredClone(info) as unknown as Record<string, unknown>;
    for (const copy of [viaJson, viaClone]) {
      expect(copy['curl']).toBe(info.curl);
      expect(copy['rememberedForHost']).toBe('api.example.com');
      expect(copy['signature']).toBe(info.signature);
      // Only the fields of SigningInfo: nothing of the request (its body, the credentials) rides along.
      expect(Object.keys(copy).sort()).toEqual(Object.keys(info).sort());
    }
    expect(Object.getOwnPropertySymbols(viaClone)).toEqual([]);
  });
});
