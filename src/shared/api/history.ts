/**
 * History: every send main made (from the app or `signet send`), newest first. Entries
 * hold the request as the user wrote it (secrets as `secret:` references or
 * `{{variables}}` only) and as it was sent, with signatures, tokens, keys, cookies and
 * passwords redacted.
 */
import { z } from 'zod';
import { defineCall } from './define';
import { EntityIdSchema } from '../collection';
import { LIMITS, type RequestSpec } from '../model';
import type { FailureCode } from '../result';
import type { SentRequestView } from './http';

/** Entries kept unless the user chooses otherwise. */
export const DEFAULT_HISTORY_LIMIT = 1000;
/** The most entries history keeps; 0 turns recording off. */
export const MAX_HISTORY_LIMIT = 100_000;

/** One send, as the History list shows it. */
export interface HistorySummary {
  readonly id: string;
  /** When the send started (ISO 8601). */
  readonly at: string;
  readonly method: string;
  /** The URL as sent (signature and token redacted), or as written when nothing was sent. */
  readonly url: string;
  /** The request's name when it had one (a saved request), else empty. */
  readonly name: string;
  /** The auth that applied (`inherit` resolved): `none`, `awsv4`, `basic`, `bearer`, `apikey` or `unsupported`. */
  readonly authKind: string;
  /** The HTTP status, when a response came back. */
  readonly status?: number;
  /** Why no response came back (refused, dns, credentials, ...). */
  readonly failure?: FailureCode;
  /** Milliseconds from start to the end of the response (or the failure). */
  readonly ms: number;
  /** Response body size in bytes (0 without a response). */
  readonly sizeBytes: number;
  /** Who sent it: the app (either host) or `signet send`. */
  readonly source: 'app' | 'cli';
}

/** One send in full: enough to reopen it in a tab. */
export interface HistoryEntry extends HistorySummary {
  /** The request as written, secrets as references only; `inherit` auth kept as written. */
  readonly request: RequestSpec;
  /** Where it lived when sent, so a reopened tab resolves the same variables and inherited auth. */
  readonly context: { readonly collectionId?: string; readonly itemId?: string; readonly environmentId?: string };
  /** What went on the wire, redacted; absent when nothing was sent. */
  readonly sent?: SentRequestView;
  /** The failure's message, safe to show. */
  readonly message?: string;
  /** Set when the body was too large to keep: the reopened request has an empty body. */
  readonly bodyOmitted?: boolean;
}

export interface HistoryPage {
  readonly entries: readonly HistorySummary[];
  /** Whether older matching entries exist (ask again with `before` = the last id). */
  readonly hasMore: boolean;
  /** Entries kept in all (before the query). */
  readonly total: number;
  /** The cap in force. */
  readonly limit: number;
}

const HistoryId = z.string().min(1).max(64);

export const historyCalls = {
  listHistory: defineCall<HistoryPage>()(
    z
      .object({
        /** Matches method, URL, name and status, case-insensitively. */
        query: z.string().max(LIMITS.name).default(''),
        limit: z.number().int().min(1).max(1000).default(200),
        /** Only entries older than this one (paging). */
        before: HistoryId.optional(),
      })
      .default({ query: '', limit: 200 }),
    'History, newest first: summaries only (getHistoryEntry has the request).',
  ),
  getHistoryEntry: defineCall<HistoryEntry>()(
    z.object({ id: HistoryId }),
    'One history entry in full, with the request as written and as sent (redacted).',
  ),
  clearHistory: defineCall<{ cleared: number }>()(z.object({}).default({}), 'Removes every history entry.'),
  setHistoryLimit: defineCall<{ limit: number }>()(
    z.object({ limit: z.number().int().min(0).max(MAX_HISTORY_LIMIT) }),
    'How many entries history keeps (oldest dropped first); 0 stops recording.',
  ),
  saveHistoryToCollection: defineCall<{ itemId: string }>()(
    z.object({
      id: HistoryId,
      collectionId: EntityIdSchema,
      /** A folder of that collection; null: its root. */
      parentId: EntityIdSchema.nullable().default(null),
      /** The saved request's name; default: the entry's name, else "METHOD URL". */
      name: z.string().trim().min(1).max(LIMITS.name).optional(),
    }),
    'Saves a history entry as a new request in a collection.',
  ),
};
