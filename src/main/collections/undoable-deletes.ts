/**
 * Deletes that can be undone: before a request, folder, collection or environment goes,
 * what is needed to put it back where it was is kept in the trash.
 */
import type { Deleted } from '../../shared/api/collections';
import { findItem, type Item } from '../../shared/collection';
import { AppFailure } from '../core/failure';
import type { Trash } from '../core/trash';
import type { WorkspaceService } from './service';
import { insertItem, replaceItem } from './tree';

/** `item` first in folder `parentId` (the root when null); undefined when the folder is missing. */
function insertFirst(items: readonly Item[], parentId: string | null, item: Item): Item[] | undefined {
  if (parentId === null) return [item, ...items];
  return replaceItem(items, parentId, (parent) =>
    parent.type === 'folder' ? { ...parent, items: [item, ...parent.items] } : parent,
  );
}

function itemName(item: Item): string {
  return item.type === 'folder' ? item.name : item.request.name;
}

/** Deletes a request or folder; its undo puts it back in its folder, after the sibling it followed. */
export async function deleteItemUndoably(
  workspace: WorkspaceService,
  trash: Trash,
  collectionId: string,
  itemId: string,
): Promise<Deleted> {
  const { workspace: before } = await workspace.load();
  const found = findItem(before.collections.find((c) => c.id === collectionId)?.items ?? [], itemId);
  const deleted = await workspace.deleteItem(collectionId, itemId);
  if (!deleted || !found) return { deleted };
  const parentId = found.folders.at(-1)?.id ?? null;
  const siblings = found.folders.at(-1)?.items ?? before.collections.find((c) => c.id === collectionId)!.items;
  const afterId = siblings[siblings.findIndex((s) => s.id === itemId) - 1]?.id;
  const undoId = trash.put(found.item.type, itemName(found.item), async () => {
    const { workspace: now } = await workspace.load();
    const collection = now.collections.find((c) => c.id === collectionId);
    if (!collection) throw new AppFailure('not_found', 'Its collection is gone; undo deleting the collection first.');
    if (findItem(collection.items, itemId)) return;
    // Its folder may have gone meanwhile: then it comes back at the collection's root.
    const items =
      (afterId === undefined
        ? insertFirst(collection.items, parentId, found.item)
        : insertItem(collection.items, parentId, found.item, afterId)) ??
      insertItem(collection.items, null, found.item);
    await workspace.saveCollection({ ...collection, items: items! });
  });
  return { deleted, undoId };
}

/** Deletes a collection; its undo writes it back whole. */
export async function deleteCollectionUndoably(
  workspace: WorkspaceService,
  trash: Trash,
  collectionId: string,
): Promise<Deleted> {
  const { workspace: before } = await workspace.load();
  const collection = before.collections.find((c) => c.id === collectionId);
  const deleted = await workspace.deleteCollection(collectionId);
  if (!deleted || !collection) return { deleted };
  const undoId = trash.put('collection', collection.name, () => workspace.saveCollection(collection));
  return { deleted, undoId };
}

/** Deletes an environment; its undo brings it back, active again if it was. */
export async function deleteEnvironmentUndoably(
  workspace: WorkspaceService,
  trash: Trash,
  environmentId: string,
): Promise<Deleted> {
  const { workspace: before } = await workspace.load();
  const environment = before.environments.find((e) => e.id === environmentId);
  const wasActive = before.activeEnvironmentId === environmentId;
  const deleted = await workspace.deleteEnvironment(environmentId);
  if (!deleted || !environment) return { deleted };
  const undoId = trash.put('environment', environment.name, async () => {
    await workspace.saveEnvironment(environment);
    if (wasActive) await workspace.setActiveEnvironment(environmentId);
  });
  return { deleted, undoId };
}
