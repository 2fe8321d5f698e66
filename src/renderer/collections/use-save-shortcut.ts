import { useEffect } from 'react';
import { useSidebarUi } from './ui-store';
import { activeTabHasCollection, saveActiveTab } from '../workflows';

/**
 * Ctrl/Cmd+S saves the active tab: in place when it belongs to a collection, else
 * after asking which collection it goes to.
 */
export function useSaveShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      event.preventDefault();
      if (activeTabHasCollection()) void saveActiveTab();
      else useSidebarUi.getState().openDialog({ type: 'save-as' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
