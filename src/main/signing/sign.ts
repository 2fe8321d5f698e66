/**
 * SigV4 signing of a wire request with @smithy/signature-v4, by each service's rules
 * (shared/service-rules). The signer records the canonical request and string to sign that
 * smithy computes as it signs, so the inspector shows exactly what was signed without a
 * second canonicalisation on the hot path; tests hold them against Signet's own computation.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { getCanonicalHeaders, getSigningKey, SignatureV4, SignatureV4Base } from '@smithy/signature-v4';
import type { SigningInfo } from '../../shared/api/http';
import { serviceRules, UNSIGNED_PAYLOAD, type PayloadHashChoice } from '../../shared/service-rules';
import {
  ALGORITHM,
  amzDate,
  canonicalPath,
  joinUrl,
  parseQuery,
  sha256Hex,
  splitUrl,
  uriEscape,
  type PathRules,
} from './canonical';
import { curlCommand } from './curl-command';
import { prepareHeaders } from './prepare-headers';
import type { SigningCredentials, WireRequest } from './wire-request';

export interface SignParams {
  readonly credentials: SigningCredentials;
  readonly region: string;
  readonly service: string;
  readonly addAuthDataTo: 'headers' | 'query';
  /** X-Amz-Expires of a presigned (query) request, 1 to 604800. */
  readonly expiresSeconds: number;
  readonly signingDate?: Date;
  /** Whether region/service were derived from the host, for the inspector. */
  readonly derivedFromHost?: boolean;
  /** The host whose remembered region/service were used, for the inspector. */
  readonly rememberedForHost?: string;
  /** Path canonicalisation; the service's rules (S3: as sent; others: normalise, double-encode) unless given. */
  readonly pathRules?: PathRules;
  /** Header signing only: add and sign `x-amz-content-sha256`; the service's rule (S3, aoss) unless given. */
  readonly signPayloadHashHeader?: boolean;
  /** Where the service allows it (S3), sign `UNSIGNED-PAYLOAD` instead of the body's hash. Default signed. */
  readonly payloadHash?: PayloadHashChoice;
  /** Add the session token after signing, unsigned (a few services, e.g. IoT, want this). */
  readonly sessionTokenUnsigned?: boolean;
  /** Set Content-Length for a non-empty body before signing (default true). */
  readonly setContentLength?: boolean;
}

export interface SignedRequest {
  readonly request: WireRequest;
  readonly info: SigningInfo;
}

const NAME_PART = /^[a-z0-9-]{1,64}$/;
const METHOD = /^[A-Z][A-Z-]{0,31}$/;
const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders'];
const TOKEN_PARAM = 'X-Amz-Security-Token';

function validate(req: WireRequest, params: SignParams): void {
  if (!METHOD.test(req.method)) throw new Error(`invalid HTTP method ${JSON.stringify(req.method)}`);
  if (!NAME_PART.test(params.region)) throw new Error(`invalid signing region ${JSON.stringify(params.region)}`);
  if (!NAME_PART.test(params.service)) throw new Error(`invalid signing service ${JSON.stringify(params.service)}`);
  const { accessKeyId, secretAccessKey } = params.credentials;
  if (!accessKeyId || !secretAccessKey) throw new Error('access key id and secret access key are required to sign');
  const expires = params.expiresSeconds;
  if (params.addAuthDataTo === 'query' && !(Number.isInteger(expires) && expires >= 1 && expires <= 604800)) {
    throw new Error('presigned URL expiry must be a whole number of seconds from 1 to 604800');
  }
}

