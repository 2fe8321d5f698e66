import { useEffect, useRef } from 'react';

export interface TabMenuAt {
  readonly tabId: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/**
 * A request tab's context menu (right-click, or Shift+F10 / the context-menu key on a tab):
 * Duplicate tab, Close others. Escape, Tab or a click elsewhere closes it; focus returns to the tab.
 */
export function TabMenu({
  at,
  onClose,
  onDuplicate,
  onCloseOthers,
}: {
  at: TabMenuAt;
  onClose: () => void;
  onDuplicate: () => void;
  onCloseOthers: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector('button')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === 'Tab') {
        event.preventDefault();
        onClose();
        opener?.focus();
      }
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  const run = (action: () => void) => () => {
    onClose();
    action();
  };
  return (
    <div
      ref={ref}
      className="tab-menu"
      role="menu"
      aria-label={`Actions for ${at.name}`}
      style={{ left: at.x, top: at.y }}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
        event.preventDefault();
        const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
        const at = items.indexOf(document.activeElement as HTMLElement);
        const step = event.key === 'ArrowDown' ? 1 : -1;
        items[(at + step + items.length) % items.length]?.focus();
      }}
    >
      <button type="button" role="menuitem" onClick={run(onDuplicate)}>
        Duplicate tab
      </button>
      <button type="button" role="menuitem" title="Tabs with unsaved changes stay open" onClick={run(onCloseOthers)}>
        Close others
      </button>
    </div>
  );
}
