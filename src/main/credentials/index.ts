/**
 * The credentials domain: AWS profiles, app-managed profiles, AssumeRole sessions and
 * the CredentialResolver the send pipeline uses. Plain Node; no electron import.
 */
export { createCredentialService } from './service';
export type { CredentialService, CredentialServiceDeps, ManagedProfileInput } from './service';
export { createCredentialHandlers } from './handlers';
export type { CredentialCallName } from './handlers';
export { sourceCredentials } from './source-credentials';
export type { SourceCredentialOptions, SourceCredentials } from './source-credentials';
