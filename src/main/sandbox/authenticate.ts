/**
 * Authenticates a SigV4 request against the sandbox's directory, in the order AWS
 * reports problems: signature present, key known, session token valid, scope,
 * clock, then the signature itself.
 */
import type { AccessKeyRecord, Directory } from './directory';
import {
  canonicalRequest,
  computeSignature,
  credentialScope,
  formatAmzDate,
  parseAmzDate,
  parseSignature,
  signaturesEqual,
  stringToSign,
  type CanonicalRules,
  type ReceivedRequest,
} from './sigv4-verify';

/** Why authentication failed; each service maps these to its own error codes. */
export type AuthFailureKind =
  | 'missing'
  | 'incomplete'
  | 'unknown-key'
  | 'invalid-token'
  | 'expired-token'
  | 'bad-scope'
  | 'expired'
  | 'not-yet-current'
  | 'mismatch';

export interface AuthFailure {
  readonly ok: false;
  readonly kind: AuthFailureKind;
  readonly message: string;
  /** Mismatch only: what the server computed, for the client's diff. */
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
}

export interface AuthSuccess {
  readonly ok: true;
  readonly key: AccessKeyRecord;
}

export interface AuthOptions {
  readonly service: string;
  readonly region: string;
  readonly now: Date;
  /** Canonical rules of the service (S3's differ); standard unless given. */
  readonly rules?: CanonicalRules;
}

const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const SKEW_MS = 5 * 60 * 1000;

function fail(kind: AuthFailureKind, message: string, extra: Partial<AuthFailure> = {}): AuthFailure {
  return { ok: false, kind, message, ...extra };
}

/** Checks the request's signature; never throws for client mistakes. */
export function authenticate(
  request: ReceivedRequest,
  directory: Directory,
  options: AuthOptions,
): AuthSuccess | AuthFailure {
  const parsed = parseSignature(request);
  if (parsed.kind === 'none') return fail('missing', 'Missing Authentication Token');
  if (parsed.kind === 'incomplete') return fail('incomplete', parsed.message);
  const { claims } = parsed;

  const key = directory.key(claims.accessKeyId);
  if (!key) return fail('unknown-key', 'The security token included in the request is invalid.');
  if (key.sessionToken !== undefined) {
    if (claims.sessionToken !== key.sessionToken)
      return fail('invalid-token', 'The security token included in the request is invalid.');
    if (key.expiration && options.now.getTime() >= key.expiration.getTime()) {
      return fail('expired-token', 'The security token included in the request is expired');
    }
  } else if (claims.sessionToken !== undefined) {
    // A session token sent with long-term keys is a client bug AWS rejects the same way.
    return fail('invalid-token', 'The security token included in the request is invalid.');
  }

  if (claims.terminator !== 'aws4_request') {
    return fail(
      'bad-scope',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${claims.terminator.slice(0, 40)}'. `,
    );
  }
  if (claims.region !== options.region) {
    return fail('bad-scope', `Credential should be scoped to a valid region. `);
  }
  if (claims.service !== options.service) {
    return fail('bad-scope', `Credential should be scoped to correct service: '${options.service}'. `);
  }

  const signedAt = parseAmzDate(claims.amzDate);
  if (!signedAt) {
    return fail(
      'incomplete',
      `Date must be in ISO-8601 'basic format'. Got '${claims.amzDate.slice(0, 40)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  if (claims.scopeDate !== claims.amzDate.slice(0, 8)) {
    return fail(
      'bad-scope',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claims.scopeDate}' != '${claims.amzDate.slice(0, 8)}', from '${claims.amzDate}'.`,
    );
  }
  const now = options.now.getTime();
  const nowText = formatAmzDate(options.now);
  if (
    claims.presigned &&
    claims.expiresSeconds !== undefined &&
    now > signedAt.getTime() + claims.expiresSeconds * 1000
  ) {
    const limit = formatAmzDate(new Date(now - claims.expiresSeconds * 1000));
    return fail(
      'expired',
      `Signature expired: ${claims.amzDate} is now earlier than ${limit} (${nowText} - ${claims.expiresSeconds} sec.)`,
    );
  }
  if (!claims.presigned && signedAt.getTime() < now - SKEW_MS) {
    const limit = formatAmzDate(new Date(now - SKEW_MS));
    return fail('expired', `Signature expired: ${claims.amzDate} is now earlier than ${limit} (${nowText} - 5 min.)`);
  }
  if (signedAt.getTime() > now + SKEW_MS) {
    const limit = formatAmzDate(new Date(now + SKEW_MS));
    return fail(
      'not-yet-current',
      `Signature not yet current: ${claims.amzDate} is still later than ${limit} (${nowText} + 5 min.)`,
    );
  }

  const canonical = canonicalRequest(request, claims.signedHeaders, claims.presigned, options.rules);
  const toSign = stringToSign(claims.amzDate, credentialScope(claims), canonical);
  const expected = computeSignature(key.secretAccessKey, claims, toSign);
  const hostSigned = claims.signedHeaders.includes('host');
  if (!hostSigned || !signaturesEqual(expected, claims.signature)) {
    return fail('mismatch', SIGNATURE_MISMATCH_MESSAGE, { canonicalRequest: canonical, stringToSign: toSign });
  }
  return { ok: true, key };
}
