import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { signCommand } from './sign';

const VECTORS = path.resolve(process.cwd(), '../shared/vectors/sigv4');
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const vector = (name: string, file: string): Promise<string> => readFile(path.join(VECTORS, name, file), 'utf8');
const BASE = [
  '--method',
  'GET',
  '--url',
  'https://example.amazonaws.com/',
  '--region',
  'us-east-1',
  '--service',
  'service',
  '--date',
  '2015-08-30T12:36:00Z',
];

interface Printed {
  method: string;
  url: string;
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = KEYS,
  cwd = process.cwd(),
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd };
  return { code: await signCommand.run(argv, io), out, err };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signet-cli-sign-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('signet sign', () => {
  it('prints curl, Python and JavaScript that read credentials from the environment', async () => {
    const s3 = ['--method', 'PUT', '--url', 'https://my-bucket.s3.eu-west-1.amazonaws.com/a b//c', '--data', 'hi'];
    const curl = await run([...s3, '--format', 'curl']);
    expect(curl.code).toBe(0);
    expect(curl.out).toMatch(/^curl -g --path-as-is --aws-sigv4 "aws:amz:eu-west-1:s3" /);
    expect(curl.out).toContain("'https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b//c'");
    const python = await run([...s3, '--format', 'python', '--unsigned-payload']);
    expect(python.out).toContain('S3SigV4Auth(credentials, "s3", "eu-west-1").add_auth(request)');
    expect(python.out).toContain('payload_signing_enabled');
    const js = await run([...BASE, '--format', 'javascript']);
    expect(js.out).toContain("import { SignatureV4 } from '@smithy/signature-v4';");
    for (const printed of [curl.out, python.out, js.out]) {
      expect(printed).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
      expect(printed).toContain('AWS_SECRET_ACCESS_KEY');
    }
    await expect(run([...BASE, '--format', 'perl'])).rejects.toThrow(/--format must be one of/);
  });

  it('signs get-vanilla like the AWS test suite', async () => {
    const { code, out } = await run(BASE);
    expect(code).toBe(0);
    const printed = JSON.parse(out) as Printed;
    expect(printed.signature).toBe(await vector('get-vanilla', 'header-signature.txt'));
    expect(printed.canonicalRequest).toBe(await vector('get-vanilla', 'header-canonical-request.txt'));
    expect(printed.stringToSign).toBe(await vector('get-vanilla', 'header-string-to-sign.txt'));
    expect(printed.headers).toEqual({
      Host: 'example.amazonaws.com',
      'X-Amz-Date': '20150830T123600Z',
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${printed.signature}`,
    });
    expect(printed).toMatchObject({ method: 'GET', url: 'https://example.amazonaws.com/' });
  });

  it('presigns with the session token from the environment', async () => {
    const token = '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267';
    const { out } = await run([...BASE, '--presign', '--expires', '3600'], { ...KEYS, AWS_SESSION_TOKEN: token });
    const printed = JSON.parse(out) as Printed;
    expect(printed.signature).toBe(await vector('get-vanilla-with-session-token', 'query-signature.txt'));
    const query = new URL(printed.url).searchParams;
    expect(query.get('X-Amz-Signature')).toBe(printed.signature);
    expect(query.get('X-Amz-Security-Token')).toBe(token);
    expect(printed.headers).toEqual({ Host: 'example.amazonaws.com' });
  });

  it('signs a body from a file with headers, reading credentials of a profile', async () => {
    const credentials = path.join(dir, 'credentials');
    await writeFile(
      credentials,
      `[vectors]\naws_access_key_id = ${KEYS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${KEYS.AWS_SECRET_ACCESS_KEY}\n`,
    );
    await writeFile(path.join(dir, 'body.txt'), 'Param1=value1');
    const { code, out } = await run(
      [
        '--method',
        'POST',
        '--url',
        'https://example.amazonaws.com/',
        '--header',
        'Content-Type:application/x-www-form-urlencoded',
        '--data-file',
        'body.txt',
        '--region',
        'us-east-1',
        '--service',
        'service',
        '--date',
        '2015-08-30T12:36:00Z',
        '--profile',
        'vectors',
      ],
      { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: path.join(dir, 'none') },
      dir,
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out) as Printed;
    // The vector signs the same request with Content-Length (sign_body adds x-amz-content-sha256, which we do not).
    expect(printed.headers['Content-Length']).toBe('13');
    expect(printed.canonicalRequest).toContain(
      'content-length;content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    );
  });

  it('derives region and service from an execute-api host', async () => {
    const { out } = await run([
      '--method',
      'GET',
      '--url',
      'https://abc123.execute-api.eu-west-3.amazonaws.com/prod/pets',
      '--date',
      '2015-08-30T12:36:00Z',
    ]);
    expect((JSON.parse(out) as Printed).stringToSign).toContain('20150830/eu-west-3/execute-api/aws4_request');
  });

  it.each([
    [['--url', 'https://x.example/'], '--method and --url are required'],
    [[...BASE, '--data', 'a', '--data-file', 'b'], 'use either --data or --data-file'],
    [[...BASE, '--expires', '60'], '--expires only applies with --presign'],
    [[...BASE, '--presign', '--expires', '0'], '--expires must be 1..604800'],
    [[...BASE, '--date', 'yesterday'], '--date is not an ISO 8601 time'],
    [['--method', 'GET', '--url', 'https://example.com/'], '--region and --service are required'],
  ])('rejects bad usage %j', async (argv, message) => {
    await expect(run(argv)).rejects.toThrow(message);
  });

  it('fails clearly without credentials', async () => {
    await expect(run(BASE, {})).rejects.toThrow(/no credentials: set AWS_ACCESS_KEY_ID/i);
  });
});
