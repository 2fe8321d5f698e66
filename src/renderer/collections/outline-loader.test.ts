// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SignetApi } from '../../shared/contract';
import { must } from '../test/real-main';
import { loadOutline, OUTLINE_MARKS } from './outline-loader';
import { useCollectionsStore } from './store';
import { buildTreeIndex, isComplete, type TreeIndex } from './tree-rows';

withRealMain();

const api = () => window.signet!;

/** Imports a Postman collection of `folders` folders of `perFolder` requests, plus one at the root. */
async function importCollection(name: string, folders: number, perFolder: number): Promise<string> {
  let n = 0;
  const request = () => ({ name: `${name} ${n}`, request: { method: 'GET', url: `https://api.test/${name}/${n++}` } });
  const content = JSON.stringify({
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      request(),
      ...Array.from({ length: folders }, (_, f) => ({
        name: `${name} folder ${f}`,
        item: Array.from({ length: perFolder }, request),
      })),
    ],
  });
  const imported = await must(api().importFile({ fileName: `${name}.json`, content }));
  return imported.collectionId!;
}

/** The tree as the one-payload outline gives it, node by node. */
async function expectedTree(): Promise<string[]> {
  const { workspace } = await must(api().loadWorkspace({}));
  return describeTree(buildTreeIndex(workspace));
}

function describeTree(index: TreeIndex): string[] {
  return index.nodes.map((n) =>
    n ? `${n.key} ${n.kind} ${n.depth} ${n.parent} ${n.end} ${n.containerId} ${n.name} ${n.url ?? ''}` : 'hole',
  );
}

/** The real API, with a hook run before each outline page is asked for. */
function withBeforePage(
  before: (pageNumber: number) => Promise<void>,
): Pick<SignetApi, 'loadOutlineFrame' | 'loadOutlinePage'> {
  let pages = 0;
  return {
    loadOutlineFrame: (input) => api().loadOutlineFrame(input),
    loadOutlinePage: async (input) => {
      await before((pages += 1));
      return api().loadOutlinePage(input);
    },
  };
}

let collectionId: string;
beforeEach(async () => {
  collectionId = await importCollection('pets', 4, 30);
  await importCollection('stores', 2, 5);
});

