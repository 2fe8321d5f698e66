import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectionCalls } from '../../shared/api/collections';
import { SecretStore } from '../core/secrets';
import { createWorkspaceService } from './service';
import { createCollectionHandlers } from './handlers';

const dir = mkdtempSync(join(tmpdir(), 'signet-handlers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secrets = new SecretStore();
const handlers = createCollectionHandlers({ workspace: createWorkspaceService({ dataDir: dir, secrets }), secrets });
const ctx = { host: 'test' } as const;

describe('collection handlers behind the contract schemas', () => {
  it('imports, saves a new request, and exports without secrets', async () => {
    const content = readFileSync(
      resolve(process.cwd(), '../shared/fixtures/postman/collections/insomnia_aws-signature-auth-v2_1-input.json'),
      'utf8',
    );
    const imported = await handlers.importFile(
      collectionCalls.importFile.input.parse({ fileName: 'aws.json', content }),
      ctx,
    );
    if (!imported.collectionId) throw new Error('import failed');
    const collectionId = imported.collectionId;
    const saved = await handlers.saveRequest(
      collectionCalls.saveRequest.input.parse({
        collectionId,
        request: { method: 'POST', url: 'https://example.com', name: 'new one' },
      }),
      ctx,
    );
    expect(saved.itemId).toMatch(/^[0-9a-f-]{36}$/);
    const { workspace } = await handlers.loadWorkspace(collectionCalls.loadWorkspace.input.parse(undefined), ctx);
    expect(workspace.collections[0]!.items.map((i) => i.type === 'request' && i.name)).toEqual([
      'AWS Signature',
      'new one',
    ]);
    const exported = await handlers.exportCollection(
      collectionCalls.exportCollection.input.parse({ collectionId }),
      ctx,
    );
    if (exported.kind !== 'json') throw new Error('expected the JSON back');
    expect(exported.json).not.toContain('aws-secret-key');
    expect(exported.json).toContain('"awsv4"');
  });

  it('exports with secrets to a 0600 file under the data directory and returns no JSON', async () => {
    const collectionId = (await handlers.loadWorkspace(collectionCalls.loadWorkspace.input.parse(undefined), ctx))
      .workspace.collections[0]!.id;
    const exported = await handlers.exportCollection(
      collectionCalls.exportCollection.input.parse({ collectionId, includeSecrets: true }),
      ctx,
    );
    if (exported.kind !== 'file') throw new Error('expected a file');
    expect(exported).not.toHaveProperty('json');
    expect(exported.path).toBe(join(dir, 'exports', exported.fileName));
    expect(statSync(exported.path).mode & 0o777).toBe(0o600);
    const written = readFileSync(exported.path, 'utf8');
    expect(written).toContain('"awsv4"');
    expect(written).toContain('aws-secret-key');
  });

  it('rejects ids that could escape the data directory and oversize names', () => {
    expect(collectionCalls.deleteCollection.input.safeParse({ collectionId: '../../etc/passwd' }).success).toBe(false);
    expect(
      collectionCalls.renameItem.input.safeParse({ collectionId: 'a', itemId: 'b', name: 'x'.repeat(257) }).success,
    ).toBe(false);
    const deep = { type: 'folder', id: 'f', name: 'f', items: [] as unknown[] };
    let node = deep;
    for (let i = 0; i < 70; i += 1)
      node = (node.items[0] = { type: 'folder', id: `f${i}`, name: 'f', items: [] }) as typeof deep;
    const result = collectionCalls.saveCollection.input.safeParse({
      collection: { id: 'c', name: 'c', items: [deep] },
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('deeper than 64');
  });

  it('loads an outline without request specs and returns one request in full on demand', async () => {
    const { workspace } = await handlers.loadWorkspace(collectionCalls.loadWorkspace.input.parse(undefined), ctx);
    const collection = workspace.collections[0]!;
    const outline = collection.items.find((i) => i.type === 'request' && i.name === 'new one');
    expect(outline).toEqual({
      type: 'request',
      id: outline!.id,
      name: 'new one',
      method: 'POST',
      url: 'https://example.com',
    });
    expect(JSON.stringify(workspace)).not.toContain('"headers"');
    const { request } = await handlers.getRequest(
      collectionCalls.getRequest.input.parse({ collectionId: collection.id, itemId: outline!.id }),
      ctx,
    );
    expect(request).toMatchObject({ id: outline!.id, name: 'new one', method: 'POST', headers: [] });
    await expect(
      handlers.getRequest(collectionCalls.getRequest.input.parse({ collectionId: collection.id, itemId: 'nope' }), ctx),
    ).rejects.toThrow('request nope not found');
  });

  it('renames a collection and keeps its requests', async () => {
    const before = (await handlers.loadWorkspace(collectionCalls.loadWorkspace.input.parse(undefined), ctx)).workspace
      .collections[0]!;
    await handlers.renameCollection(
      collectionCalls.renameCollection.input.parse({ collectionId: before.id, name: 'Renamed' }),
      ctx,
    );
    const after = (await handlers.loadWorkspace(collectionCalls.loadWorkspace.input.parse(undefined), ctx)).workspace
      .collections[0]!;
    expect(after.name).toBe('Renamed');
    expect(after.items).toEqual(before.items);
  });
});
