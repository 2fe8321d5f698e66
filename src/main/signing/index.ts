/**
 * The signing domain: SigV4 for the send pipeline, the CLI and the inspector.
 */
export { signWireRequest, type SignParams, type SignedRequest } from './sign';
export { toWireUrl, type SigningCredentials, type WireRequest } from './wire-request';
export { API_GATEWAY_PATH_RULES, type PathRules } from './canonical';
export { deriveRegionService } from '../../shared/aws-host';
export { RememberedScopes, type RememberedScope } from './remembered-scopes';
export { explainAwsError } from './explain';
export { redactHeaders, redactUrl } from './redact';
export { javascriptSnippet, pythonSnippet, type SnippetOptions } from './code-snippets';
