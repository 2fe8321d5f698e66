/**
 * Generates the three policies of the cross-account setup (PRODUCT.md steps 1 to 5): the
 * role's permissions policy in the API account, its trust policy naming the caller, and the
 * caller's policy allowing sts:AssumeRole, with the AWS CLI commands and CloudFormation
 * templates that create them.
 */
import { stringify } from 'yaml';
import { routeArn, type TargetApi } from './execute-api-arn';
import type { PolicyJson, StatementJson } from './policy-json';

export interface GenerateInput extends TargetApi {
  /** Default `$default`, the HTTP API's automatic stage. */
  readonly stage?: string;
  /** Route keys (`GET /pets`, `ANY /admin/*`); empty means every route. */
  readonly routes?: readonly string[];
  readonly callerAccount: string;
  /** A user or role in the caller account; the whole account (its root) when absent. */
  readonly callerPrincipal?: string;
  /** Default `SignetInvokeRole`. */
  readonly roleName?: string;
  readonly externalId?: string;
  readonly requireMfa?: boolean;
  /** The role's MaxSessionDuration (900..43200, default 3600). */
  readonly sessionDurationSeconds?: number;
}

export interface GeneratedSetup {
  readonly roleArn: string;
  readonly rolePermissionsPolicy: PolicyJson;
  readonly roleTrustPolicy: PolicyJson;
  readonly callerPolicy: PolicyJson;
  /** A shell script's lines: comments say which account each command runs in. */
  readonly commands: readonly string[];
  /** One template per account. */
  readonly cloudFormation: { readonly apiAccount: string; readonly callerAccount: string };
  /** Where a REST API could use a resource policy instead, and that an HTTP API cannot. */
  readonly notes: readonly string[];
}

/** The file names `signet iam generate --out` and the commands use. */
export const SETUP_FILES = {
  rolePermissions: 'role-permissions.json',
  roleTrust: 'role-trust.json',
  callerPolicy: 'caller-policy.json',
  script: 'setup.sh',
  apiAccountTemplate: 'cloudformation-api-account.yaml',
  callerAccountTemplate: 'cloudformation-caller-account.yaml',
} as const;

const ACCOUNT = /^\d{12}$/;

/** Quoted strings: YAML 1.1 readers (CloudFormation's among them) would take 2012-10-17 for a date. */
const YAML_OPTIONS = { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN', lineWidth: 0 } as const;
const ROUTE = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|\*)\s+(\/\S*)$/i;

/** A generate input that cannot make valid policies. */
export class GenerateInputError extends Error {
  override readonly name = 'GenerateInputError';
}

function check(input: GenerateInput): void {
  if (!ACCOUNT.test(input.account))
    throw new GenerateInputError(`API account must be 12 digits (got ${input.account})`);
  if (!ACCOUNT.test(input.callerAccount))
    throw new GenerateInputError(`caller account must be 12 digits (got ${input.callerAccount})`);
  if (!/^[a-z0-9]{1,32}$/.test(input.apiId))
    throw new GenerateInputError(`API id must be lowercase letters and digits (got ${input.apiId})`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(input.region)) throw new GenerateInputError(`not a region: ${input.region}`);
  const stage = input.stage ?? '$default';
  if (!/^(\$default|[A-Za-z0-9_-]{1,128})$/.test(stage)) throw new GenerateInputError(`not a stage name: ${stage}`);
  for (const route of input.routes ?? [])
    if (route !== 'all' && !ROUTE.test(route.trim()))
      throw new GenerateInputError(`a route is METHOD /path, e.g. 'GET /pets' or 'ANY /admin/*' (got ${route})`);
  if (input.roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(input.roleName))
    throw new GenerateInputError(`not a role name: ${input.roleName}`);
  if (input.externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(input.externalId))
    throw new GenerateInputError('an external ID is 2..1224 characters of letters, digits and +=,.@:/-');
  if (
    input.callerPrincipal !== undefined &&
    !new RegExp(`^arn:aws:iam::${input.callerAccount}:(user|role)/[\\w+=,.@/-]+$`).test(input.callerPrincipal)
  )
    throw new GenerateInputError(
      `the caller principal must be a user or role ARN in account ${input.callerAccount} (arn:aws:iam::${input.callerAccount}:user/NAME)`,
    );
  const duration = input.sessionDurationSeconds ?? 3600;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
    throw new GenerateInputError('session duration must be 900..43200 seconds');
}

