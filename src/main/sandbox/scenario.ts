/**
 * The seeded cross-account scenario of PRODUCT.md: Account A owns the API and the
 * roles, Account B's developer may only assume them.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { DemoRoute } from '../../shared/api/sandbox';
import { Directory, randomId, type KeyPair, type Role } from './directory';
import type { PolicyDocument, PolicyStatement } from './policy';

/** Knobs for the seeded scenario; everything has a sensible default. */
export interface ScenarioSeed {
  readonly accountA?: string;
  readonly accountB?: string;
  readonly apiId?: string;
  /** Fixed long-term keys (e.g. for a reproducible demo); random per start otherwise. */
  readonly invoker?: KeyPair;
  readonly accountBUser?: KeyPair;
  /** The one MFA code the sandbox accepts; six random digits otherwise. */
  readonly mfaCode?: string;
  /** MaxSessionDuration of every seeded role (AWS default 3600). */
  readonly maxSessionDurationSeconds?: number;
}

/** A route of the API, e.g. `GET /pets`: the contract's shape, so the demo hands it on as it is. */
export type Route = DemoRoute;

/**
 * The seeded scenario: the one list of the sandbox's facts. The running Sandbox, the
 * CLI's description and the demo's info are all drawn from it.
 */
export interface Scenario {
  readonly directory: Directory;
  readonly region: string;
  readonly accountA: string;
  readonly accountB: string;
  readonly apiId: string;
  readonly stage: string;
  /** Trusts Account B; may invoke `allowed`, explicitly denied `denied`. */
  readonly roleArn: string;
  /** Like `roleArn` but requires ExternalId `externalId`. */
  readonly externalIdRoleArn: string;
  readonly externalId: string;
  /** Like `roleArn` but requires MFA: SerialNumber `mfaSerial` and TokenCode `mfaCode`. */
  readonly mfaRoleArn: string;
  readonly mfaSerial: string;
  /** The one six-digit code the sandbox's "authenticator" accepts for this run. */
  readonly mfaCode: string;
  /** Does not trust Account B: AssumeRole is refused. */
  readonly untrustedRoleArn: string;
  /** Account A user allowed to invoke every route directly. */
  readonly invoker: KeyPair;
  readonly invokerArn: string;
  /** Account B user: may assume the Signet roles, may not invoke the API. */
  readonly accountBUser: KeyPair;
  readonly accountBUserArn: string;
  /** A route the invoke roles may call. */
  readonly allowed: Route;
  /** A route the invoke roles are explicitly denied (the invoker user may still call it). */
  readonly denied: Route;
  /** IAM Identity Center: what the sandbox's one signed-in user may pick (account and permission set). */
  readonly ssoAssignments: readonly SsoAssignment[];
  /** The account and permission set offered first: Account B's developer role, which may assume `roleArn`. */
  readonly ssoAccountId: string;
  readonly ssoRoleName: string;
  /** The Identity Center user; the session name of every SSO role session. */
  readonly ssoUserName: string;
}

/** One account and permission set an Identity Center user is assigned, as the SSO portal lists them. */
export interface SsoAssignment {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  /** The permission set's name, which the portal calls the role name. */
  readonly roleName: string;
  /** The role Identity Center provisioned for it in the account (`AWSReservedSSO_<name>_<hex>`). */
  readonly roleArn: string;
}

const EXTERNAL_ID = 'signet-demo';

