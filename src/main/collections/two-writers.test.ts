/**
 * Two writers on one data directory lose nothing: every write is compare-and-swap, an
 * edit another writer raced is re-applied on top of theirs when it touches something
 * else and refused (`conflict`) when it touches the same thing, and a second app on the
 * directory is told who holds it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyRequest } from '../../shared/request-basics';
import type { Result } from '../../shared/result';
import { createApp, type SignetApp } from '../app';
import { AppFailure } from '../core/failure';

const ctx = { host: 'test' } as const;
const dirs: string[] = [];
const apps: SignetApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signet-writers-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string, host: 'test' | 'browser' = 'test'): Promise<SignetApp> {
  const app = await createApp({ host, dataDir: dir, version: 'test' });
  apps.push(app);
  return app;
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Two windows on one directory, both loaded, with one collection holding requests `a` and `b`. */
async function twoWindowsWithRequests() {
  const dir = dataDir();
  const first = await open(dir);
  const { collection } = value<{ collection: { id: string } }>(
    await first.dispatch('createCollection', { name: 'Shared' }, ctx),
  );
  for (const id of ['a', 'b'])
    value(
      await first.dispatch(
        'saveRequest',
        { collectionId: collection.id, request: { ...emptyRequest(id), name: id } },
        ctx,
      ),
    );
  const second = await open(dir);
  await second.dispatch('loadWorkspace', {}, ctx);
  const onDisk = () => readFileSync(join(dir, 'collections', `${collection.id}.json`), 'utf8');
  return { dir, first, second, collectionId: collection.id, onDisk };
}

describe('two writers on one data directory', () => {
  // Each window saves right after the other, before its file watcher could re-read: the write itself must check.
  it('refuses the second save of the same request with a conflict and keeps the first', async () => {
    const { first, second, collectionId, onDisk } = await twoWindowsWithRequests();
    const save = (app: SignetApp, name: string) =>
      app.dispatch('saveRequest', { collectionId, request: { ...emptyRequest('a'), name } }, ctx);

    expect((await save(first, 'renamed in one')).ok).toBe(true);
    const refused = await save(second, 'renamed in two');
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toMatch(/Collection "Shared" was changed by another Signet on .+/);
    expect(onDisk()).toContain('renamed in one');
    expect(onDisk()).not.toContain('renamed in two');
    // The refusing window now shows theirs, so a save from it is an informed one.
    const seen = value<{ request: { name: string } }>(
      await second.dispatch('getRequest', { collectionId, itemId: 'a' }, ctx),
    );
    expect(seen.request.name).toBe('renamed in one');
  });

  it('re-applies an edit to another request, environment or collection on top of the other writer', async () => {
    const { dir, first, second, collectionId, onDisk } = await twoWindowsWithRequests();
    value(
      await first.dispatch('saveRequest', { collectionId, request: { ...emptyRequest('a'), name: 'a from one' } }, ctx),
    );
    value(
      await second.dispatch(
        'saveRequest',
        { collectionId, request: { ...emptyRequest('b'), name: 'b from two' } },
        ctx,
      ),
    );
    expect(onDisk()).toContain('a from one');
    expect(onDisk()).toContain('b from two');

    const env = (id: string) => ({ environment: { id, name: id, values: [] } });
    value(await first.dispatch('saveEnvironment', env('env-one'), ctx));
    value(await second.dispatch('saveEnvironment', env('env-two'), ctx));
    value(await first.dispatch('createCollection', { name: 'Made in one' }, ctx));
    value(await second.dispatch('createCollection', { name: 'Made in two' }, ctx));

    const reopened = await open(dir);
    const outline = JSON.stringify(await reopened.dispatch('loadWorkspace', {}, ctx));
    for (const kept of ['env-one', 'env-two', 'Made in one', 'Made in two', 'a from one', 'b from two'])
      expect(outline).toContain(kept);
    const index = JSON.parse(readFileSync(join(dir, 'workspace.json'), 'utf8')) as { order: string[] };
    expect(index.order).toHaveLength(3);
  });

  it('refuses a second signet web on the directory, naming it and the first, until the first stops', async () => {
    const dir = dataDir();
    const first = await open(dir, 'browser');
    const second = createApp({ host: 'browser', dataDir: dir, version: 'test' });
    await expect(second).rejects.toBeInstanceOf(AppFailure);
    await expect(second).rejects.toMatchObject({ code: 'conflict' });
    await expect(second).rejects.toThrow(`signet web (pid ${process.pid} on`);
    await expect(second).rejects.toThrow(`is already using the data directory ${dir}`);

    await first.close();
    apps.splice(apps.indexOf(first), 1);
    await open(dir, 'browser');
  });
});
