import { useRef } from 'react';
import { clampWidth, DEFAULT_PANELS, useLayoutStore, WORKBENCH_MIN, type PanelId } from './layout-store';
import './layout.css';

/** Arrow keys move the splitter by this much (Shift: five times as far). */
const KEY_STEP = 16;

/**
 * A side column of the window (the collections sidebar, the credentials panel) with a splitter on
 * its inner edge: drag it or use the arrow keys to resize, double-click to go back to the default.
 * Folded away (see PanelToggle), the content stays mounted but hidden, so nothing typed is lost.
 */
export function SidePanel({
  id,
  side,
  label,
  children,
}: {
  id: PanelId;
  side: 'left' | 'right';
  label: string;
  children: React.ReactNode;
}) {
  const { width, collapsed } = useLayoutStore((s) => s.panels[id]);
  const setWidth = useLayoutStore((s) => s.setWidth);
  const resize = useLayoutStore((s) => s.resize);
  const panelRef = useRef<HTMLDivElement>(null);
  // Dragging to the right widens a left panel and narrows a right one.
  const direction = side === 'left' ? 1 : -1;

  const startDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    // From the width on screen: the panel may be shrunk below its stored width in a narrow window.
    const startWidth = panelRef.current?.getBoundingClientRect().width ?? width;
    const room = (panelRef.current?.parentElement?.clientWidth ?? window.innerWidth) - WORKBENCH_MIN;
    const move = (e: PointerEvent) => resize(id, startWidth + direction * (e.clientX - startX), room);
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const shown = panelRef.current?.getBoundingClientRect().width ?? width;
    const room = (panelRef.current?.parentElement?.clientWidth ?? window.innerWidth) - WORKBENCH_MIN;
    if (event.key === 'ArrowLeft') resize(id, shown - direction * step, room);
    else if (event.key === 'ArrowRight') resize(id, shown + direction * step, room);
    else return;
    event.preventDefault();
  };

  const splitter = (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label}`}
      aria-valuenow={width}
      aria-valuemin={clampWidth(0)}
      aria-valuemax={clampWidth(Infinity)}
      tabIndex={0}
      className="splitter"
      data-testid={`splitter-${id}`}
      onPointerDown={startDrag}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setWidth(id, DEFAULT_PANELS[id].width)}
    />
  );

  return (
    <div
      ref={panelRef}
      className={`side-panel side-panel-${side}`}
      data-testid={`panel-${id}`}
      hidden={collapsed}
      style={{ flexBasis: `${width}px` }}
    >
      {side === 'right' && splitter}
      <div className="side-panel-content">{children}</div>
      {side === 'left' && splitter}
    </div>
  );
}
