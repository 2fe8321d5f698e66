import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';
import { useLayoutStore, type PanelId } from './layout-store';

/** The header button that folds a side panel away and brings it back. */
export function PanelToggle({ id, side, label }: { id: PanelId; side: 'left' | 'right'; label: string }) {
  const collapsed = useLayoutStore((s) => s.panels[id].collapsed);
  const toggle = useLayoutStore((s) => s.toggle);
  const Icon =
    side === 'left' ? (collapsed ? PanelLeftOpen : PanelLeftClose) : collapsed ? PanelRightOpen : PanelRightClose;
  const name = `${collapsed ? 'Show' : 'Hide'} ${label}`;
  return (
    <button
      type="button"
      className="icon panel-toggle"
      aria-label={name}
      title={name}
      aria-expanded={!collapsed}
      onClick={() => toggle(id)}
    >
      <Icon size={16} aria-hidden />
    </button>
  );
}
