/**
 * Reading the JSON that `aws sts assume-role` prints, so a user can paste a session
 * made elsewhere. Also accepts the flat `aws configure export-credentials` /
 * credential_process shape, which carries the same four values.
 */
import { z } from 'zod';
import { CredentialError } from '../core/ports';
import { accountOfArn, roleArnFromAssumedRoleArn } from './arns';

const Text = z.string().min(1).max(4096);
const ExpirationField = z
  .string()
  .max(64)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a date');

const AssumeRoleOutput = z.object({
  Credentials: z.object({
    AccessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'not an access key id'),
    SecretAccessKey: Text,
    SessionToken: z
      .string()
      .min(1)
      .max(16 * 1024),
    Expiration: ExpirationField,
  }),
  AssumedRoleUser: z.object({ AssumedRoleId: Text, Arn: Text }).optional(),
});

const ExportedCredentials = z.object({
  Version: z.literal(1),
  AccessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'not an access key id'),
  SecretAccessKey: Text,
  SessionToken: z
    .string()
    .min(1)
    .max(16 * 1024),
  Expiration: ExpirationField,
});

export interface ParsedSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  readonly account: string;
  readonly roleArn: string;
  readonly sessionName: string;
}

const SHAPE_HINT =
  'Paste the whole output of `aws sts assume-role`: {"Credentials": {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}, "AssumedRoleUser": {"AssumedRoleId", "Arn"}}';

/** Validates pasted session JSON; the error never repeats the pasted values. */
export function parseSessionJson(json: string): ParsedSession {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new CredentialError(`The pasted text is not JSON. ${SHAPE_HINT}`, 'credentials');
  }
  const full = AssumeRoleOutput.safeParse(value);
  if (full.success) {
    const c = full.data.Credentials;
    const arn = full.data.AssumedRoleUser?.Arn ?? '';
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration),
      assumedRoleArn: arn,
      assumedRoleId: full.data.AssumedRoleUser?.AssumedRoleId ?? '',
      account: accountOfArn(arn),
      roleArn: roleArnFromAssumedRoleArn(arn),
      sessionName: arn.split('/')[2] ?? '',
    };
  }
  const flat = ExportedCredentials.safeParse(value);
  if (flat.success) {
    return {
      accessKeyId: flat.data.AccessKeyId,
      secretAccessKey: flat.data.SecretAccessKey,
      sessionToken: flat.data.SessionToken,
      expiration: new Date(flat.data.Expiration),
      assumedRoleArn: '',
      assumedRoleId: '',
      account: '',
      roleArn: '',
      sessionName: '',
    };
  }
  const where = full.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'top level'}: ${issue.message}`)
    .join('; ');
  throw new CredentialError(`The pasted JSON is not an AssumeRole result (${where}). ${SHAPE_HINT}`, 'credentials');
}
