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
