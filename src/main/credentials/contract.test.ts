import { describe, expect, it } from 'vitest';
import { AddManagedProfileSchema, AssumeRoleSchema, ImportSessionSchema } from '../../shared/api/credentials';
import { ago } from './service';

const source = { kind: 'profile', profile: 'dev' } as const;
const base = { source, roleArn: 'arn:aws:iam::123456789012:role/path/to/Role', sessionName: 'me' };

describe('credential call schemas', () => {
  it('accepts role ARNs in every partition, with paths', () => {
    for (const roleArn of [
      'arn:aws:iam::123456789012:role/R',
      'arn:aws-cn:iam::123456789012:role/a/b/R',
      'arn:aws-us-gov:iam::123456789012:role/R+=,.@-_',
    ]) {
      expect(AssumeRoleSchema.safeParse({ ...base, roleArn }).success).toBe(true);
    }
    const parsed = AssumeRoleSchema.parse(base);
    expect(parsed).toMatchObject({ durationSeconds: 3600, region: 'us-east-1', autoRefresh: false });
  });

  it('rejects what STS would reject, with messages naming the field', () => {
    const bad = [
      { roleArn: 'arn:aws:iam::12345:role/R' },
      { roleArn: 'arn:aws:iam::123456789012:user/R' },
      { roleArn: 'arn:aws:sts::123456789012:role/R' },
      { sessionName: 'a' },
      { sessionName: 'has space' },
      { durationSeconds: 43_201 },
      { durationSeconds: 0 },
      { mfaCode: '12345' },
      { mfaCode: 'abcdef' },
      { endpoint: 'ftp://127.0.0.1/sts' },
      { endpoint: 'not a url' },
      { region: 'US East' },
    ];
    for (const change of bad) {
      const result = AssumeRoleSchema.safeParse({ ...base, ...change });
      expect(result.success, JSON.stringify(change)).toBe(false);
    }
  });

  it('caps managed profile and import input', () => {
    expect(
      AddManagedProfileSchema.safeParse({ name: 'ok', accessKeyId: 'AKIAEXAMPLE0000001', secretAccessKey: 's' })
        .success,
    ).toBe(true);
    expect(
      AddManagedProfileSchema.safeParse({ name: 'bad name', accessKeyId: 'AKIAEXAMPLE0000001', secretAccessKey: 's' })
        .success,
    ).toBe(false);
    expect(
      AddManagedProfileSchema.safeParse({ name: 'ok', accessKeyId: 'akia-lower', secretAccessKey: 's' }).success,
    ).toBe(false);
    expect(ImportSessionSchema.safeParse({ json: 'x'.repeat(64 * 1024 + 1) }).success).toBe(false);
  });
});

describe('ago', () => {
  it.each([
    [0, 'just now'],
    [1400, 'just now'],
    [45_000, '45 seconds ago'],
    [60_000, '1 minute ago'],
    [125_000, '2 minutes ago'],
    [3 * 3600_000 + 5, '3 hours ago'],
    [86400_000, '1 day ago'],
  ])('%d ms → %s', (ms, text) => {
    expect(ago(ms)).toBe(text);
  });
});
