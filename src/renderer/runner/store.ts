import { create } from 'zustand';
import type { RunReport, RunRequestResult } from '../../shared/api/runner';
import type { FileGrantInfo } from '../../shared/file-grant';
import type { Failure } from '../../shared/result';
import { api, chooseFile, onEvent } from '../api';

/** What the Runner view is doing. */
export type RunState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      readonly runId: string;
      readonly done: number;
      readonly total: number;
      readonly stopping: boolean;
    }
  | { readonly status: 'done'; readonly report: RunReport }
  | { readonly status: 'error'; readonly error: Failure };

/** The run's settings, as the form holds them. */
export interface RunSettings {
  readonly collectionId: string;
  /** '' runs the whole collection. */
  readonly folderId: string;
  /** '' means no environment. */
  readonly environmentId: string;
  readonly iterations: number;
  readonly delayMs: number;
  readonly concurrency: number;
  readonly bail: boolean;
  readonly dataFile: FileGrantInfo | null;
}

interface RunnerState {
  readonly open: boolean;
  readonly settings: RunSettings;
  readonly run: RunState;
  /** Results of the current or last run, in the order they finished. */
  readonly results: readonly RunRequestResult[];
  readonly setOpen: (open: boolean) => void;
  readonly updateSettings: (patch: Partial<RunSettings>) => void;
  readonly chooseDataFile: () => Promise<Failure | null>;
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

/** Results reach the table at most this often: a fast run finishes hundreds of requests a second. */
const FLUSH_MS = 100;

let counter = 0;

export const useRunnerStore = create<RunnerState>()((set, get) => ({
  open: false,
  settings: {
    collectionId: '',
    folderId: '',
    environmentId: '',
    iterations: 1,
    delayMs: 0,
    concurrency: 1,
    bail: false,
    dataFile: null,
  },
  run: { status: 'idle' },
  results: [],

  setOpen: (open) => set({ open }),
  updateSettings: (patch) => set((state) => ({ settings: { ...state.settings, ...patch } })),

  chooseDataFile: async () => {
    const result = await chooseFile();
    if (!result.ok) return result.error;
    if (result.value) get().updateSettings({ dataFile: result.value });
    return null;
  },

  start: async () => {
    const { settings, run } = get();
    if (run.status === 'running' || !settings.collectionId) return;
    const runId = `run-${Date.now().toString(36)}-${(counter += 1)}`;
    const pending: RunRequestResult[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (pending.length === 0) return;
      const batch = pending.splice(0);
      set((state) => ({ results: [...state.results, ...batch] }));
    };
    const stopResults = onEvent('runResult', (payload) => {
      if (payload.runId !== runId) return;
      pending.push(payload.result);
      timer ??= setTimeout(flush, FLUSH_MS);
    });
    const stopProgress = onEvent('progress', ({ operationId, operation, done, total }) => {
      if (operation !== 'run' || operationId !== runId) return;
      set((state) =>
        state.run.status === 'running' && state.run.runId === runId
          ? { run: { ...state.run, done, total: total ?? state.run.total } }
          : {},
      );
    });
    set({ run: { status: 'running', runId, done: 0, total: 0, stopping: false }, results: [] });
    try {
      const result = await api.startRun({
        runId,
        collectionId: settings.collectionId,
        ...(settings.folderId ? { folderId: settings.folderId } : {}),
        environmentId: settings.environmentId || null,
        ...(settings.dataFile ? { dataFile: settings.dataFile.ref } : { iterations: settings.iterations }),
        ...(settings.dataFile && settings.iterations > 1 ? { iterations: settings.iterations } : {}),
        delayMs: settings.delayMs,
        concurrency: settings.concurrency,
        bail: settings.bail,
      });
      if (timer) clearTimeout(timer);
      flush();
      // The report is the record: it holds every result, whatever events were missed.
      set(
        result.ok
          ? { run: { status: 'done', report: result.value }, results: result.value.results }
          : { run: { status: 'error', error: result.error } },
      );
    } finally {
      stopResults();
      stopProgress();
    }
  },

  stop: async () => {
    const { run } = get();
    if (run.status !== 'running') return;
    set({ run: { ...run, stopping: true } });
    await api.stopRun({ runId: run.runId });
  },
}));
