/**
 * The credentials domain: AWS profiles, app-managed profiles, AssumeRole sessions and
 * the CredentialResolver the send pipeline uses. Plain Node; no electron import.
 */
export { createCredentialService } from './service';
export type { CredentialService, CredentialServiceDeps, ManagedProfileInput } from './service';
export { createCredentialHandlers } from './handlers';
export type { CredentialCallName } from './handlers';
export { resolveCliCredentials, cliSourceCredentials } from './cli-credentials';
export type { CliCredentialOptions } from './cli-credentials';
