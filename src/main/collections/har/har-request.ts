/** One HAR 1.2 entry's request into Signet's RequestSpec. */
import { randomUUID } from 'node:crypto';
import { LIMITS, type Auth, type Body, type FormField, type KeyValue, type RequestSpec } from '../../../shared/model';
import { ImportContext, importMethod, isRecord, text } from '../import/context';
import { headerAuth } from '../import/header-auth';
import {
  SIGNATURE_HEADERS,
  capturedAwsAuth,
  isSigv4Authorization,
  presignedUrl,
  sigv4HeaderScope,
} from '../import/sigv4-capture';

/** Headers the browser or the HTTP stack computes; sending them again from Signet would be wrong. */
const COMPUTED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

function decodeForm(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** `a=1&b=2` into rows, decoded. */
export function formRows(body: string, where: string, ctx: ImportContext): KeyValue[] {
  const rows: KeyValue[] = [];
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    if (rows.length >= LIMITS.rows) {
      ctx.warn(`${where}: more than ${LIMITS.rows} form fields; the rest were dropped`);
      break;
    }
    const at = pair.indexOf('=');
    rows.push({
      key: ctx.clip(decodeForm(at < 0 ? pair : pair.slice(0, at)), LIMITS.headerName, `${where}: form field name`),
      value: ctx.clip(at < 0 ? '' : decodeForm(pair.slice(at + 1)), LIMITS.headerValue, `${where}: form field value`),
      enabled: true,
    });
  }
  return rows;
}

function importBody(postData: unknown, where: string, ctx: ImportContext): Body {
  if (!isRecord(postData)) return { mode: 'none' };
  const mimeType = text(postData.mimeType).trim();
  const bodyText = text(postData.text);
  const params = Array.isArray(postData.params) ? postData.params.filter(isRecord) : [];
  const essence = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (essence === 'application/x-www-form-urlencoded') {
    if (bodyText !== '' || params.length === 0) return { mode: 'urlencoded', fields: formRows(bodyText, where, ctx) };
    return {
      mode: 'urlencoded',
      fields: params.slice(0, LIMITS.rows).map((param) => ({
        key: ctx.clip(text(param.name), LIMITS.headerName, `${where}: form field name`),
        value: ctx.clip(text(param.value), LIMITS.headerValue, `${where}: form field value`),
        enabled: true,
      })),
    };
  }
  if (essence === 'multipart/form-data' && params.length > 0) {
    const fields: FormField[] = [];
    for (const param of params.slice(0, LIMITS.rows)) {
      const key = ctx.clip(text(param.name), LIMITS.headerName, `${where}: form field name`);
      if (param.fileName !== undefined) {
        // A capture names the file but not where it is on this machine: the field waits for a file to be chosen.
        ctx.warn(
          `${where}: form field "${key.slice(0, 64)}" attached "${text(param.fileName).slice(0, 120)}"; choose the file again`,
        );
        const field: FormField = { key, enabled: true, kind: 'file', value: '' };
        const type = text(param.contentType);
        if (type) field.contentType = ctx.clip(type, LIMITS.headerName, `${where}: form field type`);
        fields.push(field);
      } else {
        fields.push({
          key,
          enabled: true,
          kind: 'text',
          value: ctx.clip(text(param.value), LIMITS.headerValue, `${where}: form field value`),
        });
      }
    }
    return { mode: 'formdata', fields };
  }
  if (bodyText === '' && mimeType === '') return { mode: 'none' };
  return {
    mode: 'raw',
    text: ctx.clip(bodyText, LIMITS.rawBody, `${where}: body`),
    contentType: ctx.clip(mimeType || 'text/plain', LIMITS.headerName, `${where}: body type`),
  };
}

/** A request name from its method and path, the way a capture is read in DevTools. */
function requestName(method: string, url: string): string {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? url;
  return `${method} ${path || '/'}`.slice(0, LIMITS.name);
}

