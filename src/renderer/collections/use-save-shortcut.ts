import { useEffect } from 'react';
import { useRequestStore } from '../request/store';
import { useCollectionsStore } from './store';
import { useSidebarUi } from './ui-store';

/**
 * Ctrl/Cmd+S saves the active tab: in place when it belongs to a collection, else
 * after asking which collection it goes to.
 */
export function useSaveShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      event.preventDefault();
      const requests = useRequestStore.getState();
      const tab = requests.tabs.find((t) => t.id === requests.activeTabId);
      const load = useCollectionsStore.getState().load;
      const collectionId = tab?.context.collectionId;
      const known = load.status === 'success' && load.workspace.collections.some((c) => c.id === collectionId);
      if (collectionId && known) void useCollectionsStore.getState().saveActiveTab();
      else useSidebarUi.getState().openDialog({ type: 'save-as' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