/** Query params of a request as the record smithy signs (repeated keys become arrays). */
function toQueryRecord(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    if (key === '__proto__') throw new Error('query parameter "__proto__" cannot be signed');
    const existing = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    record[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

interface KeyCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}
/** Signing keys by credentials, day, region and service; a day's key is valid all day. */
const signingKeys = new Map<string, Promise<Uint8Array>>();
const SIGNING_KEYS_KEPT = 32;

/**
 * A smithy signer that keeps the canonical request and string to sign it computes. One per
 * request, so that concurrent signings never see each other's.
 */
class RecordingSigner extends SignatureV4 {
  canonicalRequest = '';
  stringToSign = '';

  protected override createCanonicalRequest(
    request: HttpRequest,
    headers: Record<string, string>,
    payloadHash: string,
  ): string {
    this.canonicalRequest = super.createCanonicalRequest(request, headers, payloadHash);
    return this.canonicalRequest;
  }

  protected override async createStringToSign(
    longDate: string,
    credentialScope: string,
    canonicalRequest: string,
    algorithmIdentifier: string,
  ): Promise<string> {
    this.stringToSign = await super.createStringToSign(
      longDate,
      credentialScope,
      canonicalRequest,
      algorithmIdentifier,
    );
    return this.stringToSign;
  }
}

// Presigning goes through SignatureV4.presign, whose key method (private in smithy's types, so
// replaced here rather than overridden) would find a derived key by an HMAC of the credentials
// on every signature, and miss for every new session token. It takes the same cached key as
// header signing instead. Only speed depends on this: if smithy renames the method, presigning
// still works, uncached; the botocore differential tests hold the signatures either way.
if (typeof Reflect.get(SignatureV4.prototype, 'getSigningKey') === 'function') {
  Object.defineProperty(RecordingSigner.prototype, 'getSigningKey', {
    value(this: RecordingSigner, credentials: KeyCredentials, region: string, shortDate: string, service?: string) {
      return cachedSigningKey(credentials, shortDate, region, service || this.service);
    },
  });
}

/**
 * SHA-256 and HMAC-SHA256 for smithy straight on node:crypto. @smithy/hash-node's Hash builds a
 * second hash object after every digest (for reuse smithy never makes) and copies every input;
 * on a burst of sends that was a fifth of the signing time.
 */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = NodeSha256.create(secret);
  }

  private static create(secret: string | ArrayBuffer | ArrayBufferView | undefined): Hash | Hmac {
    if (secret === undefined) return createHash('sha256');
    if (typeof secret === 'string') return createHmac('sha256', secret);
    const key = ArrayBuffer.isView(secret)
      ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
      : new Uint8Array(secret);
    return createHmac('sha256', key);
  }

  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }

  reset(): void {
    this.hash = NodeSha256.create(this.secret);
  }
}

/**
 * smithy's canonical request for a prepared request, by smithy's own code: SignatureV4Base's
 * canonicalisation depends only on whether the path is escaped, so two instances serve every
 * request, whatever its credentials, region or service.
 */
class Canonicalizer extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    super({
      credentials: { accessKeyId: '', secretAccessKey: '' },
      region: '',
      service: '',
      sha256: NodeSha256,
      uriEscapePath,
    });
  }

  canonical(request: HttpRequest, headers: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}
const canonicalizers = { escaped: new Canonicalizer(true), asIs: new Canonicalizer(false) };

interface HeaderSignature {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly authorization: string;
}

/**
 * Header signing as smithy's SignatureV4.sign does it, step for step with smithy's exported
 * functions (getCanonicalHeaders, the canonical request of SignatureV4Base, getSigningKey) and
 * getPayloadHash's rule, but in one synchronous pass: sign() re-resolves providers, awaits at
 * every step and hashes through its async interface, which made it half as fast as aws4. A
 * differential test holds this against SignatureV4.sign on thousands of requests.
 */
