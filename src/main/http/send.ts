import type { Agent } from 'node:http';
import type { Failure, ParsedInput, Result, SendResult, SigningInfo } from '../../shared/contract';
import { evaluateChecks } from './checks';
import type { Auth, AwsSigV4Auth } from '../../shared/model';
import {
  CredentialError,
  type CredentialResolver,
  type ResolvedCredentials,
  type SendContextResolver,
  type SendScope,
} from '../core/ports';
import { Redactions } from '../core/scrub';
import type { SecretStore } from '../core/secrets';
import { encodeBody, type ReadGrantedFile } from './body';
import type { BodyStore, BodyWriter } from './body-store';
import { AppFailure } from '../core/failure';
import { applyHeadersAndSimpleAuth, createTextResolver, hasHeader, UnresolvedError } from './prepare';
import { sendWire, TransportError, type WireRequest } from './transport';
import type { CookieJar } from './cookie-jar';
import {
  deriveRegionService,
  explainAwsError,
  redactHeaders,
  redactUrl,
  signWireRequest,
  type RememberedScopes,
} from '../signing';

export interface RequestRunnerDeps {
  readonly secrets: SecretStore;
  readonly credentials: CredentialResolver;
  readonly scopes?: SendContextResolver;
  readonly userAgent?: string;
  /** Reads files the user granted (binary and form-data file bodies). */
  readonly files?: ReadGrantedFile;
  /** Region/service answered for custom domains; without it, nothing is remembered. */
  readonly rememberedScopes?: RememberedScopes;
  /** Keeps every response body whole on disk; without it, only the preview is kept. */
  readonly bodies?: BodyStore;
  /**
   * Told about every send that settled (a response or a failure), with the secrets it
   * resolved, so a record of it can be scrubbed; history listens. Its failures never fail the send.
   */
  readonly onSettled?: (record: SendRecord) => Promise<void>;
  /** Cookies responses set, sent on later requests to the hosts they belong to; without it, none are kept. */
  readonly cookies?: CookieJar;
}

/** One settled send, for history. */
export interface SendRecord {
  readonly input: SendInput;
  /** What the renderer got back, already redacted. */
  readonly outcome: SendOutcome;
  /** Every secret each attempt resolved (one set per attempt; a retry after a refresh adds one). */
  readonly redactions: readonly Redactions[];
  /** The auth that applied, `inherit` resolved. */
  readonly authKind: Auth['type'];
  readonly startedAt: Date;
  readonly elapsedMs: number;
}

/** What the attempts of one send leave behind for its record. */
interface SendTrace {
  readonly redactions: Redactions[];
  authKind: Auth['type'];
}

type SendInput = ParsedInput<'sendRequest'>;

/**
 * What a collection run supplies in place of the single send's defaults: the scope it
 * computed once for the request and iteration, the run's credential cache, a keep-alive
 * agent per host, and the raw body the checks read.
 */
export interface SendOverrides {
  readonly scope?: SendScope;
  readonly credentials?: CredentialResolver;
  readonly agentFor?: (url: URL) => Agent | undefined;
  /** Keep the body text next to pretty JSON (the pane drops it); skip pretty-printing. */
  readonly forChecks?: boolean;
  readonly signal?: AbortSignal;
}

const NO_SCOPE: SendScope = { lookup: () => undefined, inheritedAuth: { type: 'none' } };

/** What one send comes to: a response (any status), or why there was none. */
export type SendOutcome = Result<SendResult>;

function failure(error: Failure, signing?: SigningInfo): SendOutcome {
  return { ok: false, error: signing ? { ...error, signing } : error };
}

function unresolvedFailure(unresolved: ReadonlySet<string>): SendOutcome | undefined {
  if (unresolved.size === 0) return undefined;
  const names = [...unresolved];
  const plural = names.length > 1;
  return failure({
    code: 'invalid_input',
    message: `Unresolved variable${plural ? 's' : ''}: ${names.map((n) => `{{${n}}}`).join(', ')}. Define ${plural ? 'them' : 'it'} in the active environment or the collection. Nothing was sent.`,
    unresolved: names,
  });
}

function isExpiredToken(status: number, headers: ReadonlyArray<readonly [string, string]>, body: string): boolean {
  if (status !== 403 && status !== 400) return false;
  const type = headers.find(([name]) => name.toLowerCase() === 'x-amzn-errortype')?.[1] ?? '';
  return /ExpiredToken/i.test(type) || /security token included in the request is expired/i.test(body);
}

