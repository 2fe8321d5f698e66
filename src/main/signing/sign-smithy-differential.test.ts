/**
 * Header signing runs smithy's canonicalisation functions in one pass instead of through
 * SignatureV4.sign (which is twice as slow). This holds every signature against
 * SignatureV4.sign itself, given the request Signet sends: if the two ever differ, this fails.
 */
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { describe, expect, it } from 'vitest';
import { serviceRules } from '../../shared/service-rules';
import { encodeBody } from '../http/body';
import { readAnyFile } from '../http/testdata/read-any-file';
import { canonicalPath, parseQuery, splitUrl } from './canonical';
import { signWireRequest } from './sign';
import { generateRequests, type RequestProfile } from './testdata/random-requests';

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const DATE = new Date('2024-02-29T23:59:59Z');
const FILES = { binaryPath: '/nonexistent/data.bin', textPath: '/nonexistent/notes.txt' };
const GENERATED = new Set(['authorization', 'x-amz-date', 'x-amz-security-token']);

function queryRecord(query: string | undefined): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of parseQuery(query)) {
    const existing = record[key];
    record[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

describe('header signing agrees with SignatureV4.sign byte for byte', () => {
  const profiles: RequestProfile[] = ['mixed', 's3', 'aoss', 'lambda'];
  for (const profile of profiles) {
    it(`${profile}: 300 requests, the same Authorization as smithy's sign()`, async () => {
      const requests = generateRequests(2718, 300, FILES, profile).filter(
        (r) => r.body.mode !== 'binary' && r.body.mode !== 'formdata',
      );
      expect(requests.length).toBeGreaterThan(150);
      let withToken = 0;
      for (const gen of requests) {
        const { bytes, contentType } = await encodeBody(gen.body, (s) => s, readAnyFile);
        const headers: Array<[string, string]> = [...gen.headers];
        if (contentType) headers.push(['Content-Type', contentType]);
        const credentials = { ...CREDS, sessionToken: gen.sessionToken };
        const { request, info } = await signWireRequest(
          { method: gen.method, url: gen.url, headers, body: bytes },
          {
            credentials,
            region: gen.region,
            service: gen.service,
            addAuthDataTo: 'headers',
            expiresSeconds: 900,
            signingDate: DATE,
          },
        );
        if (gen.sessionToken) withToken++;

        const rules = serviceRules(gen.service).pathRules;
        const escapes = rules.normalize && rules.doubleEncode;
        const url = splitUrl(request.url);
        const reference = await new SignatureV4({
          credentials,
          region: gen.region,
          service: gen.service,
          sha256: Hash.bind(null, 'sha256'),
          applyChecksum: false,
          uriEscapePath: escapes,
        }).sign(
          new HttpRequest({
            method: request.method,
            protocol: `${url.scheme}:`,
            hostname: url.authority,
            path: escapes ? url.path : canonicalPath(url.path, rules),
            query: queryRecord(url.query),
            headers: Object.fromEntries(request.headers.filter(([name]) => !GENERATED.has(name.toLowerCase()))),
            body: request.body.length > 0 ? request.body : undefined,
          }),
          { signingDate: DATE },
        );
        const sent = new Map(request.headers.map(([name, value]) => [name.toLowerCase(), value]));
        expect(sent.get('authorization'), gen.url).toBe(reference.headers['authorization']);
        expect(info.signature).toBe(/Signature=([0-9a-f]{64})$/.exec(reference.headers['authorization'] ?? '')?.[1]);
      }
      if (profile === 'mixed') expect(withToken).toBeGreaterThan(10);
    });
  }
});
