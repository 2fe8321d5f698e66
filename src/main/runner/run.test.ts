import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport, RunRequestResult } from '../../shared/api/runner';
import type { Collection } from '../../shared/collection';
import { createApp, type SignetApp } from '../app';
import type { CredentialResolver, ResolvedCredentials } from '../core/ports';
import { SecretStore } from '../core/secrets';
import { importAny } from '../collections/import';
import { assumeRoleWith } from '../credentials/sts';
import { RequestRunner } from '../http/send';
import { startSandbox, type Sandbox, type SandboxLogEntry } from '../sandbox';
import { runCollection } from './run';
import { RunCredentials } from './run-credentials';
import { sandboxCollection, sandboxEnvironment } from './testdata/sandbox-collection';

const ctx = { host: 'test' } as const;

describe('startRun / stopRun in the app (what the Runner view calls)', () => {
  let sandbox: Sandbox;
  let app: SignetApp;
  let dataDir: string;
  let collectionId: string;
  let environmentId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    dataDir = mkdtempSync(join(tmpdir(), 'signet-runner-app-'));
    app = await createApp({ host: 'test', dataDir, version: 'test' });
    const imported = await app.dispatch('importFile', { fileName: 'c.json', content: sandboxCollection() }, ctx);
    if (!imported.ok) throw new Error(imported.error.message);
    collectionId = (imported.value as { collectionId: string }).collectionId;
    const env = await app.dispatch(
      'importFile',
      { fileName: 'e.json', content: sandboxEnvironment(sandbox, sandbox.invoker) },
      ctx,
    );
    if (!env.ok) throw new Error(env.error.message);
    environmentId = (env.value as { environmentId: string }).environmentId;
  });
  afterAll(async () => {
    await app.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the collection, streams results and progress, and the invoker passes every check', async () => {
    const results: RunRequestResult[] = [];
    const progress: Array<{ done: number; total?: number; phase: string }> = [];
    const stop = app.events.subscribe((name, payload) => {
      if (name === 'runResult') results.push((payload as { result: RunRequestResult }).result);
      if (name === 'progress') progress.push(payload as { done: number; total?: number; phase: string });
    });
    try {
      const answer = await app.dispatch('startRun', { runId: 'r1', collectionId, environmentId }, ctx);
      if (!answer.ok) throw new Error(answer.error.message);
      const report = answer.value as RunReport;
      // The invoker may call /admin/users too: the 403 check fails, and says so.
      expect(report.results.map((r) => [r.name, r.status, r.passed])).toEqual([
        ['list pets', 200, false],
        ['one pet', 200, true],
        ['add pet', 200, true],
        ['admin users', 200, false],
      ]);
      expect(report.results[0]!.checks.find((c) => !c.passed)).toMatchObject({
        name: '$.caller.arn matches :assumed-role/SignetInvokeRole/',
        actual: expect.stringContaining(':user/invoker') as unknown,
      });
      expect(report.summary).toMatchObject({ total: 4, failed: 2, byStatus: { '200': 4 }, stopped: false });
      expect(results).toEqual(report.results);
      expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 4, total: 4 });
    } finally {
      stop();
    }
  });

  it('stops mid-run: nothing new is sent, and the results so far are kept', async () => {
    let seen = 0;
    const unsubscribe = app.events.subscribe((name) => {
      if (name === 'runResult' && (seen += 1) === 3) void app.dispatch('stopRun', { runId: 'r2' }, ctx);
    });
    try {
      const answer = await app.dispatch(
        'startRun',
        { runId: 'r2', collectionId, environmentId, iterations: 20, delayMs: 50 },
        ctx,
      );
      if (!answer.ok) throw new Error(answer.error.message);
      const report = answer.value as RunReport;
      expect(report.summary.stopped).toBe(true);
      expect(report.summary.planned).toBe(80);
      expect(report.results.length).toBeGreaterThanOrEqual(3);
      expect(report.results.length).toBeLessThan(6);
      const stopped = await app.dispatch('stopRun', { runId: 'r2' }, ctx);
      expect(stopped).toEqual({ ok: true, value: { stopped: false } });
    } finally {
      unsubscribe();
    }
  });

  it('takes one row of a chosen CSV data file per iteration', async () => {
    const file = join(dataDir, 'rows.csv');
    writeFileSync(file, 'petId\n41\n42\n');
    const grant = await app.files.grantPath(file);
    const folderId = await folderNamed('Allowed');
    const answer = await app.dispatch(
      'startRun',
      { runId: 'r5', collectionId, environmentId, folderId, dataFile: grant.ref },
      ctx,
    );
    if (!answer.ok) throw new Error(answer.error.message);
    const report = answer.value as RunReport;
    expect(report.results.filter((r) => r.name === 'one pet').map((r) => [r.iteration, r.url])).toEqual([
      [0, `${sandbox.apiUrl}/pets/41`],
      [1, `${sandbox.apiUrl}/pets/42`],
    ]);
  });

  async function folderNamed(name: string): Promise<string> {
    const outline = await app.dispatch('loadWorkspace', {}, ctx);
    if (!outline.ok) throw new Error(outline.error.message);
    const { workspace } = outline.value as {
      workspace: { collections: Array<{ id: string; items: Array<{ id: string; name: string }> }> };
    };
    const folder = workspace.collections.find((c) => c.id === collectionId)?.items.find((i) => i.name === name);
    if (!folder) throw new Error(`no folder ${name}`);
    return folder.id;
  }

  it('refuses an unknown folder and a bad data file', async () => {
    const folder = await app.dispatch('startRun', { runId: 'r3', collectionId, folderId: 'nope' }, ctx);
    expect(folder).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const data = await app.dispatch('startRun', { runId: 'r4', collectionId, dataFile: 'file:unknown' }, ctx);
    expect(data.ok).toBe(false);
  });
});

