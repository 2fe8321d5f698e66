/** The runner's handlers: start a run of a workspace collection, stop it; results and progress go out as events. */
import type { runnerCalls } from '../../shared/api/runner';
import type { EmitEvent } from '../core/events';
import { AppFailure, notFound } from '../core/failure';
import type { HandlerMap } from '../core/handlers';
import type { CredentialResolver } from '../core/ports';
import type { ReadGrantedFile } from '../http/body';
import type { RequestRunner } from '../http/send';
import type { WorkspaceService } from '../collections/service';
import { parseDataFile } from './data-file';
import { runCollection } from './run';
import { RunCredentials } from './run-credentials';

export type RunnerCallName = keyof typeof runnerCalls;

export interface RunnerHandlerDeps {
  readonly workspace: WorkspaceService;
  readonly sender: RequestRunner;
  readonly credentials: CredentialResolver;
  readonly files: ReadGrantedFile;
  readonly emit?: EmitEvent;
}

/** Runs at once are few: each holds connections and a result list. */
const MAX_RUNS = 8;
/** Results at most every this often per run as progress events; the last one always goes. */
const PROGRESS_EVERY_MS = 100;

export function createRunnerHandlers(deps: RunnerHandlerDeps): HandlerMap<RunnerCallName> {
  const running = new Map<string, AbortController>();
  return {
    startRun: async (input) => {
      if (running.has(input.runId)) throw new AppFailure('invalid_input', `run ${input.runId} is already running`);
      if (running.size >= MAX_RUNS) throw new AppFailure('unavailable', `${MAX_RUNS} runs are already running`);
      const { workspace } = await deps.workspace.load();
      const collection = workspace.collections.find((c) => c.id === input.collectionId);
      if (!collection) throw notFound(`collection ${input.collectionId}`);
      const environmentId = input.environmentId === undefined ? workspace.activeEnvironmentId : input.environmentId;
      const environment = environmentId ? workspace.environments.find((e) => e.id === environmentId) : undefined;
      if (environmentId && !environment) throw notFound(`environment ${environmentId}`);
      let data;
      if (input.dataFile) {
        const file = await deps.files(input.dataFile, 'Data file');
        data = parseDataFile(Buffer.from(file.bytes).toString('utf8'), file.name);
      }
      const controller = new AbortController();
      running.set(input.runId, controller);
      let lastProgress = 0;
      try {
        const outcome = await runCollection(
          {
            collection,
            ...(input.folderId ? { folderId: input.folderId } : {}),
            ...(environment ? { environment } : {}),
            ...(input.iterations ? { iterations: input.iterations } : {}),
            ...(data ? { data } : {}),
            delayMs: input.delayMs,
            bail: input.bail,
            concurrency: input.concurrency,
            signal: controller.signal,
          },
          {
            sender: deps.sender,
            credentials: new RunCredentials(deps.credentials),
            onResult: (result) => deps.emit?.('runResult', { runId: input.runId, result }),
            onProgress: (done, total) => {
              const now = Date.now();
              if (done !== total && done !== 0 && now - lastProgress < PROGRESS_EVERY_MS) return;
              lastProgress = now;
              deps.emit?.('progress', { operationId: input.runId, operation: 'run', phase: 'running', done, total });
            },
          },
        );
        deps.emit?.('progress', {
          operationId: input.runId,
          operation: 'run',
          phase: outcome.summary.stopped ? 'stopped' : 'done',
          done: outcome.summary.total,
          total: outcome.summary.planned,
        });
        return { runId: input.runId, collection: collection.name, ...outcome };
      } finally {
        running.delete(input.runId);
      }
    },
    stopRun: async ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { stopped: controller !== undefined };
    },
  };
}
