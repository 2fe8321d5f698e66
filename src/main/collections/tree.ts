/**
 * Edits of a collection tree. Each returns a new tree that shares every untouched
 * branch with the old one, so saving one request in a 10,000-request collection copies
 * only the arrays on its path, and a failed save can simply keep the old tree.
 */
import { randomUUID } from 'node:crypto';
import { COLLECTION_LIMITS, measureTree, type Item } from '../../shared/collection';

/** Replaces (or with `null`, removes) the item with `id`; undefined when there is none. */
export function replaceItem(
  items: readonly Item[],
  id: string,
  change: (item: Item) => Item | null,
): Item[] | undefined {
  for (const [index, item] of items.entries()) {
    if (item.id === id) {
      const next = change(item);
      const copy = [...items];
      if (next) copy[index] = next;
      else copy.splice(index, 1);
      return copy;
    }
    if (item.type === 'folder') {
      const children = replaceItem(item.items, id, change);
      if (children) {
        const copy = [...items];
        copy[index] = { ...item, items: children };
        return copy;
      }
    }
  }
  return undefined;
}

/** Inserts `item` into folder `parentId` (the root when null), after `afterId` when given; undefined when the folder is missing. */
export function insertItem(
  items: readonly Item[],
  parentId: string | null,
  item: Item,
  afterId?: string,
): Item[] | undefined {
  const insertInto = (level: readonly Item[]): Item[] => {
    const copy = [...level];
    const at = afterId === undefined ? -1 : copy.findIndex((sibling) => sibling.id === afterId);
    if (at >= 0) copy.splice(at + 1, 0, item);
    else copy.push(item);
    return copy;
  };
  if (parentId === null) return insertInto(items);
  return replaceItem(items, parentId, (parent) =>
    parent.type === 'folder' ? { ...parent, items: insertInto(parent.items) } : parent,
  );
}

/** A deep copy with fresh ids throughout, as Postman's Duplicate makes. */
export function copyWithNewIds(item: Item): Item {
  const id = randomUUID();
  if (item.type === 'request') return { ...item, id, request: { ...item.request, id } };
  return { ...item, id, items: item.items.map(copyWithNewIds) };
}

/** Throws when an edit would push the tree past the collection limits. */
export function assertWithinLimits(items: readonly Item[]): void {
  const { items: count, depth } = measureTree(items);
  if (depth > COLLECTION_LIMITS.depth)
    throw new RangeError(`folders would nest deeper than ${COLLECTION_LIMITS.depth} levels`);
  if (count > COLLECTION_LIMITS.items)
    throw new RangeError(`a collection holds at most ${COLLECTION_LIMITS.items} items`);
}