/**
 * What a run's report keeps of a send: status, time, the URL sent and the check results
 * (evaluated already). Headers, body, the signing inspector and its curl command are
 * dropped before redaction walks the result, which would otherwise build them all for
 * every request of a run only to throw them away.
 */
function leanForRun(outcome: SendOutcome): SendOutcome {
  if (!outcome.ok) {
    const { signing: _signing, ...error } = outcome.error;
    return { ok: false, error };
  }
  const { response, sent, checks, retriedAfterRefresh } = outcome.value;
  return {
    ok: true,
    value: {
      response: { ...response, headers: [], bodyText: '' },
      sent: { ...sent, headers: [] },
      ...(checks ? { checks } : {}),
      ...(retriedAfterRefresh ? { retriedAfterRefresh } : {}),
    },
  };
}

/**
 * The send path: resolve variables and auth, encode the body once, sign exactly
 * those bytes, and send them. Nothing is sent when credentials or signing fail.
 */
export class RequestRunner {
  private readonly inFlight = new Map<string, AbortController>();

  /** Files come only from grants; without a grant store every file body is refused. */
  private readonly readFile: ReadGrantedFile;

  constructor(private readonly deps: RequestRunnerDeps) {
    this.readFile =
      deps.files ??
      (async (_ref, what) => {
        throw new AppFailure('invalid_input', `${what}: this host cannot read files`);
      });
  }

