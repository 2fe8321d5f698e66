import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deriveRegionService } from '../../../shared/aws-host';
import { resolveCliCredentials } from '../credentials';
import { CREDENTIAL_FLAGS, credentialOptionsFrom } from '../source';
import { toWireUrl, type SignParams, type WireRequest } from '../../signing';
import { UsageError, type CliIo } from '../command';

/** Options shared by `signet sign` and `signet send`. */
export const REQUEST_OPTIONS_USAGE = `  --method M --url U            the request (http:// or https://)
  --header "Name: value"        repeatable
  --data STRING | --data-file P the body, sent as these exact bytes (a pipe or device: at most 64 MiB)
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
  ...CREDENTIAL_FLAGS,
} as const;

/**
 * Most body bytes read into memory. A pipe or device (`/dev/zero`, `<(cmd)`) has no size to
 * know in advance, and the signature needs the hash of every byte before the first is sent,
 * so such input is read whole, up to this, and refused beyond it.
 */
export const MEMORY_BODY_LIMIT = 64 * 1024 * 1024;
/** Regular files above this size are hashed in one pass and streamed in a second (by `send`). */
const STREAM_FROM = 8 * 1024 * 1024;

/** A body file too large to hold in memory, hashed for the signature and streamed when sent. */
export interface StreamedBodyFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** Reads a file to its end, or refuses it (with `refusal`) once it passes MEMORY_BODY_LIMIT bytes. */
async function readCapped(file: string, refusal: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    size += (chunk as Buffer).length;
    if (size > MEMORY_BODY_LIMIT) throw new Error(refusal);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * The body of --data-file: bytes in memory, or, when streaming is allowed and the file is a
 * large regular file, its size and hash (the file is read again when sent).
 */
async function readDataFile(
  file: string,
  shown: string,
  stream: boolean,
): Promise<{ bytes: Uint8Array; streamed?: StreamedBodyFile }> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new UsageError(`--data-file ${shown}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read it'}`);
  }
  if (info.isDirectory()) throw new UsageError(`--data-file ${shown} is a folder`);
  const cap = `${MEMORY_BODY_LIMIT / (1024 * 1024)} MiB`;
  if (!info.isFile()) {
    const refusal = `--data-file ${shown} is not a regular file and gave more than ${cap}. A signed body is hashed whole before it is sent, so input without a known size is read into memory, at most ${cap}. Save it to a file and pass that file.`;
    return { bytes: await readCapped(file, refusal) };
  }
  if (info.size <= STREAM_FROM || !stream) {
    const refusal = `--data-file ${shown} is larger than ${cap}, the most this command holds in memory (signet send streams large files).`;
    if (info.size > MEMORY_BODY_LIMIT) throw new Error(refusal);
    return { bytes: await readCapped(file, refusal) };
  }
  const { sha256, size } = await sha256OfFile(file);
  if (size !== info.size) throw new Error(`--data-file ${shown} changed while it was read; nothing was sent`);
  return { bytes: new Uint8Array(0), streamed: { path: file, size, sha256 } };
}

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
  extra: Record<string, { type: 'boolean' | 'string' }> = {},
  options: { streamLargeFiles?: boolean } = {},
): Promise<{
  request: WireRequest;
  params: SignParams;
  flags: Record<string, string | boolean | undefined>;
  /** Set when the body is a large file to stream: `request.body` is then empty. */
  bodyFile?: StreamedBodyFile;
  /** Where the credentials came from, for code that reads them again itself. */
  source: { profile?: string };
}> {
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
  const { bytes: body, streamed } =
    dataFile !== undefined
      ? await readDataFile(path.resolve(io.cwd, dataFile), dataFile, options.streamLargeFiles ?? false)
      : { bytes: new TextEncoder().encode(text('data') ?? '') };
  // The signer takes the payload hash from this header when the bytes are not in memory.
  if (streamed) {
    if (headers.some(([name]) => /^(x-amz-content-sha256|content-length)$/i.test(name)))
      throw new UsageError('--data-file of this size sets X-Amz-Content-Sha256 and Content-Length itself');
    headers.push(['X-Amz-Content-Sha256', streamed.sha256]);
  }
  const durationSeconds = text('duration-seconds');
  const flagValues = Object.fromEntries(Object.keys(CREDENTIAL_FLAGS).map((name) => [name, text(name)]));
  const credentials = await resolveCliCredentials(io, {
    ...credentialOptionsFrom(
      flagValues,
      durationSeconds ? integer('duration-seconds', durationSeconds, 3600, 1, 43200) : undefined,
    ),
    region,
  });
  const flags = Object.fromEntries(
    Object.keys(extra).map((name) => [name, typeof v[name] === 'string' ? v[name] : v[name] === true]),
  );
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
    ...(streamed ? { bodyFile: streamed } : {}),
    source: text('profile') ? { profile: text('profile')! } : {},
  };
}
