import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../shared/model';
import { SecretStore } from '../core/secrets';
import { createCredentialService, type CredentialService } from '../credentials';
import { historyEntryFromSend } from '../history/entry';
import { startSandbox, type Sandbox } from '../sandbox';
import { CookieJar } from './cookie-jar';
import { RequestRunner, type SendOutcome, type SendRecord } from './send';

// The jar in the send pipeline: a loopback server sets cookies and echoes the Cookie
// header it receives; the sandbox gateway checks that a signature covers the Cookie sent.

let server: Server;
let port = 0;
let sandbox: Sandbox;
let secrets: SecretStore;
let credentials: CredentialService;
const dir = mkdtempSync(join(tmpdir(), 'signet-cookies-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/set') res.setHeader('Set-Cookie', ['sid=session-value-1234; Path=/; HttpOnly', 'theme=dark']);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ cookie: req.headers.cookie ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
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
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function spec(url: string, extra: Partial<RequestSpec> = {}): RequestSpec {
  return {
    id: 'r',
    name: 'r',
    method: 'GET',
    url,
    headers: [],
    body: { mode: 'none' },
    auth: { type: 'none' },
    timeoutMs: 10_000,
    ...extra,
  };
}

function echoed(outcome: SendOutcome): string | null {
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { response } = outcome.value;
  return (JSON.parse(response.prettyJson ?? response.bodyText) as { cookie: string | null }).cookie;
}

describe('cookies in the send pipeline', () => {
  it('sends what one response set on the next request to the same host, and not to another host', async () => {
    const jar = new CookieJar();
    const runner = new RequestRunner({ secrets, credentials, cookies: jar });
    const send = (url: string, extra?: Partial<RequestSpec>) =>
      runner.send({ requestId: 'r', request: spec(url, extra), context: {} });
    expect(echoed(await send(`http://127.0.0.1:${port}/set`))).toBeNull();
    expect(echoed(await send(`http://127.0.0.1:${port}/echo`))).toBe('sid=session-value-1234; theme=dark');
    expect(echoed(await send(`http://localhost:${port}/echo`))).toBeNull();
    // A typed Cookie header comes first and wins by name.
    expect(
      echoed(
        await send(`http://127.0.0.1:${port}/echo`, {
          headers: [{ key: 'Cookie', value: 'theme=light', enabled: true }],
        }),
      ),
    ).toBe('theme=light; sid=session-value-1234');
  });

  it("keeps the jar's values out of history", async () => {
    const jar = new CookieJar();
    const records: SendRecord[] = [];
    const runner = new RequestRunner({
      secrets,
      credentials,
      cookies: jar,
      onSettled: async (record) => void records.push(record),
    });
    await runner.send({ requestId: 'r', request: spec(`http://127.0.0.1:${port}/set`), context: {} });
    await runner.send({
      requestId: 'r',
      request: spec(`http://127.0.0.1:${port}/echo?s=session-value-1234`),
      context: {},
    });
    const entry = historyEntryFromSend(records[1]!);
    expect(entry.sent?.headers.find(([name]) => name === 'Cookie')?.[1]).toBe('[redacted]');
    expect(JSON.stringify(entry)).not.toContain('session-value-1234');
  });

  it('adds the Cookie header before signing, so SigV4 signs the cookies sent', async () => {
    const jar = new CookieJar();
    jar.store(new URL(sandbox.apiUrl), 'sid=signed-cookie-5678');
    const runner = new RequestRunner({ secrets, credentials, cookies: jar });
    const ref = (await secrets.put(sandbox.invoker.secretAccessKey)).ref;
    const outcome = await runner.send({
      requestId: 'r',
      request: spec(`${sandbox.apiUrl}/pets`, {
        auth: {
          type: 'awsv4',
          source: { kind: 'keys', accessKeyId: sandbox.invoker.accessKeyId, secretAccessKey: ref, sessionToken: '' },
          region: sandbox.region,
          service: 'execute-api',
          addAuthDataTo: 'headers',
          expiresSeconds: 900,
        },
      }),
      context: {},
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.response.status).toBe(200);
    expect(outcome.value.signing?.signedHeaders.split(';')).toContain('cookie');
    expect(outcome.value.sent.headers).toContainEqual(['Cookie', 'sid=signed-cookie-5678']);
  });
});
