/**
 * The base URL of an OpenAPI / Swagger document, as the collection variable `{{baseUrl}}` that
 * every request URL starts with, plus the server variables it uses (API Gateway's `{basePath}` or
 * stage stays a variable, so switching stage is one edit).
 */
import { LIMITS, type KeyValue } from '../../../shared/model';
import { ImportContext, isRecord, text } from '../import/context';
import { exampleText } from './example-value';

export interface BaseUrl {
  /** Collection variables: `baseUrl` first, then the server's variables. */
  readonly variables: KeyValue[];
  /** The literal host, or '' when it is a template or unknown (region and service are then derived at send time). */
  readonly host: string;
}

/** Whether the document was written for API Gateway (any `x-amazon-apigateway-*` key at the top or on an operation). */
function isApiGateway(doc: Record<string, unknown>): boolean {
  const amazon = (node: unknown): boolean =>
    isRecord(node) && Object.keys(node).some((key) => key.startsWith('x-amazon-apigateway'));
  if (amazon(doc)) return true;
  if (!isRecord(doc.paths)) return false;
  return Object.values(doc.paths).some(
    (pathItem) => isRecord(pathItem) && Object.values(pathItem).some((operation) => amazon(operation)),
  );
}

/**
 * Without a server, an API Gateway file still says where it will live: the execute-api address,
 * whose id and region the user fills in. HTTP APIs (the ones that carry
 * `x-amazon-apigateway-importexport-version`) serve their `$default` stage at the root; REST APIs
 * put the stage first in the path.
 */
function apiGatewayTemplate(doc: Record<string, unknown>, ctx: ImportContext): BaseUrl {
  const httpApi = doc['x-amazon-apigateway-importexport-version'] !== undefined;
  const base = `https://{{apiId}}.execute-api.{{region}}.amazonaws.com${httpApi ? '' : '/{{stage}}'}`;
  ctx.warn(
    `the file names no server: {{baseUrl}} is API Gateway's execute-api address; set apiId and region${httpApi ? '' : ' and stage'}`,
  );
  return {
    host: '',
    variables: [
      { key: 'baseUrl', value: base, enabled: true },
      { key: 'apiId', value: '', enabled: true, description: 'API Gateway API id' },
      { key: 'region', value: '', enabled: true, description: 'AWS Region of the API' },
      ...(httpApi ? [] : [{ key: 'stage', value: '', enabled: true, description: 'stage name' }]),
    ],
  };
}

function noServer(doc: Record<string, unknown>, ctx: ImportContext): BaseUrl {
  if (isApiGateway(doc)) return apiGatewayTemplate(doc, ctx);
  ctx.warn('the file names no server: set the collection variable {{baseUrl}} to the API address');
  return { host: '', variables: [{ key: 'baseUrl', value: '', enabled: true }] };
}

function literalHost(url: string): string {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  return host.includes('{{') ? '' : host.replace(/^[^@]*@/, '');
}

/** A loop, not `/\/+$/`: that regex is quadratic in a long run of slashes that does not end the text. */
function withoutTrailingSlash(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end -= 1;
  return url.slice(0, end);
}

/** OpenAPI 3: `servers[0].url`, its `{variables}` turned into `{{variables}}` with their defaults. */
function openApiServer(doc: Record<string, unknown>, ctx: ImportContext): BaseUrl {
  const server: unknown = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  const url = isRecord(server) ? text(server.url).trim() : '';
  if (!isRecord(server) || url === '') return noServer(doc, ctx);
  const declared = isRecord(server.variables) ? server.variables : {};
  const variables: KeyValue[] = [];
  const templated = url.replace(/\{([^{}]+)\}/g, (_whole, name: string) => {
    if (!variables.some((row) => row.key === name)) {
      const spec = declared[name];
      const value = isRecord(spec) ? exampleText(spec.default ?? (Array.isArray(spec.enum) ? spec.enum[0] : '')) : '';
      if (!isRecord(spec)) ctx.warn(`server variable {${name}} has no definition; its value is left empty`);
      const description = isRecord(spec) ? text(spec.description) : '';
      variables.push({
        key: ctx.clip(name, LIMITS.headerName, 'server variable name'),
        value: ctx.clip(value, LIMITS.headerValue, `server variable ${name.slice(0, 40)}`),
        enabled: true,
        ...(description ? { description: ctx.clip(description, LIMITS.text, 'server variable description') } : {}),
      });
    }
    return `{{${name}}}`;
  });
  const base = withoutTrailingSlash(templated);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(base) && !base.startsWith('{{'))
    ctx.warn(`the server URL "${base.slice(0, 80)}" is relative; put the API's address in front of it in {{baseUrl}}`);
  return {
    host: literalHost(base),
    variables: [
      { key: 'baseUrl', value: ctx.clip(base, LIMITS.headerValue, 'server URL'), enabled: true },
      ...variables,
    ],
  };
}

/** Swagger 2: `schemes` (https preferred) + `host` + `basePath`. */
function swaggerServer(doc: Record<string, unknown>, ctx: ImportContext): BaseUrl {
  const host = text(doc.host).trim();
  if (host === '') return noServer(doc, ctx);
  const schemes = Array.isArray(doc.schemes) ? doc.schemes.map(text) : [];
  const scheme = schemes.includes('https') || schemes.length === 0 ? 'https' : (schemes[0] ?? 'https');
  const basePath = text(doc.basePath).trim();
  const path = basePath === '' || basePath === '/' ? '' : `/${basePath.replace(/^\/+/, '')}`;
  const base = withoutTrailingSlash(`${scheme}://${host}${path}`);
  return {
    host: literalHost(base),
    variables: [{ key: 'baseUrl', value: ctx.clip(base, LIMITS.headerValue, 'server URL'), enabled: true }],
  };
}

export function readBaseUrl(doc: Record<string, unknown>, swagger: boolean, ctx: ImportContext): BaseUrl {
  return swagger ? swaggerServer(doc, ctx) : openApiServer(doc, ctx);
}