function signHeaders(
  request: HttpRequest,
  key: Uint8Array,
  accessKeyId: string,
  sessionToken: string | undefined,
  scope: string,
  longDate: string,
  escapePath: boolean,
): HeaderSignature {
  // prepareRequest copies the request and drops the headers the signer generates; prepareHeaders
  // dropped those already and the request is built for this signature only, so the copy is skipped.
  const headers = request.headers;
  headers['x-amz-date'] = longDate;
  if (sessionToken) headers['x-amz-security-token'] = sessionToken;
  const payloadHash = payloadHashOf(headers, request.body as Uint8Array | undefined);
  const canonicalHeaders = getCanonicalHeaders(request);
  const canonicalRequest = (escapePath ? canonicalizers.escaped : canonicalizers.asIs).canonical(
    request,
    canonicalHeaders,
    payloadHash,
  );
  const stringToSign = `${ALGORITHM}\n${longDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const authorization =
    `${ALGORITHM} Credential=${accessKeyId}/${scope}, ` +
    `SignedHeaders=${tailOf(canonicalRequest).signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, authorization };
}

/** The key depends on the secret, day, region and service only, not on a session token. */
function keyCacheKey(secret: string, shortDate: string, region: string, service: string): string {
  return `${shortDate}\n${region}\n${service}\n${secret}`;
}
/** Derived keys already resolved, so that a warm signature does not wait on a promise. */
const readyKeys = new Map<string, Uint8Array>();
/** The last key found, checked before building a cache key: a burst of sends uses one key. */
let lastKey: { secret: string; shortDate: string; region: string; service: string; key: Uint8Array } | undefined;

function readySigningKey(secret: string, shortDate: string, region: string, service: string): Uint8Array | undefined {
  const last = lastKey;
  if (
    last !== undefined &&
    last.secret === secret &&
    last.shortDate === shortDate &&
    last.region === region &&
    last.service === service
  )
    return last.key;
  const key = readyKeys.get(keyCacheKey(secret, shortDate, region, service));
  if (key !== undefined) lastKey = { secret, shortDate, region, service, key };
  return key;
}

/**
 * The payload hash as smithy's getPayloadHash finds it for a byte body: a given
 * x-amz-content-sha256 header (any case), else the body's SHA-256; synchronous, with node's
 * one-shot hash.
 */
function payloadHashOf(headers: Record<string, string>, body: Uint8Array | undefined): string {
  for (const name in headers) {
    if (name.length === 20 && name.toLowerCase() === 'x-amz-content-sha256') return headers[name] ?? '';
  }
  return sha256Hex(body ?? EMPTY);
}
const EMPTY = new Uint8Array(0);

/** smithy's signing key, derived once per (secret key, day, region, service). */
function cachedSigningKey(
  credentials: KeyCredentials,
  shortDate: string,
  region: string,
  service: string,
): Promise<Uint8Array> {
  const cacheKey = keyCacheKey(credentials.secretAccessKey, shortDate, region, service);
  const cached = signingKeys.get(cacheKey);
  if (cached) return cached;
  const key = getSigningKey(NodeSha256, credentials, shortDate, region, service);
  if (signingKeys.size >= SIGNING_KEYS_KEPT) {
    const oldest = signingKeys.keys().next().value ?? '';
    signingKeys.delete(oldest);
    readyKeys.delete(oldest);
  }
  signingKeys.set(cacheKey, key);
  key.then(
    (ready) => {
      if (signingKeys.get(cacheKey) === key) readyKeys.set(cacheKey, ready);
    },
    () => signingKeys.delete(cacheKey),
  );
  return key;
}

/** The signed-headers line and payload hash are the last two lines of a canonical request. */
function tailOf(canonicalRequest: string): { signedHeaders: string; payloadHash: string } {
  const last = canonicalRequest.lastIndexOf('\n');
  const before = canonicalRequest.lastIndexOf('\n', last - 1);
  return {
    signedHeaders: canonicalRequest.slice(before + 1, last),
    payloadHash: canonicalRequest.slice(last + 1),
  };
}

/**
 * Signs a request with SigV4 and returns the request to send plus what was signed.
 * Throws (never returns an unsigned request) when the request cannot be signed.
 */
