/**
 * The Python (botocore) and JavaScript (@smithy/signature-v4 + fetch) snippets, run for real
 * against the sandbox's API Gateway and S3 look-alikes: each must get 200.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBody } from '../http/body';
import { readAnyFile } from '../http/testdata/read-any-file';
import { startSandbox, type Sandbox } from '../sandbox';
import { javascriptSnippet, pythonSnippet } from './code-snippets';
import { signWireRequest } from './sign';
import { generateRequests, type RequestProfile } from './testdata/random-requests';
import { toWireUrl } from './wire-request';
import { peer } from '../testing/peers';

const run = promisify(execFile);
const botocore = peer('botocore', 'the Python snippet run against the sandbox (code-snippets.test.ts)');
const PYTHON = botocore.path;
const FILES = { binaryPath: '/nonexistent/data.bin', textPath: '/nonexistent/notes.txt' };

let sandbox: Sandbox;
let dir = '';
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(path.join(tmpdir(), 'signet-snippets-'));
  // The JavaScript snippet imports the smithy packages Signet itself uses.
  await symlink(path.resolve('node_modules'), path.join(dir, 'node_modules'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function prepared(profile: RequestProfile, seed: number, count: number) {
  const base = profile === 's3' ? `${sandbox.s3Url}/bucket` : sandbox.apiUrl;
  const service = profile === 's3' ? 's3' : 'execute-api';
  const out = [];
  const requests = generateRequests(seed, count * 2, FILES, profile).filter(
    (r) => r.body.mode !== 'binary' && r.body.mode !== 'formdata',
  );
  for (const gen of requests) {
    if (out.length === count) break;
    const i: number = out.length;
    const url = toWireUrl(`${base}${gen.url.replace(/^https?:\/\/[^/]+/, '')}`);
    // Dot segments are resolved on the wire (fetch, and Signet, send the WHATWG form): a key
    // whose `..` climb out of the bucket lands on another route of the sandbox, not in S3.
    if (profile === 's3' && !url.startsWith(`${base}/`)) continue;
    const bodyless = gen.method === 'GET' || gen.method === 'HEAD';
    const { bytes, contentType } = await encodeBody(bodyless ? { mode: 'none' } : gen.body, (s) => s, readAnyFile);
    const headers: Array<[string, string]> = [...gen.headers];
    if (contentType) headers.push(['Content-Type', contentType]);
    const payloadHash = profile === 's3' && i % 2 === 0 ? ('unsigned' as const) : ('signed' as const);
    const { request } = await signWireRequest(
      { method: gen.method, url, headers, body: bytes },
      {
        credentials: sandbox.invoker,
        region: sandbox.region,
        service,
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
        payloadHash,
      },
    );
    out.push({ request: { ...request, url }, options: { region: sandbox.region, service, payloadHash } });
  }
  // Skipped keys must not thin the set out quietly.
  if (out.length !== count) throw new Error(`only ${out.length} of ${count} ${profile} requests could be built`);
  return out;
}

const env = () => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  AWS_ACCESS_KEY_ID: sandbox.invoker.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sandbox.invoker.secretAccessKey,
});

async function statusOf(command: string, args: string[]): Promise<string> {
  const result = await run(command, args, { cwd: dir, env: env() }).catch(
    (error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  return result.stdout.slice(0, 800);
}

describe.skipIf(botocore.skip)('Python snippet (botocore SigV4Auth)', () => {
  it('gets 200 from the sandbox for 25 API Gateway and 25 S3 requests', { timeout: 120_000 }, async () => {
    const cases = [...(await prepared('mixed', 41, 25)), ...(await prepared('s3', 42, 25))];
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const code = pythonSnippet(c.request, c.options);
      expect(code).not.toContain(sandbox.invoker.secretAccessKey);
      const file = path.join(dir, `snippet-${i}.py`);
      await writeFile(file, code);
      const out = await statusOf(PYTHON, [file]);
      if (!out.startsWith('200\n')) failures.push(`${out}\n${code}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('JavaScript snippet (@smithy/signature-v4 + fetch)', () => {
  it('gets 200 from the sandbox for 25 API Gateway and 25 S3 requests', { timeout: 120_000 }, async () => {
    const cases = [...(await prepared('mixed', 43, 25)), ...(await prepared('s3', 44, 25))];
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const code = javascriptSnippet(c.request, c.options);
      expect(code).not.toContain(sandbox.invoker.secretAccessKey);
      const file = path.join(dir, `snippet-${i}.mjs`);
      await writeFile(file, code);
      const out = await statusOf(process.execPath, [file]);
      if (!out.startsWith('200\n')) failures.push(`${out}\n${code}`);
    }
    expect(failures).toEqual([]);
  });
});
