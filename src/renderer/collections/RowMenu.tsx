import { useEffect, useRef } from 'react';
import { useCollectionsStore } from './store';
import { useSidebarUi } from './ui-store';

/** Puts focus back on the menu's row (or whatever opened the menu, if the row has scrolled away). */
function returnFocus(key: string, opener: HTMLElement | null) {
  const row = document.querySelector<HTMLElement>(`[role="treeitem"][data-key="${CSS.escape(key)}"]`);
  (row ?? opener)?.focus();
}

/** Moves focus among the menu's items: ArrowUp/ArrowDown (wrapping), Home/End. */
function moveInMenu(menu: HTMLElement, key: string): boolean {
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    key === 'ArrowDown'
      ? (at + 1) % items.length
      : key === 'ArrowUp'
        ? (at - 1 + items.length) % items.length
        : key === 'Home'
          ? 0
          : key === 'End'
            ? items.length - 1
            : -1;
  if (next < 0) return false;
  items[next]?.focus();
  return true;
}

/**
 * The per-row action menu (opened from a row's actions (ellipsis) button, by right-clicking it, or with the
 * context-menu key on a focused row). Escape closes it and returns focus to the row.
 */
export function RowMenu() {
  const menu = useSidebarUi((s) => s.menu);
  const closeMenu = useSidebarUi((s) => s.closeMenu);
  const openDialog = useSidebarUi((s) => s.openDialog);
  const ref = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!menu) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector('button')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) closeMenu();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === 'Tab') {
        event.preventDefault();
        closeMenu();
        returnFocus(menu.node.key, opener.current);
      }
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [menu, closeMenu]);

  if (!menu) return null;
  const { node } = menu;
  const isContainer = node.kind !== 'request';
  // Focus goes back to the row before the action, so a dialog it opens returns focus there too.
  const run = (action: () => void) => {
    closeMenu();
    returnFocus(node.key, opener.current);
    action();
  };
  const store = useCollectionsStore.getState();

  return (
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      aria-label={`Actions for ${node.name}`}
      onKeyDown={(event) => {
        if (ref.current && moveInMenu(ref.current, event.key)) event.preventDefault();
      }}
      style={{ left: Math.min(menu.x, window.innerWidth - 190), top: Math.min(menu.y, window.innerHeight - 260) }}
    >
      {isContainer && (
        <>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => run(() => openDialog({ type: 'new-item', kind: 'request', node }))}
          >
            New request
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => run(() => openDialog({ type: 'new-item', kind: 'folder', node }))}
          >
            New folder
          </button>
        </>
      )}
      {isContainer && (
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => run(() => openDialog({ type: 'settings', node }))}
        >
          Settings…
        </button>
      )}
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => run(() => openDialog({ type: 'rename', node }))}
      >
        Rename
      </button>
      {node.kind !== 'collection' && (
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => run(() => void store.duplicateItem(node.collectionId, node.id))}
        >
          Duplicate
        </button>
      )}
      {node.kind === 'collection' && (
        <>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => run(() => void store.exportCollection(node.id, false))}
          >
            Export
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => run(() => void store.exportCollection(node.id, true))}
          >
            Export with secrets
          </button>
        </>
      )}
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        className="menu-danger"
        onClick={() => run(() => openDialog({ type: 'delete', node }))}
      >
        Delete
      </button>
    </div>
  );
}
