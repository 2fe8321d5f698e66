/** What the signing inspector and the 403 explainer show. Types only, shared by results and failures. */

/** What was signed, for the signing inspector. Never contains a secret. */
export interface SigningInfo {
  readonly algorithm: 'AWS4-HMAC-SHA256';
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  /** True when region/service came from an execute-api host rather than the tab. */
  readonly derivedFromHost: boolean;
  /** The host whose remembered region/service were used (a custom domain, answered once before). */
  readonly rememberedForHost?: string;
  readonly addAuthDataTo: 'headers' | 'query';
  readonly amzDate: string;
  readonly credentialScope: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly payloadHash: string;
  /** A `curl --aws-sigv4` command reading credentials from the environment. */
  readonly curl: string;
}

/** Why AWS said 403 (or 401), and what to do next. */
export interface Explanation {
  readonly cause:
    | 'missing_token'
    | 'unknown_key'
    | 'signature_mismatch'
    | 'clock_skew'
    | 'wrong_scope'
    | 'expired_token'
    | 'not_authorized'
    | 'explicit_deny'
    | 'unknown';
  readonly errorType?: string;
  readonly title: string;
  readonly message: string;
  readonly nextStep: string;
  /** For a signature mismatch, the server's canonical request when it returned one. */
  readonly serverCanonicalRequest?: string;
  readonly serverStringToSign?: string;
}
