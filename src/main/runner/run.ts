/**
 * The collection runner: the planned requests, iteration by iteration, through the send
 * pipeline (every request resolved and signed fresh, with its own X-Amz-Date), checks
 * evaluated on each response. What can be reused is: the scope of each request is built
 * once, credentials are resolved once per session lifetime (RunCredentials), and one
 * keep-alive agent per host carries the connections.
 */
import http from 'node:http';
import https from 'node:https';
import type { RunRequestResult, RunSummary } from '../../shared/api/runner';
import type { Collection, Environment, Workspace } from '../../shared/collection';
import { LIMITS } from '../../shared/model';
import type { SendScope } from '../core/ports';
import type { RequestRunner } from '../http/send';
import { buildSendScope } from '../collections/send-scope';
import type { RunCredentials } from './run-credentials';
import type { DataRow } from './data-file';
import { planRun, type PlannedRequest } from './plan';
import { summarize } from './summary';

export interface RunOptions {
  readonly collection: Collection;
  readonly folderId?: string;
  readonly environment?: Environment;
  /** Default: one per data row, else 1. */
  readonly iterations?: number;
  readonly data?: readonly DataRow[];
  readonly delayMs?: number;
  readonly bail?: boolean;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

export interface RunDeps {
  readonly sender: RequestRunner;
  readonly credentials: RunCredentials;
  readonly onResult?: (result: RunRequestResult) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RunOutcome {
  readonly results: RunRequestResult[];
  readonly summary: RunSummary;
}

/** Keep-alive agents, one per origin, for the length of a run. */
class Agents {
  private readonly byOrigin = new Map<string, http.Agent>();

  constructor(private readonly sockets: number) {}

  readonly agentFor = (url: URL): http.Agent => {
    let agent = this.byOrigin.get(url.origin);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: this.sockets, maxFreeSockets: this.sockets };
      agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
      this.byOrigin.set(url.origin, agent);
    }
    return agent;
  };

  destroy(): void {
    for (const agent of this.byOrigin.values()) agent.destroy();
    this.byOrigin.clear();
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Text cut to what a run result may carry (the result event's schema bounds every field). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Data variables win over the environment, which wins over folders and the collection (Postman's order). */
function withRow(scope: SendScope, row: DataRow | undefined): SendScope {
  if (!row) return scope;
  return {
    inheritedAuth: scope.inheritedAuth,
    lookup: (name) => (Object.prototype.hasOwnProperty.call(row, name) ? row[name] : scope.lookup(name)),
  };
}

/** Runs the plan; resolves when every request ran, the run bailed, or the signal stopped it. */
export async function runCollection(options: RunOptions, deps: RunDeps): Promise<RunOutcome> {
  const started = performance.now();
  const plan = planRun(options.collection, options.folderId);
  const data = options.data ?? [];
  const iterations = options.iterations ?? Math.max(1, data.length);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const workspace: Workspace = {
    collections: [options.collection],
    environments: options.environment ? [options.environment] : [],
    activeEnvironmentId: options.environment?.id ?? null,
  };
  const scopes = new Map<PlannedRequest, SendScope>();
  for (const entry of plan)
    // The plan walked the tree once and knows each request's folders: no search per request,
    // which made building the scopes quadratic in the collection's size.
    scopes.set(
      entry,
      buildSendScope(workspace, { collectionId: options.collection.id, itemId: entry.item.id, folders: entry.folders }),
    );

  const total = plan.length * iterations;
  const results: Array<RunRequestResult | undefined> = new Array<RunRequestResult | undefined>(total);
  const agents = new Agents(concurrency);
  const inFlight = new AbortController();
  const stop = () => inFlight.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  let next = 0;
  let done = 0;
  let bailed = false;

  const runOne = async (index: number): Promise<RunRequestResult | undefined> => {
    const iteration = Math.floor(index / plan.length);
    const entry = plan[index % plan.length]!;
    const row = data.length > 0 ? data[Math.min(iteration, data.length - 1)] : undefined;
    const { request } = entry.item;
    const outcome = await deps.sender.sendInRun(
      {
        requestId: `run-${index}`,
        request,
        context: { collectionId: options.collection.id, itemId: entry.item.id },
      },
      {
        scope: withRow(scopes.get(entry)!, row),
        credentials: deps.credentials,
        agentFor: agents.agentFor,
        forChecks: true,
        signal: inFlight.signal,
      },
    );
    // A request cut off by Stop is not a result: the run ends with what had finished.
    if (!outcome.ok && outcome.error.code === 'cancelled' && inFlight.signal.aborted) return undefined;
    const base = {
      index,
      iteration,
      itemId: entry.item.id,
      name: request.name,
      folder: clip(entry.folders.map((folder) => folder.name).join(' / '), 4096),
      method: request.method,
    };
    if (!outcome.ok)
      return {
        ...base,
        url: clip(request.url, LIMITS.url),
        checks: [],
        error: clip(outcome.error.message, 4096),
        passed: false,
      };
    const { response, sent, checks = [], retriedAfterRefresh } = outcome.value;
    return {
      ...base,
      url: clip(sent.url, LIMITS.url),
      status: response.status,
      ms: response.timeMs,
      checks: [...checks],
      passed: checks.every((check) => check.passed),
      ...(retriedAfterRefresh ? { retried: true } : {}),
    };
  };

  const worker = async (): Promise<void> => {
    while (!inFlight.signal.aborted && !bailed) {
      const index = next;
      if (index >= total) return;
      next += 1;
      const result = await runOne(index);
      if (!result) return;
      results[index] = result;
      done += 1;
      deps.onResult?.(result);
      deps.onProgress?.(done, total);
      if (!result.passed && options.bail) {
        bailed = true;
        return;
      }
      if (next < total) await pause(options.delayMs ?? 0, inFlight.signal);
    }
  };

  try {
    deps.onProgress?.(0, total);
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(total, 1)) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', stop);
    agents.destroy();
  }
  const finished = results.filter((result): result is RunRequestResult => result !== undefined);
  return {
    results: finished,
    summary: summarize(finished, {
      planned: total,
      durationMs: performance.now() - started,
      stopped: options.signal?.aborted ?? false,
      bailed,
    }),
  };
}
