/**
 * Reads AWS's SigV4 test suites (../shared/vectors/sigv4, outside the repo) into wire requests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WireRequest } from '../wire-request';

export const VECTORS_DIR = path.resolve(process.cwd(), '../shared/vectors/sigv4');
export const CLASSIC_DIR = path.join(VECTORS_DIR, 'classic-aws4_testsuite');

export interface VectorContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  double_uri_encode?: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

/** Parses raw HTTP/1.1 text; the target may hold spaces (split on the first and last space). */
export function parseRawRequest(text: string): WireRequest {
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text.replace(/\n$/, '') : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 2);
  const [requestLine = '', ...lines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      // obs-fold continuation: unfolded with a space, as a receiving server would.
      last[1] = `${last[1]} ${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1].trim() ?? '';
  return { method, url: `https://${host}${target}`, headers, body: new TextEncoder().encode(body) };
}

export interface VectorCase {
  readonly name: string;
  readonly dir: string;
  readonly context: VectorContext;
  readonly request: WireRequest;
  /** False for the two request-only folders. */
  readonly complete: boolean;
}

/** The new-layout case folders (those with context.json). */
export function loadVectorCases(): VectorCase[] {
  return readdirSync(VECTORS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(VECTORS_DIR, d.name, 'context.json')))
    .map((d) => {
      const dir = path.join(VECTORS_DIR, d.name);
      return {
        name: d.name,
        dir,
        context: JSON.parse(readFileSync(path.join(dir, 'context.json'), 'utf8')) as VectorContext,
        request: parseRawRequest(readFileSync(path.join(dir, 'request.txt'), 'utf8')),
        complete: existsSync(path.join(dir, 'header-canonical-request.txt')),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface ClassicCase {
  readonly name: string;
  readonly request: WireRequest;
  readonly creq: string;
  readonly sts: string;
  readonly authz: string;
  /** Session token from `.req`, else from `.sreq` (get-vanilla-with-session-token has it only there). */
  readonly sessionToken: string | undefined;
}

function tokenIn(request: WireRequest): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === 'x-amz-security-token')?.[1];
}

/** Classic-layout cases, found at any depth by their `.req` file. */
export function loadClassicCases(dir = CLASSIC_DIR): ClassicCase[] {
  const cases: ClassicCase[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    const file = (ext: string): string => path.join(sub, `${entry.name}.${ext}`);
    if (existsSync(file('req'))) {
      const request = parseRawRequest(readFileSync(file('req'), 'utf8'));
      cases.push({
        name: path.relative(CLASSIC_DIR, sub),
        request,
        sessionToken: tokenIn(request) ?? tokenIn(parseRawRequest(readFileSync(file('sreq'), 'utf8'))),
        creq: readFileSync(file('creq'), 'utf8'),
        sts: readFileSync(file('sts'), 'utf8'),
        authz: readFileSync(file('authz'), 'utf8'),
      });
    } else {
      cases.push(...loadClassicCases(sub));
    }
  }
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}

export function readText(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}
