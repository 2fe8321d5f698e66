import { signWireRequest } from '../../signing';
import type { CliCommand } from '../command';
import { parseRequestOptions, REQUEST_OPTIONS_USAGE } from './request-options';

const USAGE = `signet sign --method M --url U [options]

Signs one request with SigV4 and prints one JSON object:
  {method, url, headers, canonicalRequest, stringToSign, signature}
headers (name → value) and url are exactly what to send; with --presign the auth data is in the URL.
Nothing is sent.

${REQUEST_OPTIONS_USAGE}`;

/** `signet sign`: what Signet would send for one request, and what it signed, as JSON. */
export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'Sign one request with SigV4 and print the signed request, canonical request and string to sign',
  usage: USAGE,
  async run(argv, io) {
    const { request: unsigned, params } = await parseRequestOptions(argv, io);
    const { request, info } = await signWireRequest(unsigned, params);
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
