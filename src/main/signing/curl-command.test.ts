/**
 * The "Copy as curl" command, run with this machine's curl against the sandbox (an independent
 * SigV4 verifier): every generated request, of every body kind, with reserved and unicode paths,
 * repeated keys and empty values, must get 200, for the API Gateway and the S3 look-alike.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox';
import { encodeBody } from '../http/body';
import { readAnyFile } from '../http/testdata/read-any-file';
import { CURL_BODY_FILE } from './curl-command';
import { signWireRequest } from './sign';
import { generateRequests, seededRandom, type BodyFiles, type RequestProfile } from './testdata/random-requests';
import { toWireUrl } from './wire-request';
import { peer } from '../testing/peers';

const run = promisify(execFile);
const curl = peer('curl', 'the copied curl commands run against the sandbox (curl-command.test.ts)');
const openssl = peer('openssl', 'the copied curl commands run against the sandbox (curl-command.test.ts)');

let sandbox: Sandbox;
let dir = '';
let files: BodyFiles;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(path.join(tmpdir(), 'signet-curl-'));
  const random = seededRandom(3);
  files = { binaryPath: path.join(dir, 'data.bin'), textPath: path.join(dir, 'notes.txt') };
  await writeFile(
    files.binaryPath,
    Uint8Array.from({ length: 1024 }, () => Math.floor(random() * 256)),
  );
  await writeFile(files.textPath, 'line one\r\nline two ✓\n');
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly command: string;
  readonly status: string;
  readonly body: string;
}

/** Runs one generated command in its own folder (for the body file) and reports the status. */
async function runCommand(command: string, body: Uint8Array, at: number, withToken: boolean): Promise<Outcome> {
  const cwd = path.join(dir, `run-${at}`);
  await rm(cwd, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(cwd));
  await writeFile(path.join(cwd, CURL_BODY_FILE), body);
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    AWS_ACCESS_KEY_ID: withToken ? sandbox.invoker.accessKeyId : sandbox.invoker.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.invoker.secretAccessKey,
  };
  const out = path.join(cwd, 'out.txt');
  const result = await run('sh', ['-c', `${command} -s -o ${out} -w '%{http_code}' --max-time 10`], {
    cwd,
    env,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const text = await import('node:fs/promises').then((fs) => fs.readFile(out, 'utf8').catch(() => result.stderr));
  return { command, status: result.stdout.trim(), body: text.slice(0, 600) };
}

async function commandsFor(profile: RequestProfile, seed: number, count: number) {
  const base = profile === 's3' ? `${sandbox.s3Url}/bucket` : sandbox.apiUrl;
  const service = profile === 's3' ? 's3' : 'execute-api';
  const out: Array<{ command: string; body: Uint8Array; kind: string; url: string }> = [];
  for (const gen of generateRequests(seed, count * 2, files, profile)) {
    if (out.length === count) break;
    const i = out.length;
    // Dot segments are resolved on the wire (Signet sends the WHATWG form): a key whose `..`
    // climb out of the bucket would land on another route of the sandbox, not in S3.
    const url = toWireUrl(`${base}${gen.url.replace(/^https?:\/\/[^/]+/, '')}`);
    if (profile === 's3' && !url.startsWith(`${base}/`)) continue;
    const { bytes, contentType } = await encodeBody(gen.body, (s) => s.replace(/\{\{name\}\}/g, 'Zoë'), readAnyFile);
    const headers: Array<[string, string]> = [...gen.headers];
    if (contentType && !headers.some(([n]) => n.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', contentType]);
    const { info } = await signWireRequest(
      { method: gen.method, url, headers, body: bytes },
      {
        credentials: sandbox.invoker,
        region: sandbox.region,
        service,
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
        payloadHash: profile === 's3' && i % 3 === 0 ? 'unsigned' : 'signed',
      },
    );
    out.push({ command: info.curl, body: bytes, kind: gen.body.mode, url });
  }
  return out;
}

describe.skipIf(curl.skip || openssl.skip)('Copy as curl, run with the machine curl against the sandbox', () => {
  it('gets 200 for 160 API Gateway and 80 S3 generated requests', { timeout: 120_000 }, async () => {
    const commands = [...(await commandsFor('mixed', 77, 160)), ...(await commandsFor('s3', 78, 80))];
    const outcomes: Outcome[] = [];
    for (let i = 0; i < commands.length; i += 8) {
      const batch = commands.slice(i, i + 8);
      outcomes.push(...(await Promise.all(batch.map((c, j) => runCommand(c.command, c.body, i + j, false)))));
    }
    expect(
      outcomes
        .filter((o) => o.status !== '200')
        .map((o) => `${o.status} ${o.body.slice(0, 300)}\n${o.command.slice(-400)}`),
    ).toEqual([]);
    expect(outcomes).toHaveLength(240);
    expect(new Set(commands.map((c) => c.kind)).size).toBe(6);
    expect(commands.filter((c) => c.command.includes('--aws-sigv4')).length).toBeGreaterThan(40);
    expect(commands.every((c) => !c.command.includes(sandbox.invoker.secretAccessKey))).toBe(true);
  });
});
