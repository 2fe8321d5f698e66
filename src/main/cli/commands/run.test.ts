import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxLogEntry } from '../../sandbox';
import { peer } from '../../testing/peers';
import { sandboxCollection, sandboxEnvironment } from '../../runner/testdata/sandbox-collection';
import type { CliIo } from '../command';
import { runCli } from '../index';

const python = peer('botocore', 'parsing the JUnit report with python3 xml.etree');

let sandbox: Sandbox;
let dir: string;
const log: SandboxLogEntry[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ minDurationSeconds: 1, onRequest: (entry) => log.push(entry) });
  dir = mkdtempSync(join(tmpdir(), 'signet-run-'));
  writeFileSync(join(dir, 'collection.json'), sandboxCollection());
  writeFileSync(join(dir, 'with-wrong.json'), sandboxCollection({ wrong: true }));
  writeFileSync(join(dir, 'env.json'), sandboxEnvironment(sandbox));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: {
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      SIGNET_DATA_DIR: join(dir, 'data'),
      AWS_ACCESS_KEY_ID: sandbox.accountBUser.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.accountBUser.secretAccessKey,
    },
    cwd: dir,
  };
  return { code: await runCli(['run', ...argv], io), out, err };
}

const role = () => ['--role-arn', sandbox.roleArn, '--endpoint-url', sandbox.stsEndpoint];

interface JsonReport {
  total: number;
  failed: number;
  requests: Array<{
    name: string;
    method: string;
    url: string;
    status: number | null;
    ms: number | null;
    checks: Array<{ name: string; passed: boolean; expected: string; actual: string }>;
    error?: string;
  }>;
}

