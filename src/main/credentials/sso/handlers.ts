/**
 * The SSO calls of the contract. The verification link is opened by main, from the link
 * IAM Identity Center gave it for that sign-in, never from a URL the renderer names.
 */
import type { ssoCalls } from '../../../shared/api/sso';
import { AppFailure } from '../../core/failure';
import type { HandlerMap } from '../../core/handlers';
import type { CredentialService } from '../service';
import { isLoopbackUrl } from '../sts';

export type SsoCallName = keyof typeof ssoCalls;

export interface SsoHandlerDeps {
  readonly credentials: CredentialService;
  /** The host's way to open a link in the system browser (Electron's shell.openExternal). */
  readonly openExternal?: (url: string) => Promise<void>;
}

/** Only https links, or http on a loopback address (the sandbox), go to the system browser. */
export function isOpenableVerificationUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return false;
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackUrl(url));
  } catch {
    return false;
  }
}

/** Handlers for src/shared/api/sso.ts. */
export function createSsoHandlers(deps: SsoHandlerDeps): HandlerMap<SsoCallName> {
  const { sso } = deps.credentials;
  return {
    ssoConfigurations: async () => ({
      configurations: (await sso.configurations()).map(
        ({ kind, name, startUrl, region, signedIn, tokenExpiresAt }) => ({
          kind,
          name,
          startUrl,
          region,
          signedIn,
          ...(tokenExpiresAt ? { tokenExpiresAt } : {}),
        }),
      ),
    }),
    ssoStartLogin: async ({ target, force }) => {
      const started = await sso.startLogin(await sso.target(target), force);
      return {
        loginId: started.loginId,
        ...(started.prompt
          ? {
              prompt: {
                userCode: started.prompt.userCode,
                verificationUri: started.prompt.verificationUri,
                verificationUriComplete: started.prompt.verificationUriComplete,
                expiresAt: started.prompt.expiresAt.toISOString(),
                intervalSeconds: started.prompt.intervalSeconds,
              },
            }
          : {}),
        ...(started.tokenExpiresAt ? { tokenExpiresAt: started.tokenExpiresAt.toISOString() } : {}),
      };
    },
    ssoCancelLogin: async ({ loginId }) => ({ cancelled: sso.cancelLogin(loginId) }),
    ssoOpenVerification: async ({ loginId }) => {
      const url = sso.verificationUrl(loginId);
      if (!url) throw new AppFailure('not_found', 'No sign-in is waiting with that id');
      if (!deps.openExternal) {
        throw new AppFailure('unavailable', 'This host cannot open the system browser; open the link shown instead');
      }
      if (!isOpenableVerificationUrl(url)) {
        throw new AppFailure('invalid_input', 'The verification link is neither https nor on a loopback address');
      }
      await deps.openExternal(url);
      return { opened: true };
    },
    ssoListAccounts: async ({ target }) => sso.accounts(await sso.target(target)),
    ssoUseRole: async ({ target, accountId, roleName, label, autoRefresh, stsEndpoint }) => ({
      session: await deps.credentials.useSsoRole(await sso.target(target), {
        accountId,
        roleName,
        autoRefresh,
        ...(label ? { label } : {}),
        ...(stsEndpoint ? { stsEndpoint } : {}),
      }),
    }),
    ssoLogout: async ({ target }) => ({ signedOut: await sso.logout(await sso.target(target)) }),
  };
}
