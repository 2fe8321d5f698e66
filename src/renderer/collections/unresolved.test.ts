// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CollectionSchema } from '../../shared/collection';
import { foldersOnly, outlineWorkspace } from '../../shared/outline';
import { buildTreeIndex } from './tree-rows';
import { knownVariables, requestFolders } from './unresolved';

const request = (id: string) => ({
  type: 'request' as const,
  id,
  request: { id, name: id, method: 'GET' as const, url: '' },
});
const folder = (id: string, key: string, items: unknown[]) => ({
  type: 'folder',
  id,
  name: id,
  variables: [{ key, value: 'v', enabled: true }],
  items,
});

const full = outlineWorkspace({
  collections: [
    CollectionSchema.parse({
      id: 'c1',
      name: 'Pets',
      variables: [{ key: 'fromCollection', value: 'v', enabled: true }],
      items: [
        request('root'),
        folder('outer', 'fromOuter', [request('mid'), folder('inner', 'fromInner', [request('deep')])]),
      ],
    }),
  ],
  environments: [],
  activeEnvironmentId: null,
});
// The sidebar's frame: folders without their requests; the requests' places come from the tree index.
const frame = {
  ...full,
  collections: full.collections.map((c) => ({ ...c, items: foldersOnly(c.items) })),
};
const index = buildTreeIndex(full);

describe("a request's folders, from the frame and the tree index", () => {
  it('finds the folders above a request, outermost first', () => {
    expect(requestFolders(frame, index, 'c1', 'deep').map((f) => f.id)).toEqual(['outer', 'inner']);
    expect(requestFolders(frame, index, 'c1', 'mid').map((f) => f.id)).toEqual(['outer']);
    expect(requestFolders(frame, index, 'c1', 'root')).toEqual([]);
    expect(requestFolders(frame, undefined, 'c1', 'deep')).toEqual([]);
    expect(requestFolders(frame, index, 'c1', 'missing')).toEqual([]);
  });

  it('knows the variables of every folder above the request and of its collection', () => {
    expect([...knownVariables(frame, index, null, 'c1', 'deep')].sort()).toEqual([
      'fromCollection',
      'fromInner',
      'fromOuter',
    ]);
    expect([...knownVariables(frame, index, null, 'c1', 'root')]).toEqual(['fromCollection']);
  });
});
