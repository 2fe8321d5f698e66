import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseInvokeUrl, requestArn } from '../../iam/execute-api-arn';
import { generateSetup, GenerateInputError, SETUP_FILES, type GenerateInput } from '../../iam/generate';
import { lintPolicyText, type LintFinding } from '../../iam/lint';
import { PolicyFileError, readPolicyFile } from '../../iam/policy-files';
import type { NamedPolicy } from '../../iam/policy-json';
import { simulateCrossAccount, SimulationInputError } from '../../iam/simulate';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `signet iam generate|lint|simulate [options]

The cross-account policies of an IAM-authorized API: write them, check them, simulate them.

signet iam generate --api-account A --api-id ID --region R [--stage S] [--route 'GET /pets']...
    --caller-account B [--caller-principal ARN] [--role-name N] [--external-id X] [--require-mfa]
    [--session-duration SECONDS] [--out DIR]
  Prints {roleArn, rolePermissionsPolicy, roleTrustPolicy, callerPolicy, commands, cloudFormation, notes}.
  Routes are METHOD /path (ANY for every method, {param} and * for any segment); none means every route.
  --out DIR also writes ${Object.values(SETUP_FILES).join(', ')}.

signet iam lint FILE... [--api-account A --api-id ID --region R]
  One JSON line per finding {file, line, column, severity, code, message, fix}; exit 1 if any error.
  With the target API, execute-api ARNs must name it.

signet iam simulate --caller ARN [--caller-policy FILE]... --role-arn ARN --trust-policy FILE
    [--role-policy FILE]... [--boundary FILE] [--scp FILE]... [--session-policy FILE]
    [--resource-policy FILE] [--external-id X] [--mfa] --method M --url URL
    [--api-id ID] [--region R] [--stage S]
  Prints {resource, assumeRole: {allowed, decidedBy, fix}, invoke: {allowed, decidedBy, fix}};
  decidedBy lists {file, sid, effect} (empty for an implicit deny). Exit 0 whatever the verdict.
  The API id and region come from an execute-api URL (or --api-id / --region), the account from
  --role-arn; the stage is --stage (stripped from the URL's path) or $default.
  SCP files are one level of the organisation; beside deny-only SCPs AWS's FullAWSAccess is assumed.`;

function required(values: Record<string, unknown>, names: readonly string[]): void {
  const missing = names.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(', ')}`);
}

async function generate(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'api-account': { type: 'string' },
      'api-id': { type: 'string' },
      region: { type: 'string' },
      stage: { type: 'string' },
      route: { type: 'string', multiple: true },
      'caller-account': { type: 'string' },
      'caller-principal': { type: 'string' },
      'role-name': { type: 'string' },
      'external-id': { type: 'string' },
      'require-mfa': { type: 'boolean' },
      'session-duration': { type: 'string' },
      out: { type: 'string' },
    },
  });
  required(values, ['api-account', 'api-id', 'region', 'caller-account']);
  const duration = values['session-duration'];
  if (duration !== undefined && !/^\d+$/.test(duration)) throw new UsageError('--session-duration must be seconds');
  const input: GenerateInput = {
    account: values['api-account']!,
    apiId: values['api-id']!,
    region: values.region!,
    callerAccount: values['caller-account']!,
    ...(values.stage !== undefined ? { stage: values.stage } : {}),
    ...(values.route ? { routes: values.route } : {}),
    ...(values['caller-principal'] !== undefined ? { callerPrincipal: values['caller-principal'] } : {}),
    ...(values['role-name'] !== undefined ? { roleName: values['role-name'] } : {}),
    ...(values['external-id'] !== undefined ? { externalId: values['external-id'] } : {}),
    ...(values['require-mfa'] ? { requireMfa: true } : {}),
    ...(duration !== undefined ? { sessionDurationSeconds: Number(duration) } : {}),
  };
  let setup;
  try {
    setup = generateSetup(input);
  } catch (error) {
    if (error instanceof GenerateInputError) throw new UsageError(error.message);
    throw error;
  }
  if (values.out !== undefined) {
    const dir = resolve(io.cwd, values.out);
    await mkdir(dir, { recursive: true });
    const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
    await writeFile(join(dir, SETUP_FILES.rolePermissions), json(setup.rolePermissionsPolicy));
    await writeFile(join(dir, SETUP_FILES.roleTrust), json(setup.roleTrustPolicy));
    await writeFile(join(dir, SETUP_FILES.callerPolicy), json(setup.callerPolicy));
    await writeFile(join(dir, SETUP_FILES.script), `${setup.commands.join('\n')}\n`, { mode: 0o755 });
    await writeFile(join(dir, SETUP_FILES.apiAccountTemplate), setup.cloudFormation.apiAccount);
    await writeFile(join(dir, SETUP_FILES.callerAccountTemplate), setup.cloudFormation.callerAccount);
  }
  io.stdout(`${JSON.stringify(setup)}\n`);
  return 0;
}

async function lint(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: { 'api-account': { type: 'string' }, 'api-id': { type: 'string' }, region: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('name at least one policy file');
  const targetFlags = [values['api-account'], values['api-id'], values.region];
  if (targetFlags.some((v) => v !== undefined) && targetFlags.some((v) => v === undefined))
    throw new UsageError('the target API needs all of --api-account, --api-id and --region');
  const target =
    values['api-account'] && values['api-id'] && values.region
      ? { account: values['api-account'], apiId: values['api-id'], region: values.region }
      : undefined;
  let errors = 0;
  for (const file of positionals) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const findings: LintFinding[] = await lintPolicyText(text, { file, ...(target ? { target } : {}) });
    for (const finding of findings) {
      if (finding.severity === 'error') errors += 1;
      io.stdout(`${JSON.stringify(finding)}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

