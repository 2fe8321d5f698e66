/** One Postman request item (v2.0 or v2.1) into Signet's RequestItem. */
import { randomUUID } from 'node:crypto';
import { LIMITS, type Body, type FormField, type KeyValue, type QueryParam } from '../../../shared/model';
import { splitQuery, storedQuery } from '../../../shared/query';
import type { RequestItem } from '../../../shared/collection';
import { importAuth } from './import-auth';
import { ImportContext, descriptionText, importMethod, isRecord, text } from '../import/context';
import { CHECK_LIMITS, type Check } from '../../../shared/checks';
import { scriptToChecks } from './test-scripts';

/** `options.raw.language` as Postman writes it, and the Content-Type Postman sends for it. */
export const RAW_LANGUAGE_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  javascript: 'application/javascript',
  html: 'text/html',
  xml: 'application/xml',
  text: 'text/plain',
};

/**
 * Key/value rows (headers, variables, urlencoded fields). Postman marks a row off with
 * `disabled: true` (v2.1) or `enabled: false` (v2.0); anything else counts as on.
 */
export function importRows(
  value: unknown,
  what: string,
  ctx: ImportContext,
  max: number = LIMITS.rows,
  { variables = false }: { readonly variables?: boolean } = {},
): KeyValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.warn(`${what}: expected a list; ignored`);
    return [];
  }
  const rows: KeyValue[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) continue;
    if (rows.length >= max) {
      ctx.warn(`${what}: more than ${max} rows; the rest were dropped`);
      break;
    }
    const row: KeyValue = {
      key: ctx.clip(text(entry.key ?? entry.id), LIMITS.headerName, `${what} name`),
      value: ctx.clip(text(entry.value), LIMITS.headerValue, `${what} "${text(entry.key).slice(0, 40)}"`),
      enabled: entry.disabled !== true && entry.enabled !== false,
    };
    const description = descriptionText(entry.description);
    if (description) row.description = ctx.clip(description, LIMITS.text, `${what} description`);
    // Variables Postman marks secret go to main's store like environment secrets, never into the workspace file.
    if (variables && entry.type === 'secret') {
      row.secret = true;
      const plain = row.value;
      row.value = '';
      ctx.secret(plain, `${ctx.sourceName} › ${what}: ${row.key.slice(0, 64)}`, (stored) => (row.value = stored));
    }
    rows.push(row);
  }
  return rows;
}

/** v2.0 also allows headers as one `Name: value` per line. */
function importHeaders(value: unknown, where: string, ctx: ImportContext): KeyValue[] {
  if (typeof value !== 'string') return importRows(value, `${where}: header`, ctx);
  const rows = value
    .split(/\r?\n/)
    .filter((line) => line.includes(':'))
    .map((line) => ({ key: line.slice(0, line.indexOf(':')).trim(), value: line.slice(line.indexOf(':') + 1).trim() }));
  return importRows(rows, `${where}: header`, ctx);
}

interface ImportedUrl {
  readonly url: string;
  /** Query rows worth keeping beside the URL: some switched off or described. */
  readonly query?: QueryParam[];
  readonly urlVariables: KeyValue[];
}

/** A row Postman marks off: `disabled: true` (v2.1), or `enabled: false` as some v2.0 writers have it. */
const isOff = (row: Record<string, unknown>): boolean => row.disabled === true || row.enabled === false;

/**
 * Postman's query list: the enabled parameters make the URL's query, as newman builds it (it reads the
 * parts, not `raw`); switched-off ones and descriptions are kept as rows. `raw` is kept as written
 * when its query already says the same.
 */
function importQuery(url: string, list: Array<Record<string, unknown>>, where: string, ctx: ImportContext) {
  const params = list.slice(0, LIMITS.rows);
  if (list.length > LIMITS.rows) ctx.warn(`${where}: more than ${LIMITS.rows} query parameters; the rest were dropped`);
  const rows: QueryParam[] = params.map((param) => {
    const description = descriptionText(param.description);
    return {
      key: ctx.clip(text(param.key), LIMITS.url, `${where}: query parameter name`),
      value: ctx.clip(text(param.value), LIMITS.url, `${where}: query parameter value`),
      ...(description ? { description: ctx.clip(description, LIMITS.text, `${where}: query description`) } : {}),
      ...(isOff(param) ? { disabled: true } : {}),
    };
  });
  const { base, pairs, hash } = splitQuery(url);
  const enabled = params.filter((param) => !isOff(param));
  const search = enabled
    .map((param) =>
      param.value === null || param.value === undefined ? text(param.key) : `${text(param.key)}=${text(param.value)}`,
    )
    .join('&');
  const sameAsRaw =
    pairs.length === enabled.length &&
    pairs.every((pair, i) => pair.key === text(enabled[i]!.key) && pair.value === text(enabled[i]!.value));
  const rebuilt = sameAsRaw ? url : `${base}${search ? `?${search}` : ''}${hash}`;
  return { url: rebuilt, query: storedQuery(rows) };
}

