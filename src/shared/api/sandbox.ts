/**
 * The sandbox domain's calls: the app's first-run demo runs a local API Gateway + STS
 * look-alike in main. Results carry secret references, never the sandbox's keys.
 */
import { z } from 'zod';
import { defineCall } from './define';
import type { HttpMethod } from '../model';

/** A route of the demo API, e.g. `GET /pets`. */
export interface DemoRoute {
  readonly method: HttpMethod;
  readonly path: string;
}

/** Long-term keys of a demo identity: the id, and a SecretStore reference in place of the secret. */
export interface DemoKeys {
  readonly accessKeyId: string;
  /** `secret:<id>`, usable wherever the renderer stores a secret access key. */
  readonly secretRef: string;
}

/** The running demo sandbox as the renderer may see it (no secrets). */
export interface DemoSandboxInfo {
  readonly region: string;
  /** Base URL of the demo API (`http://127.0.0.1:<port>`); sign with service `execute-api`. */
  readonly apiUrl: string;
  /** STS endpoint to assume roles against. */
  readonly stsEndpoint: string;
  /** Role in Account A that Account B may assume; allowed `allowed`, explicitly denied `denied`. */
  readonly roleArn: string;
  /** Same permissions, but the trust policy requires `externalId`. */
  readonly externalIdRoleArn: string;
  readonly externalId: string;
  /** Same permissions, but the trust policy requires MFA (`mfaSerial`; the code is shown by `signet sandbox`). */
  readonly mfaRoleArn: string;
  readonly mfaSerial: string;
  readonly allowed: DemoRoute;
  readonly denied: DemoRoute;
  /** Account A user allowed to invoke every route directly. */
  readonly invoker: DemoKeys;
  /** Account B user: may only assume the roles above. */
  readonly accountB: DemoKeys;
  /** IAM Identity Center: sign in with this start URL and these endpoints; opening the link approves. */
  readonly ssoStartUrl: string;
  readonly ssoRegion: string;
  readonly oidcEndpoint: string;
  readonly portalEndpoint: string;
  /** The account and permission set offered (Account B's developer, who may assume `roleArn`). */
  readonly ssoAccountId: string;
  readonly ssoRoleName: string;
}

export const sandboxCalls = {
  startDemoSandbox: defineCall<DemoSandboxInfo>()(
    z.object({}).default({}),
    'Start the local demo AWS (API Gateway, STS, IAM Identity Center) on loopback, or return the one already running.',
  ),
  stopDemoSandbox: defineCall<{ readonly stopped: boolean }>()(
    z.object({}).default({}),
    'Stop the demo sandbox; its keys stop working. `stopped` is false when none was running.',
  ),
};