async function simulate(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      caller: { type: 'string' },
      'caller-policy': { type: 'string', multiple: true },
      'role-arn': { type: 'string' },
      'trust-policy': { type: 'string' },
      'role-policy': { type: 'string', multiple: true },
      boundary: { type: 'string' },
      scp: { type: 'string', multiple: true },
      'session-policy': { type: 'string' },
      'resource-policy': { type: 'string' },
      'external-id': { type: 'string' },
      mfa: { type: 'boolean' },
      method: { type: 'string' },
      url: { type: 'string' },
      'api-id': { type: 'string' },
      region: { type: 'string' },
      stage: { type: 'string' },
    },
  });
  required(values, ['caller', 'role-arn', 'trust-policy', 'method', 'url']);
  const roleArn = values['role-arn']!;
  const account = /^arn:aws:iam::(\d{12}):role\/.+$/.exec(roleArn)?.[1];
  if (!account) throw new UsageError(`--role-arn is not a role ARN: ${roleArn}`);
  const method = values.method!.toUpperCase();
  if (!/^[A-Z]{1,16}$/.test(method)) throw new UsageError(`not an HTTP method: ${values.method}`);
  let url;
  try {
    url = parseInvokeUrl(values.url!);
  } catch {
    throw new UsageError(`not a URL: ${values.url}`);
  }
  const apiId = values['api-id'] ?? url.apiId;
  const region = values.region ?? url.region;
  if (!apiId || !region) throw new UsageError('the URL is not an execute-api URL: give --api-id and --region');
  const stage = values.stage ?? '$default';
  const prefix = `/${stage}/`;
  const path = url.path.startsWith(prefix) ? url.path.slice(prefix.length - 1) : url.path;
  const read = async (file: string): Promise<NamedPolicy> => readPolicyFile(resolve(io.cwd, file));
  try {
    const result = await simulateCrossAccount({
      caller: values.caller!,
      callerPolicies: await Promise.all((values['caller-policy'] ?? []).map(read)),
      roleArn,
      trustPolicy: await read(values['trust-policy']!),
      rolePolicies: await Promise.all((values['role-policy'] ?? []).map(read)),
      ...(values.boundary ? { boundary: await read(values.boundary) } : {}),
      ...(values.scp ? { scps: await Promise.all(values.scp.map(read)) } : {}),
      ...(values['session-policy'] ? { sessionPolicy: await read(values['session-policy']) } : {}),
      ...(values['resource-policy'] ? { resourcePolicy: await read(values['resource-policy']) } : {}),
      ...(values['external-id'] !== undefined ? { externalId: values['external-id'] } : {}),
      ...(values.mfa ? { mfa: true } : {}),
      resource: requestArn({ account, apiId, region }, stage, method, path),
    });
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PolicyFileError || error instanceof SimulationInputError) throw new UsageError(error.message);
    throw error;
  }
}

const SUBCOMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = {
  generate,
  lint,
  simulate,
};

/** `signet iam`: generate, lint and simulate the policies of the cross-account setup. */
export const iamCommand: CliCommand = {
  name: 'iam',
  summary: 'Generate, lint and simulate the IAM policies of a cross-account API setup',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const run = sub !== undefined ? SUBCOMMANDS[sub] : undefined;
    if (!run) throw new UsageError(`signet iam needs generate, lint or simulate${sub ? ` (got ${sub})` : ''}`);
    return run(rest, io);
  },
};