  cancel(requestId: string): boolean {
    const controller = this.inFlight.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  async send(input: SendInput): Promise<SendOutcome> {
    const controller = new AbortController();
    this.inFlight.get(input.requestId)?.abort();
    this.inFlight.set(input.requestId, controller);
    const trace: SendTrace = { redactions: [], authKind: input.request.auth.type };
    const startedAt = new Date();
    const started = performance.now();
    let outcome: SendOutcome;
    try {
      outcome = await this.sendOnce(input, controller.signal, false, {}, trace);
    } finally {
      if (this.inFlight.get(input.requestId) === controller) this.inFlight.delete(input.requestId);
    }
    const elapsedMs = Math.round(performance.now() - started);
    await this.deps
      .onSettled?.({ input, outcome, redactions: trace.redactions, authKind: trace.authKind, startedAt, elapsedMs })
      .catch((error: unknown) =>
        console.error('[signet] recording a send in history failed:', error instanceof Error ? error.name : 'error'),
      );
    return outcome;
  }

  /** One request of a collection run: the same pipeline, with the run's scope, credentials and connections. */
  sendInRun(input: SendInput, overrides: SendOverrides): Promise<SendOutcome> {
    return this.sendOnce(input, overrides.signal ?? new AbortController().signal, false, overrides);
  }

  /**
   * One attempt. Every secret resolved on the way (stored secrets, environment secrets,
   * Basic/Bearer/API-key values, the signing keys) joins one redaction set, applied to
   * all the attempt hands back: sent view, response, inspector, errors, explanation.
   */
  private async sendOnce(
    input: SendInput,
    signal: AbortSignal,
    isRetry: boolean,
    overrides: SendOverrides,
    trace?: SendTrace,
  ): Promise<SendOutcome> {
    const redactions = new Redactions();
    trace?.redactions.push(redactions);
    const outcome = await this.attempt(input, signal, isRetry, redactions, overrides, trace);
    return redactions.apply(overrides.forChecks ? leanForRun(outcome) : outcome);
  }

  private async attempt(
    input: SendInput,
    signal: AbortSignal,
    isRetry: boolean,
    redactions: Redactions,
    overrides: SendOverrides,
    trace?: SendTrace,
  ): Promise<SendOutcome> {
    const { request } = input;
    const scope = overrides.scope ?? (this.deps.scopes ? await this.deps.scopes.resolve(input.context) : NO_SCOPE);
    const credentials = overrides.credentials ?? this.deps.credentials;
    const auth: Auth = request.auth.type === 'inherit' ? scope.inheritedAuth : request.auth;
    if (trace) trace.authKind = auth.type;
    const { resolveText, unresolved } = createTextResolver(scope.lookup, this.deps.secrets, redactions);

    let wire: WireRequest;
    try {
      const { url, headers } = applyHeadersAndSimpleAuth(request, auth, resolveText, redactions);
      const body = await encodeBody(request.body, resolveText, this.readFile);
      if (body.contentType && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', body.contentType]);
      if (body.bytes.length > 0 && !hasHeader(headers, 'content-length'))
        headers.push(['Content-Length', String(body.bytes.length)]);
      if (!hasHeader(headers, 'user-agent')) headers.push(['User-Agent', this.deps.userAgent ?? 'Signet']);
      if (!hasHeader(headers, 'accept')) headers.push(['Accept', '*/*']);
      // Cookies join before signing, so a SigV4 signature covers the Cookie header that is sent.
      if (this.deps.cookies) this.addCookies(headers, url, trace);
      // Host is set here, before signing, so the signed value is the one Node sends.
      if (!hasHeader(headers, 'host')) headers.unshift(['Host', url.host]);
      wire = { method: request.method, url: url.toString(), headers, body: body.bytes };
    } catch (error) {
      if (error instanceof UnresolvedError)
        return failure({ code: 'invalid_input', message: error.message, unresolved: error.unresolved });
      if (error instanceof AppFailure)
        return failure({ ...error.toFailure(), message: `${error.message} Nothing was sent.` });
      return failure({ code: 'invalid_input', message: error instanceof Error ? error.message : String(error) });
    }
    const unresolvedBeforeSigning = unresolvedFailure(unresolved);
    if (unresolvedBeforeSigning) return unresolvedBeforeSigning;

    let signing: SigningInfo | undefined;
    if (auth.type === 'awsv4') {
      const signed = await this.sign(wire, auth, input, resolveText, isRetry, redactions, credentials);
      if (!signed.ok) return signed.result;
      wire = signed.wire;
      signing = signed.info;
      // Auth fields may name variables too; a half-resolved key is never used.
      const unresolvedAuth = unresolvedFailure(unresolved);
      if (unresolvedAuth) return unresolvedAuth;
    } else if (auth.type === 'unsupported') {
      return failure({
        code: 'invalid_input',
        message: `Auth type "${auth.postmanType}" is kept from the import but Signet cannot run it; choose another auth type.`,
      });
    }

    let stored: BodyWriter | undefined;
    const bodies = this.deps.bodies;
    try {
      const agent = overrides.agentFor?.(new URL(wire.url));
      const sent = await sendWire(wire, {
        timeoutMs: request.timeoutMs,
        signal,
        ...(agent ? { agent } : {}),
        ...(overrides.forChecks ? { prettyJson: false } : {}),
        // A run keeps results, not bodies: only single sends page and search theirs from disk.
        ...(bodies && !overrides.forChecks
          ? {
              bodySink: (head) => {
                const type = head.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
                // Text read back from the file is scrubbed of this send's secrets, like the preview.
                stored = bodies.create(type, (text) => redactions.text(text));
                return stored.stream;
              },
            }
          : {}),
      });
      this.deps.cookies?.storeFromResponse(new URL(wire.url), sent.headers);
      // A body that could not be kept on disk still shows its preview; only paging, search and save are missing.
      const kept = stored
        ? await stored.finish().then(
            () => true,
            () => false,
          )
        : false;
      const response = kept && stored ? { ...sent, bodyId: stored.id } : sent;
      if (
        auth.type === 'awsv4' &&
        !isRetry &&
        isExpiredToken(response.status, response.headers, response.bodyText) &&
        credentials.canAutoRefresh(auth.source)
      ) {
        stored?.discard();
        const retried = await this.sendOnce(input, signal, true, overrides, trace);
        return retried.ok ? { ok: true, value: { ...retried.value, retriedAfterRefresh: true } } : retried;
      }
      const explanation =
        response.status === 401 || response.status === 403 || response.status === 400
          ? explainAwsError(response.status, response.headers, response.bodyText, signing)
          : undefined;
      const checks = evaluateChecks(request.checks, response);
      return {
        ok: true,
        value: {
          // The pane shows pretty JSON when there is some; sending the raw text too would double the payload.
          response:
            response.prettyJson !== undefined && !overrides.forChecks ? { ...response, bodyText: '' } : response,
          ...(checks.length > 0 ? { checks } : {}),
          sent: {
            method: wire.method,
            url: redactUrl(wire.url),
            headers: redactHeaders(wire.headers),
            bodyBytes: wire.body.length,
          },
          ...(signing ? { signing } : {}),
          ...(explanation ? { explanation } : {}),
        },
      };
    } catch (error) {
      stored?.discard();
      if (error instanceof TransportError) return failure(error.failure, signing);
      throw error;
    }
  }

  /**
   * Merges the jar's cookies for `url` into one Cookie header, after any the user typed
   * (which win by name). The jar's values are kept out of history like other secrets.
   */
  private addCookies(headers: Array<[string, string]>, url: URL, trace?: SendTrace): void {
    const jar = this.deps.cookies!;
    const stored = jar.cookiesFor(url);
    // Nothing stored for this host: what the user typed goes as typed.
    if (stored.length === 0) return;
    const typed = headers
      .filter(([name]) => name.toLowerCase() === 'cookie')
      .map(([, value]) => value.trim())
      .filter((value) => value !== '');
    const header = jar.cookieHeaderFor(url, typed.join('; ') || undefined, stored)!;
    const first = headers.findIndex(([name]) => name.toLowerCase() === 'cookie');
    for (let i = headers.length - 1; i >= 0; i -= 1)
      if (headers[i]![0].toLowerCase() === 'cookie') headers.splice(i, 1);
    headers.splice(first < 0 ? headers.length : first, 0, ['Cookie', header]);
    if (trace) {
      const fromJar = new Redactions();
      for (const cookie of stored) fromJar.add(cookie.value, `cookie ${cookie.name}`);
      trace.redactions.push(fromJar);
    }
  }

  private async sign(
    wire: WireRequest,
    auth: AwsSigV4Auth,
    input: SendInput,
    resolveText: (text: string) => string,
    forceRefresh: boolean,
    redactions: Redactions,
    resolver: CredentialResolver,
  ): Promise<
    { ok: true; wire: WireRequest; info: SigningInfo; used: ResolvedCredentials } | { ok: false; result: SendOutcome }
  > {
    const host = new URL(wire.url).hostname;
    const derived = deriveRegionService(host);
    const typedRegion = resolveText(auth.region).trim();
    const typedService = resolveText(auth.service).trim();
    // A custom domain derives nothing: the region/service answered for it last time apply.
    const remembered = derived ? undefined : this.deps.rememberedScopes?.get(host);
    const usesRemembered = remembered !== undefined && (!typedRegion || !typedService);
    const region = typedRegion || derived?.region || remembered?.region || '';
    const service = typedService || derived?.service || remembered?.service || 'execute-api';
    if (!region) {
      return {
        ok: false,
        result: failure({
          code: 'signing',
          message:
            'AWS Signature needs a region: fill in Region, or use an execute-api host that names one. Nothing was sent.',
        }),
      };
    }
    try {
      const credentials = await resolver.resolve(auth.source, {
        ...(input.mfaCode ? { mfaCode: input.mfaCode } : {}),
        forceRefresh,
        resolveText,
      });
      redactions.add(credentials.secretAccessKey, 'secret access key');
      redactions.add(credentials.sessionToken, 'session token');
      const signed = await signWireRequest(wire, {
        credentials,
        region,
        service,
        addAuthDataTo: auth.addAuthDataTo,
        expiresSeconds: auth.expiresSeconds,
        ...(auth.payloadHash ? { payloadHash: auth.payloadHash } : {}),
        derivedFromHost: derived !== undefined && (!typedRegion || !typedService),
        ...(usesRemembered ? { rememberedForHost: host } : {}),
      });
      // What the user typed for a custom domain is its answer from now on.
      // Remembering is a convenience: if the file cannot be written, the next send asks again.
      if (!derived && typedRegion)
        await this.deps.rememberedScopes?.remember(host, { region, service }).catch(() => {});
      return { ok: true, wire: signed.request, info: signed.info, used: credentials };
    } catch (error) {
      if (error instanceof CredentialError) {
        return {
          ok: false,
          result: failure({
            code: error.code,
            message: `${error.message} Nothing was sent.`,
            ...(error.mfaSerial ? { mfaSerial: error.mfaSerial } : {}),
          }),
        };
      }
      if (error instanceof UnresolvedError)
        return { ok: false, result: failure({ code: 'invalid_input', message: error.message }) };
      return {
        ok: false,
        result: failure({
          code: 'signing',
          message: `Signing failed: ${error instanceof Error ? error.message : String(error)}. Nothing was sent.`,
        }),
      };
    }
  }
}
