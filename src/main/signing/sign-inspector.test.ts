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