/** A URL string, or the object form `{ raw, protocol, host, port, path, query, hash, variable }`. */
function importUrl(value: unknown, where: string, ctx: ImportContext): ImportedUrl {
  if (typeof value === 'string') return { url: ctx.clip(value, LIMITS.url, `${where}: URL`), urlVariables: [] };
  if (value === undefined || value === null) return { url: '', urlVariables: [] };
  if (!isRecord(value)) {
    ctx.warn(`${where}: URL is neither text nor a Postman URL object; left empty`);
    return { url: '', urlVariables: [] };
  }
  const list = Array.isArray(value.query) ? value.query.filter(isRecord) : [];
  let url = text(value.raw) || buildUrl(value);
  let query: QueryParam[] | undefined;
  if (list.length > 0) ({ url, query } = importQuery(url, list, where, ctx));
  return {
    url: ctx.clip(url, LIMITS.url, `${where}: URL`),
    ...(query ? { query } : {}),
    urlVariables: importRows(value.variable, `${where}: path variable`, ctx),
  };
}

/** Postman writes `raw` in every export; older tools only the parts. */
function buildUrl(url: Record<string, unknown>): string {
  const host = Array.isArray(url.host) ? url.host.map(text).join('.') : text(url.host);
  const path = Array.isArray(url.path)
    ? url.path.map((p) => (isRecord(p) ? text(p.value) : text(p))).join('/')
    : text(url.path);
  const protocol = text(url.protocol);
  const port = text(url.port);
  const hash = text(url.hash);
  return `${protocol ? `${protocol}://` : ''}${host}${port ? `:${port}` : ''}${path ? `/${path.replace(/^\//, '')}` : ''}${hash ? `#${hash}` : ''}`;
}

function importFormData(value: unknown, where: string, ctx: ImportContext): FormField[] {
  const fields: FormField[] = [];
  for (const entry of Array.isArray(value) ? value : []) {
    if (!isRecord(entry)) continue;
    if (fields.length >= LIMITS.rows) {
      ctx.warn(`${where}: more than ${LIMITS.rows} form fields; the rest were dropped`);
      break;
    }
    const isFile = entry.type === 'file';
    let fieldValue = text(entry.value);
    if (isFile) {
      const sources = Array.isArray(entry.src) ? entry.src.map(text) : [text(entry.src)];
      if (sources.length > 1)
        ctx.warn(
          `${where}: form field "${text(entry.key).slice(0, 64)}" attaches ${sources.length} files; only the first is kept`,
        );
      fieldValue = sources[0] ?? '';
    }
    const field: FormField = {
      key: ctx.clip(text(entry.key), LIMITS.headerName, `${where}: form field name`),
      enabled: entry.disabled !== true && entry.enabled !== false,
      kind: isFile ? 'file' : 'text',
      value: ctx.clip(fieldValue, isFile ? LIMITS.filePath : LIMITS.headerValue, `${where}: form field value`),
    };
    if (typeof entry.contentType === 'string' && entry.contentType)
      field.contentType = ctx.clip(entry.contentType, LIMITS.headerName, `${where}: form field type`);
    fields.push(field);
  }
  return fields;
}

