import { javascriptSnippet, pythonSnippet, signWireRequest } from '../../signing';
import { UsageError, type CliCommand } from '../command';
import { parseRequestOptions, REQUEST_OPTIONS_USAGE } from './request-options';

const FORMATS = ['json', 'curl', 'python', 'javascript'] as const;

const USAGE = `signet sign --method M --url U [options] [--format json|curl|python|javascript]

Signs one request with SigV4 and prints one JSON object (--format json, the default):
  {method, url, headers, canonicalRequest, stringToSign, signature}
headers (name → value) and url are exactly what to send; with --presign the auth data is in the URL.
--format curl|python|javascript prints a command or program that signs and sends the same request
itself, reading credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN;
with --profile P, python and javascript read profile P of the AWS files instead (curl cannot).
Nothing is sent.

${REQUEST_OPTIONS_USAGE}`;

/** `signet sign`: what Signet would send for one request, and what it signed, as JSON. */
export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'Sign one request with SigV4 and print the signed request, canonical request and string to sign',
  usage: USAGE,
  async run(argv, io) {
    const formatAt = argv.indexOf('--format');
    const format = formatAt >= 0 ? argv[formatAt + 1] : 'json';
    if (!FORMATS.some((f) => f === format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const rest = formatAt >= 0 ? [...argv.slice(0, formatAt), ...argv.slice(formatAt + 2)] : [...argv];
    const snippet = format === 'python' || format === 'javascript';
    // Checked before parsing, which would assume the role (a call to STS) first.
    if (snippet && rest.some((arg) => arg === '--role-arn' || arg.startsWith('--role-arn=')))
      throw new UsageError(
        '--role-arn cannot be carried into a snippet; name a profile whose role_arn assumes the role instead',
      );
    const { request: unsigned, params, source } = await parseRequestOptions(rest, io);
    const snippetReadsProfile = snippet && source.profile !== undefined;
    const { request, info } = await signWireRequest(unsigned, params);
    if (format !== 'json') {
      // The snippets sign again themselves, in headers, from the headers Signet prepared.
      const prepared = { ...request, url: unsigned.url };
      const options = {
        region: params.region,
        service: params.service,
        ...(params.payloadHash ? { payloadHash: params.payloadHash } : {}),
        ...(snippetReadsProfile ? { profile: source.profile } : {}),
      };
      io.stdout(
        format === 'curl'
          ? `${info.curl}\n`
          : format === 'python'
            ? pythonSnippet(prepared, options)
            : javascriptSnippet(prepared, options),
      );
      return 0;
    }
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
