import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/api/history';
import type { RequestSpec } from '../../shared/model';
import { SecretStore } from '../core/secrets';
import { createCredentialService, type CredentialService } from '../credentials';
import { RequestRunner } from '../http/send';
import { historyEntry, historyEntryFromSend } from './entry';
import { HistoryStore } from './store';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signet-history-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function request(url: string, extra: Partial<RequestSpec> = {}): RequestSpec {
  return {
    id: '',
    name: 'Untitled request',
    method: 'GET',
    url,
    headers: [],
    body: { mode: 'none' },
    auth: { type: 'none' },
    timeoutMs: 5000,
    ...extra,
  };
}

function entry(n: number): HistoryEntry {
  return historyEntry({
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    request: request(`http://127.0.0.1/item/${n}`),
    authKind: 'none',
    source: 'app',
    status: 200,
    ms: n,
    sizeBytes: n * 10,
    redactions: [],
  });
}

const lines = (store: HistoryStore) =>
  readFileSync(store.path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

describe('history store: cap, order, clear', () => {
  it('lists newest first, pages with before, and searches method, URL and status', async () => {
    const store = new HistoryStore(dataDir());
    for (let n = 1; n <= 5; n += 1) await store.record(entry(n));
    const page = await store.list({ limit: 2 });
    expect(page.entries.map((e) => e.url)).toEqual(['http://127.0.0.1/item/5', 'http://127.0.0.1/item/4']);
    expect(page).toMatchObject({ hasMore: true, total: 5, limit: 1000 });
    const next = await store.list({ limit: 10, before: page.entries[1]!.id });
    expect(next.entries.map((e) => e.ms)).toEqual([3, 2, 1]);
    expect(next.hasMore).toBe(false);
    expect((await store.list({ query: 'get item/3' })).entries.map((e) => e.ms)).toEqual([3]);
    expect((await store.list({ query: '404' })).entries).toEqual([]);
  });

  it('keeps at most the cap: the list at once, the file after compaction', async () => {
    const store = new HistoryStore(dataDir(), { defaultLimit: 10 });
    for (let n = 1; n <= 12; n += 1) await store.record(entry(n));
    const page = await store.list({ limit: 100 });
    expect(page.total).toBe(10);
    expect(page.entries.map((e) => e.ms)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    for (let n = 13; n <= 31; n += 1) await store.record(entry(n));
    // 31 > 10 + 20 slack: the file is rewritten with the newest 10, after the send that crossed it.
    await store.settled();
    expect(lines(store)).toHaveLength(10);
    expect((await store.list()).entries[9]!.ms).toBe(22);
  });

  it('a limit set by one store applies to another on the same data directory, and 0 stops recording', async () => {
    const dir = dataDir();
    const store = new HistoryStore(dir);
    for (let n = 1; n <= 6; n += 1) await store.record(entry(n));
    await new HistoryStore(dir).setLimit(3);
    expect(lines(store)).toHaveLength(3);
    expect((await store.list()).entries.map((e) => e.ms)).toEqual([6, 5, 4]);
    await store.setLimit(0);
    expect(await store.record(entry(7))).toBe(false);
    expect((await store.list()).total).toBe(0);
    await expect(store.setLimit(-1)).rejects.toThrow(/0\.\./);
  });

  it('clears every entry, and a cleared entry is not found', async () => {
    const store = new HistoryStore(dataDir());
    await store.record(entry(1));
    const id = (await store.list()).entries[0]!.id;
    expect((await store.get(id)).request.url).toBe('http://127.0.0.1/item/1');
    expect(await store.clear()).toBe(1);
    expect((await store.list()).total).toBe(0);
    expect(readFileSync(store.path, 'utf8')).toBe('');
    await expect(store.get(id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a line a crash left torn is skipped, and the next append stays whole', async () => {
    const store = new HistoryStore(dataDir());
    await store.record(entry(1));
    await appendFile(store.path, '{"id":"torn","at":"2026');
    await store.record(entry(2));
    expect((await store.list()).entries.map((e) => e.ms)).toEqual([2, 1]);
  });
});

describe('history store: two writers', () => {
  it('two store instances in one process lose nothing', async () => {
    const dir = dataDir();
    const a = new HistoryStore(dir);
    const b = new HistoryStore(dir);
    await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).record(entry(n))));
    expect((await a.list({ limit: 1000 })).total).toBe(40);
    expect(new Set((await b.list({ limit: 1000 })).entries.map((e) => e.ms)).size).toBe(40);
  });

  it('reads while it writes without counting an entry twice', async () => {
    const dir = dataDir();
    const store = new HistoryStore(dir);
    const reader = new HistoryStore(dir);
    const work: Promise<unknown>[] = [];
    for (let n = 0; n < 40; n += 1)
      work.push(
        store.record(entry(n)),
        store.list(),
        reader.list(),
        store.get('none').catch(() => 0),
      );
    await Promise.all(work);
    // A fresh reader asked several times at once reads the file once per answer, not into one list twice.
    const fresh = new HistoryStore(dir);
    const answers = await Promise.all(Array.from({ length: 5 }, () => fresh.list({ limit: 1000 })));
    expect(answers.map((a) => a.entries.length)).toEqual([40, 40, 40, 40, 40]);
    for (const s of [store, reader, fresh]) {
      const { entries, total } = await s.list({ limit: 1000 });
      expect(total).toBe(40);
      expect(new Set(entries.map((e) => e.id)).size).toBe(40);
    }
  });

  it("tells a watcher about another writer's entries, never about its own", async () => {
    const dir = dataDir();
    const mine = new HistoryStore(dir);
    let told = 0;
    const stop = mine.watchOtherWriters(() => (told += 1), 20);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await mine.record(entry(1));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(told).toBe(0);
      await new HistoryStore(dir).record(entry(2));
      await expect.poll(() => told, { timeout: 3000 }).toBe(1);
      expect((await mine.list()).entries.map((e) => e.ms)).toEqual([2, 1]);
    } finally {
      stop();
    }
  });

  const runWriter = (dir: string, tag: string, count: number, slack?: number) =>
    new Promise<void>((resolve, reject) => {
      const script = join(import.meta.dirname, 'testdata', 'write-history.ts');
      const args = [script, dir, tag, String(count), '2', ...(slack === undefined ? [] : [String(slack)])];
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`writer ${tag} exited ${code}: ${stderr}`)),
      );
    });

  /** Each writer's sequence numbers among the entries kept, in the order they were written. */
  const sequences = (entries: readonly { url: string }[], tag: string) =>
    entries
      .filter((e) => e.url.includes(`/${tag}/`))
      .map((e) => Number(e.url.split('/').pop()))
      .reverse();

  it('two processes appending at once lose no entry and tear no line', { timeout: 60_000 }, async () => {
    const dir = dataDir();
    await Promise.all([runWriter(dir, 'a', 150), runWriter(dir, 'b', 150)]);
    const store = new HistoryStore(dir);
    const all = (await store.list({ limit: 1000 })).entries;
    expect(all).toHaveLength(300);
    for (const tag of ['a', 'b']) expect(sequences(all, tag)).toEqual(Array.from({ length: 150 }, (_, n) => n));
    expect(lines(store).every((line) => JSON.parse(line) !== null)).toBe(true);
  });

  it('two processes compacting at once keep the newest of each, with no gap', { timeout: 60_000 }, async () => {
    const dir = dataDir();
    await new HistoryStore(dir).setLimit(120);
    // Slack 1: nearly every append past the cap compacts, while the other process appends.
    await Promise.all([runWriter(dir, 'a', 150, 1), runWriter(dir, 'b', 150, 1)]);
    const store = new HistoryStore(dir);
    const page = await store.list({ limit: 1000 });
    expect(page.total).toBe(120);
    for (const tag of ['a', 'b']) {
      // Oldest are dropped first, so what is kept of each writer runs without a gap to its last entry.
      const kept = sequences(page.entries, tag);
      expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 150 - kept.length + i));
    }
    const fileLines = lines(store);
    expect(fileLines.length).toBeLessThanOrEqual(121);
    expect(fileLines.every((line) => JSON.parse(line) !== null)).toBe(true);
  });
});

