import { parseArgs } from 'node:util';
import { sandboxDescription, startSandbox } from '../../sandbox';
import { UsageError, type CliCommand } from '../command';

function intOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`--${name} must be ${min}..${max} (got ${value})`);
  return parsed;
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
    'Example: aws sts assume-role --endpoint-url <stsEndpoint> --region us-east-1 --role-arn <roleArn> \\',
    "           --role-session-name me   (with AWS_ACCESS_KEY_ID/SECRET set to accountB's keys)",
    'Stop with Ctrl+C.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, 'min-duration-seconds': { type: 'string' } },
      strict: true,
    });
    const port = intOption('port', values.port, 0, 0, 65535);
    const minDurationSeconds = intOption('min-duration-seconds', values['min-duration-seconds'], 900, 1, 43_200);
    const sandbox = await startSandbox({ port, minDurationSeconds });
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
