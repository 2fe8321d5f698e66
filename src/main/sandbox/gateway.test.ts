import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peer } from '../testing/peers';
import { startSandbox, type Sandbox, type SandboxLogEntry } from './index';
import { sendRaw, sendSigned, signWithBotocore, type RawResponse, type SignSpec } from './testdata/peers';

let sandbox: Sandbox;
/** Server clock offset; tests move it to create skew without touching botocore's clock. */
let skewMs = 0;
const log: SandboxLogEntry[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date(Date.now() + skewMs), onRequest: (entry) => log.push(entry) });
});
afterAll(async () => {
  await sandbox.close();
});

function spec(overrides: Partial<SignSpec> = {}): SignSpec {
  return {
    method: 'POST',
    url: `${sandbox.apiUrl}/pets/7?b=2&a=x%20y&a=1`,
    headers: [
      ['content-type', 'application/json'],
      ['x-demo', 'one   two'],
    ],
    body: '{"name":"Rex","emoji":"🐕"}',
    accessKeyId: sandbox.invoker.accessKeyId,
    secretAccessKey: sandbox.invoker.secretAccessKey,
    region: 'us-east-1',
    service: 'execute-api',
    ...overrides,
  };
}

function parsed(response: RawResponse): { message?: string } & Record<string, unknown> {
  return JSON.parse(response.text) as { message?: string } & Record<string, unknown>;
}

function expectError(response: RawResponse, errorType: string, message: string | RegExp): void {
  expect(response.status).toBe(403);
  expect(response.headers['x-amzn-errortype']).toBe(errorType);
  const text = parsed(response).message ?? '';
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
}

const MISMATCH =
  /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\./;

const botocore = peer('botocore', 'the gateway tests with botocore-signed requests (gateway.test.ts)');

