/**
 * The sidebar tree as flat rows. The workspace is flattened once per load into a
 * pre-order list (with each node's parent and a lowercase search text), so that
 * expanding, collapsing and filtering are single linear passes with no recursion.
 */
import type { HttpMethod } from '../../shared/model';
import type { WorkspaceOutline } from '../../shared/outline';

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

export interface TreeIndex {
  readonly nodes: readonly TreeNode[];
  readonly requestCount: number;
}

/** Flattens a workspace into pre-order nodes (iteratively: depth is not trusted). */
export function buildTreeIndex(workspace: WorkspaceOutline): TreeIndex {
  const nodes: Array<Omit<TreeNode, 'end'> & { end: number }> = [];
  let requestCount = 0;
  for (const collection of workspace.collections) {
    const rootIndex = nodes.length;
    nodes.push({
      key: collection.id,
      kind: 'collection',
      collectionId: collection.id,
      id: collection.id,
      name: collection.name,
      depth: 0,
      parent: -1,
      containerId: null,
      end: 0,
    });
    // Stack of [items, next child position, parent index, depth]; children are visited in order.
    const stack: Array<{
      items: WorkspaceOutline['collections'][number]['items'];
      at: number;
      parent: number;
      depth: number;
    }> = [{ items: collection.items, at: 0, parent: rootIndex, depth: 1 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.at >= top.items.length) {
        stack.pop();
        nodes[top.parent]!.end = nodes.length;
        continue;
      }
      const item = top.items[top.at]!;
      top.at += 1;
      const index = nodes.length;
      const key = `${collection.id}/${item.id}`;
      if (item.type === 'folder') {
        nodes.push({
          key,
          kind: 'folder',
          collectionId: collection.id,
          id: item.id,
          name: item.name,
          depth: top.depth,
          parent: top.parent,
          containerId: item.id,
          end: 0,
        });
        stack.push({ items: item.items, at: 0, parent: index, depth: top.depth + 1 });
      } else {
        requestCount += 1;
        nodes.push({
          key,
          kind: 'request',
          collectionId: collection.id,
          id: item.id,
          name: item.name,
          depth: top.depth,
          parent: top.parent,
          containerId: nodes[top.parent]!.containerId,
          method: item.method,
          url: item.url,
          search: `${item.name} ${item.url}`.toLowerCase(),
          end: index + 1,
        });
      }
    }
  }
  return { nodes, requestCount };
}

/**
 * The rows to show, as indexes into `index.nodes`. Without a query: every node whose
 * ancestors are all expanded. With a query: requests whose name or URL contains it
 * (case-insensitive) and their ancestors, regardless of expansion.
 */
export function visibleRows(index: TreeIndex, expanded: ReadonlySet<string>, query: string): number[] {
  const { nodes } = index;
  const rows: number[] = [];
  const needle = query.trim().toLowerCase();
  if (needle === '') {
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i]!;
      rows.push(i);
      i = node.kind !== 'request' && !expanded.has(node.key) ? node.end : i + 1;
    }
    return rows;
  }
  const shown = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i += 1) {
    const node = nodes[i]!;
    if (node.search === undefined || !node.search.includes(needle)) continue;
    shown[i] = 1;
    for (let p = node.parent; p >= 0 && shown[p] === 0; p = nodes[p]!.parent) shown[p] = 1;
  }
  for (let i = 0; i < nodes.length; i += 1) if (shown[i] === 1) rows.push(i);
  return rows;
}

/** The folders above an item, outermost first, as node indexes. */
export function ancestorsOf(index: TreeIndex, nodeIndex: number): number[] {
  const chain: number[] = [];
  for (let p = index.nodes[nodeIndex]?.parent ?? -1; p >= 0; p = index.nodes[p]!.parent) chain.unshift(p);
  return chain;
}
