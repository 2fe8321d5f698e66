/**
 * The collection runner's calls and result shapes: run a collection or folder in order with
 * an environment, iterations, a data file, a delay and a concurrency, checks evaluated in
 * main; results stream as `runResult` events, progress as `progress` events.
 */
import { z } from 'zod';
import { defineCall } from './define';
import { LIMITS } from '../model';
import { EntityIdSchema } from '../collection';

/** Bounds on one run. */
export const RUN_LIMITS = {
  iterations: 100_000,
  concurrency: 64,
  delayMs: 600_000,
  /** Results a report keeps (the rest are counted in the summary only). */
  keptResults: 200_000,
  dataRows: 100_000,
} as const;

const CheckResultSchema = z.object({
  name: z.string().max(LIMITS.name),
  passed: z.boolean(),
  expected: z.string().max(1024),
  actual: z.string().max(1024),
});

/** One request of a run, as it came out. */
export const RunRequestResultSchema = z.object({
  /** Position in the run (iteration-major), from 0. */
  index: z.number().int().nonnegative(),
  iteration: z.number().int().nonnegative(),
  itemId: z.string().max(LIMITS.name),
  name: z.string().max(LIMITS.name),
  /** Folders above the request, outermost first, joined with ` / `. */
  folder: z.string().max(4096),
  method: z.string().max(64),
  /** The URL as sent (signatures and tokens in a presigned query redacted), or as written when not sent. */
  url: z.string().max(LIMITS.url),
  /** Absent when no response came (the request could not be sent). */
  status: z.number().int().optional(),
  ms: z.number().nonnegative().optional(),
  checks: z.array(CheckResultSchema).max(100),
  /** Why there was no response, when there was none. */
  error: z.string().max(4096).optional(),
  /** Sent, answered, and every check passed. */
  passed: z.boolean(),
  /** An expired token was answered by one re-assume and one retry. */
  retried: z.boolean().optional(),
});
export type RunRequestResult = z.infer<typeof RunRequestResultSchema>;

/** Counts and times over a run. */
export interface RunSummary {
  /** Requests that ran (sent or refused before sending). */
  readonly total: number;
  /** Requests with a failed check or no response. */
  readonly failed: number;
  readonly checksPassed: number;
  readonly checksFailed: number;
  /** Response times, milliseconds; 0 when nothing was answered. */
  readonly p50: number;
  readonly p95: number;
  /** Responses per status (`"200"`), and `"error"` for requests that got none. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly durationMs: number;
  /** Stopped by the user before the end. */
  readonly stopped: boolean;
  /** Ended early at the first failure (bail). */
  readonly bailed: boolean;
  /** Requests the run was planned to make. */
  readonly planned: number;
}

export interface RunReport {
  readonly runId: string;
  readonly collection: string;
  readonly summary: RunSummary;
  readonly results: readonly RunRequestResult[];
}

const RunId = z.string().min(1).max(LIMITS.name);

export const StartRunSchema = z.object({
  /** Chosen by the renderer, to match progress and results to the run and to stop it. */
  runId: RunId,
  collectionId: EntityIdSchema,
  /** Run only this folder (and its subfolders); the whole collection when absent. */
  folderId: EntityIdSchema.optional(),
  /** Null: no environment; absent: the workspace's active one. */
  environmentId: EntityIdSchema.nullable().optional(),
  /** Default: one, or one per data row. */
  iterations: z.number().int().min(1).max(RUN_LIMITS.iterations).optional(),
  /** A granted file (chooseFile): CSV with a header row, or a JSON array of objects. */
  dataFile: z.string().max(LIMITS.name).optional(),
  delayMs: z.number().int().min(0).max(RUN_LIMITS.delayMs).default(0),
  bail: z.boolean().default(false),
  concurrency: z.number().int().min(1).max(RUN_LIMITS.concurrency).default(1),
});

export const runnerCalls = {
  startRun: defineCall<RunReport>()(
    StartRunSchema,
    'Run a collection or folder with checks; resolves with the report when the run ends (results stream as runResult events).',
  ),
  stopRun: defineCall<{ stopped: boolean }>()(
    z.object({ runId: RunId }),
    'Stop a run: nothing new is sent, requests in flight are cancelled, results so far are kept.',
  ),
};
