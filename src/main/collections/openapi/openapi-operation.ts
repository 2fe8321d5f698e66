/**
 * One OpenAPI / Swagger operation into a request: `{{baseUrl}}` + the path with `{param}` as
 * `{{param}}`, required query parameters in the URL as `{{variables}}`, optional ones as switched-off
 * query rows holding their example, header parameters as headers (optional ones switched off), and
 * an example body. Parameter descriptions go with their rows.
 */
import { randomUUID } from 'node:crypto';
import type { RequestItem } from '../../../shared/collection';
import {
  LIMITS,
  type Auth,
  type Body,
  type FormField,
  type HttpMethod,
  type KeyValue,
  type QueryParam,
} from '../../../shared/model';
import { storedQuery } from '../../../shared/query';
import { ImportContext, isRecord, text } from '../import/context';
import { declaredExample, exampleFromSchema, exampleText } from './example-value';
import { follow } from './openapi-document';

/** Headers OpenAPI says to ignore as parameters: the body, accept and auth settings own them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export interface OperationContext {
  readonly doc: Record<string, unknown>;
  readonly swagger: boolean;
  readonly ctx: ImportContext;
  /** Adds a collection variable for a parameter unless one of that name exists (the first value wins). */
  readonly addVariable: (name: string, value: string, description: string) => void;
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly example: string;
  readonly description: string;
  readonly node: Record<string, unknown>;
}

