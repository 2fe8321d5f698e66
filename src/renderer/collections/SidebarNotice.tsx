import { X } from 'lucide-react';
import { useCollectionsStore } from './store';

/** The last action's message (an export's path and notes, a failed edit). */
export function SidebarNotice() {
  const notice = useCollectionsStore((s) => s.notice);
  const setNotice = useCollectionsStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div
      className={`sidebar-notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      aria-label="Sidebar message"
    >
      <div className="import-panel-head">
        <span className="mono">{notice.text}</span>
        <button type="button" className="icon" aria-label="Dismiss message" onClick={() => setNotice(null)}>
          <X size={14} aria-hidden />
        </button>
      </div>
      {notice.lines && notice.lines.length > 0 && (
        <ul className="import-warnings">
          {notice.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
