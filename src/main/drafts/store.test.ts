import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tabCalls, type DraftTab } from '../../shared/api/tabs';
import { type RequestSpec } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { SecretStore } from '../core/secrets';
import { removeLeftoverTempFiles } from '../core/atomic-file';
import { DraftsStore, TABS_FILE } from './store';

/** Set by a test to make the next rename fail, as a full disk or a crash between write and rename would. */
const failRename = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: (from: string, to: string) =>
      failRename.on
        ? Promise.reject(Object.assign(new Error('EIO: simulated'), { code: 'EIO' }))
        : actual.rename(from, to),
  };
});

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'signet-drafts-'));
  failRename.on = false;
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function tab(id: string, patch: Partial<RequestSpec> = {}, dirty = true, context: DraftTab['context'] = {}): DraftTab {
  return { id, request: { ...emptyRequest(id), name: id, ...patch }, context, dirty };
}

const fileText = () => readFileSync(join(dataDir, TABS_FILE), 'utf8');

describe('drafts store', () => {
  it('brings back every tab, its draft, context, dirty mark and the active tab after a restart', async () => {
    const first = new DraftsStore(dataDir, new SecretStore());
    const opened = await first.load();
    expect(opened).toMatchObject({ revision: 0, tabs: [], activeTabId: null });
    const tabs = [
      tab('a', {
        url: 'https://a.example/1',
        method: 'POST',
        body: { mode: 'raw', text: '{"x":1}', contentType: 'application/json' },
      }),
      tab('b', { url: 'https://b.example/2' }, false, { collectionId: 'col-1', itemId: 'item-2' }),
      tab('c', { url: 'https://c.example/3', headers: [{ key: 'X-Trace', value: '42', enabled: true }] }),
    ];
    const saved = await first.save({ windowId: opened.windowId, revision: 0, tabs, activeTabId: 'b' });
    expect(saved).toEqual({ windowId: opened.windowId, revision: 1 });

    // A restart: a new store, and a page that remembers no window id.
    const restarted = await new DraftsStore(dataDir, new SecretStore()).load();
    expect(restarted.windowId).toBe(opened.windowId);
    expect(restarted.revision).toBe(1);
    expect(restarted.activeTabId).toBe('b');
    expect(restarted.tabs).toEqual(tabs);
    expect(restarted.warnings).toEqual([]);
  });

  it('a reload names its window and gets its own tabs; a second window of the same run does not get them too', async () => {
    const store = new DraftsStore(dataDir, new SecretStore());
    const win = await store.load();
    await store.save({ windowId: win.windowId, revision: 0, tabs: [tab('a')], activeTabId: 'a' });
    const reloaded = await store.load(win.windowId);
    expect(reloaded.tabs.map((t) => t.id)).toEqual(['a']);
    const second = await store.load();
    expect(second.windowId).not.toBe(win.windowId);
    expect(second.tabs).toEqual([]);
    expect(store.unsavedTabs()).toBe(1);
  });

  it('never writes a secret typed in plain text: the file holds references that resolve to it', async () => {
    const secrets = new SecretStore();
    const store = new DraftsStore(dataDir, secrets);
    const { windowId } = await store.load();
    const plain = {
      secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLAINSECRET',
      sessionToken: 'FwoGZXIvYXdzEPLAINSESSIONTOKEN',
      bearer: 'eyJhbGciOiJIUzI1NiJ9.PLAINBEARER',
      header: 'Bearer PLAINHEADERTOKEN',
      password: 'PLAINPASSWORD-123',
    };
    const tabs = [
      tab('keys', {
        auth: {
          type: 'awsv4',
          source: {
            kind: 'keys',
            accessKeyId: 'AKIDEXAMPLE',
            secretAccessKey: plain.secretKey,
            sessionToken: plain.sessionToken,
          },
          region: 'us-east-1',
          service: 'execute-api',
          addAuthDataTo: 'headers',
          expiresSeconds: 900,
        },
      }),
      tab('bearer', {
        auth: { type: 'bearer', token: plain.bearer },
        headers: [{ key: 'authorization', value: plain.header, enabled: true }],
      }),
      tab('basic', { auth: { type: 'basic', username: 'me', password: plain.password } }),
      tab('variable', { auth: { type: 'bearer', token: '{{token}}' } }),
    ];
    await store.save({ windowId, revision: 0, tabs, activeTabId: 'keys' });
    const bytes = fileText();
    for (const value of Object.values(plain)) expect(bytes).not.toContain(value);
    expect(bytes).toContain('AKIDEXAMPLE');
    expect(bytes).toContain('{{token}}');

    const loaded = await store.load(windowId);
    const keys = loaded.tabs[0]!.request.auth;
    if (keys.type !== 'awsv4' || keys.source.kind !== 'keys') throw new Error('awsv4 keys expected');
    expect(secrets.reveal(keys.source.secretAccessKey)).toBe(plain.secretKey);
    expect(secrets.reveal(keys.source.sessionToken)).toBe(plain.sessionToken);
    expect(secrets.reveal(loaded.tabs[1]!.request.headers[0]!.value)).toBe(plain.header);

    // Saving the same draft again reuses its references rather than storing the secret twice.
    await store.save({ windowId, revision: 1, tabs, activeTabId: 'keys' });
    const again = (await store.load(windowId)).tabs[0]!.request.auth;
    expect(again).toEqual(keys);
  });

  it('a page that saves over a set another page wrote since keeps its tabs as a new set: both survive', async () => {
    const store = new DraftsStore(dataDir, new SecretStore());
    const { windowId } = await store.load();
    // Two pages with one window id (a duplicated browser tab), both at revision 0.
    expect(await store.save({ windowId, revision: 0, tabs: [tab('from-a')], activeTabId: 'from-a' })).toEqual({
      windowId,
      revision: 1,
    });
    const fromB = await store.save({ windowId, revision: 0, tabs: [tab('from-b')], activeTabId: 'from-b' });
    expect(fromB.windowId).not.toBe(windowId);
    expect(fromB.revision).toBe(1);
    expect((await store.load(windowId)).tabs.map((t) => t.id)).toEqual(['from-a']);
    expect((await store.load(fromB.windowId)).tabs.map((t) => t.id)).toEqual(['from-b']);
  });

  it('two stores on one data directory keep each other’s windows; after a restart the newest comes first', async () => {
    let clock = 1000;
    const one = new DraftsStore(dataDir, new SecretStore(), () => clock);
    const two = new DraftsStore(dataDir, new SecretStore(), () => clock);
    const a = await one.load();
    const b = await two.load();
    let revA = 0;
    let revB = 0;
    for (let round = 0; round < 5; round += 1) {
      clock += 1;
      ({ revision: revA } = await one.save({
        windowId: a.windowId,
        revision: revA,
        tabs: [tab(`a${round}`)],
        activeTabId: null,
      }));
      clock += 1;
      ({ revision: revB } = await two.save({
        windowId: b.windowId,
        revision: revB,
        tabs: [tab(`b${round}`)],
        activeTabId: null,
      }));
    }
    expect(revA).toBe(5);
    expect(revB).toBe(5);
    const restarted = new DraftsStore(dataDir, new SecretStore());
    expect((await restarted.load()).tabs.map((t) => t.id)).toEqual(['b4']);
    expect((await restarted.load()).tabs.map((t) => t.id)).toEqual(['a4']);
    expect((await restarted.load()).tabs).toEqual([]);
  });

  it('a rename that fails keeps the previous file readable and whole; the save is refused, not half done', async () => {
    const store = new DraftsStore(dataDir, new SecretStore());
    const { windowId } = await store.load();
    await store.save({ windowId, revision: 0, tabs: [tab('old', { url: 'https://old.example' })], activeTabId: 'old' });
    const before = fileText();
    failRename.on = true;
    await expect(
      store.save({ windowId, revision: 1, tabs: [tab('new', { url: 'https://new.example' })], activeTabId: 'new' }),
    ).rejects.toMatchObject({ code: 'io' });
    failRename.on = false;
    expect(fileText()).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const loaded = await new DraftsStore(dataDir, new SecretStore()).load(windowId);
    expect(loaded.tabs.map((t) => t.request.url)).toEqual(['https://old.example']);
    // The page may save again from the revision it had: nothing was written in between.
    expect((await store.save({ windowId, revision: 1, tabs: [tab('new')], activeTabId: 'new' })).revision).toBe(2);
  });

  it('a half-written temporary file from a crash is ignored and removed; the last whole file loads', async () => {
    const store = new DraftsStore(dataDir, new SecretStore());
    const { windowId } = await store.load();
    await store.save({ windowId, revision: 0, tabs: [tab('kept')], activeTabId: 'kept' });
    const whole = fileText();
    const temp = join(dataDir, `.${TABS_FILE}.999999.deadbeef.tmp`);
    writeFileSync(temp, whole.slice(0, Math.floor(whole.length / 2)));
    expect(await removeLeftoverTempFiles(dataDir)).toEqual([`.${TABS_FILE}.999999.deadbeef.tmp`]);
    const loaded = await new DraftsStore(dataDir, new SecretStore()).load();
    expect(loaded.tabs.map((t) => t.id)).toEqual(['kept']);
  });

  it('an unreadable tabs file is set aside with a warning, and the tabs start afresh', async () => {
    writeFileSync(join(dataDir, TABS_FILE), '{"schemaVersion":1,"windows":[{"windowId":"x"');
    const store = new DraftsStore(dataDir, new SecretStore());
    const loaded = await store.load();
    expect(loaded.tabs).toEqual([]);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/moved aside/);
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${TABS_FILE}.corrupt-`))).toBe(true);
    expect(
      (await store.save({ windowId: loaded.windowId, revision: 0, tabs: [tab('a')], activeTabId: 'a' })).revision,
    ).toBe(1);
  });

  it('the contract refuses a tab set over the size limit and ids that are not ids', () => {
    const big = tab('big', { body: { mode: 'raw', text: 'x'.repeat(17 * 1024 * 1024), contentType: 'text/plain' } });
    const tooBig = tabCalls.saveTabs.input.safeParse({ windowId: 'w', revision: 0, tabs: [big], activeTabId: null });
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toMatch(/over the 16777216-byte limit/);
    expect(tabCalls.loadTabs.input.safeParse({ windowId: '../etc' }).success).toBe(false);
    expect(
      tabCalls.saveTabs.input.safeParse({ windowId: 'w', revision: 0, tabs: [tab('a')], activeTabId: 'a' }).success,
    ).toBe(true);
  });
});

const CHILD = resolve(__dirname, 'testdata', 'save-tabs-loop.ts');

/** Runs the saving child, SIGKILLs it `delayMs` after it is ready, and returns the revisions it confirmed. */
function runAndKill(dir: string, delayMs: number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, 'crash-window'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const confirmed: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line.startsWith('saved ')) confirmed.push(Number(line.slice(6)));
      }
    });
    child.on('error', fail);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? done(confirmed) : fail(new Error(`child exited on its own: ${stderr.slice(0, 500)}`)),
    );
  });
}

describe('drafts store, killed while writing', () => {
  it('always leaves a whole file holding the last confirmed save or a later one', async () => {
    const kills = Number(process.env.CRASH_KILLS ?? 8);
    let highest = 0;
    for (let kill = 0; kill < kills; kill += 1) {
      const confirmed = await runAndKill(dataDir, 50 + Math.floor(Math.random() * 300));
      highest = Math.max(highest, ...confirmed);
      await removeLeftoverTempFiles(dataDir);
      const loaded = await new DraftsStore(dataDir, new SecretStore()).load('crash-window');
      expect(loaded.warnings, `after kill ${kill}`).toEqual([]);
      expect(loaded.revision, `after kill ${kill}`).toBeGreaterThanOrEqual(highest);
      // Killed before its first save: nothing on disk yet, and nothing confirmed either.
      if (loaded.revision === 0) continue;
      expect(loaded.tabs).toHaveLength(20);
      expect(loaded.tabs[0]!.request.url).toBe(`https://example.com/${loaded.revision - 1}`);
    }
    expect(highest).toBeGreaterThan(0);
  }, 120_000);
});