function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Builds the directory with users, roles and policies of the demo scenario. */
export function seedScenario(region: string, seed: ScenarioSeed = {}): Scenario {
  const accountA = seed.accountA ?? '111111111111';
  const accountB = seed.accountB ?? '222222222222';
  const apiId = seed.apiId ?? 'a1b2c3d4e5';
  const stage = '$default';
  const mfaCode = seed.mfaCode ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  const maxSessionDurationSeconds = seed.maxSessionDurationSeconds ?? 3600;
  const api = `arn:aws:execute-api:${region}:${accountA}:${apiId}/${stage}`;
  const directory = new Directory();

  const invokeRoutes = policy(
    {
      Sid: 'InvokePets',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: [`${api}/GET/pets`, `${api}/GET/pets/*`, `${api}/POST/pets`],
    },
    { Sid: 'NeverAdmin', Effect: 'Deny', Action: 'execute-api:*', Resource: [`${api}/*/admin`, `${api}/*/admin/*`] },
  );
  const trustAccountB = (condition?: PolicyStatement['Condition']): PolicyDocument =>
    policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${accountB}:root` },
      Action: 'sts:AssumeRole',
      ...(condition ? { Condition: condition } : {}),
    });

  const role = (name: string, trust: PolicyDocument): Role => {
    const created: Role = {
      arn: `arn:aws:iam::${accountA}:role/${name}`,
      name,
      account: accountA,
      roleId: randomId('AROA', 17),
      trust,
      policies: [invokeRoutes],
      maxSessionDurationSeconds,
    };
    directory.addRole(created);
    return created;
  };
  const invokeRole = role('SignetInvokeRole', trustAccountB());
  const externalIdRole = role(
    'SignetExternalIdRole',
    trustAccountB({ StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }),
  );
  const mfaRole = role('SignetMfaRole', trustAccountB({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }));
  // Trusts an unrelated account only, so Account B is refused by the trust policy although its own policy allows it.
  const untrustedRole = role(
    'SignetUntrustedRole',
    policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }),
  );

  const invoker = directory.addUser(
    accountA,
    'invoker',
    [
      policy({
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: `arn:aws:execute-api:${region}:${accountA}:${apiId}/*`,
      }),
    ],
    seed.invoker,
  );
  const assumeSignetRoles = policy({
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: `arn:aws:iam::${accountA}:role/Signet*`,
  });
  const accountBUser = directory.addUser(accountB, 'developer', [assumeSignetRoles], seed.accountBUser);

  // IAM Identity Center provisions one role per permission set in each assigned account.
  const ssoRole = (account: string, permissionSet: string, policies: readonly PolicyDocument[]): SsoAssignment => {
    const name = `AWSReservedSSO_${permissionSet}_${randomBytes(8).toString('hex')}`;
    const arn = `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/${name}`;
    directory.addRole({
      arn,
      name,
      account,
      roleId: randomId('AROA', 17),
      // Only Identity Center assumes it (through SAML); STS AssumeRole by anyone is refused.
      trust: policy(),
      policies,
      maxSessionDurationSeconds: 3600,
    });
    return {
      accountId: account,
      accountName: 'Signet Developer Account',
      emailAddress: 'aws-dev@example.com',
      roleName: permissionSet,
      roleArn: arn,
    };
  };
  const ssoAssignments = [
    ssoRole(accountB, 'SignetDeveloper', [assumeSignetRoles]),
    // May sign in but not assume anything: AssumeRole from it is refused.
    ssoRole(accountB, 'SignetReadOnly', [policy({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' })]),
  ];

  return {
    directory,
    region,
    accountA,
    accountB,
    apiId,
    stage,
    roleArn: invokeRole.arn,
    externalIdRoleArn: externalIdRole.arn,
    externalId: EXTERNAL_ID,
    mfaRoleArn: mfaRole.arn,
    mfaSerial: `arn:aws:iam::${accountB}:mfa/developer`,
    mfaCode,
    untrustedRoleArn: untrustedRole.arn,
    invoker,
    invokerArn: `arn:aws:iam::${accountA}:user/invoker`,
    accountBUser,
    accountBUserArn: `arn:aws:iam::${accountB}:user/developer`,
    allowed: { method: 'GET', path: '/pets' },
    denied: { method: 'GET', path: '/admin/users' },
    ssoAssignments,
    ssoAccountId: accountB,
    ssoRoleName: 'SignetDeveloper',
    ssoUserName: 'developer',
  };
}

/** The execute-api ARN a request is authorized against (HTTP API, `$default` stage). */
export function executeApiArn(
  scenario: Pick<Scenario, 'region' | 'accountA' | 'apiId' | 'stage'>,
  method: string,
  path: string,
): string {
  const resourcePath = path.startsWith('/') ? path.slice(1) : path;
  return `arn:aws:execute-api:${scenario.region}:${scenario.accountA}:${scenario.apiId}/${scenario.stage}/${method.toUpperCase()}/${resourcePath}`;
}
