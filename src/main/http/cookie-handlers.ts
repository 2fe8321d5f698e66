/** The cookie jar's handlers: thin adapters from the contract to the jar. */
import type { cookieCalls } from '../../shared/api/cookies';
import type { HandlerMap } from '../core/handlers';
import type { CookieJar } from './cookie-jar';

export function createCookieHandlers(jar: CookieJar): HandlerMap<keyof typeof cookieCalls> {
  return {
    listCookies: async () => ({ cookies: jar.list() }),
    deleteCookie: async (key) => ({ deleted: jar.delete(key) }),
    clearCookies: async ({ domain }) => ({ cleared: jar.clear(domain) }),
  };
}
