/** Insomnia `authentication` blocks (v4 and v5 write the same shape) into Signet's Auth. */
import { LIMITS, type Auth } from '../../../shared/model';
import { ImportContext, isRecord, text } from '../import/context';
import { convertTemplates } from './insomnia-templates';

/** Field names of the auth types Signet does not run (oauth2, digest, ntlm, hawk, asap ...) that hold secrets. */
const SECRET_PARAM = /password|secret|token|privatekey|key$/i;

/**
 * An auth type Signet does not run, kept in the Postman v2.1 form (`{ type, [type]: [{ key, value }] }`) that the
 * `unsupported` Auth holds everywhere else, so export writes it like any other; secret-looking values go to the store.
 */
function keepUnsupported(raw: Record<string, unknown>, type: string, where: string, ctx: ImportContext): Auth {
  const postmanType = ctx.clip(type, LIMITS.name, `${where}: auth type`);
  ctx.warn(
    `${where}: Insomnia auth type "${postmanType}" is not supported by Signet; kept for export but not applied when sending`,
  );
  const params: Array<{ key: string; value: string; type: 'string' }> = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'type' || key === 'disabled' || typeof value === 'object') continue;
    if (params.length >= LIMITS.rows) break;
    const entry = {
      key: ctx.clip(key, LIMITS.headerName, `${where}: auth setting name`),
      value: ctx.clip(text(value), LIMITS.headerValue, `${where}: ${postmanType} ${key.slice(0, 40)}`),
      type: 'string' as const,
    };
    if (SECRET_PARAM.test(key))
      ctx.secret(entry.value, `${ctx.sourceName} › ${where}: ${postmanType} ${key.slice(0, 40)}`, (stored) => {
        entry.value = stored;
      });
    params.push(entry);
  }
  return { type: 'unsupported', postmanType, raw: { type: postmanType, [postmanType]: params } };
}

/**
 * Converts one `authentication` value. Insomnia writes `{}` (no type) for a request that inherits its folder's auth;
 * `none` stops inheritance; a block marked `disabled` is not sent by Insomnia, so it imports as no auth.
 */
export function importInsomniaAuth(raw: unknown, where: string, ctx: ImportContext): Auth {
  if (raw === undefined || raw === null) return { type: 'inherit' };
  if (!isRecord(raw)) {
    ctx.warn(`${where}: authentication is not an object; it inherits instead`);
    return { type: 'inherit' };
  }
  const type = text(raw.type);
  if (type === '') return { type: 'inherit' };
  if (raw.disabled === true) {
    ctx.warn(`${where}: ${type.slice(0, 40)} auth is disabled in Insomnia; imported as no auth`);
    return { type: 'none' };
  }
  const field = (key: string, max: number = LIMITS.headerValue): string =>
    convertTemplates(ctx.clip(text(raw[key]), max, `${where}: ${type} ${key}`));
  const label = `${ctx.sourceName} › ${where}`;
  switch (type) {
    case 'none':
      return { type: 'none' };
    case 'iam': {
      const source = {
        kind: 'keys' as const,
        accessKeyId: field('accessKeyId'),
        secretAccessKey: '',
        sessionToken: '',
      };
      ctx.secret(field('secretAccessKey'), `${label}: AWS secret key`, (value) => (source.secretAccessKey = value));
      ctx.secret(field('sessionToken'), `${label}: AWS session token`, (value) => (source.sessionToken = value));
      // Insomnia leaves region and service empty to derive them from the host; Signet's empty values mean the same.
      return {
        type: 'awsv4',
        source,
        region: field('region', 64),
        service: field('service', 64),
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
      };
    }
    case 'basic': {
      const auth = { type: 'basic' as const, username: field('username'), password: '' };
      ctx.secret(field('password'), `${label}: basic password`, (value) => (auth.password = value));
      return auth;
    }
    case 'bearer': {
      const prefix = text(raw.prefix).trim();
      if (prefix && prefix.toLowerCase() !== 'bearer')
        ctx.warn(`${where}: bearer prefix "${prefix.slice(0, 40)}" is not supported; Signet sends "Bearer"`);
      const auth = { type: 'bearer' as const, token: '' };
      ctx.secret(field('token'), `${label}: bearer token`, (value) => (auth.token = value));
      return auth;
    }
    case 'apikey': {
      const addTo = text(raw.addTo);
      if (addTo === 'cookie') return keepUnsupported(raw, type, where, ctx);
      const auth = {
        type: 'apikey' as const,
        key: field('key', LIMITS.headerName),
        value: '',
        in: addTo === 'queryParams' ? ('query' as const) : ('header' as const),
      };
      ctx.secret(field('value'), `${label}: API key`, (value) => (auth.value = value));
      return auth;
    }
    default:
      return keepUnsupported(raw, type, where, ctx);
  }
}
