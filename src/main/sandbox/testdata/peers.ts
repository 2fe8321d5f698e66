/**
 * Test helpers that drive the sandbox with independent peers: botocore's SigV4 signer
 * (through a small Python script) and Node's raw http client, so what is sent is
 * exactly what was signed.
 */
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { peerPath } from '../../testing/peers';

export interface SignSpec {
  readonly method: string;
  readonly url: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly region: string;
  readonly service: string;
  readonly presignExpires?: number;
}

export interface SignedRequest {
  readonly canonicalRequest: string;
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

const SCRIPT = fileURLToPath(new URL('./botocore-sign.py', import.meta.url));

/** Signs each spec with botocore; secrets travel on stdin only. */
export function signWithBotocore(specs: readonly SignSpec[]): Promise<SignedRequest[]> {
  return new Promise((resolve, reject) => {
    const python = peerPath('botocore');
    const child = execFile(python, [SCRIPT], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`botocore signer (${python} with python3-botocore) failed: ${stderr || error.message}`));
        return;
      }
      const signed = JSON.parse(stdout) as Array<Omit<SignedRequest, 'method'>>;
      resolve(signed.map((entry, i) => ({ ...entry, method: specs[i]?.method ?? 'GET' })));
    });
    child.stdin?.end(JSON.stringify(specs));
  });
}

/** Sends a request with the path and query exactly as given (no URL normalisation). */
export function sendRaw(
  base: string,
  method: string,
  target: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body = '',
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method, path: target, headers: Object.fromEntries(headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends a botocore-signed request unchanged, or with the given tampering applied. */
export function sendSigned(
  signed: SignedRequest,
  tamper: { target?: string; headers?: ReadonlyArray<readonly [string, string]>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(signed.url);
  // URL.pathname/search would re-encode; take the target verbatim from the signed URL string.
  const target = tamper.target ?? signed.url.slice(url.origin.length);
  return sendRaw(url.origin, signed.method, target, tamper.headers ?? signed.headers, tamper.body ?? signed.body);
}
