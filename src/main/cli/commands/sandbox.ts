import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PolicyFileError, readPolicyFile } from '../../iam/policy-files';
import { sandboxDescription, startSandbox, type ScenarioSeed } from '../../sandbox';
import { sandboxPolicy, UnsupportedPolicyError, type PolicyDocument } from '../../sandbox/policy';
import { UsageError, type CliCommand } from '../command';

function intOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`--${name} must be ${min}..${max} (got ${value})`);
  return parsed;
}

async function policyFromFile(path: string, cwd: string): Promise<PolicyDocument> {
  try {
    const named = await readPolicyFile(resolve(cwd, path));
    return sandboxPolicy(named.policy, named.file);
  } catch (error) {
    if (error instanceof PolicyFileError || error instanceof UnsupportedPolicyError)
      throw new UsageError(error.message);
    throw error;
  }
}

interface PolicyFlags {
  readonly 'api-account'?: string;
  readonly 'caller-account'?: string;
  readonly 'api-id'?: string;
  readonly 'role-name'?: string;
  readonly 'trust-policy'?: string;
  readonly 'role-policy'?: string[];
  readonly 'caller-policy'?: string[];
}

/** The seed for a sandbox serving the user's own policies, or undefined for the demo scenario. */
async function seedFromFlags(values: PolicyFlags, cwd: string): Promise<ScenarioSeed | undefined> {
  const given = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => `--${name}`);
  if (given.length === 0) return undefined;
  const trustFile = values['trust-policy'];
  const apiAccount = values['api-account'];
  const callerAccount = values['caller-account'];
  if (!trustFile || !apiAccount || !callerAccount)
    throw new UsageError(`${given.join(', ')} need --api-account, --caller-account and --trust-policy`);
  for (const [flag, account] of [
    ['--api-account', apiAccount],
    ['--caller-account', callerAccount],
  ] as const)
    if (!/^\d{12}$/.test(account)) throw new UsageError(`${flag} must be 12 digits (got ${account})`);
  if (apiAccount === callerAccount) throw new UsageError('--api-account and --caller-account must differ');
  const apiId = values['api-id'];
  if (apiId !== undefined && !/^[a-z0-9]{1,32}$/.test(apiId))
    throw new UsageError(`--api-id must be lowercase letters and digits (got ${apiId})`);
  const roleName = values['role-name'];
  if (roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(roleName))
    throw new UsageError(`not a role name: ${roleName}`);
  return {
    accountA: apiAccount,
    accountB: callerAccount,
    ...(apiId ? { apiId } : {}),
    policies: {
      ...(roleName ? { roleName } : {}),
      trust: await policyFromFile(trustFile, cwd),
      role: await Promise.all((values['role-policy'] ?? []).map((file) => policyFromFile(file, cwd))),
      caller: await Promise.all((values['caller-policy'] ?? []).map((file) => policyFromFile(file, cwd))),
    },
  };
}

/**
 * `signet sandbox`: the local AWS look-alike for shells, scripts and e2e fixtures. Prints
 * one JSON line (endpoints, ARNs and the run's throwaway keys) and serves until stopped.
 */
export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run a local AWS look-alike (API Gateway with IAM auth, STS, IAM Identity Center) on 127.0.0.1',
  usage: [
    'signet sandbox [--port N] [--min-duration-seconds N]',
    '               [--api-account A --caller-account B --trust-policy FILE [--role-policy FILE]...',
    '                [--caller-policy FILE]... [--role-name N] [--api-id ID]]',
    '',
    'Serves an API Gateway HTTP API with IAM authorization at http://127.0.0.1:N (random port by default)',
    'and STS at <apiUrl>/sts, then prints one JSON line: region, apiUrl, accessKeyId/secretAccessKey (an',
    "Account A user allowed every route), stsEndpoint, roleArn (assumable by accountB's keys), allowed and",
    'denied routes, and the ExternalId / MFA role variants. Keys are random for every run.',
    'IAM Identity Center too: ssoStartUrl and ssoRegion to sign in with, oidcEndpoint and portalEndpoint',
    "(SSO-OIDC and the SSO portal), and the ssoAccountId / ssoRoleName offered (Account B's developer,",
    'which may assume roleArn). Opening the verification URL a sign-in prints approves it.',
    '',
    '  --min-duration-seconds N   shortest AssumeRole DurationSeconds accepted (default 900, as AWS)',
    '',
    'Your own policies, to test a setup offline before creating it in AWS (see `signet iam generate --out`):',
    '  --api-account A            the account owning the API and the role',
    '  --caller-account B         the account of the caller (accountB keys are its user "developer")',
    "  --trust-policy FILE        the role's trust policy; roleArn is then arn:aws:iam::A:role/<--role-name>",
    "  --role-policy FILE         the role's permissions (repeatable)",
    "  --caller-policy FILE       the caller's identity policies (repeatable)",
    '  --role-name N              default SignetInvokeRole; --api-id default a1b2c3d4e5',
    'Policies using elements the sandbox does not evaluate (NotAction, NotResource, other operators) are refused.',
    '',
    'Example: aws sts assume-role --endpoint-url <stsEndpoint> --region us-east-1 --role-arn <roleArn> \\',
    "           --role-session-name me   (with AWS_ACCESS_KEY_ID/SECRET set to accountB's keys)",
    'Stop with Ctrl+C.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'min-duration-seconds': { type: 'string' },
        'api-account': { type: 'string' },
        'caller-account': { type: 'string' },
        'api-id': { type: 'string' },
        'role-name': { type: 'string' },
        'trust-policy': { type: 'string' },
        'role-policy': { type: 'string', multiple: true },
        'caller-policy': { type: 'string', multiple: true },
      },
      strict: true,
    });
    const { port: _port, 'min-duration-seconds': _min, ...policyFlags } = values;
    const seed = await seedFromFlags(policyFlags, io.cwd);
    const port = intOption('port', values.port, 0, 0, 65535);
    const minDurationSeconds = intOption('min-duration-seconds', values['min-duration-seconds'], 900, 1, 43_200);
    const sandbox = await startSandbox({ port, minDurationSeconds, ...(seed ? { seed } : {}) });
    // The keys printed are the sandbox's own, generated for this run and valid only against it.
    io.stdout(`${JSON.stringify(sandboxDescription(sandbox))}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await sandbox.close();
    return 0;
  },
};
