/**
 * How SigV4 differs by service: the path canonicalisation and whether the payload hash travels
 * in `x-amz-content-sha256`. Pure, so the Auth tab shows the rules main will sign with.
 */

export interface PathRules {
  /** Remove dot segments and empty segments (every service but S3). */
  readonly normalize: boolean;
  /** Encode the path as sent once more (every service but S3). */
  readonly doubleEncode: boolean;
}

/** What goes in `x-amz-content-sha256` where it is sent: the body's SHA-256, or `UNSIGNED-PAYLOAD`. */
export type PayloadHashChoice = 'signed' | 'unsigned';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface ServiceRules {
  readonly pathRules: PathRules;
  /** Header signing adds and signs `x-amz-content-sha256`. */
  readonly payloadHashHeader: boolean;
  /** The user may sign `UNSIGNED-PAYLOAD` instead of the body's hash (header signing). */
  readonly unsignedPayloadAllowed: boolean;
  /** Presigned URLs sign `UNSIGNED-PAYLOAD` (S3) rather than the body's hash. */
  readonly presignUnsignedPayload: boolean;
  /** One line for the Auth tab, e.g. "S3 rules: path signed exactly as sent ...". */
  readonly summary: string;
}

const DEFAULT_RULES: ServiceRules = {
  pathRules: { normalize: true, doubleEncode: true },
  payloadHashHeader: false,
  unsignedPayloadAllowed: false,
  presignUnsignedPayload: false,
  summary: 'Standard SigV4: path normalised and encoded again, body hash signed without a header.',
};

const S3_RULES: ServiceRules = {
  pathRules: { normalize: false, doubleEncode: false },
  payloadHashHeader: true,
  unsignedPayloadAllowed: true,
  presignUnsignedPayload: true,
  summary:
    'S3 rules: path signed exactly as sent (no normalising, no second encoding), x-amz-content-sha256 on every request; presigned URLs sign UNSIGNED-PAYLOAD.',
};

const AOSS_RULES: ServiceRules = {
  ...DEFAULT_RULES,
  payloadHashHeader: true,
  summary: 'OpenSearch Serverless rules: standard SigV4 plus x-amz-content-sha256 with the body hash.',
};

/** The signing rules of a service by its signing name (`s3`, `aoss`, `execute-api` ...). */
export function serviceRules(service: string): ServiceRules {
  const name = service.trim().toLowerCase();
  if (name === 's3' || name === 's3-object-lambda') return S3_RULES;
  if (name === 'aoss') return AOSS_RULES;
  return DEFAULT_RULES;
}
