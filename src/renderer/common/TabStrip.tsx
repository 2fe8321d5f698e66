import type { ReactNode } from 'react';
import { onTabListKeyDown, tabId, tabPanelId } from './tab-keys';
import './tabs.css';

/** One tab: its key and what it shows (text, plus a badge if any). */
export interface TabStripItem<K extends string> {
  readonly key: K;
  readonly label: ReactNode;
}

interface TabStripProps<K extends string> {
  /** Prefix of the tab and panel ids; unique in the window. */
  readonly id: string;
  /** The tab list's accessible name. */
  readonly label: string;
  readonly tabs: readonly TabStripItem<K>[];
  readonly selected: K;
  readonly onSelect: (key: K) => void;
  /** The selected tab's content. */
  readonly children: ReactNode;
  /** Extra class for the panel. */
  readonly panelClassName?: string;
}

/**
 * Underlined tabs and the panel they control (WAI-ARIA tabs pattern): only the selected tab is in
 * the Tab order, the arrow keys and Home/End move between tabs.
 */
export function TabStrip<K extends string>({
  id,
  label,
  tabs,
  selected,
  onSelect,
  children,
  panelClassName,
}: TabStripProps<K>) {
  const keys = tabs.map((tab) => tab.key);
  // If the selected tab went away (a response without signing), the first one keeps the Tab stop.
  const focusable = keys.includes(selected) ? selected : keys[0];
  return (
    <>
      <div
        className="tabs"
        role="tablist"
        aria-label={label}
        onKeyDown={(event) => onTabListKeyDown(event, id, keys, selected, onSelect)}
      >
        {tabs.map((tab) => (
          <button
            key={tab.key}
            id={tabId(id, tab.key)}
            type="button"
            role="tab"
            aria-selected={selected === tab.key}
            aria-controls={tabPanelId(id)}
            tabIndex={focusable === tab.key ? 0 : -1}
            className={selected === tab.key ? 'tab active' : 'tab'}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {/* No aria-labelledby: a panel named after its tab ("Sent request") would share that name with
          the labelled content inside it, and the tab that controls it already says what it shows. */}
      <div id={tabPanelId(id)} className={panelClassName ? `tab-panel ${panelClassName}` : 'tab-panel'} role="tabpanel">
        {children}
      </div>
    </>
  );
}
