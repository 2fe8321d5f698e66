import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSignetWeb } from './signet-web';
import { expect, test as base, _electron as electron, type Page } from '@playwright/test';

const root = resolve(__dirname, '..');

/** True where the Electron binary is installed (it cannot be downloaded on offline machines). */
export function electronAvailable(): boolean {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  return existsSync(pathFile) && existsSync(join(root, 'node_modules', 'electron', 'dist'));
}

export interface AppHandle {
  /** Where the app's data lives for this test. */
  readonly dataDir: string;
  readonly kind: 'electron' | 'browser';
  /** The browser host's origin (browser kind only). */
  readonly origin?: string;
}

export interface LocalServer {
  readonly url: string;
  readonly requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
}

/** A plain HTTP server on 127.0.0.1 with routes for the request/response tests. */
async function startLocalServer(): Promise<{ server: http.Server; info: LocalServer }> {
  const requests: LocalServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const status = /^\/status\/(\d{3})$/.exec(path);
      if (status) {
        res.writeHead(Number(status[1]), { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: Number(status[1]) }));
      } else if (path === '/json') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Test': 'yes' });
        res.end(JSON.stringify({ pets: [{ id: 1, name: 'Rex' }], ok: true }));
      } else if (path === '/echo') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'] ?? null, body }));
      } else if (path === '/cookie/set') {
        res.writeHead(200, {
          'Content-Type': 'text/plain',
          'Set-Cookie': ['sid=e2e-session-4821; Path=/; HttpOnly', 'theme=dark; Max-Age=3600'],
        });
        res.end('cookies set');
      } else if (path === '/cookie/echo') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ cookie: req.headers.cookie ?? null }));
      } else if (path === '/slow') {
        setTimeout(() => {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('slow');
        }, 10_000).unref();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('hello');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, info: { url: `http://127.0.0.1:${port}`, requests } };
}

/** A port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** What `signet sandbox` prints: a local API Gateway + STS with throwaway keys. */
export interface SandboxInfo {
  readonly region: string;
  readonly apiUrl: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly stsEndpoint: string;
  readonly roleArn: string;
  readonly untrustedRoleArn: string;
  readonly mfaRoleArn: string;
  readonly mfaSerial: string;
  readonly mfaCode: string;
  readonly accountB: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly allowed: { readonly method: string; readonly path: string };
  readonly denied: { readonly method: string; readonly path: string };
  /** IAM Identity Center in the sandbox: visiting a sign-in's verification URL approves it. */
  readonly ssoStartUrl: string;
  readonly ssoRegion: string;
  readonly oidcEndpoint: string;
  readonly portalEndpoint: string;
  readonly ssoAccountId: string;
  readonly ssoRoleName: string;
}

/** Runs the real `signet sandbox` command and reads its JSON line. */
async function startSandboxProcess(): Promise<{ child: ChildProcess; info: SandboxInfo }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'signet.cjs'), 'sandbox', '--port', '0', '--min-duration-seconds', '1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const info = await new Promise<SandboxInfo>((resolveInfo, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`signet sandbox did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) {
        clearTimeout(timer);
        resolveInfo(JSON.parse(line) as SandboxInfo);
      }
    });
    child.once('exit', (code) => reject(new Error(`signet sandbox exited with ${code}`)));
  });
  return { child, info };
}

/** Starts the app (Electron where installed, else the browser host) with extra environment. */
export type OpenApp = (env?: Record<string, string>) => Promise<Page>;

export const test = base.extend<{
  app: AppHandle;
  openApp: OpenApp;
  appPage: Page;
  local: LocalServer;
  sandbox: SandboxInfo;
}>({
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-e2e-'));
    await use({ dataDir, kind: electronAvailable() ? 'electron' : 'browser' });
    // Retried: a file written as the app shut down can still be landing (ENOTEMPTY).
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  },
  openApp: async ({ app, page }, use) => {
    const stops: Array<() => Promise<unknown>> = [];
    await use(async (extraEnv = {}) => {
      // The user's own ~/.aws files never leak into a test: AWS files are per-test unless given.
      const env = {
        SIGNET_DATA_DIR: app.dataDir,
        AWS_CONFIG_FILE: join(app.dataDir, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(app.dataDir, 'aws-credentials'),
        AWS_MAX_ATTEMPTS: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...extraEnv,
      };
      if (app.kind === 'electron') {
        const electronApp = await electron.launch({
          args: [join(root, 'out', 'main', 'index.js')],
          env: { ...process.env, ...env },
        });
        stops.push(() => electronApp.close());
        return electronApp.firstWindow();
      }
      const { child, url } = await startSignetWeb(env);
      // Waits for the exit: signet web saves tabs and drafts as it shuts down, into the data
      // directory the app fixture removes next.
      stops.push(
        () =>
          new Promise<void>((resolveExit) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(killer);
              resolveExit();
            });
            child.kill('SIGTERM');
          }),
      );
      await page.goto(url);
      return page;
    });
    for (const stop of stops) await stop();
  },
  appPage: async ({ openApp }, use) => {
    const page = await openApp();
    // The CSP allows no inline styles or scripts: anything the page tried that it blocked fails the test.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations, 'CSP violations').toEqual([]);
  },

  sandbox: async ({}, use) => {
    const { child, info } = await startSandboxProcess();
    await use(info);
    child.kill('SIGTERM');
  },
  local: async ({}, use) => {
    const { server, info } = await startLocalServer();
    await use(info);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  },
});

export { expect } from '@playwright/test';