describe('an expired token during a run', () => {
  let offsetMs = 0;
  let sandbox: Sandbox;
  const log: SandboxLogEntry[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({
      minDurationSeconds: 1,
      now: () => new Date(Date.now() + offsetMs),
      onRequest: (entry) => log.push(entry),
    });
  });
  afterAll(() => sandbox.close());

  it('is re-assumed once and the request retried, as for single sends', async () => {
    const assume: CredentialResolver = {
      canAutoRefresh: () => true,
      resolve: async (): Promise<ResolvedCredentials> => {
        const role = await assumeRoleWith(
          sandbox.accountBUser,
          { region: sandbox.region, endpoint: sandbox.stsEndpoint },
          { roleArn: sandbox.roleArn, sessionName: 'run-test', durationSeconds: 60 },
        );
        return { ...role, sourceLabel: 'test role' };
      },
    };
    const credentials = new RunCredentials(assume, { keyOf: () => 'role', coalesceMs: 300 });
    const secrets = new SecretStore();
    const outcome = await importAny(sandboxCollection(), 'c.json', secrets);
    const envOutcome = await importAny(sandboxEnvironment(sandbox), 'e.json', secrets);
    if (!outcome.ok || outcome.kind !== 'collection' || !envOutcome.ok || envOutcome.kind !== 'environment')
      throw new Error('import failed');
    const collection: Collection = outcome.collection;
    const folderId = collection.items[0]!.id;
    const sender = new RequestRunner({ secrets, credentials: assume });
    const run = () =>
      runCollection({ collection, folderId, environment: envOutcome.environment }, { sender, credentials });

    const first = await run();
    expect(first.results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(credentials.resolutions).toBe(1);
    // The gateway's clock moves past the session's end; the run's copy still looks fresh (30 s margin).
    offsetMs = 90_000;
    const before = log.length;
    const second = await run();
    expect(second.results.map((r) => [r.status, r.passed, r.retried ?? false])).toEqual([
      [200, true, true],
      [200, true, false],
      [200, true, false],
    ]);
    const served = log.slice(before);
    expect(served.filter((e) => e.errorType === 'ExpiredTokenException')).toHaveLength(1);
    expect(served.filter((e) => e.service === 'sts')).toHaveLength(1);
    expect(credentials.resolutions).toBe(2);

    // Three requests in flight meet the expired token together: one AssumeRole serves all three retries.
    offsetMs = 180_000;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const third = log.length;
    const concurrent = await runCollection(
      { collection, folderId, environment: envOutcome.environment, concurrency: 3 },
      { sender, credentials },
    );
    expect(concurrent.results.map((r) => [r.status, r.retried ?? false])).toEqual([
      [200, true],
      [200, true],
      [200, true],
    ]);
    expect(log.slice(third).filter((e) => e.service === 'sts')).toHaveLength(1);
  });
});
