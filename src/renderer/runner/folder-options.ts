import type { OutlineItem } from '../../shared/outline';

/** Every folder of a collection as `A / B` paths, in tree order, for the folder picker. */
export function folderOptions(items: readonly OutlineItem[]): Array<{ id: string; path: string }> {
  const out: Array<{ id: string; path: string }> = [];
  const stack: Array<{ items: readonly OutlineItem[]; index: number; path: string }> = [{ items, index: 0, path: '' }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const item = top.items[top.index];
    if (!item) {
      stack.pop();
      continue;
    }
    top.index += 1;
    if (item.type !== 'folder') continue;
    const path = top.path ? `${top.path} / ${item.name}` : item.name;
    out.push({ id: item.id, path });
    stack.push({ items: item.items, index: 0, path });
  }
  return out;
}
