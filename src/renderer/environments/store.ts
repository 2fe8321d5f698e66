import { create } from 'zustand';
import type { Environment } from '../../shared/api/collections';
import { api } from '../api';
import { useCollectionsStore } from '../collections/store';
import { useRequestStore } from '../request/store';

/** What the last environment action reported. */
export type EnvironmentOutcome =
  { readonly ok: true; readonly environment?: Environment } | { readonly ok: false; readonly message: string };

interface EnvironmentsState {
  /** The editor's open state and which environment it shows. */
  readonly editor: { readonly open: false } | { readonly open: true; readonly environmentId: string | null };
  readonly openEditor: (environmentId: string | null) => void;
  readonly closeEditor: () => void;
  /** Makes an environment the one `{{variables}}` resolve from, in main and for this window's sends. */
  readonly setActive: (environmentId: string | null) => Promise<EnvironmentOutcome>;
  /** Saves an environment; secret values typed in plain text come back as `secret:` references. */
  readonly save: (environment: Environment) => Promise<EnvironmentOutcome>;
  readonly remove: (environmentId: string) => Promise<EnvironmentOutcome>;
}

const failure = (error: unknown): EnvironmentOutcome => ({
  ok: false,
  message: error instanceof Error ? error.message : String(error),
});

/** Environments: the active one and the editor. The workspace itself lives in the collections store. */
export const useEnvironmentsStore = create<EnvironmentsState>()((set) => ({
  editor: { open: false },
  openEditor: (environmentId) => set({ editor: { open: true, environmentId } }),
  closeEditor: () => set({ editor: { open: false } }),

  setActive: async (environmentId) => {
    try {
      await api.setActiveEnvironment({ environmentId });
      useRequestStore.getState().setEnvironment(environmentId ?? undefined);
      await useCollectionsStore.getState().loadWorkspace();
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  },

  save: async (environment) => {
    try {
      const saved = await api.saveEnvironment({ environment });
      await useCollectionsStore.getState().loadWorkspace();
      return { ok: true, environment: saved.environment };
    } catch (error) {
      return failure(error);
    }
  },

  remove: async (environmentId) => {
    try {
      await api.deleteEnvironment({ environmentId });
      if (useRequestStore.getState().environmentId === environmentId)
        useRequestStore.getState().setEnvironment(undefined);
      await useCollectionsStore.getState().loadWorkspace();
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  },
}));