/** The exact resource ARNs for the chosen routes (`/*\/*` for every route). */
export function invokeResources(input: GenerateInput): string[] {
  const stage = input.stage ?? '$default';
  const routes = (input.routes ?? []).filter((route) => route !== 'all');
  if (routes.length === 0) return [routeArn(input, stage, '*', '*')];
  return [
    ...new Set(
      routes.map((route) => {
        const [, method = '*', path = '/'] = ROUTE.exec(route.trim()) ?? [];
        return routeArn(input, stage, method, path);
      }),
    ),
  ];
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Generates the whole setup; throws GenerateInputError for input AWS would refuse. */
export function generateSetup(input: GenerateInput): GeneratedSetup {
  check(input);
  const roleName = input.roleName ?? 'SignetInvokeRole';
  const roleArn = `arn:aws:iam::${input.account}:role/${roleName}`;
  const duration = input.sessionDurationSeconds ?? 3600;
  const trustedPrincipal = input.callerPrincipal ?? `arn:aws:iam::${input.callerAccount}:root`;

  const rolePermissionsPolicy: PolicyJson = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'InvokeApi', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: invokeResources(input) }],
  };
  const condition: Record<string, Record<string, string>> = {};
  if (input.externalId !== undefined) condition.StringEquals = { 'sts:ExternalId': input.externalId };
  if (input.requireMfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
  const trustStatement: StatementJson = {
    Sid: 'TrustCallerAccount',
    Effect: 'Allow',
    Principal: { AWS: trustedPrincipal },
    Action: 'sts:AssumeRole',
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
  const roleTrustPolicy: PolicyJson = { Version: '2012-10-17', Statement: [trustStatement] };
  const callerPolicy: PolicyJson = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumeInvokeRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }],
  };

  const callerKind = input.callerPrincipal?.split(':')[5]?.split('/')[0];
  const callerName = input.callerPrincipal?.split('/').pop();
  const callerPolicyName = `Assume${roleName}`.slice(0, 128);
  const callerSide =
    callerKind === 'user' || callerKind === 'role'
      ? [
          `aws iam put-${callerKind}-policy --${callerKind}-name ${quote(callerName ?? '')} --policy-name ${quote(callerPolicyName)} --policy-document file://${SETUP_FILES.callerPolicy}`,
        ]
      : [
          `aws iam create-policy --policy-name ${quote(callerPolicyName)} --policy-document file://${SETUP_FILES.callerPolicy}`,
          '# attach it to the user (or role) that will call the API:',
          `aws iam attach-user-policy --user-name YOUR_USER --policy-arn arn:aws:iam::${input.callerAccount}:policy/${quote(callerPolicyName)}`,
        ];
  const assume = [
    `aws sts assume-role --role-arn ${roleArn} --role-session-name signet`,
    ...(input.externalId !== undefined ? [`--external-id ${quote(input.externalId)}`] : []),
    ...(input.requireMfa
      ? [`--serial-number arn:aws:iam::${input.callerAccount}:mfa/YOUR_MFA_DEVICE --token-code 123456`]
      : []),
  ].join(' ');
  const commands = [
    '#!/bin/sh',
    'set -e',
    `# In the API account ${input.account} (credentials of that account):`,
    `aws iam create-role --role-name ${quote(roleName)} --assume-role-policy-document file://${SETUP_FILES.roleTrust} --max-session-duration ${duration}`,
    `aws iam put-role-policy --role-name ${quote(roleName)} --policy-name InvokeApi --policy-document file://${SETUP_FILES.rolePermissions}`,
    `# In the caller account ${input.callerAccount} (credentials of that account):`,
    ...callerSide,
    '# Then, as the caller:',
    assume,
  ];

  const apiAccount = stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Role ${roleName}: lets ${trustedPrincipal} invoke API ${input.apiId} (${input.region})`,
      Resources: {
        InvokeRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: roleName,
            MaxSessionDuration: duration,
            AssumeRolePolicyDocument: roleTrustPolicy,
            Policies: [{ PolicyName: 'InvokeApi', PolicyDocument: rolePermissionsPolicy }],
          },
        },
      },
      Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['InvokeRole', 'Arn'] } } },
    },
    YAML_OPTIONS,
  );
  const attach =
    callerKind === 'user'
      ? { Users: [callerName] }
      : callerKind === 'role'
        ? { Roles: [callerName] }
        : { Users: ['YOUR_USER'] };
  const callerAccount = stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Lets account ${input.callerAccount} assume ${roleArn}`,
      Resources: {
        AssumeInvokeRolePolicy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { ManagedPolicyName: callerPolicyName, PolicyDocument: callerPolicy, ...attach },
        },
      },
    },
    YAML_OPTIONS,
  );

  const notes = [
    'HTTP APIs have no resource policies: another account gets in only by assuming a role of the API account, as here.',
    `A REST API could instead grant ${trustedPrincipal} directly with a resource policy allowing execute-api:Invoke on ${invokeResources(input).join(', ')} (the caller then signs with its own credentials, no role needed).`,
  ];
  return {
    roleArn,
    rolePermissionsPolicy,
    roleTrustPolicy,
    callerPolicy,
    commands,
    cloudFormation: { apiAccount, callerAccount },
    notes,
  };
}
