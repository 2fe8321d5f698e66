/**
 * "Test offline": a sandbox serving the user's own policies, the role assumed as the caller
 * account's user through the sandbox's STS, and the sample routes sent signed with the
 * session, so the setup is proven (assume, then 200 or 403) before anything exists in AWS.
 */
import { request as httpRequest } from 'node:http';
import { assumeRoleWith } from '../credentials/sts';
import { startSandbox } from '../sandbox';
import { sandboxPolicy } from '../sandbox/policy';
import { signWireRequest } from '../signing';
import type { NamedPolicy } from './policy-json';

export interface OfflineTestInput {
  readonly apiAccount: string;
  readonly callerAccount: string;
  readonly apiId: string;
  readonly roleName: string;
  readonly trustPolicy: NamedPolicy;
  readonly rolePolicies: readonly NamedPolicy[];
  readonly callerPolicies: readonly NamedPolicy[];
  readonly externalId?: string;
  readonly routes: readonly { readonly method: string; readonly path: string }[];
}

/** One request to the loopback sandbox with node:http (main never relies on a global fetch). */
function send(
  url: string,
  method: string,
  headers: readonly [string, string][],
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: Object.fromEntries(headers), timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('the sandbox did not answer in 10 s')));
    req.on('error', reject);
    req.end();
  });
}

export interface OfflineTestResult {
  readonly roleArn: string;
  readonly assumedRoleArn: string;
  readonly routes: readonly { method: string; path: string; status: number; message?: string }[];
}

/** Runs the whole loop on loopback; the sandbox is stopped before this returns. AssumeRole refusals throw. */
export async function testOffline(input: OfflineTestInput): Promise<OfflineTestResult> {
  const convert = (policy: NamedPolicy) => sandboxPolicy(policy.policy, policy.file);
  const sandbox = await startSandbox({
    seed: {
      accountA: input.apiAccount,
      accountB: input.callerAccount,
      apiId: input.apiId,
      policies: {
        roleName: input.roleName,
        trust: convert(input.trustPolicy),
        role: input.rolePolicies.map(convert),
        caller: input.callerPolicies.map(convert),
      },
    },
  });
  try {
    const assumed = await assumeRoleWith(
      sandbox.accountBUser,
      { region: sandbox.region, endpoint: sandbox.stsEndpoint },
      {
        roleArn: sandbox.roleArn,
        sessionName: 'signet-offline',
        ...(input.externalId ? { externalId: input.externalId } : {}),
      },
    );
    const routes = [];
    for (const route of input.routes) {
      const signed = await signWireRequest(
        { method: route.method, url: sandbox.apiUrl + route.path, headers: [], body: new Uint8Array() },
        {
          credentials: assumed,
          region: sandbox.region,
          service: 'execute-api',
          addAuthDataTo: 'headers',
          expiresSeconds: 300,
        },
      );
      const response = await send(signed.request.url, signed.request.method, signed.request.headers);
      const text = response.text;
      let message: string | undefined;
      if (response.status !== 200) {
        try {
          message = (JSON.parse(text) as { message?: string }).message;
        } catch {
          message = text.slice(0, 500);
        }
      }
      routes.push({ method: route.method, path: route.path, status: response.status, ...(message ? { message } : {}) });
    }
    return { roleArn: sandbox.roleArn, assumedRoleArn: assumed.assumedRoleArn, routes };
  } finally {
    await sandbox.close();
  }
}
