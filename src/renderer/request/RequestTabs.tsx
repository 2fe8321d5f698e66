import { useEffect, useState } from 'react';
import { Plus, X } from 'lucide-react';
import { onTabListKeyDown, tabId, tabPanelId } from '../common/tab-keys';
import { lazyPanel } from '../common/lazy-panel';
import { saveAndCloseTab } from '../workflows';
import { useRequestStore } from './store';
import { TabMenu, type TabMenuAt } from './TabMenu';
import './request.css';

/** Prefix of the open-request tab ids and of the panel they control (see RequestTabPanel). */
export const REQUEST_TABS_ID = 'open-request';

// Shown only when a tab with unsaved edits is closed.
const CloseTabDialog = lazyPanel(() => import('./CloseTabDialog').then((m) => m.CloseTabDialog));

/**
 * Open requests as tabs; a dot marks unsaved edits, and closing such a tab asks first.
 * Arrow keys and Home/End switch tabs.
 */
export function RequestTabs() {
  const tabs = useRequestStore((s) => s.tabs);
  const activeTabId = useRequestStore((s) => s.activeTabId);
  const selectTab = useRequestStore((s) => s.selectTab);
  const closeTab = useRequestStore((s) => s.closeTab);
  const newTab = useRequestStore((s) => s.newTab);
  const duplicateTab = useRequestStore((s) => s.duplicateTab);
  const closeOtherTabs = useRequestStore((s) => s.closeOtherTabs);
  const [closing, setClosing] = useState<string | null>(null);
  const [menu, setMenu] = useState<TabMenuAt | null>(null);
  // The active tab is always in sight, however many tabs are open and however it became active.
  useEffect(() => {
    document
      .getElementById(tabId(REQUEST_TABS_ID, activeTabId))
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [activeTabId, tabs.length]);
  const closingTab = tabs.find((tab) => tab.id === closing);
  const askClose = (id: string) => {
    if (tabs.find((tab) => tab.id === id)?.dirty) setClosing(id);
    else closeTab(id);
  };
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
            onContextMenu={(event) => {
              event.preventDefault();
              setMenu({ tabId: tab.id, name: tab.request.name || 'Untitled', x: event.clientX, y: event.clientY });
            }}
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
              onKeyDown={(event) => {
                if (event.key !== 'ContextMenu' && !(event.key === 'F10' && event.shiftKey)) return;
                event.preventDefault();
                const box = event.currentTarget.getBoundingClientRect();
                setMenu({ tabId: tab.id, name: tab.request.name || 'Untitled', x: box.left, y: box.bottom });
              }}
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
              onClick={() => askClose(tab.id)}
              onAuxClick={(event) => {
                if (event.button === 1) askClose(tab.id);
              }}
            >
              <X size={12} aria-hidden />
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="icon new-tab" aria-label="New request tab" onClick={newTab}>
        <Plus size={14} aria-hidden />
      </button>
      {menu && (
        <TabMenu
          at={menu}
          onClose={() => setMenu(null)}
          onDuplicate={() => duplicateTab(menu.tabId)}
          onCloseOthers={() => closeOtherTabs(menu.tabId)}
        />
      )}
      {closingTab && (
        <CloseTabDialog
          name={closingTab.request.name || 'Untitled'}
          onCancel={() => setClosing(null)}
          onDiscard={() => {
            setClosing(null);
            closeTab(closingTab.id);
          }}
          onSave={() => {
            setClosing(null);
            void saveAndCloseTab(closingTab.id);
          }}
        />
      )}
    </nav>
  );
}
