/** One Insomnia request (v4 resource or v5 collection entry; both use the same fields) into Signet's RequestItem. */
import { randomUUID } from 'node:crypto';
import { LIMITS, type Body, type FormField, type KeyValue, type QueryParam } from '../../../shared/model';
import { splitQuery, storedQuery } from '../../../shared/query';
import type { RequestItem } from '../../../shared/collection';
import { ImportContext, importMethod, isRecord, text } from '../import/context';
import { importInsomniaAuth } from './insomnia-auth';
import { convertTemplates, hasTemplateTag } from './insomnia-templates';

/** Insomnia's `[{ name, value, disabled }]` rows (headers, form fields, query parameters). */
export function importPairs(value: unknown, what: string, ctx: ImportContext): KeyValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.warn(`${what}: expected a list; ignored`);
    return [];
  }
  const rows: KeyValue[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) continue;
    if (rows.length >= LIMITS.rows) {
      ctx.warn(`${what}: more than ${LIMITS.rows} rows; the rest were dropped`);
      break;
    }
    const name = text(entry.name);
    const row: KeyValue = {
      key: convertTemplates(ctx.clip(name, LIMITS.headerName, `${what} name`)),
      value: convertTemplates(ctx.clip(text(entry.value), LIMITS.headerValue, `${what} "${name.slice(0, 40)}"`)),
      enabled: entry.disabled !== true,
    };
    const description = text(entry.description);
    if (description) row.description = ctx.clip(description, LIMITS.text, `${what} description`);
    rows.push(row);
  }
  return rows;
}

/**
 * Insomnia sends `parameters` as the query string after the URL's own; Signet puts the enabled ones in the
 * URL and keeps switched-off ones and descriptions as query rows.
 */
function importUrl(
  raw: Record<string, unknown>,
  where: string,
  ctx: ImportContext,
): { url: string; query?: QueryParam[] } {
  let url = convertTemplates(text(raw.url));
  const params = importPairs(raw.parameters, `${where}: query parameter`, ctx).filter((param) => param.key !== '');
  const own = splitQuery(url).pairs.map(({ key, value }): QueryParam => ({ key, value }));
  const search = params
    .filter((param) => param.enabled)
    .map((param) => (param.value === '' ? param.key : `${param.key}=${param.value}`))
    .join('&');
  if (search) url += `${url.includes('?') ? '&' : '?'}${search}`;
  if (hasTemplateTag(url)) ctx.warn(`${where}: the URL uses an Insomnia template tag ({% … %}) that Signet cannot run`);
  const query = storedQuery([
    ...own,
    ...params.map((param): QueryParam => ({
      key: param.key.slice(0, LIMITS.url),
      value: param.value.slice(0, LIMITS.url),
      ...(param.description ? { description: param.description } : {}),
      ...(param.enabled ? {} : { disabled: true }),
    })),
  ]);
  return { url: ctx.clip(url, LIMITS.url, `${where}: URL`), ...(query ? { query } : {}) };
}

function importFormFields(value: unknown, where: string, ctx: ImportContext): FormField[] {
  const fields: FormField[] = [];
  for (const entry of Array.isArray(value) ? value : []) {
    if (!isRecord(entry)) continue;
    if (fields.length >= LIMITS.rows) {
      ctx.warn(`${where}: more than ${LIMITS.rows} form fields; the rest were dropped`);
      break;
    }
    const isFile = entry.type === 'file';
    // A file field holds the path as exported; it shows as "not chosen yet" until the file exists here.
    const field: FormField = {
      key: convertTemplates(ctx.clip(text(entry.name), LIMITS.headerName, `${where}: form field name`)),
      enabled: entry.disabled !== true,
      kind: isFile ? 'file' : 'text',
      value: isFile
        ? ctx.clip(text(entry.fileName), LIMITS.filePath, `${where}: form file`)
        : convertTemplates(ctx.clip(text(entry.value), LIMITS.headerValue, `${where}: form field value`)),
    };
    const type = text(entry.contentType);
    if (type) field.contentType = ctx.clip(type, LIMITS.headerName, `${where}: form field type`);
    fields.push(field);
  }
  return fields;
}

