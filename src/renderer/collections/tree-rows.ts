/**
 * The sidebar tree as flat rows. The outline arrives as pre-order rows (first every
 * collection and folder, then the requests in pages), each with its parent's position
 * and its subtree's size, so that expanding, collapsing and filtering are single linear
 * passes with no recursion, and a page is placed without touching the rows before it.
 */
import type { HttpMethod } from '../../shared/model';
import { outlineRows, type ContainerRow, type OutlineRow, type WorkspaceOutline } from '../../shared/outline';

export type TreeNodeKind = 'collection' | 'folder' | 'request';

/** One collection, folder or request in pre-order. */
export interface TreeNode {
  /** Unique across the workspace: the collection id, or `<collectionId>/<itemId>`. */
  readonly key: string;
  readonly kind: TreeNodeKind;
  readonly collectionId: string;
  /** The item id; the collection id for a collection. */
  readonly id: string;
  readonly name: string;
  readonly depth: number;
  /** Index of the parent node in `TreeIndex.nodes`; -1 for a collection. */
  readonly parent: number;
  /** The folder id new items go into (null: the collection root). */
  readonly containerId: string | null;
  /** Requests only (the full spec is fetched when the request is opened). */
  readonly method?: HttpMethod;
  readonly url?: string;
  /** Lowercase `name url`, requests only: computed once so that filtering is a substring test. */
  readonly search?: string;
  /** Index just past this node's subtree, for skipping collapsed folders. */
  readonly end: number;
}

/**
 * The flattened tree. While pages are still arriving, `nodes` has holes (undefined) where
 * requests not yet loaded go; collections and folders are always present.
 */
export interface TreeIndex {
  readonly nodes: ReadonlyArray<TreeNode | undefined>;
  readonly requestCount: number;
  /** Rows placed so far; equal to `nodes.length` once the whole outline is in. */
  readonly loaded: number;
  /** Node index by key, for finding a request's folders. */
  readonly byKey: ReadonlyMap<string, number>;
}

/** Whether every row of the outline has arrived. */
export function isComplete(index: TreeIndex): boolean {
  return index.loaded === index.nodes.length;
}

function nodeOf(row: OutlineRow, position: number, nodes: ReadonlyArray<TreeNode | undefined>): TreeNode {
  const parent = row.kind === 'collection' ? undefined : nodes[row.parent];
  if (row.kind !== 'collection' && (!parent || parent.kind === 'request' || row.parent >= position))
    throw new Error(`outline row ${position} names no collection or folder as its parent`);
  const collectionId = parent?.collectionId ?? row.id;
  const request = row.kind === 'request';
  // One object shape for every kind, so that the filter's pass over 100,000 nodes stays monomorphic.
  return {
    key: parent ? `${collectionId}/${row.id}` : row.id,
    kind: row.kind,
    collectionId,
    id: row.id,
    name: row.name,
    depth: parent ? row.depth : 0,
    parent: parent ? row.parent : -1,
    containerId: row.kind === 'folder' ? row.id : (parent?.containerId ?? null),
    method: request ? row.method : undefined,
    url: request ? row.url : undefined,
    search: request ? `${row.name} ${row.url ?? ''}`.toLowerCase() : undefined,
    end: position + 1 + (request ? 0 : row.size),
  };
}

/** The index as the frame gives it: every collection and folder in place, requests still to come. */
export function frameIndex(rowCount: number, containers: readonly ContainerRow[]): TreeIndex {
  const nodes = new Array<TreeNode | undefined>(rowCount);
  const byKey = new Map<string, number>();
  // Containers come in pre-order, so a folder's parent is always placed before it.
  for (const row of containers) {
    if (row.position >= rowCount) throw new Error(`outline row ${row.position} is past its ${rowCount} rows`);
    const node = nodeOf(row, row.position, nodes);
    nodes[row.position] = node;
    byKey.set(node.key, row.position);
  }
  return { nodes, requestCount: 0, loaded: containers.length, byKey };
}

