import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deriveRegionService } from '../../../shared/aws-host';
import { resolveCliCredentials } from '../credentials';
import { toWireUrl, type SignParams, type WireRequest } from '../../signing';
import { UsageError, type CliIo } from '../command';

/** Options shared by `signet sign` and `signet send`. */
export const REQUEST_OPTIONS_USAGE = `  --method M --url U            the request (http:// or https://)
  --header "Name: value"        repeatable
  --data STRING | --data-file P the body, sent as these exact bytes
  --region R --service S        signing scope (default: derived from an execute-api host)
  --presign [--expires SECONDS] put the auth data in the URL instead of headers (at most 604800, 7 days)
  --unsigned-payload            S3: sign UNSIGNED-PAYLOAD instead of the body's SHA-256
  --date 2015-08-30T12:36:00Z   fix the signing time
Credentials (never from flags): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, or --profile P.
  --role-arn ARN                assume this role first and sign with its temporary credentials
  --role-session-name NAME --external-id X --duration-seconds N
  --serial-number S --token-code C   (MFA)   --endpoint-url URL (STS endpoint)`;

const OPTIONS = {
  method: { type: 'string' },
  url: { type: 'string' },
  header: { type: 'string', multiple: true },
  data: { type: 'string' },
  'data-file': { type: 'string' },
  region: { type: 'string' },
  service: { type: 'string' },
  presign: { type: 'boolean' },
  'unsigned-payload': { type: 'boolean' },
  expires: { type: 'string' },
  date: { type: 'string' },
  profile: { type: 'string' },
  'role-arn': { type: 'string' },
  'role-session-name': { type: 'string' },
  'external-id': { type: 'string' },
  'duration-seconds': { type: 'string' },
  'serial-number': { type: 'string' },
  'token-code': { type: 'string' },
  'endpoint-url': { type: 'string' },
} as const;

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header must look like "Name: value" (got ${JSON.stringify(text)})`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).replace(/^[ \t]+/, '')];
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`--${name} must be ${min}..${max} (got ${value})`);
  return parsed;
}

/**
 * Parses the request flags, reads the body and resolves credentials (assuming a role
 * when --role-arn is given). Throws UsageError or CredentialError; never returns an
 * unsigned request plan.
 */
export async function parseRequestOptions(
  argv: readonly string[],
  io: CliIo,
  extra: Record<string, { type: 'boolean' }> = {},
): Promise<{ request: WireRequest; params: SignParams; flags: Record<string, boolean | undefined> }> {
  const { values } = parseArgs({ args: [...argv], strict: true, options: { ...OPTIONS, ...extra } });
  const v = values as Record<string, string | string[] | boolean | undefined>;
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const method = text('method');
  const rawUrl = text('url');
  if (!method || !rawUrl) throw new UsageError('--method and --url are required');
  if (text('data') !== undefined && text('data-file') !== undefined)
    throw new UsageError('use either --data or --data-file, not both');
  if (text('expires') !== undefined && !v.presign) throw new UsageError('--expires only applies with --presign');
  const expires = integer('expires', text('expires'), 900, 1, 604800);
  const date = text('date') === undefined ? new Date() : new Date(text('date')!);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--date is not an ISO 8601 time: ${text('date')}`);
  let url: string;
  try {
    url = toWireUrl(rawUrl);
  } catch {
    throw new UsageError(`--url is not a URL: ${rawUrl}`);
  }
  if (!/^https?:$/.test(new URL(url).protocol)) throw new UsageError('--url must be http:// or https://');
  const derived = deriveRegionService(new URL(url).host);
  const region = text('region') ?? derived?.region;
  const service = text('service') ?? derived?.service;
  if (!region || !service) throw new UsageError('--region and --service are required for this host');

  const headers = ((v.header as string[] | undefined) ?? []).map(parseHeader);
  const dataFile = text('data-file');
  const body =
    dataFile !== undefined
      ? new Uint8Array(await readFile(path.resolve(io.cwd, dataFile)))
      : new TextEncoder().encode(text('data') ?? '');
  const roleArn = text('role-arn');
  const durationSeconds = text('duration-seconds');
  const credentials = await resolveCliCredentials(io, {
    ...(text('profile') ? { profile: text('profile')! } : {}),
    ...(roleArn ? { roleArn } : {}),
    ...(text('role-session-name') ? { roleSessionName: text('role-session-name')! } : {}),
    ...(text('external-id') ? { externalId: text('external-id')! } : {}),
    ...(durationSeconds ? { durationSeconds: integer('duration-seconds', durationSeconds, 3600, 1, 43200) } : {}),
    ...(text('serial-number') ? { mfaSerial: text('serial-number')! } : {}),
    ...(text('token-code') ? { mfaCode: text('token-code')! } : {}),
    ...(text('endpoint-url') ? { stsEndpoint: text('endpoint-url')! } : {}),
    region,
  });
  const flags = Object.fromEntries(Object.keys(extra).map((name) => [name, v[name] === true]));
  return {
    request: { method: method.toUpperCase(), url, headers, body },
    params: {
      credentials,
      region,
      service,
      addAuthDataTo: v.presign ? 'query' : 'headers',
      expiresSeconds: expires,
      signingDate: date,
      ...(v['unsigned-payload'] ? { payloadHash: 'unsigned' as const } : {}),
      derivedFromHost: text('region') === undefined || text('service') === undefined,
    },
    flags,
  };
}
