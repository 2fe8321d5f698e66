/**
 * What main tells the renderer without being asked. Each event has one zod schema;
 * main validates every payload before it leaves, and both hosts carry exactly these
 * names (Electron: one IPC channel each; browser host: one server-sent event stream).
 */
import { z } from 'zod';
import { defineEvent } from './define';
import { LIMITS } from '../model';
import { SESSION_CHANGES, SSO_LOGIN_STATES } from '../credential-basics';

const Id = z.string().min(1).max(LIMITS.name);
const IsoTime = z.string().max(64);

export { EXPIRING_SOON_MS, SESSION_CHANGES, SSO_LOGIN_STATES, type SessionChange } from '../credential-basics';

export const events = {
  sessionChanged: defineEvent(
    z.object({
      change: z.enum(SESSION_CHANGES),
      sessionId: Id,
      label: z.string().max(LIMITS.name),
      expiresAt: IsoTime.optional(),
      /** With `refresh_failed`: why, safe to show. */
      message: z.string().max(4096).optional(),
    }),
    'A held session was added, refreshed, changed, is expiring, expired, was removed, or failed to refresh by itself.',
  ),
  credentialsChanged: defineEvent(
    z.object({ profile: z.string().max(LIMITS.name), expiresAt: IsoTime.optional() }),
    "Main's cached credentials for a profile were fetched or dropped (the expiry next to Send may have moved).",
  ),
  workspaceChanged: defineEvent(
    z.object({
      /** `external`: another writer changed the data directory; `import`: an import finished. */
      reason: z.enum(['external', 'import']),
      collectionIds: z.array(Id).max(10_000),
    }),
    'The workspace on disk changed; reload the outline.',
  ),
  progress: defineEvent(
    z.object({
      /** The id the renderer gave the long call, so it can match progress to its work. */
      operationId: Id,
      operation: z.enum(['import', 'run']),
      /** Short user-facing phase, e.g. `parsing`, `saving`. */
      phase: z.string().max(64),
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative().optional(),
    }),
    'Progress of long work (an import, a collection run).',
  ),
  ssoLoginChanged: defineEvent(
    z.object({
      /** The id `ssoStartLogin` answered with. */
      loginId: Id,
      /** `waiting`: polled, not yet approved; `slow_down`: IAM Identity Center asked for slower polling. */
      state: z.enum(SSO_LOGIN_STATES),
      startUrl: z.string().max(2048),
      tokenExpiresAt: IsoTime.optional(),
      intervalSeconds: z.number().int().positive().optional(),
      /** With `failed` or `cancelled`: why, safe to show. */
      message: z.string().max(4096).optional(),
    }),
    'Progress of an IAM Identity Center sign-in started by ssoStartLogin.',
  ),
};
