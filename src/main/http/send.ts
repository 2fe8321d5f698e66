import type { Failure, ParsedInput, Result, SendResult, SigningInfo } from '../../shared/contract';
import type { Auth, AwsSigV4Auth } from '../../shared/model';
import {
  CredentialError,
  type CredentialResolver,
  type ResolvedCredentials,
  type SendContextResolver,
  type SendScope,
} from '../core/ports';
import { scrubSecrets } from '../core/scrub';
import type { SecretStore } from '../core/secrets';
import { encodeBody } from './body';
import { applyHeadersAndSimpleAuth, createTextResolver, hasHeader, UnresolvedError } from './prepare';
import { sendWire, TransportError, type WireRequest } from './transport';
import { deriveRegionService, explainAwsError, redactHeaders, redactUrl, signWireRequest } from '../signing';

export interface RequestRunnerDeps {
  readonly secrets: SecretStore;
  readonly credentials: CredentialResolver;
  readonly scopes?: SendContextResolver;
  readonly userAgent?: string;
}

type SendInput = ParsedInput<'sendRequest'>;

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
 * The send path: resolve variables and auth, encode the body once, sign exactly
 * those bytes, and send them. Nothing is sent when credentials or signing fail.
 */
export class RequestRunner {
  private readonly inFlight = new Map<string, AbortController>();

  constructor(private readonly deps: RequestRunnerDeps) {}

  cancel(requestId: string): boolean {
    const controller = this.inFlight.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  async send(input: SendInput): Promise<SendOutcome> {
    const controller = new AbortController();
    this.inFlight.get(input.requestId)?.abort();
    this.inFlight.set(input.requestId, controller);
    try {
      return await this.sendOnce(input, controller.signal, false);
    } finally {
      if (this.inFlight.get(input.requestId) === controller) this.inFlight.delete(input.requestId);
    }
  }

  private async sendOnce(input: SendInput, signal: AbortSignal, isRetry: boolean): Promise<SendOutcome> {
    const { request } = input;
    const scope = this.deps.scopes ? await this.deps.scopes.resolve(input.context) : NO_SCOPE;
    const auth: Auth = request.auth.type === 'inherit' ? scope.inheritedAuth : request.auth;
    const { resolveText, unresolved } = createTextResolver(scope.lookup, this.deps.secrets);

    let wire: WireRequest;
    try {
      const { url, headers } = applyHeadersAndSimpleAuth(request, auth, resolveText);
      const body = await encodeBody(request.body, resolveText);
      if (body.contentType && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', body.contentType]);
      if (body.bytes.length > 0 && !hasHeader(headers, 'content-length'))
        headers.push(['Content-Length', String(body.bytes.length)]);
      if (!hasHeader(headers, 'user-agent')) headers.push(['User-Agent', this.deps.userAgent ?? 'Signet']);
      if (!hasHeader(headers, 'accept')) headers.push(['Accept', '*/*']);
      // Host is set here, before signing, so the signed value is the one Node sends.
      if (!hasHeader(headers, 'host')) headers.unshift(['Host', url.host]);
      wire = { method: request.method, url: url.toString(), headers, body: body.bytes };
    } catch (error) {
      if (error instanceof UnresolvedError)
        return failure({ code: 'invalid_input', message: error.message, unresolved: error.unresolved });
      return failure({ code: 'invalid_input', message: error instanceof Error ? error.message : String(error) });
    }
    const unresolvedBeforeSigning = unresolvedFailure(unresolved);
    if (unresolvedBeforeSigning) return unresolvedBeforeSigning;

    let signing: SigningInfo | undefined;
    let used: ResolvedCredentials | undefined;
    if (auth.type === 'awsv4') {
      const signed = await this.sign(wire, auth, input, resolveText, isRetry);
      if (!signed.ok) return signed.result;
      wire = signed.wire;
      signing = signed.info;
      used = signed.used;
      // Auth fields may name variables too; a half-resolved key is never used.
      const unresolvedAuth = unresolvedFailure(unresolved);
      if (unresolvedAuth) return unresolvedAuth;
    } else if (auth.type === 'unsupported') {
      return failure({
        code: 'invalid_input',
        message: `Auth type "${auth.postmanType}" is kept from the import but Signet cannot run it; choose another auth type.`,
      });
    }

    const scrub = (result: SendOutcome): SendOutcome =>
      scrubSecrets(result, [
        { value: used?.secretAccessKey, label: 'secret access key' },
        { value: used?.sessionToken, label: 'session token' },
      ]);
    try {
      const response = await sendWire(wire, { timeoutMs: request.timeoutMs, signal });
      if (
        auth.type === 'awsv4' &&
        !isRetry &&
        isExpiredToken(response.status, response.headers, response.bodyText) &&
        this.deps.credentials.canAutoRefresh(auth.source)
      ) {
        const retried = await this.sendOnce(input, signal, true);
        return retried.ok ? { ok: true, value: { ...retried.value, retriedAfterRefresh: true } } : retried;
      }
      const explanation =
        response.status === 401 || response.status === 403 || response.status === 400
          ? explainAwsError(response.status, response.headers, response.bodyText, signing)
          : undefined;
      return scrub({
        ok: true,
        value: {
          // The pane shows pretty JSON when there is some; sending the raw text too would double the payload.
          response: response.prettyJson !== undefined ? { ...response, bodyText: '' } : response,
          sent: {
            method: wire.method,
            url: redactUrl(wire.url),
            headers: redactHeaders(wire.headers),
            bodyBytes: wire.body.length,
          },
          ...(signing ? { signing } : {}),
          ...(explanation ? { explanation } : {}),
        },
      });
    } catch (error) {
      if (error instanceof TransportError) return scrub(failure(error.failure, signing));
      throw error;
    }
  }

  private async sign(
    wire: WireRequest,
    auth: AwsSigV4Auth,
    input: SendInput,
    resolveText: (text: string) => string,
    forceRefresh: boolean,
  ): Promise<
    { ok: true; wire: WireRequest; info: SigningInfo; used: ResolvedCredentials } | { ok: false; result: SendOutcome }
  > {
    const derived = deriveRegionService(new URL(wire.url).hostname);
    const typedRegion = resolveText(auth.region).trim();
    const typedService = resolveText(auth.service).trim();
    const region = typedRegion || derived?.region || '';
    const service = typedService || derived?.service || 'execute-api';
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
      const credentials = await this.deps.credentials.resolve(auth.source, {
        ...(input.mfaCode ? { mfaCode: input.mfaCode } : {}),
        forceRefresh,
        resolveText,
      });
      const signed = await signWireRequest(wire, {
        credentials,
        region,
        service,
        addAuthDataTo: auth.addAuthDataTo,
        expiresSeconds: auth.expiresSeconds,
        ...(auth.payloadHash ? { payloadHash: auth.payloadHash } : {}),
        derivedFromHost: derived !== undefined && (!typedRegion || !typedService),
      });
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
