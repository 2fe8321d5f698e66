/**
 * The IAM assistant's calls: generate the cross-account policies, lint them, simulate a
 * request against them, and test them offline in a sandbox that serves them.
 */
import { z } from 'zod';
import { defineCall } from './define';

const account = z.string().regex(/^\d{12}$/, 'an account id is 12 digits');
const apiId = z.string().regex(/^[a-z0-9]{1,32}$/, 'an API id is lowercase letters and digits');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not a region');
const policyText = z.string().max(100_000);
const fileName = z.string().min(1).max(200);
/** A policy as the editor holds it: text, and the name findings and verdicts use. */
const namedText = z.object({ file: fileName, text: policyText });

/** A JSON policy document (validated by lint and the simulator, not by the contract). */
export interface IamPolicyDocument {
  readonly Version?: string;
  readonly Statement: unknown;
}

export interface IamSetup {
  readonly roleArn: string;
  readonly rolePermissionsPolicy: IamPolicyDocument;
  readonly roleTrustPolicy: IamPolicyDocument;
  readonly callerPolicy: IamPolicyDocument;
  readonly commands: readonly string[];
  readonly cloudFormation: { readonly apiAccount: string; readonly callerAccount: string };
  readonly notes: readonly string[];
}

export interface IamLintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

export interface IamVerdict {
  readonly allowed: boolean;
  readonly decidedBy: readonly { readonly file: string; readonly sid: string; readonly effect: 'Allow' | 'Deny' }[];
  readonly fix: string;
}

export interface IamSimulation {
  readonly resource: string;
  readonly assumeRole: IamVerdict;
  readonly invoke: IamVerdict;
}

export interface IamOfflineRoute {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The gateway's message for a refusal (AccessDeniedException's text). */
  readonly message?: string;
}

export interface IamOfflineTest {
  readonly roleArn: string;
  /** The assumed role session the routes were sent as. */
  readonly assumedRoleArn: string;
  readonly routes: readonly IamOfflineRoute[];
}

export const iamCalls = {
  iamGenerate: defineCall<IamSetup>()(
    z.object({
      account,
      apiId,
      region,
      stage: z.string().max(128).optional(),
      routes: z.array(z.string().max(300)).max(50).default([]),
      callerAccount: account,
      callerPrincipal: z.string().max(300).optional(),
      roleName: z.string().max(64).optional(),
      externalId: z.string().max(1224).optional(),
      requireMfa: z.boolean().optional(),
      sessionDurationSeconds: z.number().int().min(900).max(43_200).optional(),
    }),
    "Generate the role's permissions and trust policies, the caller's policy, the AWS CLI commands and CloudFormation.",
  ),
  iamLint: defineCall<{ readonly findings: readonly IamLintFinding[] }>()(
    z.object({
      file: fileName,
      text: policyText,
      kind: z.enum(['identity', 'trust', 'resource']).optional(),
      target: z.object({ account, apiId, region }).optional(),
    }),
    'Lint one policy: JSON errors at line and column, unknown actions and keys, execute-api ARNs, principals.',
  ),
  iamSimulate: defineCall<IamSimulation>()(
    z.object({
      caller: z.string().max(300),
      callerPolicies: z.array(namedText).max(10).default([]),
      roleArn: z.string().max(300),
      trustPolicy: namedText,
      rolePolicies: z.array(namedText).max(10).default([]),
      boundary: namedText.optional(),
      scps: z.array(namedText).max(10).optional(),
      sessionPolicy: namedText.optional(),
      resourcePolicy: namedText.optional(),
      externalId: z.string().max(1224).optional(),
      mfa: z.boolean().optional(),
      method: z.string().regex(/^[A-Za-z]{1,16}$/),
      /** The execute-api ARN of the request. */
      resource: z
        .string()
        .regex(/^arn:aws:execute-api:/)
        .max(2048),
    }),
    'Simulate AssumeRole and execute-api:Invoke against the policies; verdicts name the deciding statements.',
  ),
  iamTestOffline: defineCall<IamOfflineTest>()(
    z.object({
      apiAccount: account,
      callerAccount: account,
      apiId,
      roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/),
      trustPolicy: namedText,
      rolePolicies: z.array(namedText).min(1).max(10),
      callerPolicies: z.array(namedText).min(1).max(10),
      externalId: z.string().max(1224).optional(),
      routes: z
        .array(
          z.object({
            method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
            path: z.string().regex(/^\/\S{0,300}$/),
          }),
        )
        .min(1)
        .max(20),
    }),
    "Start a sandbox serving these policies, assume the role as the caller account's user, send the routes, stop it.",
  ),
};
