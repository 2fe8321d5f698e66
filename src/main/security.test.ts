/**
 * The security suite: probes from outside the way an attacker or a careless echo
 * server would find a leak. Every secret main resolves for an operation must be
 * missing, in every form, from everything the renderer gets back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SignetApp } from './app';

const ctx = { host: 'test' } as const;

/** Secrets with characters that every encoding treats differently. */
const SECRETS = {
  header: 'hdr-Secret/+=value 42',
  url: 'url-secret&?=/ünï',
  body: 'body-secret "quoted" \\ back',
  env: 'env-secret-token-0123456789',
  password: 'pässword:with:colons',
  bearer: 'bearer-secret-abcdefghijkl',
  apiKey: 'api-key-secret-1234567890',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  awsToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+sessiontoken==',
};

/** Every way a secret could come back: raw, percent-encoded, form-encoded, JSON-escaped, base64 (std and url). */
function leakedForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const forms = [
    secret,
    encoded,
    encoded.toLowerCase(),
    encoded.replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
  ];
  return [...new Set(forms)].filter((form) => form.length >= 8);
}

function expectNoSecret(what: string, value: unknown): void {
  const text = JSON.stringify(value);
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (const form of leakedForms(secret))
      expect(text.includes(form), `${what}: ${name} leaked as ${form}`).toBe(false);
  }
}

