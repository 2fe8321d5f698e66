import type { CliCommand } from '../command';

/**
 * One line of `signet --help` and how to load its command. Commands are imported only when run,
 * so `signet sign` never loads the STS client, the importers or the web host.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for `signet --help`; a test holds it equal to the command's own summary. */
  readonly summary: string;
  readonly load: () => Promise<CliCommand>;
}

/** Every subcommand, in the order `signet --help` lists them. Each domain adds its own line. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'web',
    summary: 'Serve the app to a local browser on 127.0.0.1 (prints the URL to open)',
    load: async () => (await import('./web')).webCommand,
  },
  {
    name: 'sandbox',
    summary: 'Run a local AWS look-alike (API Gateway with IAM auth, STS, IAM Identity Center) on 127.0.0.1',
    load: async () => (await import('./sandbox')).sandboxCommand,
  },
  {
    name: 'assume-role',
    summary: 'Assume an IAM role and print temporary credentials like `aws sts assume-role`',
    load: async () => (await import('./assume-role')).assumeRoleCommand,
  },
  {
    name: 'sign',
    summary: 'Sign one request with SigV4 and print the signed request, canonical request and string to sign',
    load: async () => (await import('./sign')).signCommand,
  },
  {
    name: 'send',
    summary: 'Sign one request with SigV4, send it, and print the response',
    load: async () => (await import('./send')).sendCommand,
  },
  {
    name: 'import',
    summary: 'Import a Postman collection or environment into the workspace and print what was found',
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'export',
    summary: 'Export a workspace collection as Postman v2.1 JSON',
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'sso',
    summary: 'Sign in to IAM Identity Center (SSO), list accounts and roles, print role credentials',
    load: async () => (await import('./sso')).ssoCommand,
  },
];
