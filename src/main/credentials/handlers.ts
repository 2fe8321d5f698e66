/**
 * The credentials domain's handlers for the contract. Expected failures (STS said no,
 * a profile is broken, an MFA code is needed) are thrown as CredentialError, which the
 * dispatcher turns into the contract's failure result.
 */
import type { credentialCalls } from '../../shared/api/credentials';
import type { HandlerMap } from '../core/handlers';
import type { CredentialService } from './service';
import type { Trash } from '../core/trash';

/** Every call name this domain answers. */
export type CredentialCallName = keyof typeof credentialCalls;

/**
 * Handlers for the calls in src/shared/api/credentials.ts, backed by one credential service;
 * with a trash, a removed session can be held again (undo).
 */
export function createCredentialHandlers(service: CredentialService, trash?: Trash): HandlerMap<CredentialCallName> {
  return {
    listProfiles: () => service.listProfiles(),
    addManagedProfile: (input) => service.addManagedProfile(input),
    removeManagedProfile: async ({ name }) => ({ removed: await service.removeManagedProfile(name) }),
    assumeRole: async (input) => ({ session: await service.assumeRole(input) }),
    importSession: async (input) => ({ session: service.importSession(input) }),
    listSessions: async () => ({ sessions: service.listSessions() }),
    refreshSession: async ({ id, mfaCode }) => ({ session: await service.refreshSession(id, mfaCode) }),
    setSessionAutoRefresh: async ({ id, autoRefresh }) => ({ session: service.setSessionAutoRefresh(id, autoRefresh) }),
    removeSession: async ({ id }) => {
      if (!trash) return { removed: service.removeSession(id) };
      const label = service.listSessions().find((session) => session.id === id)?.label ?? id;
      const hold = service.detachSession(id);
      return hold ? { removed: true, undoId: trash.put('session', label, async () => hold()) } : { removed: false };
    },
    whoAmI: async ({ source }) => ({ identity: await service.whoAmI(source) }),
    credentialStatus: ({ source }) => service.credentialStatus(source),
  };
}
