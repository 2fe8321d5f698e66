/**
 * IAM Identity Center look-alikes under `/sso/`: SSO-OIDC (`/sso/oidc`: RegisterClient,
 * StartDeviceAuthorization, CreateToken with the device-code and refresh-token grants) and
 * the SSO portal (`/sso/portal`: ListAccounts, ListAccountRoles, GetRoleCredentials, Logout),
 * both in AWS's restJson1 shapes so @aws-sdk/client-sso-oidc, @aws-sdk/client-sso and
 * botocore work unchanged. `/sso/device?user_code=...` is the verification page: a plain
 * GET approves the device code (add `decision=deny` to refuse), so tests need no browser.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxAnswer } from './gateway';
import type { Scenario } from './scenario';
import { headerMap, headerValue, parseQuery, splitTarget, type ReceivedRequest } from './sigv4-verify';

/** Path prefix of everything Identity Center in the sandbox. */
export const SSO_PREFIX = '/sso';
const OIDC_PREFIX = `${SSO_PREFIX}/oidc`;
const PORTAL_PREFIX = `${SSO_PREFIX}/portal`;
const DEVICE_PATH = `${SSO_PREFIX}/device`;

/** Tunables; AWS's own values by default, lowered by tests to see expiry and slow_down. */
export interface SsoOptions {
  /** Polling interval StartDeviceAuthorization advertises (AWS: 1 s). */
  readonly intervalSeconds?: number;
  /**
   * Polls closer together than this get slow_down, whatever was advertised (a busy
   * server may ask so at any time). After each slow_down the client must wait 5 s more
   * than the advertised interval (RFC 8628), and is held to it.
   */
  readonly minPollSeconds?: number;
  /** Lifetime of a device code (AWS: 600 s). */
  readonly deviceCodeSeconds?: number;
  /** Lifetime of an access token (AWS: 8 h by default). */
  readonly accessTokenSeconds?: number;
  /** Lifetime of a client registration (AWS: 90 days). */
  readonly registrationSeconds?: number;
  /** Lifetime of role credentials from GetRoleCredentials (the permission set's session duration). */
  readonly roleCredentialSeconds?: number;
}

interface Client {
  readonly secret: string;
  readonly expiresAt: number;
}

interface DeviceAuthorization {
  readonly clientId: string;
  readonly userCode: string;
  readonly expiresAt: number;
  /** Shortest gap between polls accepted now: grows as the client is told to slow down. */
  intervalMs: number;
  slowDowns: number;
  lastPoll?: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
}

interface Grant {
  readonly clientId: string;
  readonly expiresAt: number;
}

const REFRESH_TOKEN_MS = 90 * 24 * 3600_000;

function json(status: number, payload: unknown, errorType?: string): SandboxAnswer {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  return { status, headers, body: JSON.stringify(payload), ...(errorType ? { errorType } : {}) };
}

/** SSO-OIDC's OAuth-style error: `{error, error_description}` and the exception name in x-amzn-errortype. */
function oauthError(status: number, type: string, error: string, description: string): SandboxAnswer {
  return json(status, { error, error_description: description }, type);
}

/** The portal's error: `{message}`. */
function portalError(status: number, type: string, message: string): SandboxAnswer {
  return json(status, { message }, type);
}

