import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { AppFailure } from '../../core/failure';
import { loadAwsFiles } from '../../credentials/aws-files';
import { SsoService } from '../../credentials/sso/service';
import { profileSsoRole, type SsoTarget } from '../../credentials/sso/targets';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `signet sso <login|accounts|credentials|logout> [options]

Signs in to IAM Identity Center (AWS SSO) with the device flow and shares the sign-in
with the AWS CLI (~/.aws/sso/cache, the same files).

  signet sso login        prints the verification URL and code on stderr and waits for approval
                          [--no-browser] [--force: sign in again even if a cached sign-in is good]
  signet sso accounts     one JSON line per account and role the sign-in may use
  signet sso credentials  --account-id A --role-name R (defaults: the profile's sso_account_id /
                          sso_role_name): prints {Version, AccessKeyId, SecretAccessKey, SessionToken,
                          Expiration}, the shape of \`aws configure export-credentials\` (credential_process)
  signet sso logout       signs out at the portal and removes the cached token

Where to sign in (one of):
  --profile P             an SSO profile of ~/.aws/config (sso_session, or legacy sso_start_url)
  --sso-session S         an [sso-session S] section of ~/.aws/config
  --start-url URL --region R
Endpoints (default AWS's; a local sandbox's with \`signet sandbox\`):
  --oidc-endpoint URL --portal-endpoint URL   (plain http only on a loopback address)

Output of \`credentials\` contains secrets: pipe it, don't paste it into tickets.`;

const OPTIONS = {
  profile: { type: 'string' },
  'sso-session': { type: 'string' },
  'start-url': { type: 'string' },
  region: { type: 'string' },
  'oidc-endpoint': { type: 'string' },
  'portal-endpoint': { type: 'string' },
  'no-browser': { type: 'boolean' },
  force: { type: 'boolean' },
  'account-id': { type: 'string' },
  'role-name': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

function targetInput(values: Values) {
  const named = [values.profile, values['sso-session'], values['start-url']].filter(Boolean).length;
  if (named !== 1) throw new UsageError('give one of --profile, --sso-session, or --start-url with --region');
  if (values['start-url'] && !values.region) throw new UsageError('--start-url needs --region');
  return {
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values['sso-session'] ? { ssoSession: values['sso-session'] } : {}),
    ...(values['start-url'] ? { startUrl: values['start-url'], region: values.region } : {}),
    ...(values['oidc-endpoint'] ? { oidcEndpoint: values['oidc-endpoint'] } : {}),
    ...(values['portal-endpoint'] ? { portalEndpoint: values['portal-endpoint'] } : {}),
  };
}

/** Opens a link with the platform's opener; failure only means the user opens it by hand. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the URL is printed anyway.
  }
}

async function login(sso: SsoService, target: SsoTarget, values: Values, io: CliIo): Promise<number> {
  const result = await sso.login(target, {
    force: Boolean(values.force),
    onPrompt: (prompt) => {
      const opening = values['no-browser'] ? '' : 'Attempting to open the sign-in page in your browser. ';
      io.stderr(
        `${opening}If it does not open, open this URL:\n\n${prompt.verificationUri}\n\nand enter the code:\n\n${prompt.userCode}\n\n` +
          `(or open ${prompt.verificationUriComplete})\nWaiting for approval (the code expires at ${prompt.expiresAt.toISOString()})...\n`,
      );
      if (!values['no-browser']) openInBrowser(prompt.verificationUriComplete);
    },
    onPoll: (event) => {
      if (event.kind === 'slow_down')
        io.stderr(`IAM Identity Center asked to poll less often: every ${event.intervalSeconds} s\n`);
    },
  });
  io.stderr(`${result.reused ? 'Already signed in' : 'Signed in'} to ${target.startUrl}\n`);
  io.stdout(
    `${JSON.stringify({ startUrl: target.startUrl, region: target.region, tokenExpiresAt: result.tokenExpiresAt.toISOString() })}\n`,
  );
  return 0;
}

/** `signet sso`: sign in to IAM Identity Center, list accounts and roles, print role credentials. */
export const ssoCommand: CliCommand = {
  name: 'sso',
  summary: 'Sign in to IAM Identity Center (SSO), list accounts and roles, print role credentials',
  usage: USAGE,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (!action || !['login', 'accounts', 'credentials', 'logout'].includes(action)) {
      throw new UsageError('say what to do: signet sso login | accounts | credentials | logout');
    }
    const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });
    const sso = new SsoService({ env: io.env, loadFiles: () => loadAwsFiles(io.env) });
    try {
      const target = await sso.target(targetInput(values));
      switch (action) {
        case 'login':
          return await login(sso, target, values, io);
        case 'accounts': {
          const { accounts } = await sso.accounts(target);
          for (const account of accounts) {
            for (const roleName of account.roles) {
              io.stdout(
                `${JSON.stringify({ accountId: account.accountId, accountName: account.accountName, emailAddress: account.emailAddress, roleName })}\n`,
              );
            }
          }
          return 0;
        }
        case 'credentials': {
          const fromProfile = values.profile
            ? profileSsoRole(values.profile, await loadAwsFiles(io.env), io.env)
            : undefined;
          const accountId = values['account-id'] ?? fromProfile?.accountId;
          const roleName = values['role-name'] ?? fromProfile?.roleName;
          if (!accountId || !roleName) throw new UsageError('--account-id and --role-name are required');
          const creds = await sso.roleCredentials(target, accountId, roleName);
          io.stdout(
            `${JSON.stringify({
              Version: 1,
              AccessKeyId: creds.accessKeyId,
              SecretAccessKey: creds.secretAccessKey,
              SessionToken: creds.sessionToken,
              Expiration: creds.expiration.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
            })}\n`,
          );
          return 0;
        }
        default: {
          const removed = await sso.logout(target);
          io.stderr(removed ? `Signed out of ${target.startUrl}\n` : `Was not signed in to ${target.startUrl}\n`);
          return 0;
        }
      }
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      io.stderr(`error (${error.code}): ${error.message}\n`);
      return error.code === 'sts' ? 254 : 255;
    }
  },
};
