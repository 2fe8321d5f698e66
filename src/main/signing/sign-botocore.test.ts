/**
 * Differential test: Signet's signing path and botocore (an independent SigV4 signer, Debian's
 * python3-botocore) must produce the same Authorization header for hundreds of random requests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnyFile } from '../http/testdata/read-any-file';
import { encodeBody } from '../http/body';
import { peer } from '../testing/peers';
import { signWireRequest } from './sign';
import { generateRequests, seededRandom, type GeneratedRequest } from './testdata/random-requests';

const SCRIPT = path.join(__dirname, 'testdata', 'botocore-sign.py');
const COUNT = 250;
const DATE = new Date('2024-02-29T23:59:59Z');
const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
// Debian's python3-botocore lives with the system interpreter; a pyenv python3 may carry another copy.
const botocore = peer('botocore', 'the botocore signing differential (sign-botocore.test.ts)');
const PYTHON = botocore.path;

let dir = '';
let requests: GeneratedRequest[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signet-botocore-'));
  const random = seededRandom(7);
  const binaryPath = path.join(dir, 'data.bin');
  const textPath = path.join(dir, 'notes.txt');
  await writeFile(
    binaryPath,
    Uint8Array.from({ length: 2048 }, () => Math.floor(random() * 256)),
  );
  await writeFile(textPath, 'line one\r\nline two ✓\n');
  requests = generateRequests(20240229, COUNT, { binaryPath, textPath });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(botocore.missing)('signing agrees with botocore', () => {
  it(`gives botocore's Authorization header for ${COUNT} random requests`, async () => {
    const resolve = (s: string): string => s.replace(/\{\{name\}\}/g, 'Zoë');
    const ours: string[] = [];
    const specs: string[] = [];
    for (const [id, gen] of requests.entries()) {
      const { bytes, contentType } = await encodeBody(gen.body, resolve, readAnyFile);
      const headers: Array<[string, string]> = [...gen.headers];
      if (contentType && !headers.some(([n]) => n.toLowerCase() === 'content-type'))
        headers.push(['Content-Type', contentType]);
      const credentials = { ...CREDS, sessionToken: gen.sessionToken };
      const { request } = await signWireRequest(
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
      ours.push(request.headers.find(([n]) => n === 'Authorization')?.[1] ?? '');
      // botocore gets the raw request: repeated headers unmerged, Host derived by itself, params decoded.
      const botoHeaders = bytes.length > 0 ? [...headers, ['Content-Length', String(bytes.length)]] : headers;
      specs.push(
        JSON.stringify({
          id,
          method: gen.method,
          url: gen.baseUrl,
          params: gen.params,
          headers: botoHeaders,
          body: Buffer.from(bytes).toString('base64'),
          region: gen.region,
          service: gen.service,
          akid: CREDS.accessKeyId,
          secret: CREDS.secretAccessKey,
          token: gen.sessionToken ?? null,
          date: '20240229T235959Z',
        }),
      );
    }
    const run = spawnSync(PYTHON, [SCRIPT], { input: specs.join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const theirs = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; authorization: string });
    expect(theirs).toHaveLength(COUNT);
    const mismatches = theirs
      .filter((t) => t.authorization !== ours[t.id])
      .map((t) => ({ request: requests[t.id], ours: ours[t.id], botocore: t.authorization }));
    expect(mismatches).toEqual([]);
    // The generator must really exercise the awkward cases it claims to.
    expect(
      requests.filter((r) => r.params.length > 1 && new Set(r.params.map(([k]) => k)).size < r.params.length).length,
    ).toBeGreaterThan(5);
    expect(new Set(requests.map((r) => r.body.mode)).size).toBe(6);
    expect(requests.some((r) => /%E1%88%B4|ሴ|😀/.test(r.url))).toBe(true);
  });
});