export async function signWireRequest(req: WireRequest, params: SignParams): Promise<SignedRequest> {
  validate(req, params);
  const service = serviceRules(params.service);
  const rules = params.pathRules ?? service.pathRules;
  const smithyEscapes = rules.normalize && rules.doubleEncode;
  const url = splitUrl(req.url);
  const queryPairs = parseQuery(url.query);
  const toQuery = params.addAuthDataTo === 'query';
  if (toQuery) {
    const clash = queryPairs.find(([key]) =>
      /^x-amz-(algorithm|credential|date|expires|signedheaders|signature|security-token)$/i.test(key),
    );
    if (clash) throw new Error(`URL already carries ${clash[0]}; remove it before presigning`);
  }
  const { accessKeyId, secretAccessKey } = params.credentials;
  // An empty token (e.g. a blank form field) means long-term keys, not a token to sign.
  const sessionToken = params.credentials.sessionToken || undefined;
  const unsignedPayload = params.payloadHash === 'unsigned' && service.unsignedPayloadAllowed;
  const signsHashHeader = params.signPayloadHashHeader ?? service.payloadHashHeader;
  const headers = prepareHeaders(req, {
    setContentLength: params.setContentLength ?? true,
    payloadHashHeader:
      !toQuery && signsHashHeader ? (unsignedPayload ? UNSIGNED_PAYLOAD : sha256Hex(req.body)) : undefined,
  });
  const signDate = params.signingDate ?? new Date();
  const longDate = amzDate(signDate);
  const scope = `${longDate.slice(0, 8)}/${params.region}/${params.service}/aws4_request`;
  const signsToken = sessionToken !== undefined && !params.sessionTokenUnsigned;

  // A plain loop: Object.fromEntries costs three times as much on this path.
  const smithyHeaders: Record<string, string> = {};
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i] as [string, string];
    // A valid token, but assigning it would set no header: it would be sent and never signed.
    if (header[0].toLowerCase() === '__proto__') throw new Error('header "__proto__" cannot be signed');
    smithyHeaders[header[0]] = header[1];
  }
  // A presigned S3 URL signs UNSIGNED-PAYLOAD: smithy takes the payload hash from this header,
  // which is neither signed nor sent.
  const presignHashHeader =
    toQuery && service.presignUnsignedPayload && !headers.some(([n]) => n.toLowerCase() === 'x-amz-content-sha256');
  if (presignHashHeader) smithyHeaders['x-amz-content-sha256'] = UNSIGNED_PAYLOAD;
  const smithyRequest = new HttpRequest({
    method: req.method,
    protocol: `${url.scheme}:`,
    hostname: url.authority,
    path: smithyEscapes ? url.path : canonicalPath(url.path, rules),
    query: toQueryRecord(queryPairs),
    headers: smithyHeaders,
    body: req.body.length > 0 ? req.body : undefined,
  });

  let wire: WireRequest;
  let signature: string;
  let recorded: { readonly canonicalRequest: string; readonly stringToSign: string };
  if (toQuery) {
    const signer = new RecordingSigner({
      credentials: { accessKeyId, secretAccessKey, ...(signsToken ? { sessionToken } : {}) },
      region: params.region,
      service: params.service,
      sha256: NodeSha256,
      applyChecksum: false,
      uriEscapePath: smithyEscapes,
    });
    const unhoistable = new Set(
      Object.keys(smithyHeaders)
        .map((name) => name.toLowerCase())
        .filter((name) => name.startsWith('x-amz-')),
    );
    const presigned = await signer.presign(smithyRequest, {
      signingDate: signDate,
      expiresIn: params.expiresSeconds,
      unhoistableHeaders: unhoistable,
      ...(presignHashHeader ? { unsignableHeaders: new Set(['x-amz-content-sha256']) } : {}),
    });
    const value = (key: string): string => {
      const v = presigned.query?.[key];
      if (typeof v !== 'string') throw new Error(`presigning produced no ${key}`);
      return v;
    };
    const added: Array<[string, string]> = PRESIGN_PARAMS.map((key) => [key, value(key)]);
    if (signsToken) added.push([TOKEN_PARAM, value(TOKEN_PARAM)]);
    signature = value('X-Amz-Signature');
    recorded = signer;
    if (sessionToken !== undefined && !signsToken) added.push([TOKEN_PARAM, sessionToken]);
    added.push(['X-Amz-Signature', signature]);
    const suffix = added.map(([k, v]) => `${k}=${uriEscape(v)}`).join('&');
    const query = url.query ? `${url.query}&${suffix}` : suffix;
    wire = { method: req.method, url: joinUrl({ ...url, query }), headers, body: req.body };
  } else {
    // A warm key is at hand synchronously: no await, so a burst of sends signs without yielding.
    const shortDate = longDate.slice(0, 8);
    const key =
      readySigningKey(secretAccessKey, shortDate, params.region, params.service) ??
      (await cachedSigningKey(params.credentials, shortDate, params.region, params.service));
    const signed = signHeaders(
      smithyRequest,
      key,
      accessKeyId,
      signsToken ? sessionToken : undefined,
      scope,
      longDate,
      smithyEscapes,
    );
    recorded = signed;
    signature = signed.signature;
    // The headers sent are the headers signed: smithyRequest was built from these, and signHeaders
    // added the date and token the same way.
    const out: Array<[string, string]> = headers.slice();
    out.push(['X-Amz-Date', longDate]);
    if (sessionToken !== undefined) out.push(['X-Amz-Security-Token', sessionToken]);
    out.push(['Authorization', signed.authorization]);
    wire = { method: req.method, url: joinUrl(url), headers: out, body: req.body };
  }

  const { canonicalRequest, stringToSign } = recorded;
  if (canonicalRequest === '' || stringToSign === '')
    throw new Error('internal signing error: the signer did not report what it signed; request not sent');
  const { signedHeaders, payloadHash } = tailOf(canonicalRequest);
  // No spread in the literal: one makes V8 build the whole object property by property.
  const info: { -readonly [K in keyof SigningInfo]: SigningInfo[K] } = {
    algorithm: ALGORITHM,
    accessKeyId: accessKeyId,
    region: params.region,
    service: params.service,
    derivedFromHost: params.derivedFromHost ?? false,
    addAuthDataTo: params.addAuthDataTo,
    amzDate: longDate,
    credentialScope: scope,
    signedHeaders,
    canonicalRequest,
    stringToSign,
    signature,
    payloadHash,
  } as { -readonly [K in keyof SigningInfo]: SigningInfo[K] };
  lazyCurl(info, new CurlInput(req, url, headers, params, sessionToken !== undefined));
  if (params.rememberedForHost) info.rememberedForHost = params.rememberedForHost;
  return { request: wire, info };
}

