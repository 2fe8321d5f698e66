/** The drafts domain's handlers: thin adapters from the contract to the drafts store. */
import type { tabCalls } from '../../shared/api/tabs';
import type { HandlerMap } from '../core/handlers';
import type { DraftsStore } from './store';

export type TabCallName = keyof typeof tabCalls;

/** Handlers for loadTabs and saveTabs; inputs arrive validated by the dispatcher. */
export function createTabHandlers(drafts: DraftsStore): HandlerMap<TabCallName> {
  return {
    loadTabs: async ({ windowId }) => drafts.load(windowId),
    saveTabs: async (input) => drafts.save(input),
  };
}
