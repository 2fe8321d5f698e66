import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidInputError, type Dispatch } from '../core/dispatch';
import { SECURITY_HEADERS } from '../core/security-headers';
import { resolveStaticFile } from '../core/static-files';

export interface BrowserHostOptions {
  readonly dispatch: Dispatch;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Largest API request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
}

export interface BrowserHost {
  /** The URL to open, carrying the launch token in its fragment (never sent to the server by browsers). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new InvalidInputError(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Serves the renderer and the contract over loopback HTTP. Every API call needs
 * the per-launch token; Host and Origin must name this server, so neither another
 * web page nor a DNS-rebound name can reach it.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 80 * 1024 * 1024;
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  async function serveStatic(pathname: string, res: http.ServerResponse): Promise<void> {
    const file = await resolveStaticFile(options.staticDir, pathname);
    if (!file) return sendJson(res, 404, { error: 'not found' });
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': file.size });
    createReadStream(file.path).pipe(res);
  }

  async function handleCall(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'API calls are POST' });
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !tokensEqual(given, token)) return sendJson(res, 401, { error: 'missing or wrong launch token' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { error: 'API calls must be application/json' });
    }
    try {
      const raw = await readBody(req, maxBody);
      let input: unknown;
      try {
        input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        throw new InvalidInputError('request body is not valid JSON');
      }
      const result = await options.dispatch(name, input, { host: 'browser' });
      sendJson(res, 200, { result: result ?? null });
    } catch (error) {
      if (error instanceof InvalidInputError) return sendJson(res, 400, { error: error.message });
      console.error(`[signet] call ${name} failed:`, error instanceof Error ? error.message : error);
      sendJson(res, 500, { error: error instanceof Error ? error.message : 'internal error' });
    }
  }

  const server = http.createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) return sendJson(res, 403, { error: 'Host not allowed' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase()))
      return sendJson(res, 403, { error: 'Origin not allowed' });
    if (req.headers['sec-fetch-site'] === 'cross-site')
      return sendJson(res, 403, { error: 'cross-site requests are not allowed' });
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const call = /^\/api\/([A-Za-z][A-Za-z0-9]{0,63})$/.exec(pathname);
    const work = call
      ? handleCall(call[1]!, req, res)
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(pathname, res)
        : Promise.resolve(sendJson(res, 405, { error: 'method not allowed' }));
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
