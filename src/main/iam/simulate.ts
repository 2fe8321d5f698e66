/**
 * Simulates the cross-account call the way AWS evaluates it, with Signet's own evaluator
 * (./evaluate.ts, checked against a reference engine by differential.test.ts): first AssumeRole
 * (the caller's identity policies AND the role's trust policy, with the ExternalId and MFA
 * conditions), then execute-api:Invoke as the role session (the role's policies, a permissions
 * boundary, SCPs, a session policy and, for REST APIs, a resource policy; an explicit Deny
 * anywhere wins). Each verdict names the statements that decided it.
 */
import { CannotEvaluateError, evaluateRequest, type Evaluation, type EvaluationRequest } from './evaluate';
import type { NamedPolicy, PolicyJson } from './policy-json';

export interface SimulateInput {
  /** The caller's ARN in its own account (user or role). */
  readonly caller: string;
  readonly callerPolicies: readonly NamedPolicy[];
  readonly roleArn: string;
  readonly trustPolicy: NamedPolicy;
  readonly rolePolicies: readonly NamedPolicy[];
  readonly boundary?: NamedPolicy;
  /** One level of the organisation; AWS's FullAWSAccess is assumed beside deny-only SCPs. */
  readonly scps?: readonly NamedPolicy[];
  readonly sessionPolicy?: NamedPolicy;
  /** REST APIs only. */
  readonly resourcePolicy?: NamedPolicy;
  readonly externalId?: string;
  readonly mfa?: boolean;
  /** The execute-api ARN of the request. */
  readonly resource: string;
}

/** A statement that decided a verdict. */
export interface DecidingStatement {
  readonly file: string;
  /** The statement's Sid, or `#N` (1-based) when it has none. */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
}

export interface Verdict {
  readonly allowed: boolean;
  /** Deny statements for an explicit deny, the allowing statements for an allow; empty for an implicit deny. */
  readonly decidedBy: readonly DecidingStatement[];
  /** What to change, in plain words (empty when allowed). */
  readonly fix: string;
}

export interface SimulateResult {
  readonly resource: string;
  readonly assumeRole: Verdict;
  readonly invoke: Verdict;
}

/** A simulation input the evaluator refused (an invalid policy, an ARN that is not one). */
export class SimulationInputError extends Error {
  override readonly name = 'SimulationInputError';
}

const FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

function statementsOf(policy: PolicyJson): readonly { Effect?: string }[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as { Effect?: string }];
}

function accountOf(arn: string): string {
  const account = arn.split(':')[4] ?? '';
  if (!/^\d{12}$/.test(account)) throw new SimulationInputError(`no 12-digit account in ${arn}`);
  return account;
}

function evaluate(request: EvaluationRequest, policies: Parameters<typeof evaluateRequest>[1]): Evaluation {
  try {
    return evaluateRequest(request, policies);
  } catch (error) {
    if (error instanceof CannotEvaluateError) throw new SimulationInputError(error.message);
    throw error;
  }
}

function verdictOf(
  evaluation: Evaluation,
  implicitFix: string,
  denyFix: (d: readonly DecidingStatement[]) => string,
): Verdict {
  if (evaluation.result === 'Allowed') return { allowed: true, decidedBy: evaluation.allows, fix: '' };
  if (evaluation.result === 'ExplicitlyDenied')
    return { allowed: false, decidedBy: evaluation.denies, fix: denyFix(evaluation.denies) };
  return { allowed: false, decidedBy: [], fix: implicitFix };
}

/** The smallest statement that allows invoking `resource` (for a 403's "what to add"). */
export function smallestInvokeStatement(resource: string): object {
  return { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource };
}

