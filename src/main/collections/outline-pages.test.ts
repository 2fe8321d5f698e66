import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionCalls } from '../../shared/api/collections';
import { OUTLINE_PAGE_LIMIT, outlineRows, outlineWorkspace, type OutlineRow } from '../../shared/outline';
import { SecretStore } from '../core/secrets';
import { createWorkspaceService } from './service';
import { createCollectionHandlers } from './handlers';

const dir = mkdtempSync(join(tmpdir(), 'signet-outline-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secrets = new SecretStore();
const workspace = createWorkspaceService({ dataDir: dir, secrets });
const handlers = createCollectionHandlers({ workspace, secrets });
const ctx = { host: 'test' } as const;

/** A Postman collection: `folders` folders of `perFolder` requests, plus one request at the root. */
function postman(name: string, folders: number, perFolder: number): string {
  let n = 0;
  const request = () => ({ name: `${name} ${n}`, request: { method: 'GET', url: `https://api.test/${name}/${n++}` } });
  return JSON.stringify({
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [{ key: 'api', value: 'https://api.test' }],
    item: [
      request(),
      ...Array.from({ length: folders }, (_, f) => ({
        name: `${name} folder ${f}`,
        variable: [{ key: `folder${f}`, value: 'v' }],
        item: [{ name: `${name} inner ${f}`, item: Array.from({ length: perFolder }, request) }],
      })),
    ],
  });
}

const frame = () => handlers.loadOutlineFrame(collectionCalls.loadOutlineFrame.input.parse(undefined), ctx);
const page = (revision: string, start: number, limit: number) =>
  handlers.loadOutlinePage(collectionCalls.loadOutlinePage.input.parse({ revision, start, limit }), ctx);

/** Every page of one revision, in order. */
async function allPages(revision: string, rowCount: number, limit: number): Promise<OutlineRow[]> {
  const rows: OutlineRow[] = [];
  while (rows.length < rowCount) {
    const next = await page(revision, rows.length, limit);
    if (next.status !== 'page') throw new Error('stale');
    expect(next.start).toBe(rows.length);
    expect(next.rows.length).toBe(Math.min(limit, rowCount - rows.length));
    rows.push(...next.rows);
  }
  return rows;
}

beforeAll(async () => {
  for (const [name, folders, perFolder] of [
    ['alpha', 3, 250],
    ['beta', 2, 100],
  ] as const)
    await handlers.importFile(
      collectionCalls.importFile.input.parse({ fileName: `${name}.json`, content: postman(name, folders, perFolder) }),
      ctx,
    );
});

describe('the outline in pages', () => {
  it('has a frame of collections and folders only, with their positions, parents and subtree sizes', async () => {
    const { rowCount, containers, workspace: framed } = await frame();
    // alpha: 1 + 1 root request + 3 × (folder + inner + 250); beta: 1 + 1 + 2 × (2 + 100).
    expect(rowCount).toBe(2 + 3 * 252 + 2 + 2 * 102);
    expect(containers.map((c) => `${c.position}:${c.kind}:${c.name}:${c.size}`).slice(0, 4)).toEqual([
      '0:collection:alpha:757',
      '2:folder:alpha folder 0:251',
      '3:folder:alpha inner 0:250',
      '254:folder:alpha folder 1:251',
    ]);
    expect(containers.find((c) => c.name === 'beta')).toMatchObject({ position: 758, depth: 0, parent: -1 });
    expect(containers.find((c) => c.name === 'alpha inner 0')).toMatchObject({ depth: 2, parent: 2 });
    // Folders keep their variables for the unresolved-variable check; no request travels in the frame.
    expect(framed.collections[0]!.items[0]).toMatchObject({
      type: 'folder',
      name: 'alpha folder 0',
      variables: [{ key: 'folder0', value: 'v', enabled: true }],
    });
    expect(JSON.stringify(framed)).not.toContain('https://api.test/');
  });

  it('serves every row once, in pre-order, whatever the page size', async () => {
    const { revision, rowCount } = await frame();
    const { workspace: loaded } = await workspace.load();
    const expected = outlineRows(outlineWorkspace(loaded).collections).rows;
    for (const limit of [1, 7, 500, OUTLINE_PAGE_LIMIT])
      expect(await allPages(revision, rowCount, limit)).toEqual(expected);
    const requests = expected.filter((r) => r.kind === 'request');
    expect(requests).toHaveLength(1 + 3 * 250 + 1 + 2 * 100);
    expect(requests[0]).toEqual({
      kind: 'request',
      id: requests[0]!.id,
      name: 'alpha 0',
      depth: 1,
      parent: 0,
      size: 0,
      method: 'GET',
      url: 'https://api.test/alpha/0',
    });
    // Each row's parent is an earlier collection or folder whose subtree holds it.
    expected.forEach((row, position) => {
      if (row.kind === 'collection') return;
      const parent = expected[row.parent]!;
      expect(parent.kind).not.toBe('request');
      expect(row.parent).toBeLessThan(position);
      expect(position).toBeLessThanOrEqual(row.parent + parent.size);
      expect(row.depth).toBe(parent.depth + 1);
    });
  });

  it('answers past the end with no rows, and refuses pages too large or out of range', async () => {
    const { revision, rowCount } = await frame();
    expect(await page(revision, rowCount, 10)).toEqual({ status: 'page', revision, start: rowCount, rows: [] });
    const input = collectionCalls.loadOutlinePage.input;
    expect(input.safeParse({ revision, start: 0, limit: OUTLINE_PAGE_LIMIT + 1 }).success).toBe(false);
    expect(input.safeParse({ revision, start: -1, limit: 10 }).success).toBe(false);
    expect(input.safeParse({ revision: '', start: 0, limit: 10 }).success).toBe(false);
  });

  it('keeps one revision while nothing changes, and calls a page of an old revision stale after an edit', async () => {
    const first = await frame();
    expect((await frame()).revision).toBe(first.revision);
    const firstPage = await page(first.revision, 0, 100);
    expect(firstPage.status).toBe('page');

    const alpha = first.containers.find((c) => c.name === 'alpha')!;
    const renamed = first.containers.find((c) => c.name === 'alpha folder 1')!;
    await handlers.renameItem(
      collectionCalls.renameItem.input.parse({ collectionId: alpha.id, itemId: renamed.id, name: 'renamed mid-load' }),
      ctx,
    );
    const stale = await page(first.revision, 100, 100);
    expect(stale.status).toBe('stale');
    const second = await frame();
    expect(stale.revision).toBe(second.revision);
    expect(second.revision).not.toBe(first.revision);
    expect(second.containers.find((c) => c.id === renamed.id)?.name).toBe('renamed mid-load');
    const rows = await allPages(second.revision, second.rowCount, 300);
    expect(rows.find((r) => r.id === renamed.id)?.name).toBe('renamed mid-load');
  });

  it('gives a new revision when another writer changed the files and they were read in', async () => {
    const before = await frame();
    let stop = () => {};
    const seen = new Promise<void>((resolve) => {
      stop = workspace.followOtherWriters(() => resolve());
    });
    try {
      const other = createCollectionHandlers({ workspace: createWorkspaceService({ dataDir: dir, secrets }), secrets });
      await other.createCollection(collectionCalls.createCollection.input.parse({ name: 'from elsewhere' }), ctx);
      await seen;
    } finally {
      stop();
    }
    const after = await frame();
    expect(after.revision).not.toBe(before.revision);
    expect((await page(before.revision, 0, 10)).status).toBe('stale');
    expect(after.containers.map((c) => c.name)).toContain('from elsewhere');
  });
});
