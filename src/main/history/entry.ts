/**
 * What one send leaves in history, scrubbed before it is written: the request as written
 * keeps only `secret:` references and `{{variables}}` where a secret would be, the request
 * as sent has its signature, token and cookies redacted, and every secret the send
 * resolved (in every encoded form) is replaced wherever it still appears.
 */
import { randomUUID } from 'node:crypto';
import type { HistoryEntry } from '../../shared/api/history';
import type { SentRequestView } from '../../shared/api/http';
import type { Auth, Body, KeyValue, RequestSpec } from '../../shared/model';
import type { FailureCode } from '../../shared/result';
import { isSecretRef } from '../../shared/secret-ref';
import type { Redactions } from '../core/scrub';
import type { SendRecord } from '../http/send';
import { redactHeaders, redactUrl } from '../signing';

const REDACTED = '[redacted]';

/** Headers whose value is a credential whatever the auth type. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-amz-security-token',
  'cookie',
  'x-api-key',
]);

/** Largest body text kept; a larger body is left out (the reopened request says so). */
export const MAX_KEPT_BODY_CHARS = 64 * 1024;

const withoutTemplates = (value: string) => value.replace(/\{\{[^{}]*\}\}/g, '');

/** A secret field as written: a reference or a `{{variable}}` is kept, a secret typed in clear is not. */
function keptSecret(value: string): string {
  return isSecretRef(value) || withoutTemplates(value).trim() === '' ? value : '';
}

/** A credential header as written: kept when empty, a reference, `{{variable}}` or `Scheme {{variable}}`. */
function keptHeaderValue(name: string, value: string): string {
  if (!SENSITIVE_HEADERS.has(name.toLowerCase()) || isSecretRef(value) || value.trim() === '') return value;
  const rest = withoutTemplates(value);
  return rest !== value && /^\s*(?:[A-Za-z][\w-]*\s+)?$/.test(rest) ? value : REDACTED;
}

