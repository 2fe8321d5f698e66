/**
 * The send pipeline's cookie jar (kept by main for one run of the app): list what
 * responses set, delete one, clear a domain's or all.
 */
import { z } from 'zod';
import { defineCall } from './define';

/** One stored cookie as the Cookies panel shows it. */
export interface CookieView {
  readonly name: string;
  readonly value: string;
  /** The host that set it (host-only) or the domain its Domain attribute named. */
  readonly domain: string;
  /** Sent to exactly `domain`, not to its subdomains. */
  readonly hostOnly: boolean;
  readonly path: string;
  /** When it expires (ISO 8601); absent for a session cookie, which lives while Signet runs. */
  readonly expires?: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite?: string;
}

const CookieKeySchema = z.object({
  domain: z.string().min(1).max(253),
  path: z.string().min(1).max(4096),
  name: z.string().min(1).max(4096),
});

export const cookieCalls = {
  listCookies: defineCall<{ cookies: readonly CookieView[] }>()(
    z.object({}),
    'Every cookie the jar holds, by domain, path and name.',
  ),
  deleteCookie: defineCall<{ deleted: boolean }>()(CookieKeySchema, 'Removes one cookie from the jar.'),
  clearCookies: defineCall<{ cleared: number }>()(
    z.object({ domain: z.string().min(1).max(253).optional() }),
    "Removes one domain's cookies, or every cookie when no domain is given.",
  ),
};
