import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { emptyRequest } from '../../shared/request-basics';
import { createApp, type SignetApp } from '../app';
import { Trash } from '../core/trash';

const opened: SignetApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir = mkdtempSync(join(tmpdir(), 'signet-undo-'))) {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const app = await createApp({ host: 'test', dataDir, version: 'test' });
  opened.push(app);
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const result = await app.dispatch(name, input, { host: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as CallOutput<N>;
  };
  return { app, call, dataDir };
}

async function seed(call: Awaited<ReturnType<typeof start>>['call']) {
  const { collection } = await call('createCollection', { name: 'Pets' });
  const add = (name: string, parentId: string | null = null) =>
    call('saveRequest', {
      collectionId: collection.id,
      parentId,
      request: { ...emptyRequest(''), name, url: `https://x/${name}` },
    });
  const first = await add('first');
  const middle = await add('middle');
  await add('last');
  const { item: folder } = await call('createItem', {
    collectionId: collection.id,
    parentId: null,
    kind: 'folder',
    name: 'Admin',
  });
  await add('inside', folder.id);
  return { collectionId: collection.id, first: first.itemId, middle: middle.itemId, folderId: folder.id };
}

async function names(call: Awaited<ReturnType<typeof start>>['call'], collectionId: string): Promise<unknown> {
  const { workspace } = await call('loadWorkspace', {});
  const collection = workspace.collections.find((c) => c.id === collectionId);
  const walk = (items: readonly { name: string; type: string; items?: unknown }[]): unknown[] =>
    items.map((i) => (i.type === 'folder' ? [i.name, walk(i.items as never)] : i.name));
  return collection ? walk(collection.items as never) : undefined;
}

describe('undo of deletes', () => {
  it('puts a request back where it was, once', async () => {
    const { call } = await start();
    const ids = await seed(call);
    const deleted = await call('deleteItem', { collectionId: ids.collectionId, itemId: ids.middle });
    expect(deleted.deleted).toBe(true);
    expect(await names(call, ids.collectionId)).toEqual(['first', 'last', ['Admin', ['inside']]]);
    expect(await call('undoDelete', { undoId: deleted.undoId! })).toEqual({ kind: 'request', name: 'middle' });
    expect(await names(call, ids.collectionId)).toEqual(['first', 'middle', 'last', ['Admin', ['inside']]]);
    await expect(call('undoDelete', { undoId: deleted.undoId! })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('puts a folder back with what it held, and a collection back on disk', async () => {
    const { call, dataDir, app } = await start();
    const ids = await seed(call);
    const folder = await call('deleteItem', { collectionId: ids.collectionId, itemId: ids.folderId });
    expect(await call('undoDelete', { undoId: folder.undoId! })).toEqual({ kind: 'folder', name: 'Admin' });
    expect(await names(call, ids.collectionId)).toEqual(['first', 'middle', 'last', ['Admin', ['inside']]]);

    const collection = await call('deleteCollection', { collectionId: ids.collectionId });
    expect(await names(call, ids.collectionId)).toBeUndefined();
    await call('undoDelete', { undoId: collection.undoId! });
    await app.close();
    opened.splice(opened.indexOf(app), 1);
    // A fresh start reads it from disk: restored, not only in memory.
    const again = await start(dataDir);
    expect(await names(again.call, ids.collectionId)).toEqual(['first', 'middle', 'last', ['Admin', ['inside']]]);
  });

  it('a request whose collection is gone asks for the collection first', async () => {
    const { call } = await start();
    const ids = await seed(call);
    const request = await call('deleteItem', { collectionId: ids.collectionId, itemId: ids.first });
    const collection = await call('deleteCollection', { collectionId: ids.collectionId });
    await expect(call('undoDelete', { undoId: request.undoId! })).rejects.toThrow(/collection first/);
    await call('undoDelete', { undoId: collection.undoId! });
    await call('undoDelete', { undoId: request.undoId! });
    expect(await names(call, ids.collectionId)).toEqual(['first', 'middle', 'last', ['Admin', ['inside']]]);
  });

  it('an environment comes back active if it was', async () => {
    const { call } = await start();
    const { environment } = await call('saveEnvironment', {
      environment: {
        id: 'env-1',
        name: 'Staging',
        values: [{ key: 'host', value: 'x', enabled: true, secret: false }],
      },
    });
    await call('setActiveEnvironment', { environmentId: environment.id });
    const deleted = await call('deleteEnvironment', { environmentId: environment.id });
    expect((await call('loadWorkspace', {})).workspace.activeEnvironmentId).toBeNull();
    expect(await call('undoDelete', { undoId: deleted.undoId! })).toEqual({ kind: 'environment', name: 'Staging' });
    const { workspace } = await call('loadWorkspace', {});
    expect(workspace.activeEnvironmentId).toBe('env-1');
    expect(workspace.environments.map((e) => e.values[0]!.key)).toEqual(['host']);
  });

  it('a removed session is held again, credentials and all', async () => {
    const { call } = await start();
    const json = JSON.stringify({
      Credentials: {
        AccessKeyId: 'ASIAUNDOEXAMPLE0001',
        SecretAccessKey: 'undo-secret-access-key',
        SessionToken: 'undo-session-token-value',
        Expiration: '2099-01-01T00:00:00Z',
      },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:bob', Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/bob' },
    });
    const { session } = await call('importSession', { json, region: 'us-east-1', label: 'Admin (imported)' });
    const removed = await call('removeSession', { id: session.id });
    expect((await call('listSessions', {})).sessions).toEqual([]);
    expect(await call('undoDelete', { undoId: removed.undoId! })).toEqual({
      kind: 'session',
      name: 'Admin (imported)',
    });
    const status = await call('credentialStatus', { source: { kind: 'session', sessionId: session.id } });
    expect(status).toMatchObject({ state: 'fresh' });
  });
});

describe('trash', () => {
  it('forgets a deletion after its time and beyond its size', async () => {
    let now = 0;
    const trash = new Trash(1000, 2, () => now);
    const restored: string[] = [];
    const a = trash.put('request', 'a', async () => void restored.push('a'));
    const b = trash.put('request', 'b', async () => void restored.push('b'));
    trash.put('request', 'c', async () => void restored.push('c'));
    await expect(trash.restore(a)).rejects.toMatchObject({ code: 'not_found' });
    now = 1000;
    await expect(trash.restore(b)).rejects.toMatchObject({ code: 'not_found' });
    expect(restored).toEqual([]);
  });
});