describe('signet run against the sandbox gateway', () => {
  it('allowed routes pass, the denied route passes its status-is-403 check: exit 0, json report', async () => {
    const { code, out, err } = await run(['collection.json', '--env', 'env.json', ...role(), '--reporter', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as JsonReport;
    expect(report.total).toBe(4);
    expect(report.failed).toBe(0);
    expect(report.requests.map((r) => [r.name, r.method, r.status])).toEqual([
      ['list pets', 'GET', 200],
      ['one pet', 'GET', 200],
      ['add pet', 'POST', 200],
      ['admin users', 'GET', 403],
    ]);
    expect(report.requests[1]!.url).toBe(`${sandbox.apiUrl}/pets/1`);
    expect(report.requests[0]!.checks).toHaveLength(5);
    expect(report.requests[3]!.checks).toEqual([
      { name: 'status is 403', passed: true, expected: '403', actual: '403' },
      {
        name: 'header x-amzn-errortype exists',
        passed: true,
        expected: 'x-amzn-errortype present',
        actual: 'AccessDeniedException',
      },
      {
        name: 'body contains "explicit deny"',
        passed: true,
        expected: 'body containing "explicit deny"',
        actual: 'found',
      },
    ]);
    for (const request of report.requests) expect(request.ms).toBeGreaterThanOrEqual(0);
  });

  it('a wrong check fails with expected and actual: exit 1; the cli reporter prints a summary table', async () => {
    const { code, out } = await run(['with-wrong.json', '--env', 'env.json', ...role()]);
    expect(code).toBe(1);
    expect(out).toContain('FAIL #1   GET Wrong / expects 201  200');
    expect(out).toContain('✗ status is 201: expected 201, got 200');
    expect(out).toMatch(/ requests\s+\| 5\n/);
    expect(out).toMatch(/ failed\s+\| 1\n/);
    expect(out).toMatch(/ by status\s+\| 200: 4, 403: 1\n/);
    expect(out).toMatch(/ time p50 \/ p95\s+\| \d+ ms \/ \d+ ms\n/);
  });

  it.skipIf(python.skip)('writes JUnit XML that an independent XML parser reads', async () => {
    const { code } = await run([
      'with-wrong.json',
      '--env',
      'env.json',
      ...role(),
      '--reporter',
      'junit',
      '--out',
      'r.xml',
    ]);
    expect(code).toBe(1);
    const script = [
      'import sys, json, xml.etree.ElementTree as ET',
      'root = ET.parse(sys.argv[1]).getroot()',
      'cases = root.findall(".//testcase")',
      'print(json.dumps({"tag": root.tag, "tests": root.get("tests"), "failures": root.get("failures"),',
      '  "cases": [c.get("name") for c in cases],',
      '  "failed": [f.get("message") for f in root.iter("failure")]}))',
    ].join('\n');
    const parsed = spawnSync(python.path, ['-c', script, join(dir, 'r.xml')], { encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    const xml = JSON.parse(parsed.stdout) as {
      tag: string;
      tests: string;
      failures: string;
      cases: string[];
      failed: string[];
    };
    expect(xml).toMatchObject({ tag: 'testsuites', tests: '5', failures: '1' });
    expect(xml.cases[3]).toBe(`admin users [GET ${sandbox.apiUrl}/admin/users]`);
    expect(xml.failed).toEqual(['status is 201: expected 201, got 200']);
  });

  it('iterates over CSV and JSON data rows, one row of variables per iteration', async () => {
    writeFileSync(join(dir, 'rows.csv'), '\uFEFFpetId,petName\n7,"Rex, the dog"\n8,Fido\n9,"say ""hi"""\n');
    writeFileSync(
      join(dir, 'rows.json'),
      JSON.stringify([
        { petId: 11, petName: 'A' },
        { petId: 12, petName: 'B' },
      ]),
    );
    const csv = await run([
      'collection.json',
      '--env',
      'env.json',
      ...role(),
      '--folder',
      'Allowed',
      '--data',
      'rows.csv',
      '--reporter',
      'json',
    ]);
    expect(csv.code).toBe(0);
    const csvReport = JSON.parse(csv.out) as JsonReport;
    expect(csvReport.total).toBe(9);
    expect(csvReport.requests.filter((r) => r.name === 'one pet').map((r) => r.url)).toEqual(
      [7, 8, 9].map((id) => `${sandbox.apiUrl}/pets/${id}`),
    );
    const json = await run([
      'collection.json',
      '--env',
      'env.json',
      ...role(),
      '--folder',
      'Allowed',
      '--data',
      'rows.json',
      '--reporter',
      'json',
    ]);
    const jsonReport = JSON.parse(json.out) as JsonReport;
    expect(jsonReport.requests.filter((r) => r.name === 'one pet').map((r) => r.url)).toEqual(
      [11, 12].map((id) => `${sandbox.apiUrl}/pets/${id}`),
    );
  });

  it('draws progress on a terminal only', async () => {
    let err = '';
    const code = await runCli(['run', 'collection.json', '--env', 'env.json', ...role()], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      stderrIsTerminal: true,
      env: {
        AWS_MAX_ATTEMPTS: '1',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        SIGNET_DATA_DIR: join(dir, 'data'),
        AWS_ACCESS_KEY_ID: sandbox.accountBUser.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sandbox.accountBUser.secretAccessKey,
      },
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(err).toContain('\r4/4 requests ');
    expect((await run(['collection.json', '--env', 'env.json', ...role()])).err).toBe('');
  });

  it('--concurrency runs requests side by side and reports them in collection order', async () => {
    const { code, out } = await run([
      'collection.json',
      '--env',
      'env.json',
      ...role(),
      '--concurrency',
      '4',
      '--iterations',
      '5',
      '--reporter',
      'json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out) as JsonReport;
    expect(report.total).toBe(20);
    expect(report.requests.map((r) => r.name)).toEqual(
      Array.from({ length: 5 }, () => ['list pets', 'one pet', 'add pet', 'admin users']).flat(),
    );
  });

  it('--bail stops at the first failure; --iterations repeats', async () => {
    const all = await run([
      'with-wrong.json',
      '--env',
      'env.json',
      ...role(),
      '--folder',
      'Wrong',
      '--iterations',
      '3',
      '--reporter',
      'json',
    ]);
    expect((JSON.parse(all.out) as JsonReport).total).toBe(3);
    const bailed = await run([
      'with-wrong.json',
      '--env',
      'env.json',
      ...role(),
      '--iterations',
      '3',
      '--bail',
      '--reporter',
      'json',
    ]);
    expect(bailed.code).toBe(1);
    const report = JSON.parse(bailed.out) as JsonReport;
    expect(report.total).toBe(5);
    expect(report.requests.at(-1)!.name).toBe('expects 201');
  });

  it('runs a workspace collection by name with a workspace environment by name', async () => {
    const io = (out: string[]): CliIo => ({
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      env: { SIGNET_DATA_DIR: join(dir, 'workspace') },
      cwd: dir,
    });
    const printed: string[] = [];
    expect(await runCli(['import', 'collection.json'], io(printed))).toBe(0);
    expect(await runCli(['import', 'env.json'], io(printed))).toBe(0);
    let out = '';
    const code = await runCli(
      ['run', 'Sandbox checks', '--env', 'Sandbox', ...role(), '--folder', 'Denied', '--reporter', 'json'],
      {
        stdout: (t) => (out += t),
        stderr: () => undefined,
        env: {
          SIGNET_DATA_DIR: join(dir, 'workspace'),
          AWS_MAX_ATTEMPTS: '1',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_ACCESS_KEY_ID: sandbox.accountBUser.accessKeyId,
          AWS_SECRET_ACCESS_KEY: sandbox.accountBUser.secretAccessKey,
        },
        cwd: dir,
      },
    );
    expect(code).toBe(0);
    expect((JSON.parse(out) as JsonReport).requests.map((r) => [r.url, r.status])).toEqual([
      [`${sandbox.apiUrl}/admin/users`, 403],
    ]);
  });

  it('exit 1 when a request cannot be sent; exit 2 for bad usage', async () => {
    writeFileSync(join(dir, 'no-url.json'), sandboxEnvironment({ apiUrl: 'http://127.0.0.1:1', region: 'us-east-1' }));
    const unsent = await run([
      'collection.json',
      '--env',
      'no-url.json',
      ...role(),
      '--folder',
      'Denied',
      '--reporter',
      'json',
    ]);
    expect(unsent.code).toBe(1);
    expect((JSON.parse(unsent.out) as JsonReport).requests[0]).toMatchObject({
      status: null,
      error: expect.stringMatching(/refused/),
    });
    for (const argv of [
      [],
      ['collection.json', '--concurrency', '0'],
      ['collection.json', '--reporter', 'xml'],
      ['collection.json', '--reporter', 'junit'],
      ['nope.json'],
      ['collection.json', '--folder', 'Nope'],
      ['collection.json', '--data', 'missing.csv'],
      ['collection.json', '--role-arn', 'not-an-arn'],
    ]) {
      const usage = await run(argv);
      expect({ argv, code: usage.code }).toEqual({ argv, code: 2 });
      expect(usage.err).toMatch(/^signet run: /);
    }
  });

  it('a run longer than the session lifetime re-assumes the role before expiry and loses no request', async () => {
    const before = log.length;
    const started = Date.now();
    const { code, out } = await run([
      'collection.json',
      '--env',
      'env.json',
      ...role(),
      '--duration-seconds',
      '2',
      '--folder',
      'Allowed',
      '--iterations',
      '12',
      '--delay',
      '150',
      '--reporter',
      'json',
    ]);
    const elapsed = Date.now() - started;
    expect(code).toBe(0);
    const report = JSON.parse(out) as JsonReport;
    expect(report.total).toBe(36);
    expect(report.requests.every((r) => r.status === 200)).toBe(true);
    const served = log.slice(before);
    const assumes = served.filter((entry) => entry.service === 'sts').length;
    expect(elapsed).toBeGreaterThan(4000);
    // One AssumeRole per half-life (1 s), not one per request; and never an expired token on the gateway.
    expect(assumes).toBeGreaterThanOrEqual(Math.floor(elapsed / 2000));
    expect(assumes).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
    expect(served.filter((entry) => entry.errorType === 'ExpiredTokenException')).toEqual([]);
    console.log(`long run: ${elapsed} ms, ${assumes} AssumeRole calls for ${report.total} requests`);
  }, 30_000);
});
