/**
 * The credentials domain's handlers for the contract. Expected failures (STS said no,
 * a profile is broken, an MFA code is needed) become `{ ok: false, error }` results.
 */
import type { CredentialFailure } from '../../shared/api/credentials';
import type { credentialCalls } from '../../shared/api/credentials';
import type { HandlerMap } from '../core/handlers';
import { CredentialError } from '../core/ports';
import type { CredentialService } from './service';

/** Every call name this domain answers. */
export type CredentialCallName = keyof typeof credentialCalls;

/** Turns a CredentialError into a result; anything else is a bug and propagates. */
export function credentialFailure(error: unknown): { ok: false; error: CredentialFailure } {
  if (error instanceof CredentialError) {
    return {
      ok: false,
      error: { code: error.code, message: error.message, ...(error.mfaSerial ? { mfaSerial: error.mfaSerial } : {}) },
    };
  }
  throw error;
}

async function attempt<T extends object>(
  run: () => Promise<T> | T,
): Promise<({ ok: true } & T) | { ok: false; error: CredentialFailure }> {
  try {
    return { ok: true, ...(await run()) };
  } catch (error) {
    return credentialFailure(error);
  }
}

/** Handlers for the calls in src/shared/api/credentials.ts, backed by one credential service. */
export function createCredentialHandlers(service: CredentialService): HandlerMap<CredentialCallName> {
  return {
    listProfiles: () => service.listProfiles(),
    addManagedProfile: (input) => attempt(() => service.addManagedProfile(input)),
    removeManagedProfile: async ({ name }) => ({ removed: await service.removeManagedProfile(name) }),
    assumeRole: (input) => attempt(async () => ({ session: await service.assumeRole(input) })),
    importSession: (input) => attempt(() => ({ session: service.importSession(input) })),
    listSessions: async () => ({ sessions: service.listSessions() }),
    refreshSession: ({ id, mfaCode }) => attempt(async () => ({ session: await service.refreshSession(id, mfaCode) })),
    setSessionAutoRefresh: ({ id, autoRefresh }) =>
      attempt(() => ({ session: service.setSessionAutoRefresh(id, autoRefresh) })),
    removeSession: async ({ id }) => ({ removed: service.removeSession(id) }),
    whoAmI: ({ source }) => attempt(async () => ({ identity: await service.whoAmI(source) })),
    credentialStatus: ({ source }) => service.credentialStatus(source),
  };
}