/** Insomnia stores a GraphQL body as JSON text `{ "query": …, "variables": … }`. */
function importGraphql(bodyText: string, where: string, ctx: ImportContext): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    ctx.warn(`${where}: GraphQL body is not Insomnia's JSON form; kept as the query text`);
    return { mode: 'graphql', query: ctx.clip(bodyText, LIMITS.text, `${where}: GraphQL query`), variables: '' };
  }
  let variables = '';
  if (typeof parsed.variables === 'string') variables = parsed.variables;
  else if (parsed.variables !== undefined && parsed.variables !== null)
    variables = JSON.stringify(parsed.variables, null, 2) ?? '';
  return {
    mode: 'graphql',
    query: ctx.clip(text(parsed.query), LIMITS.text, `${where}: GraphQL query`),
    variables: ctx.clip(variables, LIMITS.text, `${where}: GraphQL variables`),
  };
}

/** Insomnia's body is chosen by `mimeType`; anything with text and another type is a raw body of that type. */
function importBody(value: unknown, where: string, ctx: ImportContext): Body {
  if (value === undefined || value === null) return { mode: 'none' };
  if (!isRecord(value)) {
    ctx.warn(`${where}: body is not an Insomnia body object; dropped`);
    return { mode: 'none' };
  }
  const mimeType = text(value.mimeType).trim();
  const bodyText = text(value.text);
  switch (mimeType.toLowerCase().split(';')[0]) {
    case 'application/x-www-form-urlencoded':
      return { mode: 'urlencoded', fields: importPairs(value.params, `${where}: urlencoded field`, ctx) };
    case 'multipart/form-data':
      return { mode: 'formdata', fields: importFormFields(value.params, where, ctx) };
    case 'application/graphql':
      return importGraphql(bodyText, where, ctx);
    case 'application/octet-stream':
      return { mode: 'binary', filePath: ctx.clip(text(value.fileName), LIMITS.filePath, `${where}: body file`) };
    default:
      if (bodyText === '' && mimeType === '') return { mode: 'none' };
      return {
        mode: 'raw',
        text: convertTemplates(ctx.clip(bodyText, LIMITS.rawBody, `${where}: body`)),
        contentType: ctx.clip(mimeType || 'text/plain', LIMITS.headerName, `${where}: body type`),
      };
  }
}

/** The description of a v4 resource, or of a v5 entry (which keeps it under `meta`). */
export function insomniaDescription(raw: Record<string, unknown>): string {
  return text(raw.description) || (isRecord(raw.meta) ? text(raw.meta.description) : '');
}

/** Converts a request; `where` names it in warnings (folder path and name). */
export function importInsomniaRequest(raw: Record<string, unknown>, where: string, ctx: ImportContext): RequestItem {
  const id = randomUUID();
  const description = insomniaDescription(raw);
  const headers = importPairs(raw.headers, `${where}: header`, ctx);
  if (headers.some((header) => hasTemplateTag(header.value)))
    ctx.warn(`${where}: a header uses an Insomnia template tag ({% … %}) that Signet cannot run`);
  return {
    type: 'request',
    id,
    request: {
      id,
      name: ctx.clip(text(raw.name), LIMITS.name, `${where}: name`),
      method: importMethod(raw.method, where, ctx),
      ...importUrl(raw, where, ctx),
      headers,
      body: importBody(raw.body, where, ctx),
      auth: importInsomniaAuth(raw.authentication, where, ctx),
      ...(description ? { description: ctx.clip(description, LIMITS.text, `${where}: description`) } : {}),
      timeoutMs: 30_000,
    },
  };
}
