import { onTabListKeyDown, tabId, tabPanelId } from '../common/tab-keys';
import { useRequestStore } from './store';
import './request.css';

/** Prefix of the open-request tab ids and of the panel they control (see RequestTabPanel). */
export const REQUEST_TABS_ID = 'open-request';

/** Open requests as tabs; a dot marks unsaved edits. Arrow keys and Home/End switch tabs. */
export function RequestTabs() {
  const tabs = useRequestStore((s) => s.tabs);
  const activeTabId = useRequestStore((s) => s.activeTabId);
  const selectTab = useRequestStore((s) => s.selectTab);
  const closeTab = useRequestStore((s) => s.closeTab);
  const newTab = useRequestStore((s) => s.newTab);
  return (
    <nav className="request-tabs" aria-label="Open requests">
      <div
        className="request-tab-list"
        role="tablist"
        aria-label="Open requests"
        onKeyDown={(event) =>
          onTabListKeyDown(
            event,
            REQUEST_TABS_ID,
            tabs.map((tab) => tab.id),
            activeTabId,
            selectTab,
          )
        }
      >
        {tabs.map((tab) => (
          <div
            key={tab.id}
            role="presentation"
            className={tab.id === activeTabId ? 'request-tab active' : 'request-tab'}
          >
            <button
              type="button"
              id={tabId(REQUEST_TABS_ID, tab.id)}
              role="tab"
              aria-selected={tab.id === activeTabId}
              aria-controls={tabPanelId(REQUEST_TABS_ID)}
              tabIndex={tab.id === activeTabId ? 0 : -1}
              className="request-tab-title"
              onClick={() => selectTab(tab.id)}
            >
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
              tabIndex={tab.id === activeTabId ? 0 : -1}
              onClick={() => closeTab(tab.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="icon new-tab" aria-label="New request tab" onClick={newTab}>
        +
      </button>
    </nav>
  );
}
