import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { settle } from '../core/failure';
import { afterEach, describe, expect, it } from 'vitest';
import { findItem } from '../../shared/collection';
import { emptyRequest } from '../../shared/request-basics';
import { SecretStore } from '../core/secrets';
import { createWorkspaceService, type WorkspaceService } from './service';

const COLLECTIONS = resolve(process.cwd(), '../shared/fixtures/postman/collections');
const ENVIRONMENTS = resolve(process.cwd(), '../shared/fixtures/postman-environments');
const dirs: string[] = [];

function setup(): { dir: string; secrets: SecretStore; open: () => WorkspaceService } {
  const dir = mkdtempSync(join(tmpdir(), 'signet-ws-'));
  dirs.push(dir);
  const secrets = new SecretStore();
  return { dir, secrets, open: () => createWorkspaceService({ dataDir: dir, secrets }) };
}

async function importFixture(service: WorkspaceService, dir: string, file: string): Promise<string> {
  const result = await service.importFile(file, readFileSync(join(dir, file), 'utf8'));
  return (result.collectionId ?? result.environmentId)!;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('workspace persistence', () => {
  it('persists imports, edits and the active environment across restarts', async () => {
    const { open } = setup();
    const first = open();
    const collectionId = await importFixture(first, COLLECTIONS, 'bruno_Basic_Auth_Folder.postman_collection.json');
    const environmentId = await importFixture(first, ENVIRONMENTS, 'insomnia_postman-env_basic-input.json');
    await first.setActiveEnvironment(environmentId);
    const folder = await first.createItem(collectionId, null, 'folder', 'New folder');
    const { itemId } = await first.saveRequest(
      collectionId,
      { ...emptyRequest(''), name: 'Saved', url: 'https://example.com/x' },
      folder.id,
    );
    await first.renameItem(collectionId, folder.id, 'Renamed folder');
    const copy = await first.duplicateItem(collectionId, itemId);

    const { workspace, warnings } = await open().load();
    expect(warnings).toEqual([]);
    expect(workspace.activeEnvironmentId).toBe(environmentId);
    const collection = workspace.collections.find((c) => c.id === collectionId)!;
    const saved = findItem(collection.items, itemId)!;
    expect(saved.folders.map((f) => f.name)).toEqual(['Renamed folder']);
    expect(saved.item).toMatchObject({ type: 'request', request: { name: 'Saved', url: 'https://example.com/x' } });
    expect(findItem(collection.items, copy.id)?.item).toMatchObject({ request: { name: 'Saved Copy' } });
  });

  it('updates a request in place without moving it', async () => {
    const { open } = setup();
    const service = open();
    const collectionId = await importFixture(service, COLLECTIONS, 'jpostman_Nested.postman_collection.json');
    const before = (await service.load()).workspace.collections[0]!;
    let target = '';
    const order: string[] = [];
    const visit = (items: typeof before.items): void => {
      for (const item of items) {
        order.push(item.id);
        if (item.type === 'folder') visit(item.items);
        else if (!target && order.length > 3) target = item.id;
      }
    };
    visit(before.items);
    const found = findItem(before.items, target)!.item;
    if (found.type !== 'request') throw new Error('request expected');
    await service.saveRequest(collectionId, { ...found.request, url: 'https://changed.example' });
    const after = (await open().load()).workspace.collections[0]!;
    const ids: string[] = [];
    const collect = (items: typeof after.items): void =>
      items.forEach((i) => (ids.push(i.id), i.type === 'folder' && collect(i.items)));
    collect(after.items);
    expect(ids).toEqual(order);
    expect(findItem(after.items, target)?.item).toMatchObject({ request: { url: 'https://changed.example' } });
  });

  it('deletes items, collections and environments', async () => {
    const { open } = setup();
    const service = open();
    const a = await importFixture(service, COLLECTIONS, 'bruno_AWS.postman_collection.json');
    const b = await importFixture(service, COLLECTIONS, 'jpostman_auth.postman_collection.json');
    const env = await importFixture(service, ENVIRONMENTS, 'bruno_collection-env.json');
    await service.setActiveEnvironment(env);
    const firstItem = (await service.load()).workspace.collections[1]!.items[0]!;
    expect(await service.deleteItem(b, firstItem.id)).toBe(true);
    expect(await service.deleteItem(b, firstItem.id)).toBe(false);
    expect(await service.deleteCollection(a)).toBe(true);
    expect(await service.deleteEnvironment(env)).toBe(true);
    const { workspace } = await open().load();
    expect(workspace.collections.map((c) => c.id)).toEqual([b]);
    expect(workspace.collections[0]!.items).toHaveLength(0);
    expect(workspace.environments).toEqual([]);
    expect(workspace.activeEnvironmentId).toBeNull();
  });

  it('leaves the workspace unchanged when a file is refused', async () => {
    const { dir, open } = setup();
    const service = open();
    await importFixture(service, COLLECTIONS, 'bruno_AWS.postman_collection.json');
    const files = readdirSync(join(dir, 'collections')).sort();
    const result = await settle(service.importFile('junk.json', '{"info": {"name": "x"}, "item": 7}'));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'not a Postman collection: "item" must be a list of requests and folders',
      },
    });
    expect(readdirSync(join(dir, 'collections')).sort()).toEqual(files);
    expect((await service.load()).workspace.collections).toHaveLength(1);
  });

  it('moves a corrupt file aside and reports it', async () => {
    const { dir, open } = setup();
    const service = open();
    const keep = await importFixture(service, COLLECTIONS, 'bruno_AWS.postman_collection.json');
    const broken = await importFixture(service, COLLECTIONS, 'jpostman_auth.postman_collection.json');
    writeFileSync(join(dir, 'collections', `${broken}.json`), '{"id": "trunc');
    writeFileSync(join(dir, 'environments.json'), '[]');
    const { workspace, warnings } = await open().load();
    expect(workspace.collections.map((c) => c.id)).toEqual([keep]);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(
      new RegExp(`${broken}\\.json is corrupt \\(not valid JSON\\); moved aside to .*\\.corrupt-`),
    );
    expect(readdirSync(join(dir, 'collections')).some((name) => name.startsWith(`${broken}.json.corrupt-`))).toBe(true);
    expect((await open().load()).warnings).toEqual([]);
  });

  it('keeps plain-text environment secrets out of the file', async () => {
    const { dir, secrets, open } = setup();
    const service = open();
    const saved = await service.saveEnvironment({
      id: 'env1',
      name: 'dev',
      values: [{ key: 'token', value: 'sekrit-value', enabled: true, secret: true }],
    });
    expect(secrets.reveal(saved.values[0]!.value)).toBe('sekrit-value');
    expect(readFileSync(join(dir, 'environments.json'), 'utf8')).not.toContain('sekrit-value');
  });
});
