import type { KeyboardEvent } from 'react';

/** The id of one tab in a tab list whose ids start with `base`. */
export const tabId = (base: string, key: string): string => `${base}-tab-${key}`;

/** The id of the panel that a tab list's tabs control (one panel, showing the selected tab). */
export const tabPanelId = (base: string): string => `${base}-panel`;

/**
 * Keyboard for a tab list, with selection following focus: ArrowLeft/ArrowRight move to the
 * previous/next tab (wrapping), Home/End to the first/last. Put it on the element with role=tablist.
 */
export function onTabListKeyDown<K extends string>(
  event: KeyboardEvent<HTMLElement>,
  base: string,
  keys: readonly K[],
  selected: K,
  onSelect: (key: K) => void,
): void {
  if (keys.length === 0) return;
  const index = Math.max(0, keys.indexOf(selected));
  let next: number;
  switch (event.key) {
    case 'ArrowRight':
      next = (index + 1) % keys.length;
      break;
    case 'ArrowLeft':
      next = (index - 1 + keys.length) % keys.length;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = keys.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  const key = keys[next]!;
  onSelect(key);
  // Every tab is rendered whether selected or not, so the element is already there to focus.
  event.currentTarget.ownerDocument.getElementById(tabId(base, key))?.focus();
}