/** Every Postman body mode; unknown modes are dropped with a warning rather than failing the file. */
function importBody(value: unknown, where: string, ctx: ImportContext): Body {
  if (value === undefined || value === null) return { mode: 'none' };
  if (!isRecord(value)) {
    ctx.warn(`${where}: body is not a Postman body object; dropped`);
    return { mode: 'none' };
  }
  const mode = text(value.mode);
  switch (mode) {
    case '':
      return { mode: 'none' };
    case 'raw': {
      const options = isRecord(value.options) && isRecord(value.options.raw) ? value.options.raw : {};
      const language = text(options.language);
      return {
        mode: 'raw',
        text: ctx.clip(text(value.raw), LIMITS.rawBody, `${where}: body`),
        contentType: RAW_LANGUAGE_TYPES[language] ?? 'text/plain',
      };
    }
    case 'urlencoded':
      return { mode: 'urlencoded', fields: importRows(value.urlencoded, `${where}: urlencoded field`, ctx) };
    case 'formdata':
      return { mode: 'formdata', fields: importFormData(value.formdata, where, ctx) };
    case 'file': {
      const file = isRecord(value.file) ? value.file : {};
      return { mode: 'binary', filePath: ctx.clip(text(file.src), LIMITS.filePath, `${where}: body file`) };
    }
    case 'graphql': {
      const graphql = isRecord(value.graphql) ? value.graphql : {};
      const variables =
        typeof graphql.variables === 'string' || graphql.variables === undefined
          ? text(graphql.variables)
          : safeJson(graphql.variables);
      return {
        mode: 'graphql',
        query: ctx.clip(text(graphql.query), LIMITS.text, `${where}: GraphQL query`),
        variables: ctx.clip(variables, LIMITS.text, `${where}: GraphQL variables`),
      };
    }
    default:
      ctx.warn(`${where}: body mode "${mode.slice(0, 64)}" is not supported; body dropped`);
      return { mode: 'none' };
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Converts a request item; `where` names it in warnings (folder path and name). */
export function importRequestItem(item: Record<string, unknown>, where: string, ctx: ImportContext): RequestItem {
  const id = randomUUID();
  let raw: Record<string, unknown>;
  if (typeof item.request === 'string') raw = { url: item.request, method: 'GET' };
  else if (isRecord(item.request)) raw = item.request;
  else {
    ctx.warn(`${where}: item has no request; imported as an empty GET`);
    raw = { method: 'GET' };
  }
  const { url, query, urlVariables } = importUrl(raw.url, where, ctx);
  const description = descriptionText(raw.description) || descriptionText(item.description);
  return {
    type: 'request',
    id,
    request: {
      id,
      name: ctx.clip(text(item.name), LIMITS.name, `${where}: name`),
      method: importMethod(raw.method, where, ctx),
      url,
      ...(query ? { query } : {}),
      headers: importHeaders(raw.header, where, ctx),
      body: importBody(raw.body, where, ctx),
      auth: importAuth(raw.auth, where, ctx),
      ...(description ? { description: ctx.clip(description, LIMITS.text, `${where}: description`) } : {}),
      timeoutMs: 30_000,
      ...importTestScript(item.event, where, ctx),
    },
    ...(urlVariables.length > 0 ? { urlVariables } : {}),
  };
}

/** Most statements named in one request's "not converted" warning. */
const NAMED_UNCONVERTED = 3;

/**
 * The request's test script as checks. What does not convert is named in one warning: Signet
 * runs no JavaScript, so it is left out rather than run.
 */
function importTestScript(events: unknown, where: string, ctx: ImportContext): { checks?: Check[] } {
  if (!Array.isArray(events)) return {};
  const checks: Check[] = [];
  const unconverted: string[] = [];
  for (const event of events) {
    if (!isRecord(event) || event.listen !== 'test' || !isRecord(event.script)) continue;
    const exec = event.script.exec;
    const script = Array.isArray(exec) ? exec.map(text).join('\n') : text(exec);
    if (script.trim() === '') continue;
    const converted = scriptToChecks(script.slice(0, LIMITS.text));
    checks.push(...converted.checks);
    unconverted.push(...converted.unconverted);
  }
  if (unconverted.length > 0) {
    const named = unconverted.slice(0, NAMED_UNCONVERTED).join('; ');
    const more = unconverted.length > NAMED_UNCONVERTED ? ` and ${unconverted.length - NAMED_UNCONVERTED} more` : '';
    ctx.warn(
      `${where}: test script: ${unconverted.length} statement${unconverted.length > 1 ? 's' : ''} not converted to checks (Signet runs no scripts): ${named}${more}`,
    );
  }
  return checks.length > 0 ? { checks: checks.slice(0, CHECK_LIMITS.perRequest) } : {};
}
