/**
 * The seams between main's domains. The send pipeline (src/main/http) depends on
 * these interfaces; the credentials and collections domains implement them.
 */
import type { Auth, CredentialSource } from '../../shared/model';
import type { FailureCode } from '../../shared/result';
import { AppFailure } from './failure';

/** Credentials ready to sign with. Never leaves main. */
export interface ResolvedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  /** Human description of where they came from, e.g. `profile dev` or `session abc`. */
  readonly sourceLabel: string;
}

export interface ResolveOptions {
  readonly mfaCode?: string;
  /** Skip caches and fetch new credentials (after an expired-token 403). */
  readonly forceRefresh?: boolean;
  /** Resolves `{{variables}}` and `secret:` references in typed-key fields. */
  readonly resolveText: (text: string) => string;
}

/** A failure to get credentials; the send pipeline turns it into a result. */
export class CredentialError extends AppFailure {
  override readonly name = 'CredentialError';
  constructor(
    message: string,
    code: Extract<FailureCode, 'credentials' | 'mfa_required' | 'sts' | 'not_found'> = 'credentials',
    readonly mfaSerial?: string,
  ) {
    super(code, message, mfaSerial ? { mfaSerial } : {});
  }
}

export interface CredentialResolver {
  /** Throws CredentialError when no usable credentials can be had. */
  resolve(source: CredentialSource, options: ResolveOptions): Promise<ResolvedCredentials>;
  /** Whether an expired-token 403 for this source may be answered by one refresh and retry. */
  canAutoRefresh(source: CredentialSource): boolean;
}

export interface SendScope {
  /** Variable values by name: environment first, then folders, then the collection. Secret values as `secret:` references. */
  readonly lookup: (name: string) => string | undefined;
  /** Effective auth of the request's folder chain when the request says `inherit`. */
  readonly inheritedAuth: Auth;
}

export interface SendContextResolver {
  resolve(context: { collectionId?: string; itemId?: string; environmentId?: string }): Promise<SendScope>;
}