/** Echoes everything it receives: as JSON, base64 and in response headers. */
function startEcho(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const echo = { method: req.method, url: req.url, headers: req.headers, body };
      const json = JSON.stringify(echo);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-echo-authorization': String(req.headers.authorization ?? '').slice(0, 4000),
        'x-echo-b64': Buffer.from(json).toString('base64').slice(0, 6000),
      });
      res.end(JSON.stringify({ echo, b64: Buffer.from(json).toString('base64'), escaped: JSON.stringify(json) }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}

describe('secrets never come back to the renderer', () => {
  let app: SignetApp;
  let dataDir = '';
  let echo: { url: string; close: () => Promise<void> };
  const refs: Record<string, string> = {};

  const call = async (name: string, input: unknown) => app.dispatch(name, input, ctx);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'signet-security-'));
    process.env.AWS_CONFIG_FILE = join(dataDir, 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dataDir, 'no-credentials');
    app = await createApp({ host: 'test', dataDir, version: 'test' });
    echo = await startEcho();
    for (const [name, value] of Object.entries(SECRETS)) {
      const stored = await call('putSecret', { value, label: name });
      if (!stored.ok) throw new Error(stored.error.message);
      refs[name] = (stored.value as { ref: string }).ref;
    }
    const env = await call('saveEnvironment', {
      environment: {
        id: 'env-sec',
        name: 'Secrets',
        values: [{ key: 'tok', value: SECRETS.env, enabled: true, secret: true }],
      },
    });
    if (!env.ok) throw new Error(env.error.message);
  });
  afterAll(async () => {
    await echo.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (request: Record<string, unknown>) =>
    call('sendRequest', {
      requestId: `sec-${Math.random()}`,
      request: { method: 'POST', url: `${echo.url}/echo`, ...request },
      context: { environmentId: 'env-sec' },
    });

  it('a stored secret in a header, the URL or the body of a plain request', async () => {
    const result = await send({
      url: `${echo.url}/echo?key=${refs.url}`.replace(refs.url!, '{{u}}'),
      headers: [{ key: 'X-Api-Secret', value: refs.header, enabled: true }],
      body: { mode: 'raw', text: `{"secret": "{{tok}}"}`, contentType: 'application/json' },
    });
    expect(result.ok, JSON.stringify(result)).toBe(false); // {{u}} is not defined anywhere: nothing is sent
    const plain = await send({
      url: `${echo.url}/echo?env={{tok}}`,
      headers: [
        { key: 'X-Api-Secret', value: refs.header, enabled: true },
        { key: 'X-Env', value: 'Bearer {{tok}}', enabled: true },
      ],
      body: { mode: 'raw', text: refs.body, contentType: 'text/plain' },
    });
    expect(plain.ok, JSON.stringify(plain)).toBe(true);
    // The echo server did receive the secrets (the request was real) ...
    expect(JSON.stringify(plain)).toContain('[secret redacted]');
    // ... and none came back in any form.
    expectNoSecret('plain request', plain);
  });

  it('Basic, Bearer and API-key auth with stored secrets', async () => {
    for (const auth of [
      { type: 'basic', username: 'alice', password: refs.password },
      { type: 'bearer', token: refs.bearer },
      { type: 'apikey', key: 'api_key', value: refs.apiKey, in: 'query' },
      { type: 'apikey', key: 'X-Api-Key', value: refs.apiKey, in: 'header' },
    ]) {
      const result = await send({ auth });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expectNoSecret(`auth ${auth.type}`, result);
    }
  });

  it('AWS Signature with stored keys and a session token: headers, canonical request, echoed body', async () => {
    const result = await send({
      body: { mode: 'urlencoded', fields: [{ key: 'tok', value: '{{tok}}', enabled: true }] },
      auth: {
        type: 'awsv4',
        source: {
          kind: 'keys',
          accessKeyId: 'ASIAEXAMPLEKEYID1234',
          secretAccessKey: refs.awsSecret,
          sessionToken: refs.awsToken,
        },
        region: 'us-east-1',
        service: 'execute-api',
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
      },
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expectNoSecret('awsv4 headers', result);

    const presigned = await send({
      method: 'GET',
      body: { mode: 'none' },
      auth: {
        type: 'awsv4',
        source: {
          kind: 'keys',
          accessKeyId: 'ASIAEXAMPLEKEYID1234',
          secretAccessKey: refs.awsSecret,
          sessionToken: refs.awsToken,
        },
        region: 'us-east-1',
        service: 'execute-api',
        addAuthDataTo: 'query',
        expiresSeconds: 900,
      },
    });
    expect(presigned.ok, JSON.stringify(presigned)).toBe(true);
    expectNoSecret('awsv4 presigned', presigned);
  });

  it('an error message that echoes a resolved secret (a URL that does not parse)', async () => {
    const result = await send({ url: `http://{{tok}}:99999/` });
    expect(result.ok).toBe(false);
    expectNoSecret('bad URL', result);
  });

  it('an STS error that echoes the session token of the source credentials', async () => {
    // A loopback STS that answers every call with an error quoting the token it was sent.
    const sts = http.createServer((req, res) => {
      const token = String(req.headers['x-amz-security-token'] ?? '');
      res.writeHead(403, { 'content-type': 'text/xml' });
      res.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid: ${token}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
      );
    });
    await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
    try {
      const assumed = await call('assumeRole', {
        source: {
          kind: 'keys',
          accessKeyId: 'ASIAEXAMPLEKEYID1234',
          secretAccessKey: refs.awsSecret,
          sessionToken: refs.awsToken,
        },
        roleArn: 'arn:aws:iam::111122223333:role/Target',
        sessionName: 'probe',
        endpoint,
        region: 'us-east-1',
      });
      expect(assumed.ok).toBe(false);
      expect(JSON.stringify(assumed)).toContain('[session token redacted]');
      expectNoSecret('STS error', assumed);
      const who = await call('whoAmI', {
        source: {
          kind: 'keys',
          accessKeyId: 'ASIAEXAMPLEKEYID1234',
          secretAccessKey: refs.awsSecret,
          sessionToken: refs.awsToken,
        },
      });
      expectNoSecret('whoAmI error', who);
    } finally {
      await new Promise<void>((resolve) => sts.close(() => resolve()));
    }
  });
});

describe('Postman collection variables of type secret', () => {
  it('go to the secret store: not in the workspace file, not in an export without secrets', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-secret-vars-'));
    const app = await createApp({ host: 'test', dataDir, version: 'test' });
    try {
      const collection = {
        info: { name: 'Secret vars', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        variable: [
          { key: 'apiToken', value: 'collection-level-Secret-123', type: 'secret' },
          { key: 'plain', value: 'visible-value', type: 'string' },
        ],
        item: [
          {
            name: 'Folder',
            variable: [{ key: 'folderToken', value: 'folder-level-Secret-456', type: 'secret' }],
            item: [
              { name: 'Get', request: { method: 'GET', url: 'https://example.com/{{apiToken}}/{{folderToken}}' } },
            ],
          },
        ],
      };
      const imported = await app.dispatch(
        'importFile',
        { fileName: 'secret-vars.postman_collection.json', content: JSON.stringify(collection) },
        ctx,
      );
      if (!imported.ok) throw new Error(imported.error.message);
      const collectionId = (imported.value as { collectionId: string }).collectionId;
      const { readFileSync, readdirSync } = await import('node:fs');
      const files = readdirSync(join(dataDir, 'collections')).map((f) =>
        readFileSync(join(dataDir, 'collections', f), 'utf8'),
      );
      expect(files.join('\n')).toContain('visible-value');
      expect(files.join('\n')).not.toContain('collection-level-Secret-123');
      expect(files.join('\n')).not.toContain('folder-level-Secret-456');
      const outline = await app.dispatch('loadWorkspace', {}, ctx);
      expect(JSON.stringify(outline)).not.toMatch(/level-Secret/);

      const exported = await app.dispatch('exportCollection', { collectionId, includeSecrets: false }, ctx);
      if (!exported.ok) throw new Error(exported.error.message);
      const json = (exported.value as { json: string }).json;
      expect(json).not.toMatch(/level-Secret/);
      const parsed = JSON.parse(json) as { variable: Array<{ key: string; value: string; type?: string }> };
      expect(parsed.variable.find((v) => v.key === 'apiToken')).toMatchObject({ value: '', type: 'secret' });

      const withSecrets = await app.dispatch('exportCollection', { collectionId, includeSecrets: true }, ctx);
      if (!withSecrets.ok) throw new Error(withSecrets.error.message);
      const written = readFileSync((withSecrets.value as { path: string }).path, 'utf8');
      expect(written).toContain('collection-level-Secret-123');
      expect(written).toContain('folder-level-Secret-456');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the renderer cannot name a file', () => {
  it('a path in a body is refused before anything is sent; an uploaded file is sent; uploads are capped', async () => {
    const { startBrowserHost } = await import('./host/browser-host');
    const { settle } = await import('./core/failure');
    const { Readable } = await import('node:stream');
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-grants-'));
    const app = await createApp({ host: 'test', dataDir, version: 'test' });
    const host = await startBrowserHost({
      dispatch: app.dispatch,
      events: app.events,
      upload: (source, name) => settle(app.files.storeUpload(source, name)),
      staticDir: dataDir,
    });
    const echo = await startEcho();
    try {
      for (const filePath of ['/proc/self/environ', join(dataDir, 'secrets.bin'), '/etc/passwd', '{{path}}']) {
        for (const body of [
          { mode: 'binary', filePath },
          { mode: 'formdata', fields: [{ key: 'f', value: filePath, enabled: true, kind: 'file' }] },
        ]) {
          const refused = await app.dispatch(
            'sendRequest',
            { requestId: 'r', request: { method: 'POST', url: `${echo.url}/x`, body } },
            ctx,
          );
          expect(refused).toMatchObject({
            ok: false,
            error: { code: 'invalid_input', message: expect.stringMatching(/is a path, and Signet reads only files/) },
          });
        }
      }

      // The page's picker: bytes streamed to main with the launch token, a grant back.
      const uploaded = await fetch(`${host.origin}/api/upload`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/octet-stream',
          'X-File-Name': encodeURIComponent('report ü.bin'),
        },
        body: 'uploaded bytes',
      });
      const grant = (await uploaded.json()) as { ok: boolean; value: { ref: string; name: string; size: number } };
      expect(grant).toMatchObject({ ok: true, value: { name: 'report ü.bin', size: 14 } });
      expect(grant.value.ref).toMatch(/^file-grant:[0-9a-f]{24}$/);
      const noToken = await fetch(`${host.origin}/api/upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: 'x',
      });
      expect(noToken.status).toBe(401);

      const sent = await app.dispatch(
        'sendRequest',
        {
          requestId: 'r2',
          request: { method: 'POST', url: `${echo.url}/x`, body: { mode: 'binary', filePath: grant.value.ref } },
        },
        ctx,
      );
      expect(JSON.stringify(sent)).toContain('uploaded bytes');

      const capped = await settle(
        app.files.storeUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 'big.bin', 1000),
      );
      expect(capped).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: 'big.bin is larger than 1000 bytes' },
      });
    } finally {
      await echo.close();
      await host.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('safeStorage on basic_text is not encryption', () => {
  const fakeEncryptor = (backend: string) => ({
    available: true,
    backend,
    encrypt: (plain: string) => Buffer.from(plain.split('').reverse().join('')),
    decrypt: (cipher: Buffer) => cipher.toString().split('').reverse().join(''),
  });

  it.each([
    ['basic_text', false],
    ['gnome_libsecret', true],
  ] as const)('backend %s: secrets encrypted at rest = %s', async (backend, encrypted) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-backend-'));
    const app = await createApp({ host: 'test', dataDir, version: 'test', encryptor: fakeEncryptor(backend) });
    try {
      const info = await app.dispatch('appInfo', {}, ctx);
      expect(info).toMatchObject({ ok: true, value: { secretsEncrypted: encrypted } });
      if (!encrypted) {
        expect(JSON.stringify(info)).toMatch(/basic_text, which is not encryption/);
        expect(app.startupWarnings.join('\n')).toMatch(/basic_text/);
      }
      await app.dispatch('putSecret', { value: 'a-secret-for-the-backend-test' }, ctx);
      const { existsSync } = await import('node:fs');
      expect(existsSync(join(dataDir, 'secrets.bin'))).toBe(encrypted);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the page runs without inline styles', () => {
  it('serves each load of the page with its own style nonce and no unsafe-inline', async () => {
    const { startBrowserHost } = await import('./host/browser-host');
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'signet-csp-'));
    writeFileSync(
      join(dir, 'index.html'),
      '<meta http-equiv="Content-Security-Policy" content="style-src \'self\' \'nonce-__SIGNET_CSP_NONCE__\'"><meta name="csp-nonce" content="__SIGNET_CSP_NONCE__">',
    );
    writeFileSync(join(dir, 'app.css'), 'body{}');
    const host = await startBrowserHost({ dispatch: async () => ({ ok: true, value: null }), staticDir: dir });
    try {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        const page = await fetch(`${host.origin}/`);
        const policy = page.headers.get('content-security-policy') ?? '';
        expect(policy).not.toContain('unsafe-inline');
        const nonce = /'nonce-([A-Za-z0-9+/=]{24})'/.exec(policy)?.[1];
        expect(nonce, policy).toBeDefined();
        const html = await page.text();
        expect(html).not.toContain('__SIGNET_CSP_NONCE__');
        expect(html).toContain(`content="${nonce}"`);
        nonces.push(nonce!);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
      const css = await fetch(`${host.origin}/app.css`);
      expect(css.headers.get('content-security-policy')).toMatch(/style-src 'self';/);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
