/**
 * Checks on a response: saved with each request, evaluated in main after a send or in a
 * collection run, and kept in Postman exports as `pm.test(...)` lines the importer reads back.
 * Declarative on purpose: no user JavaScript ever runs. Pure types and zod schemas.
 */
import { z } from 'zod';

/** Caps on one request's checks. */
export const CHECK_LIMITS = { perRequest: 100, text: 4096, statuses: 50 } as const;

const Text = z.string().max(CHECK_LIMITS.text);
const Status = z.number().int().min(100).max(599);

const common = {
  /** The name shown in results; generated from the check when empty. */
  name: z.string().max(256).default(''),
  enabled: z.boolean().default(true),
};

export const CheckSchema = z.discriminatedUnion('kind', [
  /** `status is 200` (one value) or `status in 200, 204`. */
  z.object({ kind: z.literal('status'), ...common, statuses: z.array(Status).min(1).max(CHECK_LIMITS.statuses) }),
  /** A header is present, or has exactly this value (names compare case-insensitively). */
  z.object({
    kind: z.literal('header'),
    ...common,
    header: z.string().min(1).max(256),
    op: z.enum(['exists', 'equals']),
    value: Text.default(''),
  }),
  /**
   * A JSON path (jsonpath-plus syntax, `$.items[0].id`) into the JSON body: its first match
   * equals `value` (JSON text, e.g. `5`, `"ok"`, `{"a":1}`), exists, or as text matches the
   * regular expression `value`.
   */
  z.object({
    kind: z.literal('jsonPath'),
    ...common,
    path: z.string().min(1).max(1024),
    op: z.enum(['equals', 'exists', 'matches']),
    value: Text.default(''),
  }),
  /** The body text contains this text. */
  z.object({ kind: z.literal('bodyContains'), ...common, text: Text.min(1) }),
  /** The response arrived in under this many milliseconds. */
  z.object({ kind: z.literal('timeBelow'), ...common, ms: z.number().int().min(1).max(600_000) }),
]);
export type Check = z.infer<typeof CheckSchema>;
export type CheckInput = z.input<typeof CheckSchema>;
export type CheckKind = Check['kind'];

export const ChecksSchema = z.array(CheckSchema).max(CHECK_LIMITS.perRequest);