/** What the curl command of a signed request is built from, and the command once built. */
class CurlInput {
  command: string | undefined;
  constructor(
    readonly req: WireRequest,
    readonly url: ReturnType<typeof splitUrl>,
    readonly headers: Array<[string, string]>,
    readonly params: SignParams,
    readonly withSessionToken: boolean,
  ) {}
}
const CURL_INPUT: unique symbol = Symbol('curl input');

/** The one getter every signing info shares; a getter per object would give each its own hidden class. */
function readCurl(this: { [CURL_INPUT]?: CurlInput }): string {
  const input = this[CURL_INPUT];
  if (!input) return '';
  const { req, url, headers, params } = input;
  return (input.command ??= curlCommand(
    { method: req.method, url: joinUrl(url), headers, body: req.body },
    params.region,
    params.service,
    { withSessionToken: input.withSessionToken, ...(params.payloadHash ? { payloadHash: params.payloadHash } : {}) },
  ));
}

const CURL_PROPERTY: PropertyDescriptor = { get: readCurl, enumerable: true, configurable: true };

/**
 * Makes `curl` a getter that builds the command when first read: it costs as much as signing
 * itself, and a burst of sends never reads it, while the inspector, IPC and JSON serialisation
 * read an own enumerable getter like any other field.
 */
function lazyCurl(info: object, input: CurlInput): void {
  Object.defineProperty(info, CURL_INPUT, { value: input });
  Object.defineProperty(info, 'curl', CURL_PROPERTY);
}