/** A URL without a password in its user info, and with any presigned signature or token redacted. */
export function scrubUrl(url: string): string {
  const userInfo = /^([a-z][a-z0-9+.-]*:\/\/[^/@?#:]*:)([^/@?#]*)@/i.exec(url);
  const withoutPassword =
    userInfo && withoutTemplates(userInfo[2]!) !== ''
      ? `${userInfo[1]}${encodeURIComponent(REDACTED)}@${url.slice(userInfo[0].length)}`
      : url;
  return redactUrl(withoutPassword);
}

function scrubAuth(auth: Auth): Auth {
  switch (auth.type) {
    case 'awsv4':
      return auth.source.kind === 'keys'
        ? {
            ...auth,
            source: {
              ...auth.source,
              secretAccessKey: keptSecret(auth.source.secretAccessKey),
              sessionToken: keptSecret(auth.source.sessionToken),
            },
          }
        : auth;
    case 'basic':
      return { ...auth, password: keptSecret(auth.password) };
    case 'bearer':
      return { ...auth, token: keptSecret(auth.token) };
    case 'apikey':
      return { ...auth, value: keptSecret(auth.value) };
    case 'unsupported':
      // Kept verbatim for export elsewhere; here it could hold another scheme's tokens.
      return { ...auth, raw: null };
    default:
      return auth;
  }
}

function bodyChars(body: Body): number {
  switch (body.mode) {
    case 'raw':
      return body.text.length;
    case 'graphql':
      return body.query.length + body.variables.length;
    case 'urlencoded':
    case 'formdata':
      return body.fields.reduce((sum, f) => sum + f.key.length + f.value.length, 0);
    default:
      return 0;
  }
}

/** The body kept, or an empty one of the same kind when it is too large to keep. */
function keptBody(body: Body): { body: Body; omitted: boolean } {
  if (bodyChars(body) <= MAX_KEPT_BODY_CHARS) return { body, omitted: false };
  switch (body.mode) {
    case 'raw':
      return { body: { ...body, text: '' }, omitted: true };
    case 'graphql':
      return { body: { ...body, query: '', variables: '' }, omitted: true };
    case 'urlencoded':
    case 'formdata':
      return { body: { ...body, fields: [] }, omitted: true };
    default:
      return { body, omitted: false };
  }
}

/** The request as written, with no secret in clear and no oversized body. */
export function scrubRequest(request: RequestSpec): { request: RequestSpec; bodyOmitted: boolean } {
  const headers: KeyValue[] = request.headers.map((h) => ({ ...h, value: keptHeaderValue(h.key, h.value) }));
  const { body, omitted } = keptBody(request.body);
  return {
    request: { ...request, url: scrubUrl(request.url), headers, body, auth: scrubAuth(request.auth) },
    bodyOmitted: omitted,
  };
}

/** The request as sent, with Authorization's signature, the token and cookies redacted. */
export function scrubSent(sent: SentRequestView): SentRequestView {
  const headers = sent.headers.map(([name, value]): [string, string] => {
    const lower = name.toLowerCase();
    // The send pipeline already redacted Authorization (a SigV4 one keeps its scope); others go whole.
    if (lower === 'authorization' && value.endsWith(REDACTED)) return [name, value];
    if (lower === 'authorization' || lower === 'proxy-authorization') return redactHeaders([[name, value]])[0]!;
    return SENSITIVE_HEADERS.has(lower) ? [name, REDACTED] : [name, value];
  });
  return { ...sent, url: scrubUrl(sent.url), headers };
}

/** Everything a history entry is made from, whichever pipeline sent it. */
export interface SendFacts {
  readonly at: Date;
  readonly request: RequestSpec;
  readonly context?: HistoryEntry['context'];
  readonly authKind: string;
  readonly source: HistoryEntry['source'];
  readonly sent?: SentRequestView;
  readonly status?: number;
  readonly failure?: FailureCode;
  readonly message?: string;
  readonly ms: number;
  readonly sizeBytes: number;
  /** Set when the body was not kept for another reason (binary bytes, a streamed file). */
  readonly bodyOmitted?: boolean;
  /** The secrets the send resolved; replaced wherever they appear in the entry. */
  readonly redactions: readonly Redactions[];
}

/** A history entry, scrubbed, ready to be written. */
export function historyEntry(facts: SendFacts): HistoryEntry {
  const scrubbed = scrubRequest(facts.request);
  const { request } = scrubbed;
  const bodyOmitted = scrubbed.bodyOmitted || facts.bodyOmitted === true;
  const sent = facts.sent ? scrubSent(facts.sent) : undefined;
  const context = Object.fromEntries(
    Object.entries(facts.context ?? {}).filter(([, value]) => typeof value === 'string' && value !== ''),
  );
  let entry: HistoryEntry = {
    id: randomUUID(),
    at: facts.at.toISOString(),
    method: request.method,
    url: sent?.url ?? request.url,
    name: request.name,
    authKind: facts.authKind,
    ...(facts.status !== undefined ? { status: facts.status } : {}),
    ...(facts.failure ? { failure: facts.failure } : {}),
    ms: Math.max(0, Math.round(facts.ms)),
    sizeBytes: facts.sizeBytes,
    source: facts.source,
    request,
    context,
    ...(sent ? { sent } : {}),
    ...(facts.message ? { message: facts.message } : {}),
    ...(bodyOmitted ? { bodyOmitted } : {}),
  };
  for (const redactions of facts.redactions) entry = redactions.apply(entry);
  return entry;
}

/** The entry for a send made by the app's send pipeline. */
export function historyEntryFromSend(record: SendRecord): HistoryEntry {
  const { input, outcome } = record;
  const response = outcome.ok ? outcome.value.response : undefined;
  return historyEntry({
    at: record.startedAt,
    request: input.request,
    context: input.context,
    authKind: record.authKind,
    source: 'app',
    ...(outcome.ok ? { sent: outcome.value.sent, status: outcome.value.response.status } : {}),
    ...(outcome.ok ? {} : { failure: outcome.error.code, message: outcome.error.message }),
    ms: response?.timeMs ?? record.elapsedMs,
    sizeBytes: response?.sizeBytes ?? 0,
    redactions: record.redactions,
  });
}
