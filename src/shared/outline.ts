/**
 * The workspace as the sidebar needs it: the whole folder structure (folders keep their
 * variables and auth, which the unresolved-variable check and inheritance need), but
 * requests reduced to id, name, method and URL. A request's full spec (headers, body,
 * auth) is fetched when it is opened, so a 10,000-request workspace loads as a fraction
 * of its size and parses without freezing the renderer.
 */
import type { Collection, Environment, FolderItem, Item, Workspace } from './collection';
import type { HttpMethod } from './model';

/** A request as the tree shows and searches it. */
export interface RequestOutline {
  readonly type: 'request';
  readonly id: string;
  readonly name: string;
  readonly method: HttpMethod;
  readonly url: string;
}

/** A folder with everything but its requests' specs. */
export interface FolderOutline extends Omit<FolderItem, 'items'> {
  readonly items: readonly OutlineItem[];
}

export type OutlineItem = FolderOutline | RequestOutline;

export interface CollectionOutline extends Omit<Collection, 'items'> {
  readonly items: readonly OutlineItem[];
}

/** What `loadWorkspace` returns: collections as outlines, environments in full. */
export interface WorkspaceOutline {
  readonly collections: readonly CollectionOutline[];
  readonly environments: readonly Environment[];
  readonly activeEnvironmentId: string | null;
}

/** Outlines a tree. Recursive: stored trees are validated to at most COLLECTION_LIMITS.depth levels. */
export function outlineItems(items: readonly Item[]): OutlineItem[] {
  return items.map((item): OutlineItem => {
    if (item.type === 'folder') return { ...item, items: outlineItems(item.items) };
    const { id, name, method, url } = item.request;
    return { type: 'request', id: item.id || id, name, method, url };
  });
}

/** The outline of a whole workspace. */
export function outlineWorkspace(workspace: Workspace): WorkspaceOutline {
  return {
    collections: workspace.collections.map((collection) => ({ ...collection, items: outlineItems(collection.items) })),
    environments: workspace.environments,
    activeEnvironmentId: workspace.activeEnvironmentId,
  };
}

/** The folders above an outline item, outermost first; undefined when the id is not in the tree. */
export function outlineFoldersOf(items: readonly OutlineItem[], id: string): readonly FolderOutline[] | undefined {
  const stack: Array<{ items: readonly OutlineItem[]; folders: readonly FolderOutline[] }> = [{ items, folders: [] }];
  while (stack.length > 0) {
    const { items: level, folders } = stack.pop()!;
    for (const item of level) {
      if (item.id === id) return folders;
      if (item.type === 'folder') stack.push({ items: item.items, folders: [...folders, item] });
    }
  }
  return undefined;
}

/**
 * One collection, folder or request as a row of the sidebar's pre-order list. The
 * outline is sent in pages of these rows, so that a 100,000-request workspace is
 * never one payload and the renderer never parses or flattens it in one task.
 */
export interface OutlineRow {
  readonly kind: 'collection' | 'folder' | 'request';
  readonly id: string;
  readonly name: string;
  /** 0 for a collection, 1 for its top-level items, and so on. */
  readonly depth: number;
  /** Position of the parent row (a collection or folder); -1 for a collection. */
  readonly parent: number;
  /** How many rows this node's subtree holds after it: its rows are positions p+1 .. p+size. */
  readonly size: number;
  /** Requests only. */
  readonly method?: HttpMethod;
  readonly url?: string;
}

/** A collection or folder row with its position in the pre-order list. */
export interface ContainerRow extends OutlineRow {
  readonly kind: 'collection' | 'folder';
  readonly position: number;
}

/** Largest page of rows `loadOutlinePage` returns. */
export const OUTLINE_PAGE_LIMIT = 10_000;

/**
 * What the sidebar loads first: the workspace without any request (folders keep their
 * variables and auth), every collection and folder row with its position, and how many
 * rows the whole outline holds. That is enough to draw the tree as it opens (folders
 * collapsed); the requests follow in pages of the same `revision`.
 */
export interface OutlineFrame {
  /** Changes whenever the workspace does: pages of another revision are refused as stale. */
  readonly revision: string;
  readonly rowCount: number;
  readonly containers: readonly ContainerRow[];
  /** Collections with folders only, environments in full. */
  readonly workspace: WorkspaceOutline;
  readonly warnings: readonly string[];
}

/** A page of rows from `start`, or `stale` when the workspace changed since the frame (load it again). */
export type OutlinePage =
  | { readonly status: 'page'; readonly revision: string; readonly start: number; readonly rows: readonly OutlineRow[] }
  | { readonly status: 'stale'; readonly revision: string };

type AnyItem = Item | OutlineItem;
type AnyCollection = { readonly id: string; readonly name: string; readonly items: readonly AnyItem[] };

/** The rows of a workspace in pre-order, and its collection and folder rows with their positions. */
export function outlineRows(collections: readonly AnyCollection[]): { rows: OutlineRow[]; containers: ContainerRow[] } {
  const rows: Array<{ -readonly [K in keyof OutlineRow]: OutlineRow[K] }> = [];
  const containerPositions: number[] = [];
  for (const collection of collections) {
    const root = rows.length;
    containerPositions.push(root);
    rows.push({ kind: 'collection', id: collection.id, name: collection.name, depth: 0, parent: -1, size: 0 });
    // Iterative: depth is validated when stored, but a stack of our own costs nothing.
    const stack: Array<{ items: readonly AnyItem[]; at: number; parent: number; depth: number }> = [
      { items: collection.items, at: 0, parent: root, depth: 1 },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.at >= top.items.length) {
        stack.pop();
        rows[top.parent]!.size = rows.length - top.parent - 1;
        continue;
      }
      const item = top.items[top.at]!;
      top.at += 1;
      const position = rows.length;
      if (item.type === 'folder') {
        containerPositions.push(position);
        rows.push({ kind: 'folder', id: item.id, name: item.name, depth: top.depth, parent: top.parent, size: 0 });
        stack.push({ items: item.items, at: 0, parent: position, depth: top.depth + 1 });
      } else {
        const spec = 'request' in item ? item.request : item;
        rows.push({
          kind: 'request',
          id: item.id || spec.id,
          name: spec.name,
          depth: top.depth,
          parent: top.parent,
          size: 0,
          method: spec.method,
          url: spec.url,
        });
      }
    }
  }
  const containers = containerPositions.map((position) => ({ ...rows[position]!, position }) as ContainerRow);
  return { rows, containers };
}

/** A tree with its requests left out (folders keep their variables and auth): the frame's collections. */
export function foldersOnly(items: readonly AnyItem[]): FolderOutline[] {
  const folders: FolderOutline[] = [];
  for (const item of items) if (item.type === 'folder') folders.push({ ...item, items: foldersOnly(item.items) });
  return folders;
}
