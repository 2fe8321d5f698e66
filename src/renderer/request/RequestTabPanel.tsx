import type { ReactNode } from 'react';
import { tabId, tabPanelId } from '../common/tab-keys';
import { REQUEST_TABS_ID } from './RequestTabs';
import { useRequestStore } from './store';
import './request.css';

/** The panel the open-request tabs control: the active request's builder and response. */
export function RequestTabPanel({ children }: { readonly children: ReactNode }) {
  const activeTabId = useRequestStore((s) => s.activeTabId);
  return (
    <div
      id={tabPanelId(REQUEST_TABS_ID)}
      className="request-tab-panel"
      role="tabpanel"
      aria-labelledby={tabId(REQUEST_TABS_ID, activeTabId)}
    >
      {children}
    </div>
  );
}