/** Runs both steps; the invoke is simulated even when AssumeRole fails, so both answers are shown. */
export async function simulateCrossAccount(input: SimulateInput): Promise<SimulateResult> {
  const callerAccount = accountOf(input.caller);
  const roleAccount = accountOf(input.roleArn);
  const roleName = input.roleArn.split('/').pop() ?? '';
  const context: Record<string, string> = {
    'aws:MultiFactorAuthPresent': input.mfa ? 'true' : 'false',
    'aws:PrincipalArn': input.caller,
    'aws:PrincipalAccount': callerAccount,
  };
  if (input.externalId !== undefined) context['sts:ExternalId'] = input.externalId;
  const assumeEvaluation = evaluate(
    {
      principal: input.caller,
      action: 'sts:AssumeRole',
      resource: input.roleArn,
      resourceAccount: roleAccount,
      context,
    },
    { identity: input.callerPolicies, resource: input.trustPolicy, resourceMustAllow: true },
  );
  const trustAllows = assumeEvaluation.allows.some((s) => s.file === input.trustPolicy.file);
  const callerAllows = assumeEvaluation.allows.some((s) => s.file !== input.trustPolicy.file);
  const assumeFix = !callerAllows
    ? `Attach to ${input.caller} a policy allowing sts:AssumeRole on ${input.roleArn}: ${JSON.stringify({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: input.roleArn })}`
    : !trustAllows
      ? `The trust policy ${input.trustPolicy.file} must allow sts:AssumeRole for ${input.caller} (or arn:aws:iam::${callerAccount}:root) with its conditions met${input.externalId === undefined ? '; pass the ExternalId it requires' : ''}${input.mfa ? '' : '; sign in with MFA if it requires aws:MultiFactorAuthPresent'}`
      : 'Both policies allow it but not for this request; check the conditions';
  const assumeRole = verdictOf(
    assumeEvaluation,
    assumeFix,
    (denies) => `Remove or narrow the Deny statement ${denies.map((d) => `${d.sid} in ${d.file}`).join(', ')}`,
  );

  const session = `arn:aws:sts::${roleAccount}:assumed-role/${roleName}/signet-simulate`;
  const scps = input.scps ?? [];
  const scpPolicies: NamedPolicy[] = [...scps];
  const scpsAllowSomething = scps.some((scp) => statementsOf(scp.policy).some((s) => s.Effect === 'Allow'));
  if (scps.length > 0 && !scpsAllowSomething) scpPolicies.unshift({ file: 'FullAWSAccess', policy: FULL_AWS_ACCESS });
  const invokeEvaluation = evaluate(
    {
      principal: session,
      action: 'execute-api:Invoke',
      resource: input.resource,
      resourceAccount: accountOf(input.resource),
      context: {
        'aws:MultiFactorAuthPresent': input.mfa ? 'true' : 'false',
        'aws:PrincipalArn': input.roleArn,
        'aws:PrincipalAccount': roleAccount,
      },
    },
    {
      identity: input.rolePolicies,
      ...(input.boundary ? { boundary: input.boundary } : {}),
      ...(scpPolicies.length > 0 ? { scps: scpPolicies } : {}),
      ...(input.sessionPolicy ? { session: input.sessionPolicy } : {}),
      ...(input.resourcePolicy ? { resource: input.resourcePolicy } : {}),
    },
  );
  const blockers = invokeEvaluation.blockedBy;
  const blockedNames: Record<string, string> = {
    identity: `no statement of the role's policies (${input.rolePolicies.map((p) => p.file).join(', ') || 'none given'}) allows it`,
    pb: `the permissions boundary ${input.boundary?.file ?? ''} does not allow it`,
    scp: 'no SCP allows it',
    session: `the session policy ${input.sessionPolicy?.file ?? ''} does not allow it`,
    resource: `the resource policy ${input.resourcePolicy?.file ?? ''} does not allow it`,
  };
  const invokeFix = `Not allowed because ${
    blockers.length > 0
      ? blockers.map((b) => blockedNames[b] ?? `${b} does not allow it`).join('; ')
      : 'nothing allows it'
  }. The smallest statement that allows it: ${JSON.stringify(smallestInvokeStatement(input.resource))}`;
  const invoke = verdictOf(
    invokeEvaluation,
    invokeFix,
    (denies) =>
      `Explicit deny wins: remove or narrow ${denies.map((d) => `statement ${d.sid} in ${d.file}`).join(', ')}`,
  );
  return { resource: input.resource, assumeRole, invoke };
}
