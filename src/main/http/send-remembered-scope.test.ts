/**
 * A custom domain derives no region or service: what the user typed for it once is
 * remembered (in the data directory) and signs the next request to that host. The sandbox
 * gateway checks every signature, so a wrong remembered scope fails here with a 403.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialSource, RequestSpec } from '../../shared/model';
import { SecretStore } from '../core/secrets';
import { createCredentialService, type CredentialService } from '../credentials';
import { startSandbox, type Sandbox } from '../sandbox';
import { RememberedScopes } from '../signing';
import { RequestRunner } from './send';

let sandbox: Sandbox;
let secrets: SecretStore;
let credentials: CredentialService;
const dir = mkdtempSync(join(tmpdir(), 'signet-remembered-'));
const file = join(dir, 'signing-hosts.json');

beforeAll(async () => {
  sandbox = await startSandbox({});
  secrets = new SecretStore();
  credentials = createCredentialService({
    secrets,
    dataDir: dir,
    encryptedAtRest: false,
    persistManaged: false,
    env: { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_MAX_ATTEMPTS: '1' },
  });
});
afterAll(async () => {
  credentials.dispose();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function request(region: string, service: string): Promise<RequestSpec> {
  const ref = (await secrets.put(sandbox.invoker.secretAccessKey)).ref;
  const source: CredentialSource = {
    kind: 'keys',
    accessKeyId: sandbox.invoker.accessKeyId,
    secretAccessKey: ref,
    sessionToken: '',
  };
  return {
    id: 'r',
    name: 'r',
    method: 'GET',
    url: `${sandbox.apiUrl}/pets`,
    headers: [],
    body: { mode: 'none' },
    auth: { type: 'awsv4', source, region, service, addAuthDataTo: 'headers', expiresSeconds: 900 },
    timeoutMs: 10_000,
  };
}

describe('region and service remembered per custom host', () => {
  it('signs the next request to the host with what was typed for it, after a restart too', async () => {
    const host = new URL(sandbox.apiUrl).hostname;
    const scopes = new RememberedScopes(file);
    await scopes.load();
    const runner = new RequestRunner({ secrets, credentials, rememberedScopes: scopes });

    const typed = await runner.send({
      requestId: 'a',
      request: await request(sandbox.region, 'execute-api'),
      context: {},
    });
    if (!typed.ok) throw new Error(typed.error.message);
    expect(typed.value.response.status).toBe(200);
    expect(typed.value.signing?.rememberedForHost).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      [host]: { region: sandbox.region, service: 'execute-api' },
    });

    // A new process: the file is all it knows.
    const reloaded = new RememberedScopes(file);
    expect(await reloaded.load()).toBeUndefined();
    expect(reloaded.get(host)).toEqual({ region: sandbox.region, service: 'execute-api' });
    const later = new RequestRunner({ secrets, credentials, rememberedScopes: reloaded });
    const blank = await later.send({ requestId: 'b', request: await request('', ''), context: {} });
    if (!blank.ok) throw new Error(blank.error.message);
    expect(blank.value.response.status).toBe(200);
    expect(blank.value.signing).toMatchObject({
      region: sandbox.region,
      service: 'execute-api',
      derivedFromHost: false,
      rememberedForHost: host,
    });
  });

  it('without a remembered answer, a custom host still asks for the region', async () => {
    const runner = new RequestRunner({ secrets, credentials, rememberedScopes: new RememberedScopes() });
    const result = await runner.send({ requestId: 'c', request: await request('', ''), context: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('signing');
  });

  it('keeps nothing it cannot trust from the file', async () => {
    const scopes = new RememberedScopes(join(dir, 'absent.json'));
    expect(await scopes.load()).toBeUndefined();
    await expect(scopes.remember('api.example.com', { region: 'Not A Region', service: 'x' })).rejects.toThrow();
    expect(scopes.get('API.example.com.')).toBeUndefined();
    await scopes.remember('API.example.com:8443', { region: 'eu-west-1', service: 'execute-api' });
    expect(scopes.get('api.example.com')).toEqual({ region: 'eu-west-1', service: 'execute-api' });
  });
});
