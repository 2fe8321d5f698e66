import { describe, expect, it } from 'vitest';
import type { SigningInfo } from '../../shared/api/http';
import { explainAwsError } from './explain';

const json = (message: string): string => JSON.stringify({ message });
const type = (t: string): Array<[string, string]> => [
  ['x-amzn-ErrorType', `${t}:http://internal.amazon.com/coral/com.amazon.coral.service/`],
];

const ourCanonical =
  'GET\n/prod/pets\n\nhost:abc123.execute-api.us-east-1.amazonaws.com\nx-amz-date:20240229T235959Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const signing = (over: Partial<SigningInfo> = {}): SigningInfo => ({
  algorithm: 'AWS4-HMAC-SHA256',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  region: 'us-west-2',
  service: 'execute-api',
  derivedFromHost: false,
  addAuthDataTo: 'headers',
  amzDate: '20240229T235959Z',
  credentialScope: '20240229/us-west-2/execute-api/aws4_request',
  signedHeaders: 'host;x-amz-date',
  canonicalRequest: ourCanonical,
  stringToSign: '',
  signature: '0'.repeat(64),
  payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  curl: '',
  ...over,
});

describe('explainAwsError', () => {
  it('is silent for success', () => {
    expect(explainAwsError(200, [], '{}')).toBeUndefined();
  });

  it('missing authentication token: unsigned vs signed (wrong path or stage)', () => {
    const unsigned = explainAwsError(
      403,
      type('MissingAuthenticationTokenException'),
      json('Missing Authentication Token'),
    );
    expect(unsigned).toMatchObject({
      cause: 'missing_token',
      errorType: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    expect(unsigned?.nextStep).toMatch(/AWS Signature/);
    expect(explainAwsError(403, {}, json('Missing Authentication Token'), signing())?.nextStep).toMatch(
      /path or stage/,
    );
  });

  it('unknown access key, and a temporary key without its token', () => {
    const body = json('The security token included in the request is invalid.');
    expect(explainAwsError(403, type('UnrecognizedClientException'), body)).toMatchObject({
      cause: 'unknown_key',
      errorType: 'UnrecognizedClientException',
    });
    expect(explainAwsError(403, {}, body, signing({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' }))?.nextStep).toMatch(
      /without its session token/,
    );
  });

  it('expired token', () => {
    const e = explainAwsError(
      403,
      type('ExpiredTokenException'),
      json('The security token included in the request is expired'),
    );
    expect(e).toMatchObject({ cause: 'expired_token' });
    expect(e?.nextStep).toMatch(/assume the role again/);
  });

  it('signature mismatch with the server canonical request parsed out and compared', () => {
    const server = ourCanonical.replace('/prod/pets', '/prod/pets/');
    const sts = 'AWS4-HMAC-SHA256\n20240229T235959Z\n20240229/us-east-1/execute-api/aws4_request\nabc';
    const message = `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${server}'\n\nThe String-to-Sign should have been\n'${sts}'\n`;
    const e = explainAwsError(403, type('InvalidSignatureException'), json(message), signing());
    expect(e).toMatchObject({ cause: 'signature_mismatch', serverCanonicalRequest: server, serverStringToSign: sts });
    expect(e?.nextStep).toMatch(/line 2 \(path\)/);
    const plain = explainAwsError(
      403,
      type('InvalidSignatureException'),
      json('The request signature we calculated does not match the signature you provided.'),
    );
    expect(plain?.serverCanonicalRequest).toBeUndefined();
    expect(plain?.nextStep).toMatch(/secret access key/);
  });

  it('clock skew both ways, though typed InvalidSignatureException', () => {
    const expired = json(
      'Signature expired: 20240229T235959Z is now earlier than 20240301T000459Z (20240301T000959Z - 5 min.)',
    );
    expect(explainAwsError(403, type('InvalidSignatureException'), expired)).toMatchObject({ cause: 'clock_skew' });
    const early = json(
      'Signature not yet current: 20240301T001000Z is still later than 20240301T000959Z (20240229T235459Z + 15 min.)',
    );
    expect(explainAwsError(403, type('InvalidSignatureException'), early)?.nextStep).toMatch(/clock/);
  });

  it('wrong region and wrong service scope', () => {
    const region = explainAwsError(
      403,
      type('InvalidSignatureException'),
      json("Credential should be scoped to a valid region, not 'us-west-2'. "),
      signing(),
    );
    expect(region).toMatchObject({ cause: 'wrong_scope' });
    expect(region?.nextStep).toMatch(/"us-west-2"/);
    const service = explainAwsError(
      403,
      {},
      json("Credential should be scoped to correct service: 'execute-api'. "),
      signing({ service: 'apigateway' }),
    );
    expect(service?.nextStep).toMatch(/"execute-api" \(it was "apigateway"\)/);
  });

  const user = 'User: arn:aws:sts::222222222222:assumed-role/ApiCaller/alice';
  const resource = 'arn:aws:execute-api:us-east-1:111111111111:abc123/$default/GET/pets';

  it('not authorized, no identity-based policy, explicit deny', () => {
    const plain = explainAwsError(
      403,
      type('AccessDeniedException'),
      JSON.stringify({ Message: `${user} is not authorized to perform: execute-api:Invoke on resource: ${resource}` }),
    );
    expect(plain).toMatchObject({ cause: 'not_authorized', errorType: 'AccessDeniedException' });
    // The caller is in account 222222222222, the API in 111111111111: the fix is to assume the
    // role in the API's account, not to attach a policy to the caller.
    expect(plain?.title).toBe('The caller is in account 222222222222, the API in account 111111111111');
    expect(plain?.nextStep).toMatch(/^Assume the role in the API's account 111111111111 first/);
    expect(plain?.nextStep).toContain(`must allow execute-api:Invoke on ${resource}`);
    const sameAccount = explainAwsError(
      403,
      type('AccessDeniedException'),
      json(
        `User: arn:aws:sts::111111111111:assumed-role/ApiCaller/alice is not authorized to perform: execute-api:Invoke on resource: ${resource}`,
      ),
    );
    expect(sameAccount?.title).toBe('The credentials are valid but not allowed');
    expect(sameAccount?.nextStep).toContain(`allows execute-api:Invoke on ${resource}`);
    const none = explainAwsError(
      403,
      {},
      json(
        `User: arn:aws:sts::111111111111:assumed-role/ApiCaller/alice is not authorized to perform: execute-api:Invoke on resource: ${resource} because no identity-based policy allows the execute-api:Invoke action`,
      ),
    );
    expect(none?.nextStep).toMatch(/no identity-based policy/);
    const deny = explainAwsError(
      403,
      {},
      json(`${user} is not authorized to perform: execute-api:Invoke on resource: ${resource} with an explicit deny`),
    );
    expect(deny).toMatchObject({ cause: 'explicit_deny' });
  });

  it('STS AccessDenied for AssumeRole (XML)', () => {
    const xml = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::222222222222:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/ApiCaller</Message></Error><RequestId>1</RequestId></ErrorResponse>`;
    const e = explainAwsError(403, [], xml);
    expect(e).toMatchObject({
      cause: 'not_authorized',
      errorType: 'AccessDenied',
      title: 'The role cannot be assumed',
    });
    expect(e?.nextStep).toContain('arn:aws:iam::111111111111:role/ApiCaller');
  });

  it('falls back to unknown for another 403, and stays silent for other errors it does not know', () => {
    const unsigned = explainAwsError(403, {}, 'Forbidden');
    expect(unsigned).toMatchObject({ cause: 'unknown', message: 'Forbidden' });
    // A bearer-token or unsigned request has no signing inspector to point to.
    expect(unsigned?.nextStep).not.toMatch(/inspector/);
    expect(unsigned?.nextStep).toMatch(/AWS Signature on the Auth tab/);
    expect(explainAwsError(500, {}, 'oops')).toBeUndefined();
  });
});