/** Converts one entry's `request`; never throws on odd values. */
export function importHarRequest(raw: Record<string, unknown>, where: string, ctx: ImportContext): RequestSpec {
  const method = importMethod(raw.method, where, ctx);
  let url = ctx.clip(text(raw.url), LIMITS.url, `${where}: URL`);
  let auth: Auth = { type: 'none' };
  const presigned = presignedUrl(url);
  if (presigned) {
    url = presigned.url;
    auth = capturedAwsAuth(presigned.scope, {
      addAuthDataTo: 'query',
      ...(presigned.expiresSeconds === undefined ? {} : { expiresSeconds: presigned.expiresSeconds }),
    });
    if (!presigned.scope)
      ctx.warn(`${where}: presigned URL without a readable credential scope; set region and service`);
  }

  const rawHeaders = Array.isArray(raw.headers) ? raw.headers.filter(isRecord) : [];
  const names = new Set(rawHeaders.map((header) => text(header.name).trim().toLowerCase()));
  const authorization = rawHeaders.find((header) => text(header.name).trim().toLowerCase() === 'authorization');
  const authValue = authorization ? text(authorization.value) : '';
  let signedInHeader = false;
  if (authorization && isSigv4Authorization(authValue)) {
    signedInHeader = true;
    const scope = sigv4HeaderScope(authValue);
    if (!scope) ctx.warn(`${where}: AWS Signature header without a readable credential scope; set region and service`);
    auth = capturedAwsAuth(scope, { sessionToken: names.has('x-amz-security-token') });
    const hash = rawHeaders.find((header) => text(header.name).trim().toLowerCase() === 'x-amz-content-sha256');
    if (hash && text(hash.value).trim() === 'UNSIGNED-PAYLOAD') auth = { ...auth, payloadHash: 'unsigned' };
  } else if (authorization) {
    const fromHeader = headerAuth(authValue, `${ctx.sourceName} › ${where}`, ctx);
    if (fromHeader) auth = fromHeader;
    else
      ctx.warn(
        `${where}: Authorization header of an unknown scheme was dropped; nothing secret is kept from a capture`,
      );
  }

  const headers: KeyValue[] = [];
  let cookies = 0;
  for (const header of rawHeaders) {
    const name = text(header.name).trim();
    const lower = name.toLowerCase();
    if (name === '' || name.startsWith(':') || COMPUTED_HEADERS.has(lower) || lower === 'authorization') continue;
    if (lower === 'cookie') {
      cookies += 1;
      continue;
    }
    if (signedInHeader && SIGNATURE_HEADERS.has(lower)) continue;
    if (lower === 'x-amz-security-token') {
      ctx.warn(`${where}: X-Amz-Security-Token header was dropped; nothing secret is kept from a capture`);
      continue;
    }
    if (headers.length >= LIMITS.rows) {
      ctx.warn(`${where}: more than ${LIMITS.rows} headers; the rest were dropped`);
      break;
    }
    headers.push({
      key: ctx.clip(name, LIMITS.headerName, `${where}: header name`),
      value: ctx.clip(text(header.value), LIMITS.headerValue, `${where}: header "${name.slice(0, 40)}"`),
      enabled: true,
    });
  }
  const cookieList = Array.isArray(raw.cookies) ? raw.cookies.length : 0;
  if (cookies > 0 || cookieList > 0)
    ctx.warn(
      `${where}: cookies were dropped; they are the browser's session and Signet keeps no credentials from a capture`,
    );

  const body = importBody(raw.postData, where, ctx);
  // Signet writes the Content-Type of form bodies itself (with a fresh multipart boundary).
  const keptHeaders =
    body.mode === 'formdata' || body.mode === 'urlencoded'
      ? headers.filter((header) => header.key.toLowerCase() !== 'content-type')
      : headers;
  const id = randomUUID();
  return {
    id,
    name: requestName(method, url),
    method,
    url,
    headers: keptHeaders,
    body,
    auth,
    timeoutMs: 30_000,
  };
}
