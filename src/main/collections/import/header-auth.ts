/** Basic and Bearer `Authorization` values of a captured request, as Signet auth with the secret in main's store. */
import type { Auth } from '../../../shared/model';
import { LIMITS } from '../../../shared/model';
import type { ImportContext } from './context';

/** Basic or Bearer auth for an Authorization value, or undefined for other schemes. */
export function headerAuth(value: string, label: string, ctx: ImportContext): Auth | undefined {
  const basic = /^\s*Basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(value);
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const auth = {
      type: 'basic' as const,
      username: ctx.clip(colon < 0 ? decoded : decoded.slice(0, colon), LIMITS.headerValue, `${label}: username`),
      password: '',
    };
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    ctx.secret(ctx.clip(password, LIMITS.headerValue, `${label}: password`), `${label}: basic password`, (stored) => {
      auth.password = stored;
    });
    return auth;
  }
  // Sliced and trimmed rather than one regex: a lazy token before `\s*$` is quadratic in a long run of spaces.
  const scheme = /^\s*Bearer\s+/i.exec(value);
  const token = scheme ? value.slice(scheme[0].length).trim() : '';
  if (token !== '' && !/[\r\n]/.test(token)) {
    const auth = { type: 'bearer' as const, token: '' };
    ctx.secret(ctx.clip(token, LIMITS.headerValue, `${label}: token`), `${label}: bearer token`, (stored) => {
      auth.token = stored;
    });
    return auth;
  }
  return undefined;
}
