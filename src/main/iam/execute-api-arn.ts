/**
 * execute-api ARNs: `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>`,
 * the resource `execute-api:Invoke` is decided on.
 */

/** The API a policy is written for. */
export interface TargetApi {
  readonly account: string;
  readonly apiId: string;
  readonly region: string;
}

export interface ExecuteApiArn extends TargetApi {
  readonly partition: string;
  /** Everything after `<api-id>/`, split on the first three slashes; absent parts are undefined. */
  readonly stage?: string;
  readonly method?: string;
  readonly path?: string;
}

/** Methods API Gateway routes on; `*` (and `ANY` in route keys) means every one. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Splits an execute-api ARN, or undefined when it is not one. */
export function parseExecuteApiArn(arn: string): ExecuteApiArn | undefined {
  const match = /^arn:([^:]*):execute-api:([^:]*):([^:]*):([^/]*)(?:\/(.*))?$/s.exec(arn);
  if (!match) return undefined;
  const [, partition = '', region = '', account = '', apiId = '', rest] = match;
  if (rest === undefined) return { partition, region, account, apiId };
  const [stage, method, ...pathParts] = rest.split('/');
  return {
    partition,
    region,
    account,
    apiId,
    stage,
    ...(method !== undefined ? { method } : {}),
    ...(pathParts.length > 0 ? { path: pathParts.join('/') } : {}),
  };
}

/** The ARN of one route: `ANY` becomes `*`, `{param}` and `{proxy+}` segments become `*`. */
export function routeArn(api: TargetApi, stage: string, method: string, path: string): string {
  const verb = method.toUpperCase() === 'ANY' ? '*' : method.toUpperCase();
  const resourcePath = path
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => (/^\{.+\}$/.test(segment) ? '*' : segment))
    .join('/');
  return `arn:aws:execute-api:${api.region}:${api.account}:${api.apiId}/${stage}/${verb}/${resourcePath}`;
}

/** The ARN of a concrete request (what API Gateway authorizes): `https://…/stage/path` or a sandbox URL. */
export function requestArn(api: TargetApi, stage: string, method: string, urlPath: string): string {
  let path = urlPath;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    // A path that does not decode is authorized as it was sent.
  }
  return `arn:aws:execute-api:${api.region}:${api.account}:${api.apiId}/${stage}/${method.toUpperCase()}/${path.replace(/^\/+/, '')}`;
}

/** What a URL says about the API: the id and region of `https://<id>.execute-api.<region>.amazonaws.com/<stage>/…`. */
export interface ParsedInvokeUrl {
  readonly apiId?: string;
  readonly region?: string;
  /** The first path segment; whether it is the stage depends on the API (HTTP APIs' `$default` has none in the URL). */
  readonly path: string;
}

/** Reads an invoke URL; a URL that is not API Gateway's keeps only its path. */
export function parseInvokeUrl(url: string): ParsedInvokeUrl {
  const parsed = new URL(url);
  const host = /^([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(parsed.hostname);
  return {
    ...(host ? { apiId: host[1], region: host[2] } : {}),
    path: parsed.pathname,
  };
}
