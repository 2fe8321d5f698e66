import { describe, expect, it } from 'vitest';
import { deriveRegionService } from '../../shared/aws-host';
import { redactHeaders, redactUrl } from './redact';

describe('deriveRegionService', () => {
  it.each([
    ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', 'us-east-1', 'execute-api'],
    ['A1B2C3D4E5.Execute-Api.eu-west-3.amazonaws.com:443', 'eu-west-3', 'execute-api'],
    ['abc-vpce-0123.execute-api.ap-southeast-2.vpce.amazonaws.com', 'ap-southeast-2', 'execute-api'],
    ['abc.execute-api.cn-north-1.amazonaws.com.cn', 'cn-north-1', 'execute-api'],
    ['sts.eu-west-3.amazonaws.com', 'eu-west-3', 'sts'],
    ['sts.amazonaws.com', 'us-east-1', 'sts'],
    ['lambda-fips.us-gov-west-1.amazonaws.com', 'us-gov-west-1', 'lambda'],
    ['xyz.appsync-api.us-east-2.amazonaws.com', 'us-east-2', 'appsync'],
    ['abcdef.lambda-url.eu-central-1.on.aws', 'eu-central-1', 'lambda'],
  ])('%s → %s / %s', (host, region, service) => {
    expect(deriveRegionService(host)).toEqual({ region, service });
  });

  it.each(['localhost:3000', 'example.com', 'amazonaws.com', 'foo.notaregion.amazonaws.com'])(
    '%s → undefined',
    (host) => {
      expect(deriveRegionService(host)).toBeUndefined();
    },
  );
});

describe('redaction', () => {
  it('redacts Authorization and X-Amz-Security-Token, keeps the rest', () => {
    const out = redactHeaders([
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20240229/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123',
      ],
      ['x-amz-security-token', 'IQoJb3JpZ2luX2VjEXAMPLE'],
      ['authorization', 'Bearer eyJhbGciOi'],
      ['Accept', 'application/json'],
    ]);
    expect(out[0]?.[1]).toBe(
      'AWS4-HMAC-SHA256 Credential=ASIA••••••••MPLE/20240229/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=[redacted]',
    );
    expect(out[1]?.[1]).toBe('[redacted]');
    expect(out[2]?.[1]).toBe('Bearer [redacted]');
    expect(out[3]).toEqual(['Accept', 'application/json']);
    expect(JSON.stringify(out)).not.toMatch(/IQoJ|abcdef0123|eyJ/);
  });

  it('redacts signature, token and key id in a presigned URL without touching the rest', () => {
    const url =
      'https://h.example/a%20b/?x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20240229%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Security-Token=IQoJ%2Bsecret%3D&X-Amz-Signature=deadbeef#frag';
    expect(redactUrl(url)).toBe(
      'https://h.example/a%20b/?x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2MPLE%2F20240229%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Security-Token=%5Bredacted%5D&X-Amz-Signature=%5Bredacted%5D#frag',
    );
    expect(redactUrl('https://h.example/p?q=1')).toBe('https://h.example/p?q=1');
  });
});
