/**
 * Differential test: Signet's signing path and botocore (an independent SigV4 signer, Debian's
 * python3-botocore) must produce the same Authorization header for hundreds of random requests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBody } from '../http/body';
import { readAnyFile } from '../http/testdata/read-any-file';
import { peer } from '../testing/peers';
import { sha256Hex, uriEscape } from './canonical';
import { signWireRequest } from './sign';
import { generateRequests, seededRandom, type BodyFiles, type GeneratedRequest } from './testdata/random-requests';

const SCRIPT = path.join(__dirname, 'testdata', 'botocore-sign.py');
const COUNT = 250;
const S3_COUNT = 200;
const DATE = new Date('2024-02-29T23:59:59Z');
const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
// Debian's python3-botocore lives with the system interpreter; a missing peer fails (see testing/peers.ts).
const botocore = peer('botocore', 'the botocore signing differential (sign-botocore.test.ts)');
const PYTHON = botocore.path;

let dir = '';
let files: BodyFiles = { binaryPath: '', textPath: '' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signet-botocore-'));
  const random = seededRandom(7);
  files = { binaryPath: path.join(dir, 'data.bin'), textPath: path.join(dir, 'notes.txt') };
  await writeFile(
    files.binaryPath,
    Uint8Array.from({ length: 2048 }, () => Math.floor(random() * 256)),
  );
  await writeFile(files.textPath, 'line one\r\nline two ✓\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Comparison {
  readonly requests: GeneratedRequest[];
  readonly mismatches: unknown[];
}

/**
 * Signs every request with Signet and with botocore and lists where they differ: the
 * Authorization header, or for presigned URLs the X-Amz-Signature.
 */
async function compareWithBotocore(
  requests: GeneratedRequest[],
  options: { presignExpires?: number; unsignedPayload?: (index: number) => boolean } = {},
): Promise<Comparison> {
  const resolve = (s: string): string => s.replace(/\{\{name\}\}/g, 'Zoë');
  const ours: string[] = [];
  const specs: string[] = [];
  for (const [id, gen] of requests.entries()) {
    const { bytes, contentType } = await encodeBody(gen.body, resolve, readAnyFile);
    const headers: Array<[string, string]> = [...gen.headers];
    if (contentType && !headers.some(([n]) => n.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', contentType]);
    const credentials = { ...CREDS, sessionToken: gen.sessionToken };
    const unsignedPayload = options.unsignedPayload?.(id) ?? false;
    const presign = options.presignExpires !== undefined;
    const { request } = await signWireRequest(
      { method: gen.method, url: gen.url, headers, body: bytes },
      {
        credentials,
        region: gen.region,
        service: gen.service,
        addAuthDataTo: presign ? 'query' : 'headers',
        expiresSeconds: options.presignExpires ?? 900,
        signingDate: DATE,
        payloadHash: unsignedPayload ? 'unsigned' : 'signed',
      },
    );
    ours.push(
      presign
        ? (new URL(request.url).searchParams.get('X-Amz-Signature') ?? '')
        : (request.headers.find(([n]) => n === 'Authorization')?.[1] ?? ''),
    );
    // botocore gets the raw request: repeated headers unmerged, Host derived by itself, params decoded.
    const botoHeaders = bytes.length > 0 ? [...headers, ['Content-Length', String(bytes.length)]] : [...headers];
    // botocore's generic signer leaves the header to the caller (as opensearch-py adds it for aoss).
    if (gen.service === 'aoss') botoHeaders.push(['x-amz-content-sha256', sha256Hex(bytes)]);
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
        ...(presign ? { presign_expires: options.presignExpires } : {}),
        ...(unsignedPayload ? { unsigned_payload: true } : {}),
      }),
    );
  }
  const run = spawnSync(PYTHON, [SCRIPT], { input: specs.join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const theirs = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: number; authorization: string; url: string });
  expect(theirs).toHaveLength(requests.length);
  const mismatches = theirs
    .map((t) => ({
      t,
      botocore:
        options.presignExpires !== undefined
          ? (/[?&]X-Amz-Signature=([0-9a-f]{64})/.exec(t.url)?.[1] ?? '')
          : t.authorization,
    }))
    .filter(({ t, botocore }) => botocore !== ours[t.id])
    .map(({ t, botocore }) => ({ request: requests[t.id], ours: ours[t.id], botocore }));
  return { requests, mismatches };
}

describe.skipIf(botocore.skip)('signing agrees with botocore', () => {
  it(`gives botocore's Authorization header for ${COUNT} random requests`, async () => {
    const { requests, mismatches } = await compareWithBotocore(generateRequests(20240229, COUNT, files));
    expect(mismatches).toEqual([]);
    // The generator must really exercise the awkward cases it claims to.
    expect(
      requests.filter((r) => r.params.length > 1 && new Set(r.params.map(([k]) => k)).size < r.params.length).length,
    ).toBeGreaterThan(5);
    expect(new Set(requests.map((r) => r.body.mode)).size).toBe(6);
    expect(requests.some((r) => /%E1%88%B4|ሴ|😀/.test(r.url))).toBe(true);
  });

  it(`gives botocore's S3 Authorization header for ${S3_COUNT} S3 requests, signed and UNSIGNED-PAYLOAD`, async () => {
    const { requests, mismatches } = await compareWithBotocore(generateRequests(3, S3_COUNT, files, 's3'), {
      unsignedPayload: (i) => i % 3 === 0,
    });
    expect(mismatches).toEqual([]);
    const paths = requests.map((r) => r.baseUrl.replace(/^https:\/\/[^/]+/, ''));
    for (const shape of [/%20/, /%C3%A9/, /\/\//, /%2F/, /\/\.(\/|$)/, /\/\.\.(\/|$)/]) {
      expect(paths.some((p) => shape.test(p))).toBe(true);
    }
    expect(requests.some((r) => /[?&]uploads(&|$)/.test(r.url))).toBe(true);
    expect(requests.some((r) => /[?&]versionId=/.test(r.url))).toBe(true);
    expect(requests.some((r) => r.params.length > 1 && new Set(r.params.map(([k]) => k)).size < r.params.length)).toBe(
      true,
    );
  });

  it("gives botocore's signature for 80 presigned S3 URLs (UNSIGNED-PAYLOAD, up to 7 days)", async () => {
    // botocore's presigner keeps one value per query key, so repeated keys are left to the header tests.
    const gets = generateRequests(5, 80, files, 's3').map((r, i) => {
      const params = r.params.filter(([key], at) => r.params.findIndex(([k]) => k === key) === at);
      const query = params.map(([k, v]) => `${uriEscape(k)}=${uriEscape(v)}`).join('&');
      return {
        ...r,
        params,
        url: query ? `${r.baseUrl}?${query}` : r.baseUrl,
        method: i % 2 === 0 ? ('GET' as const) : ('PUT' as const),
        body: { mode: 'none' as const },
      };
    });
    const { mismatches } = await compareWithBotocore(gets, { presignExpires: 604800 });
    expect(mismatches).toEqual([]);
  });

  it.each(['aoss', 'lambda'] as const)("gives botocore's Authorization header for 60 %s requests", async (profile) => {
    const { mismatches } = await compareWithBotocore(generateRequests(11, 60, files, profile));
    expect(mismatches).toEqual([]);
  });
});
