import { describe, expect, it } from 'vitest';
import { CollectionSchema } from '../../shared/collection';
import { outlineWorkspace } from '../../shared/outline';
import { buildTreeIndex, matchRequests, rowsOfMatches, visibleRows } from './tree-rows';

const request = (id: string, name: string, url: string) => ({
  type: 'request' as const,
  id,
  request: { id, name, method: 'GET' as const, url },
});

const workspace = outlineWorkspace({
  collections: [
    CollectionSchema.parse({
      id: 'c1',
      name: 'Pets',
      items: [
        request('r1', 'List pets', 'https://api/pets'),
        {
          type: 'folder',
          id: 'f1',
          name: 'Admin',
          items: [
            request('r2', 'Flush', 'https://api/admin/cache'),
            { type: 'folder', id: 'f2', name: 'Deep', items: [request('r3', 'Report', 'https://api/REPORTS')] },
          ],
        },
      ],
    }),
    CollectionSchema.parse({ id: 'c2', name: 'Empty', items: [] }),
  ],
  environments: [],
  activeEnvironmentId: null,
});

const names = (rows: number[], index = buildTreeIndex(workspace)) => rows.map((i) => index.nodes[i]!.name);

describe('sidebar tree rows', () => {
  const index = buildTreeIndex(workspace);

  it('flattens in pre-order with depths, parents and subtree ends', () => {
    expect(index.nodes.map((n) => `${n!.depth}:${n!.name}`)).toEqual([
      '0:Pets',
      '1:List pets',
      '1:Admin',
      '2:Flush',
      '2:Deep',
      '3:Report',
      '0:Empty',
    ]);
    expect(index.requestCount).toBe(3);
    const deep = index.nodes[4]!;
    expect(deep.end).toBe(6);
    expect(index.nodes[5]!.containerId).toBe('f2');
    expect(index.nodes[1]!.containerId).toBeNull();
  });

  it('hides the children of collapsed nodes', () => {
    expect(names(visibleRows(index, new Set(), ''))).toEqual(['Pets', 'Empty']);
    expect(names(visibleRows(index, new Set(['c1']), ''))).toEqual(['Pets', 'List pets', 'Admin', 'Empty']);
    expect(names(visibleRows(index, new Set(['c1', 'c1/f1', 'c1/f2']), ''))).toEqual([
      'Pets',
      'List pets',
      'Admin',
      'Flush',
      'Deep',
      'Report',
      'Empty',
    ]);
  });

  it('filters requests by name or URL, case-insensitively, with their ancestors and ignoring expansion', () => {
    expect(names(visibleRows(index, new Set(), 'reports'))).toEqual(['Pets', 'Admin', 'Deep', 'Report']);
    expect(names(visibleRows(index, new Set(), '  FLUSH '))).toEqual(['Pets', 'Admin', 'Flush']);
    expect(names(visibleRows(index, new Set(), 'api/'))).toEqual([
      'Pets',
      'List pets',
      'Admin',
      'Flush',
      'Deep',
      'Report',
    ]);
    // Folder names alone do not match: the filter finds requests.
    expect(visibleRows(index, new Set(), 'admin/x')).toEqual([]);
  });

  it('narrows a filter typed on from the last one by testing only its matches', () => {
    const ad = matchRequests(index, 'ad');
    expect(names([...ad.matches])).toEqual(['Flush']);
    // Narrowing the same tree: only the previous matches are tested, so a request dropped from them stays out.
    const fromAll = matchRequests(index, 'api/', undefined);
    expect(names([...fromAll.matches])).toEqual(['List pets', 'Flush', 'Report']);
    const trimmed = { ...fromAll, matches: fromAll.matches.filter((i) => index.nodes[i]!.name !== 'Report') };
    expect(names([...matchRequests(index, 'api/r', trimmed).matches])).toEqual([]);
    expect(names([...matchRequests(index, 'api/r', fromAll).matches])).toEqual(['Report']);
    // Not an extension of the last filter, or another tree: every node is tested again.
    expect(names([...matchRequests(index, 'pets', trimmed).matches])).toEqual(['List pets']);
    expect(names([...matchRequests(index, 'api/r', { ...trimmed, loaded: trimmed.loaded - 1 }).matches])).toEqual([
      'Report',
    ]);
    expect(names(rowsOfMatches(index, matchRequests(index, 'api/r', fromAll).matches))).toEqual([
      'Pets',
      'Admin',
      'Deep',
      'Report',
    ]);
  });
});
