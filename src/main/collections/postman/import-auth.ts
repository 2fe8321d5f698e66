/** Postman `auth` blocks (v2.1 arrays and v2.0 objects) into Signet's Auth. */
import { LIMITS, type Auth } from '../../../shared/model';
import { ImportContext, isRecord, shallowEnough, text, truthy } from '../import/context';

/** Postman's awsv4 default when the region is left empty. */
const POSTMAN_DEFAULT_REGION = 'us-east-1';

/**
 * The parameters of one auth type. v2.1 writes `[{ key, value, type }]`, v2.0 a plain
 * object; both are read, later duplicates winning as Postman's own SDK does.
 */
function authParams(auth: Record<string, unknown>, type: string): Map<string, unknown> {
  const params = new Map<string, unknown>();
  const section = Object.prototype.hasOwnProperty.call(auth, type) ? auth[type] : undefined;
  if (Array.isArray(section)) {
    for (const entry of section) {
      if (isRecord(entry) && typeof entry.key === 'string') params.set(entry.key, entry.value);
    }
  } else if (isRecord(section)) {
    for (const [key, value] of Object.entries(section)) params.set(key, value);
  }
  return params;
}

/** Parameter names of other auth types (oauth, ntlm, digest, hawk, ...) that hold secrets. */
const SECRET_PARAM = /password|secret|token|authkey|privatekey|clienttoken/i;

/**
 * A copy of an unsupported auth block whose secret-looking parameters point to the
 * SecretStore, so that a collection file never holds them in plain text.
 */
function withSecretsStored(raw: Record<string, unknown>, type: string, label: string, ctx: ImportContext): unknown {
  const copy = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  const section = copy[type];
  const entries: Array<{ key: string; holder: Record<string, unknown>; field: string }> = [];
  if (Array.isArray(section)) {
    for (const entry of section)
      if (isRecord(entry) && typeof entry.key === 'string')
        entries.push({ key: entry.key, holder: entry, field: 'value' });
  } else if (isRecord(section)) {
    for (const key of Object.keys(section)) entries.push({ key, holder: section, field: key });
  }
  for (const { key, holder, field } of entries) {
    const value = holder[field];
    if (typeof value === 'string' && SECRET_PARAM.test(key))
      ctx.secret(value, `${label}: ${type} ${key}`, (stored) => (holder[field] = stored));
  }
  return copy;
}

/**
 * Converts one `auth` value. Absent or null means inherit (Postman's rule); `noauth`
 * stops inheritance; types Signet does not run are kept verbatim for export, with a warning.
 */
export function importAuth(raw: unknown, where: string, ctx: ImportContext): Auth {
  if (raw === undefined || raw === null) return { type: 'inherit' };
  if (!isRecord(raw) || typeof raw.type !== 'string') {
    ctx.warn(`${where}: auth is not a Postman auth object; it inherits instead`);
    return { type: 'inherit' };
  }
  const params = authParams(raw, raw.type);
  const field = (key: string, max: number = LIMITS.headerValue): string =>
    ctx.clip(text(params.get(key)), max, `${where}: ${raw.type} ${key}`);
  const label = `${ctx.sourceName} › ${where}`;

  switch (raw.type) {
    case 'noauth':
      return { type: 'none' };
    case 'inherit':
      return { type: 'inherit' };
    case 'awsv4': {
      const source = { kind: 'keys' as const, accessKeyId: field('accessKey'), secretAccessKey: '', sessionToken: '' };
      ctx.secret(field('secretKey'), `${label}: AWS secret key`, (value) => (source.secretAccessKey = value));
      ctx.secret(field('sessionToken'), `${label}: AWS session token`, (value) => (source.sessionToken = value));
      return {
        type: 'awsv4',
        source,
        region: field('region', 64) || POSTMAN_DEFAULT_REGION,
        service: field('service', 64),
        addAuthDataTo: truthy(params.get('addAuthDataToQuery')) ? 'query' : 'headers',
        expiresSeconds: 900,
      };
    }
    case 'basic': {
      const auth = { type: 'basic' as const, username: field('username'), password: '' };
      ctx.secret(field('password'), `${label}: basic password`, (value) => (auth.password = value));
      return auth;
    }
    case 'bearer': {
      const auth = { type: 'bearer' as const, token: '' };
      ctx.secret(field('token'), `${label}: bearer token`, (value) => (auth.token = value));
      return auth;
    }
    case 'apikey': {
      const auth = {
        type: 'apikey' as const,
        key: field('key', LIMITS.headerName),
        value: '',
        in: text(params.get('in')) === 'query' ? ('query' as const) : ('header' as const),
      };
      ctx.secret(field('value'), `${label}: API key`, (value) => (auth.value = value));
      return auth;
    }
    default: {
      const postmanType = ctx.clip(raw.type, LIMITS.name, `${where}: auth type`);
      ctx.warn(
        `${where}: auth type "${postmanType}" is not supported by Signet; kept for export but not applied when sending`,
      );
      if (!shallowEnough(raw)) {
        ctx.warn(`${where}: ${postmanType} auth settings nest too deeply and were dropped`);
        return { type: 'unsupported', postmanType, raw: { type: postmanType } };
      }
      return { type: 'unsupported', postmanType, raw: withSecretsStored(raw, raw.type, label, ctx) };
    }
  }
}
