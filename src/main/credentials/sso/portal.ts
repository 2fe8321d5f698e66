/**
 * The SSO portal through @aws-sdk/client-sso: the accounts and roles a token may use, and
 * role credentials for one of them. Role credentials never leave main.
 */
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import { CredentialError } from '../../core/ports';
import { isLoopbackUrl } from '../sts';
import { describeOidcError } from './oidc';
import { checkSsoEndpoint, defaultPortalEndpoint, type SsoTarget } from './targets';

export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly roles: readonly string[];
}

export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** Enough pages for any real organisation; a portal that never ends stops here. */
const MAX_PAGES = 100;

function portalClient(target: SsoTarget): SSOClient {
  const endpoint = checkSsoEndpoint(
    target.portalEndpoint ?? defaultPortalEndpoint(target.region),
    'SSO portal endpoint',
  );
  return new SSOClient({ region: target.region, endpoint, ...(isLoopbackUrl(endpoint) ? { maxAttempts: 1 } : {}) });
}

/** Whether the portal refused the token (expired or signed out). */
export function isUnauthorized(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'UnauthorizedException';
}

function describe(error: unknown, doing: string): unknown {
  if (isUnauthorized(error)) return error;
  return describeOidcError(error, doing);
}

/** Every account the token may use, each with its roles (permission sets), sorted by name. */
export async function listAccounts(target: SsoTarget, accessToken: string): Promise<SsoAccount[]> {
  const client = portalClient(target);
  try {
    const accounts: Array<{ accountId: string; accountName: string; emailAddress: string }> = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const out = await client.send(new ListAccountsCommand({ accessToken, ...(nextToken ? { nextToken } : {}) }));
      for (const a of out.accountList ?? []) {
        if (a.accountId)
          accounts.push({
            accountId: a.accountId,
            accountName: a.accountName ?? '',
            emailAddress: a.emailAddress ?? '',
          });
      }
      nextToken = out.nextToken;
      if (!nextToken) break;
    }
    const withRoles = await Promise.all(
      accounts.map(async (account) => {
        const roles: string[] = [];
        let next: string | undefined;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const out = await client.send(
            new ListAccountRolesCommand({
              accessToken,
              accountId: account.accountId,
              ...(next ? { nextToken: next } : {}),
            }),
          );
          for (const r of out.roleList ?? []) if (r.roleName) roles.push(r.roleName);
          next = out.nextToken;
          if (!next) break;
        }
        return { ...account, roles: roles.sort() };
      }),
    );
    return withRoles.sort(
      (a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId),
    );
  } catch (error) {
    throw describe(error, 'list your accounts');
  } finally {
    client.destroy();
  }
}

/** GetRoleCredentials: temporary keys for one account and permission set. */
export async function getRoleCredentials(
  target: SsoTarget,
  accessToken: string,
  accountId: string,
  roleName: string,
): Promise<RoleCredentials> {
  const client = portalClient(target);
  try {
    const out = await client.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) {
      throw new CredentialError('IAM Identity Center answered GetRoleCredentials without complete credentials', 'sts');
    }
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: new Date(c.expiration),
    };
  } catch (error) {
    if (
      (error as { name?: string }).name === 'ForbiddenException' ||
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403
    ) {
      throw new CredentialError(`You have no role ${roleName} in account ${accountId}`, 'credentials');
    }
    throw describe(error, `get credentials for ${roleName} in ${accountId}`);
  } finally {
    client.destroy();
  }
}

/** Ends the portal session (best effort: the token file goes either way). */
export async function logout(target: SsoTarget, accessToken: string): Promise<void> {
  const client = portalClient(target);
  try {
    await client.send(new LogoutCommand({ accessToken }));
  } catch {
    // Already expired or unreachable: signing out locally is what matters.
  } finally {
    client.destroy();
  }
}
