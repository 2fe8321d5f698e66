/**
 * The STS look-alike: Query protocol (form-encoded `Action=...`), SigV4 with service
 * `sts`, and the real XML response and error shapes, so the AWS CLI and
 * @aws-sdk/client-sts work against it unchanged.
 */
import { randomUUID } from 'node:crypto';
import { authenticate, type AuthFailureKind } from './authenticate';
import type { Principal } from './directory';
import type { SandboxAnswer } from './gateway';
import { evaluateIdentity, evaluateTrust } from './policy';
import type { Scenario } from './scenario';
import { parseQuery, splitTarget, type ReceivedRequest } from './sigv4-verify';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Tunables for tests: AWS's minimum session is 900 s, which is too long to wait for. */
export interface StsOptions {
  readonly minDurationSeconds: number;
}

/** Escapes text for an XML element body. */
function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function xmlAnswer(status: number, xml: string, errorType?: string): SandboxAnswer {
  const headers: Record<string, string> = { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() };
  return {
    status,
    headers,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`,
    ...(errorType ? { errorType } : {}),
  };
}

function stsError(
  status: number,
  code: string,
  message: string,
  type: 'Sender' | 'Receiver' = 'Sender',
): SandboxAnswer {
  return xmlAnswer(
    status,
    `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>`,
    code,
  );
}

function stsResult(action: string, inner: string): SandboxAnswer {
  return xmlAnswer(
    200,
    `<${action}Response xmlns="${XMLNS}">\n  <${action}Result>\n${inner}\n  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n</${action}Response>`,
  );
}

const AUTH_ERRORS: Record<AuthFailureKind, { status: number; code: string }> = {
  missing: { status: 403, code: 'MissingAuthenticationToken' },
  incomplete: { status: 400, code: 'IncompleteSignature' },
  'unknown-key': { status: 403, code: 'InvalidClientTokenId' },
  'invalid-token': { status: 403, code: 'InvalidClientTokenId' },
  'expired-token': { status: 400, code: 'ExpiredToken' },
  'bad-scope': { status: 403, code: 'SignatureDoesNotMatch' },
  expired: { status: 403, code: 'SignatureDoesNotMatch' },
  'not-yet-current': { status: 403, code: 'SignatureDoesNotMatch' },
  mismatch: { status: 403, code: 'SignatureDoesNotMatch' },
};

/** Query-protocol parameters: the query string, then the form body (which wins). */
function stsParameters(request: ReceivedRequest): Map<string, string> {
  const params = new Map(parseQuery(splitTarget(request.target).query));
  if (request.body.length > 0) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.set(key, value);
  }
  return params;
}

function validationError(message: string): SandboxAnswer {
  return stsError(400, 'ValidationError', message);
}

function assumeRole(
  params: Map<string, string>,
  caller: Principal,
  scenario: Scenario,
  now: Date,
  options: StsOptions,
): SandboxAnswer {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  if (!roleArn || roleArn.length < 20 || roleArn.length > 2048) {
    return validationError(
      `1 validation error detected: Value ${roleArn === undefined ? 'null' : `'${roleArn}'`} at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`,
    );
  }
  if (!sessionName || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return validationError(
      `1 validation error detected: Value ${sessionName === undefined ? 'null' : `'${sessionName}'`} at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const durationText = params.get('DurationSeconds');
  const requested = durationText === undefined ? undefined : Number(durationText);
  if (requested !== undefined && (!Number.isInteger(requested) || requested < options.minDurationSeconds)) {
    return validationError(
      `1 validation error detected: Value '${durationText ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${options.minDurationSeconds}`,
    );
  }

  const denied = stsError(
    403,
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  const role = scenario.directory.role(roleArn);
  if (!role) return denied;

  const serial = params.get('SerialNumber');
  const tokenCode = params.get('TokenCode');
  if (tokenCode !== undefined && !/^\d{6}$/.test(tokenCode)) {
    return validationError(
      `1 validation error detected: Value '${tokenCode}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`,
    );
  }
  if (tokenCode !== undefined && (serial !== scenario.mfaSerial || tokenCode !== scenario.mfaCode)) {
    return stsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  }
  const mfa = caller.mfa || (tokenCode !== undefined && serial !== undefined);
  const context = {
    'aws:MultiFactorAuthPresent': String(mfa),
    'sts:ExternalId': params.get('ExternalId'),
    'aws:PrincipalArn': caller.arn,
    'aws:PrincipalAccount': caller.account,
  };
  const identity = evaluateIdentity(caller.policies, 'sts:AssumeRole', roleArn, context);
  const trust = evaluateTrust(role.trust, caller, 'sts:AssumeRole', context);
  if (identity !== 'allow' || trust !== 'allow') return denied;

  const duration = requested ?? Math.min(3600, role.maxSessionDurationSeconds);
  // Role chaining (a role session assuming a role) is capped at one hour, whatever the role allows.
  if (caller.kind === 'assumed-role' && duration > 3600) {
    return validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > role.maxSessionDurationSeconds) {
    return validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const expiration = new Date(Math.floor(now.getTime() / 1000) * 1000 + duration * 1000);
  const session = scenario.directory.issueSession(role, sessionName, expiration, mfa);
  return stsResult(
    'AssumeRole',
    [
      '    <AssumedRoleUser>',
      `      <AssumedRoleId>${xmlEscape(session.principal.userId)}</AssumedRoleId>`,
      `      <Arn>${xmlEscape(session.principal.arn)}</Arn>`,
      '    </AssumedRoleUser>',
      '    <Credentials>',
      `      <AccessKeyId>${session.accessKeyId}</AccessKeyId>`,
      `      <SecretAccessKey>${xmlEscape(session.secretAccessKey)}</SecretAccessKey>`,
      `      <SessionToken>${xmlEscape(session.sessionToken ?? '')}</SessionToken>`,
      `      <Expiration>${expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>`,
      '    </Credentials>',
      '    <PackedPolicySize>0</PackedPolicySize>',
    ].join('\n'),
  );
}

function getCallerIdentity(caller: Principal): SandboxAnswer {
  return stsResult(
    'GetCallerIdentity',
    [
      `    <Arn>${xmlEscape(caller.arn)}</Arn>`,
      `    <UserId>${xmlEscape(caller.userId)}</UserId>`,
      `    <Account>${caller.account}</Account>`,
    ].join('\n'),
  );
}

/** Authenticates and answers one STS Query-protocol request. */
export function handleSts(request: ReceivedRequest, scenario: Scenario, now: Date, options: StsOptions): SandboxAnswer {
  const auth = authenticate(request, scenario.directory, { service: 'sts', region: scenario.region, now });
  if (!auth.ok) {
    const { status, code } = AUTH_ERRORS[auth.kind];
    const message = auth.kind === 'missing' ? 'Request is missing Authentication Token' : auth.message;
    return stsError(status, code, message);
  }
  const params = stsParameters(request);
  const version = params.get('Version');
  if (version !== undefined && version !== '2011-06-15') {
    return stsError(
      400,
      'InvalidAction',
      `Could not find operation ${params.get('Action') ?? ''} for version ${version}`,
    );
  }
  switch (params.get('Action')) {
    case 'AssumeRole':
      return assumeRole(params, auth.key.principal, scenario, now, options);
    case 'GetCallerIdentity':
      return getCallerIdentity(auth.key.principal);
    case undefined:
      return stsError(400, 'MissingAction', 'Missing Action');
    default:
      return stsError(
        400,
        'InvalidAction',
        `Could not find operation ${params.get('Action') ?? ''} for version 2011-06-15`,
      );
  }
}
