/** The requests a run makes, in the order the collection lists them. */
import { findItem, type Collection, type FolderItem, type Item, type RequestItem } from '../../shared/collection';
import { notFound } from '../core/failure';

export interface PlannedRequest {
  readonly item: RequestItem;
  readonly folders: readonly FolderItem[];
}

/** Finds a folder by id, or by name (a `/`-separated path of names also works). */
export function findFolder(items: readonly Item[], idOrName: string): FolderItem | undefined {
  const byPath = idOrName.split('/').map((part) => part.trim());
  const stack: Array<{ items: readonly Item[]; path: string[] }> = [{ items, path: [] }];
  while (stack.length > 0) {
    const { items: level, path } = stack.pop()!;
    for (const item of level) {
      if (item.type !== 'folder') continue;
      const here = [...path, item.name];
      if (item.id === idOrName || item.name === idOrName || here.join('/') === byPath.join('/')) return item;
      stack.push({ items: item.items, path: here });
    }
  }
  return undefined;
}

/**
 * Every request under `folderId` (the whole collection when absent), depth first in the
 * collection's order, with the folders above each (for variables and inherited auth).
 */
export function planRun(collection: Collection, folderId?: string): PlannedRequest[] {
  let root: readonly Item[] = collection.items;
  let rootFolders: FolderItem[] = [];
  if (folderId !== undefined) {
    const path = pathTo(collection.items, folderId);
    if (!path) throw notFound(`folder ${folderId.slice(0, 64)}`);
    rootFolders = path;
    root = path[path.length - 1]!.items;
  }
  const out: PlannedRequest[] = [];
  // Iterative, in order: depth is untrusted.
  const stack: Array<{ items: readonly Item[]; index: number; folders: FolderItem[] }> = [
    { items: root, index: 0, folders: rootFolders },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const item = top.items[top.index];
    if (!item) {
      stack.pop();
      continue;
    }
    top.index += 1;
    if (item.type === 'request') out.push({ item, folders: top.folders });
    else stack.push({ items: item.items, index: 0, folders: [...top.folders, item] });
  }
  return out;
}

/** The folders from the root down to the folder with this id. */
function pathTo(items: readonly Item[], folderId: string): FolderItem[] | undefined {
  const found = findItem(items, folderId);
  return found?.item.type === 'folder' ? [...found.folders, found.item] : undefined;
}
