import { describe, expect, it } from 'vitest';
import { Redactions, scrubSecrets } from './scrub';

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

describe('Redactions', () => {
  const secret = 'hunter2-Sup3r/Secret+Value';

  it('finds a secret base64-encoded at any alignment inside a longer value', () => {
    const redactions = new Redactions();
    redactions.add(secret, 'secret');
    for (const prefix of ['', 'a', 'ab', 'user:', 'Basic x']) {
      const encoded = Buffer.from(`${prefix}${secret}!tail`).toString('base64');
      expect(redactions.text(encoded), `prefix "${prefix}"`).toContain('[secret redacted]');
      const urlSafe = Buffer.from(`${prefix}${secret}`).toString('base64url');
      expect(redactions.text(urlSafe), `base64url, prefix "${prefix}"`).toContain('[secret redacted]');
    }
  });

  it('finds JSON-escaped and form-encoded forms', () => {
    const quoted = 'pa"ss\\word with space';
    const redactions = new Redactions();
    redactions.add(quoted, 'secret');
    expect(redactions.text(JSON.stringify({ v: quoted }))).not.toContain('ss\\\\word');
    expect(redactions.text(new URLSearchParams({ v: quoted }).toString())).toBe('v=[secret redacted]');
    expect(redactions.apply({ [quoted]: 1 })).toEqual({ '[secret redacted]': 1 });
  });

  it('ignores secrets too short to redact safely', () => {
    const redactions = new Redactions();
    redactions.add('abc', 'x');
    redactions.add(undefined, 'x');
    expect(redactions.size).toBe(0);
  });
});
