/**
 * The API Gateway look-alike: an HTTP API with IAM authorization. Every path is a
 * route; authorized requests get a JSON echo of what arrived, the rest get AWS's
 * 403 answers with `x-amzn-errortype`.
 */
import { randomUUID } from 'node:crypto';
import { authenticate, type AuthFailure, type AuthFailureKind } from './authenticate';
import { evaluateIdentity } from './policy';
import { executeApiArn, type Scenario } from './scenario';
import { headerMap, parseQuery, splitTarget, type ReceivedRequest } from './sigv4-verify';

/** A response the server writes as is. */
export interface SandboxAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** For the request log: the error type, when there is one. */
  readonly errorType?: string;
}

/** What the gateway echoes for an authorized request. */
export interface GatewayEcho {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly caller: { readonly arn: string; readonly account: string };
}

const ERROR_TYPES: Record<AuthFailureKind, string> = {
  missing: 'MissingAuthenticationTokenException',
  incomplete: 'IncompleteSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  'invalid-token': 'UnrecognizedClientException',
  'expired-token': 'ExpiredTokenException',
  'bad-scope': 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
  'not-yet-current': 'InvalidSignatureException',
  mismatch: 'InvalidSignatureException',
};

/** Never echoed back: credentials must not travel further than they have to. */
const HIDDEN_HEADERS = new Set(['authorization', 'x-amz-security-token']);
const HIDDEN_QUERY = new Set(['X-Amz-Security-Token', 'X-Amz-Signature']);

function jsonAnswer(status: number, payload: unknown, errorType?: string): SandboxAnswer {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'apigw-requestid': randomUUID(),
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  return { status, headers, body: JSON.stringify(payload), ...(errorType ? { errorType } : {}) };
}

/** API Gateway's way of explaining a mismatch: the canonical request and string to sign it expected. */
function failureMessage(failure: AuthFailure): string {
  if (failure.kind !== 'mismatch' || failure.canonicalRequest === undefined) return failure.message;
  return `${failure.message}\n\nThe Canonical String for this request should have been\n'${failure.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${failure.stringToSign ?? ''}'\n`;
}

/** What arrived, without the credentials (S3's look-alike echoes the same way). */
export function echoOf(request: ReceivedRequest, caller: GatewayEcho['caller']): GatewayEcho {
  const { path, query } = splitTarget(request.target);
  const echoedQuery: Record<string, string | string[]> = {};
  for (const [key, value] of parseQuery(query)) {
    if (HIDDEN_QUERY.has(key)) continue;
    const previous = echoedQuery[key];
    echoedQuery[key] =
      previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  const headers: Record<string, string> = {};
  for (const [name, values] of headerMap(request.rawHeaders)) {
    if (!HIDDEN_HEADERS.has(name)) headers[name] = values.join(',');
  }
  return { method: request.method, path, query: echoedQuery, headers, body: request.body.toString('utf8'), caller };
}

/** Decoded path for the execute-api ARN (the resource is named by the path as routed, not as encoded). */
function routedPath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/** Authenticates, authorizes and answers one gateway request. */
export function handleGateway(request: ReceivedRequest, scenario: Scenario, now: Date): SandboxAnswer {
  const auth = authenticate(request, scenario.directory, { service: 'execute-api', region: scenario.region, now });
  if (!auth.ok) return jsonAnswer(403, { message: failureMessage(auth) }, ERROR_TYPES[auth.kind]);

  const { principal } = auth.key;
  const resource = executeApiArn(scenario, request.method, routedPath(splitTarget(request.target).path));
  const context = { 'aws:MultiFactorAuthPresent': String(principal.mfa), 'aws:PrincipalArn': principal.arn };
  // HTTP APIs have no resource policy, so a principal of another account can never be allowed.
  const decision =
    principal.account === scenario.accountA
      ? evaluateIdentity(principal.policies, 'execute-api:Invoke', resource, context)
      : 'implicit-deny';
  if (decision !== 'allow') {
    const base = `User: ${principal.arn} is not authorized to perform: execute-api:Invoke on resource: ${resource}`;
    const reason =
      decision === 'explicit-deny'
        ? ' with an explicit deny'
        : principal.account === scenario.accountA
          ? ' because no identity-based policy allows the execute-api:Invoke action'
          : ' because no resource-based policy allows the execute-api:Invoke action';
    return jsonAnswer(403, { message: base + reason }, 'AccessDeniedException');
  }
  return jsonAnswer(200, echoOf(request, { arn: principal.arn, account: principal.account }));
}
