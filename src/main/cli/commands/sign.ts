import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { deriveRegionService, signWireRequest, toWireUrl, type SigningCredentials } from '../../signing';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `signet sign --method M --url U [--header "Name: value"]... [--data STRING | --data-file PATH]
            [--region R] [--service S] [--presign [--expires SECONDS]] [--date 2015-08-30T12:36:00Z]
            [--profile P]

Signs one request with SigV4 and prints one JSON object:
  {method, url, headers, canonicalRequest, stringToSign, signature}
headers (name → value) and url are exactly what to send; with --presign the auth data is in the URL.
Region and service default to those of an execute-api (or <service>.<region>.amazonaws.com) host.
Credentials: --profile P (~/.aws, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE), else
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. Nothing is sent.`;

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header must look like "Name: value" (got ${JSON.stringify(text)})`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).replace(/^[ \t]+/, '')];
}

async function credentialsFor(profile: string | undefined, io: CliIo): Promise<SigningCredentials> {
  if (profile !== undefined) {
    const provider = fromIni({
      profile,
      ...(io.env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: io.env.AWS_SHARED_CREDENTIALS_FILE } : {}),
      ...(io.env.AWS_CONFIG_FILE ? { configFilepath: io.env.AWS_CONFIG_FILE } : {}),
    });
    try {
      return await provider();
    } catch (error) {
      throw new Error(`cannot load credentials of profile "${profile}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const accessKeyId = io.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or use --profile');
  }
  return { accessKeyId, secretAccessKey, ...(io.env.AWS_SESSION_TOKEN ? { sessionToken: io.env.AWS_SESSION_TOKEN } : {}) };
}

/** `signet sign`: what Signet would send for one request, and what it signed, as JSON. */
export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'Sign one request with SigV4 and print the signed request, canonical request and string to sign',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        method: { type: 'string' },
        url: { type: 'string' },
        header: { type: 'string', multiple: true },
        data: { type: 'string' },
        'data-file': { type: 'string' },
        region: { type: 'string' },
        service: { type: 'string' },
        presign: { type: 'boolean' },
        expires: { type: 'string' },
        date: { type: 'string' },
        profile: { type: 'string' },
      },
    });
    if (!values.method || !values.url) throw new UsageError('--method and --url are required');
    if (values.data !== undefined && values['data-file'] !== undefined) throw new UsageError('use either --data or --data-file, not both');
    if (values.expires !== undefined && !values.presign) throw new UsageError('--expires only applies with --presign');
    const expires = values.expires === undefined ? 900 : Number(values.expires);
    if (!Number.isInteger(expires) || expires < 1 || expires > 604800) throw new UsageError('--expires must be 1..604800 seconds');
    const date = values.date === undefined ? new Date() : new Date(values.date);
    if (Number.isNaN(date.getTime())) throw new UsageError(`--date is not an ISO 8601 time: ${values.date}`);
    let url: string;
    try {
      url = toWireUrl(values.url);
    } catch {
      throw new UsageError(`--url is not a URL: ${values.url}`);
    }
    if (!/^https?:$/.test(new URL(url).protocol)) throw new UsageError('--url must be http:// or https://');
    const derived = deriveRegionService(new URL(url).host);
    const region = values.region ?? derived?.region;
    const service = values.service ?? derived?.service;
    if (!region || !service) throw new UsageError('--region and --service are required for this host');

    const headers = (values.header ?? []).map(parseHeader);
    const body =
      values['data-file'] !== undefined
        ? new Uint8Array(await readFile(path.resolve(io.cwd, values['data-file'])))
        : new TextEncoder().encode(values.data ?? '');
    const { request, info } = await signWireRequest(
      { method: values.method.toUpperCase(), url, headers, body },
      {
        credentials: await credentialsFor(values.profile, io),
        region,
        service,
        addAuthDataTo: values.presign ? 'query' : 'headers',
        expiresSeconds: expires,
        signingDate: date,
        derivedFromHost: values.region === undefined || values.service === undefined,
      },
    );
    const result = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      canonicalRequest: info.canonicalRequest,
      stringToSign: info.stringToSign,
      signature: info.signature,
    };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};