function html(status: number, title: string, text: string): SandboxAnswer {
  const escape = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(text)}</p>`,
  };
}

function token(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

/** `ABCD-EFGH` from an alphabet without look-alike characters, as AWS's user codes are. */
function userCode(): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXZ';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function parseJsonBody(request: ReceivedRequest): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(request.body.length ? request.body.toString('utf8') : '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Whether a request target belongs to the Identity Center look-alikes. */
export function isSsoPath(target: string): boolean {
  const path = target.split('?')[0] ?? '';
  return path === SSO_PREFIX || path.startsWith(`${SSO_PREFIX}/`);
}

/** Identity Center's state for one sandbox run: registered clients, device codes, tokens. */
export class IdentityCenter {
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly options: Required<SsoOptions>;

  constructor(
    private readonly scenario: Scenario,
    private readonly origin: () => string,
    options: SsoOptions = {},
  ) {
    this.options = {
      intervalSeconds: options.intervalSeconds ?? 1,
      minPollSeconds: options.minPollSeconds ?? options.intervalSeconds ?? 1,
      deviceCodeSeconds: options.deviceCodeSeconds ?? 600,
      accessTokenSeconds: options.accessTokenSeconds ?? 8 * 3600,
      registrationSeconds: options.registrationSeconds ?? 90 * 24 * 3600,
      roleCredentialSeconds: options.roleCredentialSeconds ?? 3600,
    };
  }

  /** The start URL users sign in with; StartDeviceAuthorization accepts no other. */
  get startUrl(): string {
    return `${this.origin()}${SSO_PREFIX}/start`;
  }

  get oidcEndpoint(): string {
    return `${this.origin()}${OIDC_PREFIX}`;
  }

  get portalEndpoint(): string {
    return `${this.origin()}${PORTAL_PREFIX}`;
  }

  /** Answers one request under `/sso/`. */
  handle(request: ReceivedRequest, now: Date): SandboxAnswer {
    const { path, query } = splitTarget(request.target);
    const at = now.getTime();
    if (path === DEVICE_PATH || path === `${DEVICE_PATH}/`) return this.verify(new Map(parseQuery(query)), at);
    if (path === `${SSO_PREFIX}/start` || path === `${SSO_PREFIX}/start/`) {
      return html(
        200,
        'Signet sandbox: IAM Identity Center',
        'Sign in from Signet or the AWS CLI with this start URL.',
      );
    }
    if (path.startsWith(`${OIDC_PREFIX}/`)) {
      if (request.method !== 'POST') return oauthError(400, 'InvalidRequestException', 'invalid_request', 'POST only');
      const body = parseJsonBody(request);
      if (!body) return oauthError(400, 'InvalidRequestException', 'invalid_request', 'The body is not a JSON object');
      switch (path.slice(OIDC_PREFIX.length)) {
        case '/client/register':
          return this.registerClient(body, at);
        case '/device_authorization':
          return this.startDeviceAuthorization(body, at);
        case '/token':
          return this.createToken(body, at);
      }
    }
    if (path.startsWith(`${PORTAL_PREFIX}/`)) {
      const params = new Map(parseQuery(query));
      const bearer = headerValue(headerMap(request.rawHeaders), 'x-amz-sso_bearer_token');
      const route = `${request.method} ${path.slice(PORTAL_PREFIX.length)}`;
      switch (route) {
        case 'GET /assignment/accounts':
          return this.withToken(bearer, at, () => this.listAccounts(params));
        case 'GET /assignment/roles':
          return this.withToken(bearer, at, () => this.listAccountRoles(params));
        case 'GET /federation/credentials':
          return this.withToken(bearer, at, () => this.getRoleCredentials(params, now));
        case 'POST /logout':
          return this.withToken(bearer, at, () => this.logout(bearer ?? ''));
      }
    }
    return json(
      404,
      { message: `No Identity Center operation at ${request.method} ${path}` },
      'UnknownOperationException',
    );
  }

  private registerClient(body: Record<string, unknown>, at: number): SandboxAnswer {
    const clientName = text(body, 'clientName');
    if (!clientName || text(body, 'clientType') !== 'public') {
      return oauthError(
        400,
        'InvalidClientMetadataException',
        'invalid_client_metadata',
        'clientName and clientType "public" are required',
      );
    }
    const clientId = token(24);
    const client: Client = { secret: token(96), expiresAt: at + this.options.registrationSeconds * 1000 };
    this.clients.set(clientId, client);
    return json(200, {
      clientId,
      clientSecret: client.secret,
      clientIdIssuedAt: Math.floor(at / 1000),
      clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
    });
  }

  /** The registration behind a clientId/clientSecret pair, or the OIDC error to answer with. */
  private client(body: Record<string, unknown>, at: number): { clientId: string } | SandboxAnswer {
    const clientId = text(body, 'clientId');
    const client = clientId ? this.clients.get(clientId) : undefined;
    if (!clientId || !client || client.secret !== text(body, 'clientSecret')) {
      return oauthError(401, 'InvalidClientException', 'invalid_client', 'Invalid client credentials');
    }
    if (client.expiresAt <= at) {
      return oauthError(401, 'InvalidClientException', 'invalid_client', 'Client registration has expired');
    }
    return { clientId };
  }

  private startDeviceAuthorization(body: Record<string, unknown>, at: number): SandboxAnswer {
    const client = this.client(body, at);
    if ('status' in client) return client;
    if (text(body, 'startUrl') !== this.startUrl) {
      return oauthError(
        400,
        'InvalidRequestException',
        'invalid_request',
        `Unknown start URL; this sandbox's is ${this.startUrl}`,
      );
    }
    for (const [code, d] of this.devices) if (d.expiresAt <= at) this.devices.delete(code);
    const deviceCode = token(64);
    const code = userCode();
    this.devices.set(deviceCode, {
      clientId: client.clientId,
      userCode: code,
      expiresAt: at + this.options.deviceCodeSeconds * 1000,
      intervalMs: this.options.minPollSeconds * 1000,
      slowDowns: 0,
      state: 'pending',
    });
    const verificationUri = `${this.origin()}${DEVICE_PATH}`;
    return json(200, {
      deviceCode,
      userCode: code,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${code}`,
      expiresIn: this.options.deviceCodeSeconds,
      interval: this.options.intervalSeconds,
    });
  }

  private createToken(body: Record<string, unknown>, at: number): SandboxAnswer {
    const client = this.client(body, at);
    if ('status' in client) return client;
    const grantType = text(body, 'grantType');
    if (grantType === 'urn:ietf:params:oauth:grant-type:device_code')
      return this.deviceCodeGrant(body, client.clientId, at);
    if (grantType === 'refresh_token') return this.refreshTokenGrant(body, client.clientId, at);
    return oauthError(
      400,
      'UnsupportedGrantTypeException',
      'unsupported_grant_type',
      `Unsupported grant type ${String(grantType)}`,
    );
  }

  private deviceCodeGrant(body: Record<string, unknown>, clientId: string, at: number): SandboxAnswer {
    const deviceCode = text(body, 'deviceCode');
    const device = deviceCode ? this.devices.get(deviceCode) : undefined;
    if (!deviceCode || !device || device.clientId !== clientId || device.state === 'used') {
      return oauthError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
    }
    if (device.expiresAt <= at) {
      this.devices.delete(deviceCode);
      return oauthError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
    }
    if (device.state === 'denied') {
      this.devices.delete(deviceCode);
      return oauthError(400, 'AccessDeniedException', 'access_denied', 'The user denied the authorization request');
    }
    const tooSoon = device.lastPoll !== undefined && at - device.lastPoll < device.intervalMs;
    device.lastPoll = at;
    if (tooSoon) {
      // RFC 8628: the client adds 5 s to its interval for each slow_down; hold it to that.
      device.slowDowns += 1;
      device.intervalMs =
        Math.max(this.options.minPollSeconds, this.options.intervalSeconds + 5 * device.slowDowns) * 1000;
      return oauthError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
    }
    if (device.state === 'pending') {
      return oauthError(
        400,
        'AuthorizationPendingException',
        'authorization_pending',
        'Authorization is still pending',
      );
    }
    device.state = 'used';
    return this.issueTokens(clientId, at);
  }

  private refreshTokenGrant(body: Record<string, unknown>, clientId: string, at: number): SandboxAnswer {
    const refreshToken = text(body, 'refreshToken');
    const grant = refreshToken ? this.refreshTokens.get(refreshToken) : undefined;
    if (!refreshToken || !grant || grant.clientId !== clientId || grant.expiresAt <= at) {
      return oauthError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    }
    // Refresh tokens rotate: the old one is spent.
    this.refreshTokens.delete(refreshToken);
    return this.issueTokens(clientId, at);
  }

  private issueTokens(clientId: string, at: number): SandboxAnswer {
    const accessToken = `aoa${token(96)}`;
    const refreshToken = `aor${token(96)}`;
    this.accessTokens.set(accessToken, { clientId, expiresAt: at + this.options.accessTokenSeconds * 1000 });
    this.refreshTokens.set(refreshToken, { clientId, expiresAt: at + REFRESH_TOKEN_MS });
    return json(200, { accessToken, tokenType: 'Bearer', expiresIn: this.options.accessTokenSeconds, refreshToken });
  }

  /** The verification page: approves (or, with `decision=deny`, refuses) the device code named by `user_code`. */
  private verify(params: Map<string, string>, at: number): SandboxAnswer {
    const code = params.get('user_code')?.toUpperCase();
    if (!code) return html(400, 'Enter a code', 'Open the link Signet shows; it carries ?user_code=XXXX-XXXX.');
    const device = [...this.devices.values()].find((d) => d.userCode === code && d.state === 'pending');
    if (!device || device.expiresAt <= at) return html(404, 'Code not found', `No pending sign-in has code ${code}.`);
    if (params.get('decision') === 'deny') {
      device.state = 'denied';
      return html(200, 'Request denied', 'You refused the sign-in. You may close this page.');
    }
    device.state = 'approved';
    return html(200, 'Request approved', 'Signet is now signed in. You may close this page.');
  }

  private withToken(bearer: string | undefined, at: number, answer: () => SandboxAnswer): SandboxAnswer {
    const grant = bearer ? this.accessTokens.get(bearer) : undefined;
    if (!grant || grant.expiresAt <= at) {
      return portalError(401, 'UnauthorizedException', 'Session token not found or invalid');
    }
    return answer();
  }

  private listAccounts(params: Map<string, string>): SandboxAnswer {
    const seen = new Map<string, { accountId: string; accountName: string; emailAddress: string }>();
    for (const a of this.scenario.ssoAssignments) {
      seen.set(a.accountId, { accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress });
    }
    return this.page([...seen.values()], params, 'accountList');
  }

  private listAccountRoles(params: Map<string, string>): SandboxAnswer {
    const accountId = params.get('account_id');
    if (!accountId) return portalError(400, 'InvalidRequestException', 'account_id is required');
    const roles = this.scenario.ssoAssignments
      .filter((a) => a.accountId === accountId)
      .map((a) => ({ roleName: a.roleName, accountId: a.accountId }));
    return this.page(roles, params, 'roleList');
  }

  /** One page of a list: `max_result` items from the index `next_token` names (the real portal's token is opaque). */
  private page(items: readonly object[], params: Map<string, string>, key: string): SandboxAnswer {
    const max = Math.min(Math.max(Number(params.get('max_result') ?? 100) || 100, 1), 100);
    const start = params.has('next_token') ? Number(params.get('next_token')) : 0;
    if (!Number.isInteger(start) || start < 0) return portalError(400, 'InvalidRequestException', 'Invalid next_token');
    const end = start + max;
    return json(200, { [key]: items.slice(start, end), ...(end < items.length ? { nextToken: String(end) } : {}) });
  }

  private getRoleCredentials(params: Map<string, string>, now: Date): SandboxAnswer {
    const accountId = params.get('account_id');
    const roleName = params.get('role_name');
    if (!accountId || !roleName)
      return portalError(400, 'InvalidRequestException', 'role_name and account_id are required');
    const assignment = this.scenario.ssoAssignments.find((a) => a.accountId === accountId && a.roleName === roleName);
    const role = assignment ? this.scenario.directory.role(assignment.roleArn) : undefined;
    if (!role) return portalError(403, 'ForbiddenException', 'No access');
    const expiration = new Date(Math.floor(now.getTime() / 1000) * 1000 + this.options.roleCredentialSeconds * 1000);
    const session = this.scenario.directory.issueSession(role, this.scenario.ssoUserName, expiration, false);
    return json(200, {
      roleCredentials: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiration: expiration.getTime(),
      },
    });
  }

  private logout(bearer: string): SandboxAnswer {
    const grant = this.accessTokens.get(bearer);
    this.accessTokens.delete(bearer);
    // Signing out ends the user's portal session: its refresh tokens go too.
    for (const [refresh, g] of this.refreshTokens)
      if (g.clientId === grant?.clientId) this.refreshTokens.delete(refresh);
    return json(200, {});
  }
}