describe('the paged outline load', () => {
  it('draws collections and folders from the frame, then fills every request in order, page by page', async () => {
    // Snapshots: pages fill the same node array in place.
    const frames: Array<{ nodes: TreeIndex['nodes']; loaded: number }> = [];
    const pages: Array<{ loaded: number; holes: number }> = [];
    const result = await loadOutline(api(), {
      firstPageRows: 3,
      pageRows: 40,
      onFrame: ({ index }) => frames.push({ nodes: [...index.nodes], loaded: index.loaded }),
      onPage: ({ index }) => pages.push({ loaded: index.loaded, holes: index.nodes.filter((n) => !n).length }),
    });
    if (!result?.ok) throw new Error('load failed');
    // Rows: pets 1 + 1 + 4 × 31 = 126, stores 1 + 1 + 2 × 6 = 14.
    expect(frames).toHaveLength(1);
    const framed = frames[0]!;
    expect(framed.nodes).toHaveLength(140);
    expect(framed.nodes.filter(Boolean).map((n) => n!.kind)).not.toContain('request');
    expect(framed.loaded).toBe(2 + 4 + 2);
    expect(framed.nodes.filter((n) => n?.kind === 'folder').map((n) => n!.name)).toEqual([
      'pets folder 0',
      'pets folder 1',
      'pets folder 2',
      'pets folder 3',
      'stores folder 0',
      'stores folder 1',
    ]);
    // 3 rows, then 40 at a time; a page places only what is not there yet: rows 0-2 bring one
    // request (the collection and folder 0 came with the frame), rows 3-42 bring 39 (folder 1 too).
    expect(pages.slice(0, 2).map((p) => p.loaded)).toEqual([9, 48]);
    expect(pages.at(-1)).toEqual({ loaded: 140, holes: 0 });
    expect(pages.map((p) => p.loaded)).toEqual([...pages.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(pages).toHaveLength(1 + Math.ceil((140 - 3) / 40));
    expect(isComplete(result.value.index)).toBe(true);
    expect(result.value.index.requestCount).toBe(1 + 4 * 30 + 1 + 2 * 5);
    expect(describeTree(result.value.index)).toEqual(await expectedTree());
    expect(performance.getEntriesByName(OUTLINE_MARKS.complete)).toHaveLength(1);
  });

  it('starts again from the frame when the workspace changes mid-load, and ends consistent', async () => {
    const { workspace } = await must(api().loadWorkspace({}));
    const folder = workspace.collections.find((c) => c.id === collectionId)!.items.find((i) => i.type === 'folder')!;
    const frames: string[] = [];
    const result = await loadOutline(
      withBeforePage(async (pageNumber) => {
        // Between the second and third page, another window renames a folder and adds a request.
        if (pageNumber !== 3) return;
        await must(api().renameItem({ collectionId, itemId: folder.id, name: 'renamed mid-load' }));
        await must(api().createItem({ collectionId, parentId: folder.id, kind: 'request', name: 'added mid-load' }));
      }),
      { firstPageRows: 10, pageRows: 20, onFrame: ({ frame }) => frames.push(frame.revision) },
    );
    if (!result?.ok) throw new Error('load failed');
    expect(frames).toHaveLength(2);
    expect(frames[1]).not.toBe(frames[0]);
    expect(result.value.frame.revision).toBe(frames[1]);
    const names = result.value.index.nodes.map((n) => n!.name);
    expect(names).toContain('renamed mid-load');
    expect(names).toContain('added mid-load');
    expect(names).not.toContain('pets folder 0');
    expect(describeTree(result.value.index)).toEqual(await expectedTree());
  });

  it('gives up with a conflict when the workspace never holds still', async () => {
    let edits = 0;
    const result = await loadOutline(
      withBeforePage(async () => {
        await must(api().renameCollection({ collectionId, name: `busy ${(edits += 1)}` }));
      }),
      { firstPageRows: 10, pageRows: 10 },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(edits).toBe(6);
  });

  it('stops placing pages once a newer load supersedes it', async () => {
    let cancelled = false;
    const pages: number[] = [];
    const result = await loadOutline(api(), {
      firstPageRows: 10,
      pageRows: 10,
      cancelled: () => cancelled,
      onPage: ({ index }) => {
        pages.push(index.loaded);
        if (pages.length === 2) cancelled = true;
      },
    });
    expect(result).toBeUndefined();
    expect(pages).toHaveLength(2);
  });
});

describe('the sidebar store', () => {
  it('shows the tree from the frame before the requests are in, and keeps the shown tree on a reload', async () => {
    await importCollection('large', 10, 100);
    const seen: Array<{ loaded: number; total: number }> = [];
    const unsubscribe = useCollectionsStore.subscribe(({ load }) => {
      if (load.status === 'success') seen.push({ loaded: load.index.loaded, total: load.index.nodes.length });
    });
    try {
      await useCollectionsStore.getState().loadWorkspace();
      const total = 126 + 14 + 1 + 1 + 10 * 101;
      expect(seen[0]).toEqual({ loaded: 2 + 4 + 2 + 1 + 10, total });
      expect(seen.at(-1)).toEqual({ loaded: total, total });
      expect(seen.length).toBeGreaterThan(2);

      // A reload (an edit) swaps in the new tree whole: no state with holes is shown again.
      seen.length = 0;
      await useCollectionsStore.getState().createCollection('after');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((s) => s.loaded === s.total)).toBe(true);
      expect(seen.at(-1)!.total).toBe(total + 1);
    } finally {
      unsubscribe();
    }
  });

  it('uses a frame asked for at start once; when the workspace changed since, the load restarts from a fresh one', async () => {
    await importCollection('early', 3, 10);
    // The window's start asks for the frame before anything renders; then a second window adds a request.
    const early = api().loadOutlineFrame({});
    const earlyRevision = (await must(early)).revision;
    await importCollection('later', 1, 2);
    await useCollectionsStore.getState().loadWorkspace(early);
    const load = useCollectionsStore.getState().load;
    if (load.status !== 'success') throw new Error(`load ended ${load.status}`);
    // Success, not a conflict: the restart asked main for a fresh frame instead of taking the stale one again.
    expect(load.index.loaded).toBe(load.index.nodes.length);
    expect(describeTree(load.index)).toEqual(await expectedTree());
    expect(load.workspace.collections.map((c) => c.name)).toEqual(expect.arrayContaining(['early', 'later']));
    expect(earlyRevision).not.toBe((await must(api().loadOutlineFrame({}))).revision);
  });
});