/** A lone UTF-16 surrogate cannot be percent-encoded (encodeURIComponent throws); it becomes U+FFFD. */
function encodeName(name: string): string {
  return encodeURIComponent(
    name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/** A variable name Signet can template: API Gateway's greedy `{proxy+}` becomes `{{proxy}}`. */
function variableName(name: string): string {
  return name.replace(/\+$/, '');
}

function parameterExample(node: Record<string, unknown>, root: Record<string, unknown>): string {
  const own = declaredExample(node) ?? node['x-example'];
  if (own !== undefined) return exampleText(own);
  if (isRecord(node.examples)) {
    const first = follow(root, Object.values(node.examples)[0]);
    if (isRecord(first) && first.value !== undefined) return exampleText(first.value);
  }
  return exampleText(declaredExample(follow(root, node.schema)));
}

/** Path-level then operation-level parameters; the operation's win for the same name and place. */
function parameters(pathItem: Record<string, unknown>, operation: Record<string, unknown>, oc: OperationContext) {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list.slice(0, LIMITS.rows)) {
      const node = follow(oc.doc, raw);
      if (!isRecord(node) || text(node.name) === '') continue;
      const parameter: Parameter = {
        name: text(node.name).slice(0, LIMITS.headerName),
        in: text(node.in),
        required: node.required === true,
        example: oc.ctx.clip(parameterExample(node, oc.doc), LIMITS.headerValue, `parameter ${text(node.name)}`),
        description: text(node.description).slice(0, 500),
        node,
      };
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function jsonBody(value: unknown, contentType: string): Body {
  let json = '';
  try {
    json = value === undefined ? '' : typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '');
  } catch {
    json = '';
  }
  return { mode: 'raw', text: json.slice(0, LIMITS.rawBody), contentType };
}

/** Form fields from an object schema's properties (or Swagger's formData parameters). */
function formFields(schema: unknown, oc: OperationContext): Array<{ key: string; value: string; file: boolean }> {
  const resolved = follow(oc.doc, schema);
  const properties = isRecord(resolved) && isRecord(resolved.properties) ? resolved.properties : {};
  return Object.entries(properties)
    .slice(0, LIMITS.rows)
    .map(([key, property]) => {
      const node = follow(oc.doc, property);
      const file = isRecord(node) && (node.format === 'binary' || node.type === 'file');
      return {
        key: key.slice(0, LIMITS.headerName),
        value: file ? '' : exampleText(exampleFromSchema(oc.doc, node)),
        file,
      };
    });
}

function formBody(fields: Array<{ key: string; value: string; file: boolean }>, multipart: boolean): Body {
  if (!multipart)
    return { mode: 'urlencoded', fields: fields.map(({ key, value }) => ({ key, value, enabled: true })) };
  const formdata: FormField[] = fields.map(({ key, value, file }) => ({
    key,
    value: value.slice(0, LIMITS.headerValue),
    enabled: true,
    kind: file ? 'file' : 'text',
  }));
  return { mode: 'formdata', fields: formdata };
}

/** OpenAPI 3 `requestBody`: JSON preferred, then forms, then whatever comes first. */
function openApiBody(operation: Record<string, unknown>, oc: OperationContext): Body {
  const requestBody = follow(oc.doc, operation.requestBody);
  const content = isRecord(requestBody) && isRecord(requestBody.content) ? requestBody.content : {};
  const types = Object.keys(content);
  const type =
    types.find((name) => /json/i.test(name)) ??
    types.find((name) => /x-www-form-urlencoded|multipart\/form-data/i.test(name)) ??
    types[0];
  if (type === undefined) return { mode: 'none' };
  const media = follow(oc.doc, content[type]);
  if (!isRecord(media)) return { mode: 'none' };
  const contentType = type.slice(0, LIMITS.headerName);
  if (/x-www-form-urlencoded|multipart\/form-data/i.test(type))
    return formBody(formFields(media.schema, oc), /multipart/i.test(type));
  let example: unknown = media.example;
  if (example === undefined && isRecord(media.examples)) {
    const first = follow(oc.doc, Object.values(media.examples)[0]);
    if (isRecord(first)) example = first.value;
  }
  if (example === undefined) example = exampleFromSchema(oc.doc, media.schema);
  if (!/json/i.test(type)) return jsonBody(typeof example === 'string' ? example : undefined, contentType);
  return jsonBody(example, contentType);
}

/** Swagger 2: an `in: body` parameter's schema, or `in: formData` parameters as a form. */
function swaggerBody(operation: Record<string, unknown>, params: Parameter[], oc: OperationContext): Body {
  const consumes = [operation.consumes, oc.doc.consumes].find(Array.isArray)?.map(text) ?? [];
  const body = params.find((parameter) => parameter.in === 'body');
  if (body) {
    const contentType = consumes.find((name) => /json/i.test(name)) ?? 'application/json';
    return jsonBody(exampleFromSchema(oc.doc, body.node.schema), contentType.slice(0, LIMITS.headerName));
  }
  const form = params.filter((parameter) => parameter.in === 'formData');
  if (form.length === 0) return { mode: 'none' };
  const multipart = form.some((p) => p.node.type === 'file') || consumes.some((name) => /multipart/i.test(name));
  return formBody(
    form.map((p) => ({ key: p.name, value: p.example, file: p.node.type === 'file' })),
    multipart,
  );
}

function describe(parts: Array<string | false | undefined>): string | undefined {
  const joined = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join('\n\n');
  return joined === '' ? undefined : joined;
}

export function importOperation(
  path: string,
  method: HttpMethod,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
  auth: Auth,
  oc: OperationContext,
): RequestItem {
  const { ctx } = oc;
  const where = `${method} ${path.slice(0, 120)}`;
  const params = parameters(pathItem, operation, oc);
  for (const parameter of params.filter((p) => p.in === 'path'))
    oc.addVariable(variableName(parameter.name), parameter.example, parameter.description);
  let url = `{{baseUrl}}${path.replace(/\{([^{}]+)\}/g, (_whole, name: string) => `{{${variableName(name)}}}`)}`;
  const required = params.filter((p) => p.in === 'query' && p.required);
  for (const parameter of required) oc.addVariable(parameter.name, parameter.example, parameter.description);
  if (required.length > 0) url += `?${required.map((p) => `${encodeName(p.name)}={{${p.name}}}`).join('&')}`;
  const optional = params.filter((p) => p.in === 'query' && !p.required);
  const row = (p: Parameter, value: string, disabled: boolean): QueryParam => ({
    key: encodeName(p.name),
    value,
    ...(p.description ? { description: p.description } : {}),
    ...(disabled ? { disabled: true } : {}),
  });
  const query = storedQuery([
    ...required.map((p) => row(p, `{{${p.name}}}`, false)),
    ...optional.map((p) => row(p, p.example, true)),
  ]);
  const headers: KeyValue[] = params
    .filter((p) => p.in === 'header' && !IGNORED_HEADERS.has(p.name.toLowerCase()))
    .map((p) => ({
      key: p.name,
      value: p.example,
      enabled: p.required,
      ...(p.description ? { description: p.description } : {}),
    }));
  const cookies = params.filter((p) => p.in === 'cookie');
  if (cookies.length > 0) ctx.warn(`${where}: ${cookies.length} cookie parameters were not imported`);
  const summary = text(operation.summary).trim();
  const operationId = text(operation.operationId).trim();
  const name = operationId || summary || `${method} ${path}`;
  const description = describe([
    operationId ? summary : undefined,
    text(operation.description),
    operation.deprecated === true && 'Deprecated.',
  ]);
  const id = randomUUID();
  return {
    type: 'request',
    id,
    request: {
      id,
      name: ctx.clip(name, LIMITS.name, `${where}: name`),
      method,
      url: ctx.clip(url, LIMITS.url, `${where}: URL`),
      ...(query ? { query } : {}),
      headers: headers.slice(0, LIMITS.rows),
      body: oc.swagger ? swaggerBody(operation, params, oc) : openApiBody(operation, oc),
      auth,
      ...(description ? { description: ctx.clip(description, LIMITS.text, `${where}: description`) } : {}),
      timeoutMs: 30_000,
    },
  };
}