describe.skipIf(botocore.skip)('gateway with botocore-signed requests', () => {
  it('accepts a signed request and echoes what arrived, without the credentials', async () => {
    const [signed] = await signWithBotocore([spec()]);
    const response = await sendSigned(signed!);
    expect(response.status).toBe(200);
    const echo = parsed(response);
    expect(echo).toMatchObject({
      method: 'POST',
      path: '/pets/7',
      query: { a: ['x y', '1'], b: '2' },
      body: '{"name":"Rex","emoji":"🐕"}',
      caller: { arn: 'arn:aws:iam::111111111111:user/invoker', account: '111111111111' },
    });
    expect(echo.headers).toMatchObject({ 'x-demo': 'one   two', 'content-type': 'application/json' });
    expect(echo.headers).not.toHaveProperty('authorization');
  });

  it('accepts dot segments, double slashes and encoded characters in the path as botocore canonicalizes them', async () => {
    const [signed] = await signWithBotocore([
      spec({ method: 'GET', body: '', url: `${sandbox.apiUrl}/pets//a/./b/../caf%C3%A9%3Cx%3E?q=%E1%88%B4` }),
    ]);
    const response = await sendSigned(signed!);
    expect(response.status, response.text).toBe(200);
  });

  it('rejects each tampered variant with AWS message and error type', async () => {
    const [good, wrongSecret, unknownKey, wrongRegion, wrongService] = await signWithBotocore([
      spec(),
      spec({ secretAccessKey: `${sandbox.invoker.secretAccessKey.slice(1)}x` }),
      spec({ accessKeyId: 'AKIA' + 'Z'.repeat(16) }),
      spec({ region: 'us-west-2' }),
      spec({ service: 'lambda' }),
    ]);
    const target = good!.url.slice(sandbox.apiUrl.length);

    expectError(await sendSigned(good!, { body: '{"name":"Max"}' }), 'InvalidSignatureException', MISMATCH);
    const headers = good!.headers.map(([k, v]) => [k, k === 'x-demo' ? 'three' : v] as const);
    expectError(await sendSigned(good!, { headers }), 'InvalidSignatureException', MISMATCH);
    expectError(
      await sendSigned(good!, { target: target.replace('/pets/7', '/pets/8') }),
      'InvalidSignatureException',
      MISMATCH,
    );
    expectError(
      await sendSigned(good!, { target: target.replace('b=2', 'b=3') }),
      'InvalidSignatureException',
      MISMATCH,
    );
    expectError(
      await sendSigned(unknownKey!),
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
    expectError(
      await sendSigned(wrongRegion!),
      'InvalidSignatureException',
      'Credential should be scoped to a valid region. ',
    );
    expectError(
      await sendSigned(wrongService!),
      'InvalidSignatureException',
      "Credential should be scoped to correct service: 'execute-api'. ",
    );

    const mismatch = await sendSigned(wrongSecret!);
    expectError(mismatch, 'InvalidSignatureException', MISMATCH);
    // Same request, other secret: the canonical request the sandbox shows is exactly botocore's.
    expect(parsed(mismatch).message).toContain(
      `The Canonical String for this request should have been\n'${wrongSecret!.canonicalRequest}'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n`,
    );
  });

  it('rejects a signature more than five minutes old or ahead', async () => {
    const [signed] = await signWithBotocore([spec()]);
    try {
      skewMs = 6 * 60 * 1000;
      expectError(
        await sendSigned(signed!),
        'InvalidSignatureException',
        /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
      );
      skewMs = -6 * 60 * 1000;
      expectError(
        await sendSigned(signed!),
        'InvalidSignatureException',
        /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
      );
      skewMs = 4 * 60 * 1000;
      expect((await sendSigned(signed!)).status).toBe(200);
    } finally {
      skewMs = 0;
    }
  });

  it('answers Missing Authentication Token to an unsigned request, and logs it without secrets', async () => {
    const before = sandbox.requestCount;
    expectError(
      await sendRaw(sandbox.apiUrl, 'GET', '/pets?x=1', []),
      'MissingAuthenticationTokenException',
      'Missing Authentication Token',
    );
    expect(sandbox.requestCount).toBe(before + 1);
    expect(log.at(-1)).toEqual({
      service: 'execute-api',
      method: 'GET',
      path: '/pets',
      status: 403,
      errorType: 'MissingAuthenticationTokenException',
    });
    expect(JSON.stringify(log)).not.toContain(sandbox.invoker.secretAccessKey);
  });

  it('reports a Bearer token as an incomplete signature', async () => {
    const response = await sendRaw(sandbox.apiUrl, 'GET', '/pets', [['authorization', 'Bearer abc']]);
    expectError(
      response,
      'IncompleteSignatureException',
      /^Authorization header requires 'Credential' parameter\. .*'X-Amz-Date' or a 'Date' header\./,
    );
  });

  it('accepts a botocore presigned URL and rejects it once X-Amz-Expires has passed', async () => {
    const [presigned] = await signWithBotocore([spec({ method: 'GET', body: '', headers: [], presignExpires: 60 })]);
    expect(presigned!.url).toContain('X-Amz-Signature=');
    const response = await sendSigned(presigned!);
    expect(response.status, response.text).toBe(200);
    expect(parsed(response).query).not.toHaveProperty('X-Amz-Signature');
    try {
      skewMs = 2 * 60 * 1000;
      expectError(await sendSigned(presigned!), 'InvalidSignatureException', /^Signature expired: .* - 60 sec\.\)$/);
    } finally {
      skewMs = 0;
    }
    const tampered = presigned!.url.slice(sandbox.apiUrl.length).replace('/pets/7', '/pets/9');
    expectError(await sendSigned(presigned!, { target: tampered }), 'InvalidSignatureException', MISMATCH);
  });

  it('refuses Account B user calling the API directly', async () => {
    const [signed] = await signWithBotocore([
      spec({ accessKeyId: sandbox.accountBUser.accessKeyId, secretAccessKey: sandbox.accountBUser.secretAccessKey }),
    ]);
    expectError(
      await sendSigned(signed!),
      'AccessDeniedException',
      'User: arn:aws:iam::222222222222:user/developer is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/POST/pets/7 because no resource-based policy allows the execute-api:Invoke action',
    );
  });
});