describe('history entries never hold a secret in clear', () => {
  let server: Server;
  let base: string;
  const seen: IncomingHttpHeaders[] = [];
  const seenUrls: string[] = [];
  let secrets: SecretStore;
  let credentials: CredentialService;
  const dir = dataDir();

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      seenUrls.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    secrets = new SecretStore();
    credentials = createCredentialService({
      secrets,
      dataDir: dir,
      encryptedAtRest: false,
      persistManaged: false,
      env: {
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
        AWS_MAX_ATTEMPTS: '1',
      },
    });
  });
  afterAll(async () => {
    credentials.dispose();
    await new Promise((resolve) => server.close(resolve));
  });

  const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const SESSION_TOKEN = 'FwoGZXIvYXdzEBYaDHistoryTestSessionToken+/=Zm9vYmFy';

  async function sendAndRead(spec: RequestSpec): Promise<{ bytes: string; entry: HistoryEntry }> {
    const store = new HistoryStore(dataDir());
    const runner = new RequestRunner({
      secrets,
      credentials,
      onSettled: async (record) => void (await store.record(historyEntryFromSend(record))),
    });
    const outcome = await runner.send({ requestId: 'r', request: spec, context: {} });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const id = (await store.list()).entries[0]!.id;
    return { bytes: readFileSync(store.path, 'utf8'), entry: await store.get(id) };
  }

  async function signedSpec(addAuthDataTo: 'headers' | 'query'): Promise<RequestSpec> {
    return request(`${base}/prod/items?color=blue`, {
      method: 'POST',
      headers: [
        { key: 'Cookie', value: 'session=Sup3rSecretCookieValue', enabled: true },
        { key: 'X-Api-Key', value: 'literal-api-key-in-clear', enabled: true },
      ],
      body: { mode: 'raw', text: '{"hello":"world"}', contentType: 'application/json' },
      auth: {
        type: 'awsv4',
        source: {
          kind: 'keys',
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: (await secrets.put(SECRET_KEY)).ref,
          sessionToken: (await secrets.put(SESSION_TOKEN)).ref,
        },
        region: 'us-east-1',
        service: 'execute-api',
        addAuthDataTo,
        expiresSeconds: 900,
      },
    });
  }

  it('a header-signed request: no secret key, session token, signature or cookie in the file', async () => {
    const { bytes, entry } = await sendAndRead(await signedSpec('headers'));
    const wire = seen.at(-1)!;
    const signature = /Signature=([0-9a-f]{64})/.exec(String(wire.authorization))![1]!;
    expect(wire['x-amz-security-token']).toBe(SESSION_TOKEN);
    for (const secret of [
      SECRET_KEY,
      encodeURIComponent(SECRET_KEY),
      SESSION_TOKEN,
      encodeURIComponent(SESSION_TOKEN),
      signature,
      'Sup3rSecretCookieValue',
      'literal-api-key-in-clear',
    ])
      expect(bytes).not.toContain(secret);
    expect(entry).toMatchObject({ method: 'POST', status: 200, authKind: 'awsv4', sizeBytes: 11 });
    expect(entry.request.body).toEqual({ mode: 'raw', text: '{"hello":"world"}', contentType: 'application/json' });
    // What was written keeps references, so a reopened tab signs again with the same stored keys.
    expect(entry.request.auth).toMatchObject({ source: { secretAccessKey: expect.stringMatching(/^secret:/) } });
    const sentAuth = entry.sent!.headers.find(([name]) => name.toLowerCase() === 'authorization')![1];
    expect(sentAuth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID.*Signature=\[redacted\]$/);
  });

  it('a presigned request: neither X-Amz-Signature nor the token stays in the URL', async () => {
    const { bytes, entry } = await sendAndRead(await signedSpec('query'));
    const url = new URL(seenUrls.at(-1)!, base);
    const signature = url.searchParams.get('X-Amz-Signature')!;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(SESSION_TOKEN);
    for (const secret of [SECRET_KEY, SESSION_TOKEN, encodeURIComponent(SESSION_TOKEN), signature])
      expect(bytes).not.toContain(secret);
    expect(entry.url).toContain('X-Amz-Signature=%5Bredacted%5D');
  });

  it('Basic and Bearer typed in clear, and a password in the URL, are not written', async () => {
    const basic = await sendAndRead(
      request(`http://alice:UrlPassw0rdInClear@127.0.0.1:${new URL(base).port}/x`, {
        auth: { type: 'basic', username: 'alice', password: 'BasicPassw0rdInClear' },
      }),
    );
    const wireAuth = String(seen.at(-1)!.authorization);
    expect(wireAuth).toMatch(/^Basic /);
    for (const secret of ['BasicPassw0rdInClear', 'UrlPassw0rdInClear', wireAuth.slice(6)])
      expect(basic.bytes).not.toContain(secret);
    expect(basic.entry.request.auth).toEqual({ type: 'basic', username: 'alice', password: '' });

    const bearer = await sendAndRead(
      request(`${base}/y`, {
        headers: [{ key: 'Authorization', value: 'Bearer {{token}}', enabled: false }],
        auth: { type: 'bearer', token: 'eyJhbGciOiJIUzI1NiJ9.BearerInClear' },
      }),
    );
    expect(bearer.bytes).not.toContain('BearerInClear');
    // A template is no secret: kept, so the reopened request still says where the token comes from.
    expect(bearer.entry.request.headers[0]!.value).toBe('Bearer {{token}}');
  });

  it('records a send that failed, with its code and no response', async () => {
    const store = new HistoryStore(dataDir());
    const runner = new RequestRunner({
      secrets,
      credentials,
      onSettled: async (record) => void (await store.record(historyEntryFromSend(record))),
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await runner.send({ requestId: 'r', request: request(`http://127.0.0.1:${port}/gone`), context: {} });
    const [summary] = (await store.list()).entries;
    expect(summary).toMatchObject({ failure: 'refused', sizeBytes: 0, url: `http://127.0.0.1:${port}/gone` });
    expect(summary!.status).toBeUndefined();
  });
});
