import { useRequestStore } from './store';
import './request.css';

/** Open requests as tabs; a dot marks unsaved edits. */
export function RequestTabs() {
  const tabs = useRequestStore((s) => s.tabs);
  const activeTabId = useRequestStore((s) => s.activeTabId);
  const selectTab = useRequestStore((s) => s.selectTab);
  const closeTab = useRequestStore((s) => s.closeTab);
  const newTab = useRequestStore((s) => s.newTab);
  return (
    <nav className="request-tabs" aria-label="Open requests">
      {tabs.map((tab) => (
        <div key={tab.id} className={tab.id === activeTabId ? 'request-tab active' : 'request-tab'}>
          <button type="button" className="request-tab-title" onClick={() => selectTab(tab.id)}>
            <span className={`method-badge method-${tab.request.method}`}>{tab.request.method}</span>
            {tab.request.name || 'Untitled'}
            {tab.dirty && (
              <span className="dirty" aria-label="unsaved changes">
                •
              </span>
            )}
          </button>
          <button
            type="button"
            className="icon"
            aria-label={`Close ${tab.request.name || 'tab'}`}
            onClick={() => closeTab(tab.id)}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="icon new-tab" aria-label="New request tab" onClick={newTab}>
        +
      </button>
    </nav>
  );
}
