import { useEffect, useRef } from 'react';
import { useCollectionsStore } from './store';
import { useSidebarUi } from './ui-store';

/** The per-row action menu (opened from a row's ⋯ button or by right-clicking it). */
export function RowMenu() {
  const menu = useSidebarUi((s) => s.menu);
  const closeMenu = useSidebarUi((s) => s.closeMenu);
  const openDialog = useSidebarUi((s) => s.openDialog);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) closeMenu();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeMenu();
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
  const run = (action: () => void) => () => {
    closeMenu();
    action();
  };
  const store = useCollectionsStore.getState();

  return (
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      aria-label={`Actions for ${node.name}`}
      style={{ left: Math.min(menu.x, window.innerWidth - 190), top: Math.min(menu.y, window.innerHeight - 230) }}
    >
      {isContainer && (
        <>
          <button type="button" role="menuitem" onClick={() => openDialog({ type: 'new-item', kind: 'request', node })}>
            New request
          </button>
          <button type="button" role="menuitem" onClick={() => openDialog({ type: 'new-item', kind: 'folder', node })}>
            New folder
          </button>
        </>
      )}
      <button type="button" role="menuitem" onClick={() => openDialog({ type: 'rename', node })}>
        Rename
      </button>
      {node.kind !== 'collection' && (
        <button type="button" role="menuitem" onClick={run(() => void store.duplicateItem(node.collectionId, node.id))}>
          Duplicate
        </button>
      )}
      {node.kind === 'collection' && (
        <>
          <button type="button" role="menuitem" onClick={run(() => void store.exportCollection(node.id, false))}>
            Export
          </button>
          <button type="button" role="menuitem" onClick={run(() => void store.exportCollection(node.id, true))}>
            Export with secrets
          </button>
        </>
      )}
      <button
        type="button"
        role="menuitem"
        className="menu-danger"
        onClick={() => openDialog({ type: 'delete', node })}
      >
        Delete
      </button>
    </div>
  );
}