/**
 * Places a page of rows from `start`. The arrays are filled in place (a page only fills
 * holes, never changes a placed node) and a new index object is returned, so that what
 * was rendered from the previous one stays true.
 */
export function addPage(index: TreeIndex, start: number, rows: readonly OutlineRow[]): TreeIndex {
  const nodes = index.nodes as Array<TreeNode | undefined>;
  const byKey = index.byKey as Map<string, number>;
  if (start + rows.length > nodes.length)
    throw new Error(`outline page ${start}+${rows.length} is past its ${nodes.length} rows`);
  let { requestCount, loaded } = index;
  for (let i = 0; i < rows.length; i += 1) {
    const position = start + i;
    if (nodes[position] !== undefined) continue;
    const node = nodeOf(rows[i]!, position, nodes);
    nodes[position] = node;
    byKey.set(node.key, position);
    loaded += 1;
    if (node.kind === 'request') requestCount += 1;
  }
  return { nodes, requestCount, loaded, byKey };
}

/** Flattens a whole outline at once (small workspaces, tests). */
export function buildTreeIndex(workspace: WorkspaceOutline): TreeIndex {
  const { rows, containers } = outlineRows(workspace.collections);
  return addPage(frameIndex(rows.length, containers), 0, rows);
}

/**
 * The requests whose name or URL contains a lowercase needle, as ascending node indexes.
 * Typing narrows a filter key by key: when the needle extends the previous one on the same
 * tree, only the previous matches are tested again, not every node.
 */
export interface FilterMatches {
  readonly nodes: TreeIndex['nodes'];
  readonly loaded: number;
  readonly needle: string;
  readonly matches: readonly number[];
}

export function matchRequests(index: TreeIndex, needle: string, previous?: FilterMatches): FilterMatches {
  const { nodes } = index;
  const matches: number[] = [];
  const narrowing =
    previous !== undefined &&
    previous.nodes === nodes &&
    previous.loaded === index.loaded &&
    needle.includes(previous.needle);
  if (narrowing) {
    for (const i of previous.matches) if (nodes[i]!.search!.includes(needle)) matches.push(i);
  } else {
    for (let i = 0; i < nodes.length; i += 1) {
      const search = nodes[i]?.search;
      if (search !== undefined && search.includes(needle)) matches.push(i);
    }
  }
  return { nodes, loaded: index.loaded, needle, matches };
}

/** A filter that remembers its last matches (a cache, safe to lose), so that typing on narrows them. */
export function createRequestFilter(): (index: TreeIndex, needle: string) => FilterMatches {
  let last: FilterMatches | undefined;
  return (index, needle) => (last = matchRequests(index, needle, last));
}

/** The rows a filter shows: its matching requests and every folder and collection above them, in order. */
export function rowsOfMatches(index: TreeIndex, matches: readonly number[]): number[] {
  const { nodes } = index;
  const shown = new Uint8Array(nodes.length);
  for (const i of matches) {
    shown[i] = 1;
    for (let p = nodes[i]!.parent; p >= 0 && shown[p] === 0; p = nodes[p]!.parent) shown[p] = 1;
  }
  const rows: number[] = [];
  for (let i = 0; i < nodes.length; i += 1) if (shown[i] === 1) rows.push(i);
  return rows;
}

/**
 * The rows to show, as indexes into `index.nodes`. Without a query: every node whose
 * ancestors are all expanded. With a query: requests whose name or URL contains it
 * (case-insensitive) and their ancestors, regardless of expansion.
 */
export function visibleRows(index: TreeIndex, expanded: ReadonlySet<string>, query: string): number[] {
  const { nodes } = index;
  const needle = query.trim().toLowerCase();
  if (needle !== '') return rowsOfMatches(index, matchRequests(index, needle).matches);
  const rows: number[] = [];
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i];
    rows.push(i);
    // A hole is a request still loading: shown as a placeholder row.
    i = node && node.kind !== 'request' && !expanded.has(node.key) ? node.end : i + 1;
  }
  return rows;
}
