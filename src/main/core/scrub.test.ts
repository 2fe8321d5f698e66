import { describe, expect, it } from 'vitest';
import { scrubSecrets } from './scrub';

const token = 'IQoJb3JpZ2luX2Vj+abc/def==';

describe('scrubSecrets', () => {
  it('removes a secret in raw and percent-encoded forms, at any depth', () => {
    const result = scrubSecrets(
      {
        canonicalRequest: `x-amz-security-token:${token}`,
        url: `https://h/?X-Amz-Security-Token=${encodeURIComponent(token)}`,
        nested: [{ body: `echo ${token} echo` }],
        count: 3,
      },
      [{ value: token, label: 'session token' }],
    );
    expect(JSON.stringify(result)).not.toContain('IQoJb3JpZ2luX2Vj');
    expect(result.canonicalRequest).toBe('x-amz-security-token:[session token redacted]');
    expect(result.url).toBe('https://h/?X-Amz-Security-Token=[session token redacted]');
    expect(result.nested[0]!.body).toBe('echo [session token redacted] echo');
    expect(result.count).toBe(3);
  });

  it('leaves text alone when there is nothing to scrub', () => {
    const value = { a: 'plain' };
    expect(scrubSecrets(value, [{ value: undefined, label: 'x' }])).toBe(value);
    expect(scrubSecrets(value, [{ value: 'short', label: 'x' }])).toBe(value);
  });
});
