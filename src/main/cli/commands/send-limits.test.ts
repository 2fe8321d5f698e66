/**
 * `signet send` with bodies larger than memory should hold, run as a child process against a
 * loopback server: a 200 MB response passes through to stdout whole, a large data file is
 * streamed and signed by its hash, endless input is refused with a message, and a response
 * cut short exits non-zero. Each run's peak resident memory is measured and bounded.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHILD = join(__dirname, '..', 'testdata', 'run-cli.ts');
const MB = 1024 * 1024;
const RESPONSE_BYTES = 200 * MB;
const UPLOAD_BYTES = 150 * MB;
/** The child's own baseline under tsx is about 110 MB; a body held in memory would add its size. */
const PEAK_LIMIT = 200 * MB;

interface Upload {
  readonly bytes: number;
  readonly sha256: string;
  readonly claimed: string | undefined;
  readonly contentLength: string | undefined;
}

let server: http.Server;
let base = '';
let dir = '';
const uploads: Upload[] = [];
const figures: string[] = [];

function streamZeros(res: http.ServerResponse, total: number, stopAfter = total): void {
  const chunk = Buffer.alloc(MB, 0x7a);
  let sent = 0;
  const pump = (): void => {
    while (sent < stopAfter) {
      const size = Math.min(MB, stopAfter - sent);
      sent += size;
      if (!res.write(size === MB ? chunk : chunk.subarray(0, size))) return void res.once('drain', pump);
    }
    if (stopAfter < total) res.socket?.destroy();
    else res.end();
  };
  pump();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signet-send-limits-'));
  server = http.createServer((req, res) => {
    if (req.url === '/big' || req.url === '/cut') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': RESPONSE_BYTES });
      streamZeros(res, RESPONSE_BYTES, req.url === '/cut' ? 10 * MB : RESPONSE_BYTES);
      return;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    req.on('end', () => {
      uploads.push({
        bytes,
        sha256: hash.digest('hex'),
        claimed: req.headers['x-amz-content-sha256'] as string | undefined,
        contentLength: req.headers['content-length'],
      });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`received ${bytes}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`signet send limits:\n  ${figures.join('\n  ')}`);
});

interface Run {
  readonly code: number;
  readonly stdoutBytes: number;
  readonly stdoutHead: string;
  readonly stderr: string;
  readonly peakRss: number;
}

/** Runs `signet send ...` in a child; stdout is counted, not kept. */
function send(args: readonly string[]): Promise<Run> {
  const peakFile = join(dir, `peak-${Math.random().toString(36).slice(2)}`);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'send', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      SIGNET_TEST_PEAK_RSS_FILE: peakFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdoutBytes = 0;
  let stdoutHead = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (stdoutHead.length < 4096) stdoutHead += chunk.subarray(0, 4096).toString('latin1');
    stdoutBytes += chunk.length;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdoutBytes, stdoutHead, stderr, peakRss: Number(readFileSync(peakFile, 'utf8')) });
    });
  });
}

const scope = ['--region=us-east-1', '--service=execute-api'];
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

describe('signet send with large bodies (child process, loopback)', () => {
  it('passes a 200 MB response through to stdout whole, exit 0, in bounded memory', async () => {
    const run = await send(['--method', 'GET', `--url=${base}/big`, ...scope]);
    figures.push(`200 MB response: exit ${run.code}, stdout ${run.stdoutBytes} bytes, peak RSS ${mb(run.peakRss)}`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdoutHead).toMatch(/^HTTP\/1\.1 200 OK\n/);
    const head = run.stdoutHead.slice(0, run.stdoutHead.indexOf('\n\n') + 2);
    // Status line and headers, the body, and the newline the CLI adds after a body without one.
    expect(run.stdoutBytes).toBe(head.length + RESPONSE_BYTES + 1);
    expect(run.peakRss).toBeLessThan(PEAK_LIMIT);
  });

  it('says on stderr how far a response got when it is cut, and exits 1', async () => {
    const run = await send(['--method=GET', `--url=${base}/cut`, ...scope, '--timeout-seconds=20']);
    figures.push(`response cut at 10 MB: exit ${run.code}, peak RSS ${mb(run.peakRss)}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cut after ${10 * MB} bytes of body (of ${RESPONSE_BYTES} announced)`);
    expect(run.peakRss).toBeLessThan(PEAK_LIMIT);
  });

  it('refuses an endless --data-file (/dev/zero) with a message naming the cap, sending nothing', async () => {
    const before = uploads.length;
    const run = await send(['--method', 'PUT', '--url', `${base}/upload`, ...scope, '--data-file', '/dev/zero']);
    figures.push(`--data-file /dev/zero: exit ${run.code}, peak RSS ${mb(run.peakRss)}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--data-file /dev/zero is not a regular file and gave more than 64 MiB');
    expect(run.stdoutBytes).toBe(0);
    expect(uploads.length).toBe(before);
    expect(run.peakRss).toBeLessThan(PEAK_LIMIT + 64 * MB);
  });

  it('streams a 150 MB --data-file, signed by its hash, in bounded memory', async () => {
    const file = join(dir, 'upload.bin');
    writeFileSync(file, 'start of the body\n');
    truncateSync(file, UPLOAD_BYTES);
    const expected = createHash('sha256');
    expected.update('start of the body\n');
    const zeros = Buffer.alloc(MB);
    for (let left = UPLOAD_BYTES - 18; left > 0; left -= MB) expected.update(zeros.subarray(0, Math.min(MB, left)));
    const run = await send(['--method=PUT', `--url=${base}/upload`, ...scope, `--data-file=${file}`]);
    figures.push(`150 MB --data-file: exit ${run.code}, peak RSS ${mb(run.peakRss)}`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdoutHead).toContain(`received ${UPLOAD_BYTES}\n`);
    const sha256 = expected.digest('hex');
    expect(uploads.at(-1)).toEqual({
      bytes: UPLOAD_BYTES,
      sha256,
      claimed: sha256,
      contentLength: String(UPLOAD_BYTES),
    });
    expect(run.peakRss).toBeLessThan(PEAK_LIMIT);
  });
});
