/**
 * One loopback HTTP server carrying the look-alikes: STS under `/sts`, S3 (by S3's canonical
 * rules) under `/s3/`, IAM Identity Center (SSO-OIDC, the SSO portal) under `/sso/`, and the
 * API Gateway on every other path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyPair } from './directory';
import { handleGateway, type SandboxAnswer } from './gateway';
import { seedScenario, type Scenario, type ScenarioSeed } from './scenario';
import type { ReceivedRequest } from './sigv4-verify';
import { handleS3, isS3Path, S3_PREFIX } from './s3';
import { IdentityCenter, isSsoPath, type SsoOptions } from './sso';
import { handleSts } from './sts';

/** The request log hook's view of a request: never a header value, never a secret. */
export interface SandboxLogEntry {
  readonly service: 'execute-api' | 'sts' | 's3' | 'sso';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorType?: string;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: '127.0.0.1';
  readonly region?: string;
  /** The sandbox's clock; tests pass a fake one to expire sessions or skew signatures. */
  readonly now?: () => Date;
  readonly seed?: ScenarioSeed;
  /** Shortest DurationSeconds AssumeRole accepts (AWS: 900). Lower it to test expiry quickly. */
  readonly minDurationSeconds?: number;
  readonly onRequest?: (entry: SandboxLogEntry) => void;
  /** Identity Center's lifetimes and polling interval (tests lower them). */
  readonly sso?: SsoOptions;
}

/** A running sandbox: the scenario's facts (its directory aside) and the endpoints that serve them. */
export interface Sandbox extends Omit<Scenario, 'directory' | 'stage'> {
  /** Gateway base URL, `http://127.0.0.1:<port>`; every path under it is a route. */
  readonly apiUrl: string;
  /** STS endpoint for `--endpoint-url` / the SDK's `endpoint`. */
  readonly stsEndpoint: string;
  /** S3 look-alike, path-style: `<s3Url>/<bucket>/<key>`, signed as service `s3` by S3's rules. */
  readonly s3Url: string;
  /** IAM Identity Center: the start URL to sign in with, its region, and the SSO-OIDC and portal endpoints. */
  readonly ssoStartUrl: string;
  readonly ssoRegion: string;
  readonly oidcEndpoint: string;
  readonly portalEndpoint: string;
  readonly port: number;
  /** Requests served so far. */
  readonly requestCount: number;
  close(): Promise<void>;
}

/**
 * The line `signet sandbox` prints: everything needed to call the sandbox from a shell.
 * The invoker's keys come flat; `accountB` is that account's user's keys.
 */
export type SandboxDescription = Pick<
  Sandbox,
  | 'region'
  | 'apiUrl'
  | 'stsEndpoint'
  | 'roleArn'
  | 'externalIdRoleArn'
  | 'externalId'
  | 'mfaRoleArn'
  | 'mfaSerial'
  | 'mfaCode'
  | 'untrustedRoleArn'
  | 'allowed'
  | 'denied'
  | 'ssoStartUrl'
  | 'ssoRegion'
  | 'oidcEndpoint'
  | 'portalEndpoint'
  | 'ssoAccountId'
  | 'ssoRoleName'
> & {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountB: KeyPair;
};

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The CLI's JSON description of a sandbox (contains the sandbox's own throwaway keys). */
export function sandboxDescription(sandbox: Sandbox): SandboxDescription {
  return {
    region: sandbox.region,
    apiUrl: sandbox.apiUrl,
    accessKeyId: sandbox.invoker.accessKeyId,
    secretAccessKey: sandbox.invoker.secretAccessKey,
    stsEndpoint: sandbox.stsEndpoint,
    roleArn: sandbox.roleArn,
    externalIdRoleArn: sandbox.externalIdRoleArn,
    externalId: sandbox.externalId,
    mfaRoleArn: sandbox.mfaRoleArn,
    mfaSerial: sandbox.mfaSerial,
    mfaCode: sandbox.mfaCode,
    untrustedRoleArn: sandbox.untrustedRoleArn,
    accountB: { ...sandbox.accountBUser },
    allowed: sandbox.allowed,
    denied: sandbox.denied,
    ssoStartUrl: sandbox.ssoStartUrl,
    ssoRegion: sandbox.ssoRegion,
    oidcEndpoint: sandbox.oidcEndpoint,
    portalEndpoint: sandbox.portalEndpoint,
    ssoAccountId: sandbox.ssoAccountId,
    ssoRoleName: sandbox.ssoRoleName,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isStsPath(target: string): boolean {
  const path = target.split('?')[0] ?? '';
  return path === '/sts' || path === '/sts/';
}

function write(res: ServerResponse, answer: SandboxAnswer): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

/** Starts the sandbox on loopback with a freshly seeded scenario and random keys. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? (() => new Date());
  const scenario = seedScenario(region, options.seed);
  const stsOptions = { minDurationSeconds: options.minDurationSeconds ?? 900 };
  let requestCount = 0;
  // Identity Center names its own URLs (start URL, verification page), known once the port is.
  let baseUrl = '';
  const identityCenter = new IdentityCenter(scenario, () => baseUrl, options.sso);

  const server = createServer((req, res) => {
    requestCount += 1;
    const target = req.url ?? '/';
    const service = isStsPath(target) ? 'sts' : isS3Path(target) ? 's3' : isSsoPath(target) ? 'sso' : 'execute-api';
    readBody(req)
      .then((body) => {
        if (body === undefined) {
          write(res, {
            status: 413,
            headers: { 'content-type': 'application/json' },
            body: '{"message":"Request Entity Too Large"}',
          });
          return;
        }
        const request: ReceivedRequest = { method: req.method ?? 'GET', target, rawHeaders: req.rawHeaders, body };
        const answer =
          service === 'sts'
            ? handleSts(request, scenario, now(), stsOptions)
            : service === 's3'
              ? handleS3(request, scenario, now())
              : service === 'sso'
                ? identityCenter.handle(request, now())
                : handleGateway(request, scenario, now());
        write(res, answer);
        options.onRequest?.({
          service,
          method: request.method,
          path: target.split('?')[0] ?? '/',
          status: answer.status,
          ...(answer.errorType ? { errorType: answer.errorType } : {}),
        });
      })
      .catch(() => {
        if (!res.headersSent)
          write(res, {
            status: 500,
            headers: { 'content-type': 'application/json' },
            body: '{"message":"Internal server error"}',
          });
      });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://${host}:${port}`;
  baseUrl = apiUrl;

  const { directory: _directory, stage: _stage, ...facts } = scenario;
  return {
    ...facts,
    apiUrl,
    stsEndpoint: `${apiUrl}/sts`,
    s3Url: `${apiUrl}${S3_PREFIX}`,
    ssoStartUrl: identityCenter.startUrl,
    ssoRegion: region,
    oidcEndpoint: identityCenter.oidcEndpoint,
    portalEndpoint: identityCenter.portalEndpoint,
    port,
    get requestCount() {
      return requestCount;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
