import { explainAwsError, signWireRequest } from '../../signing';
import { sendWire, TransportError } from '../../http/transport';
import type { CliCommand } from '../command';
import { parseRequestOptions, REQUEST_OPTIONS_USAGE } from './request-options';

const USAGE = `signet send --method M --url U [options] [--fail]

Signs the request with SigV4 (it is never sent unsigned), sends it, and prints the status
line, the response headers and the body. For an AWS 403 it adds why, on stderr.

${REQUEST_OPTIONS_USAGE}
  --fail                        exit 22 when the status is 400 or above
  --timeout-seconds N           give up after N seconds (default 30)`;

/** `signet send`: sign and send one request, print the response like `curl -i`. */
export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Sign one request with SigV4, send it, and print the response',
  usage: USAGE,
  async run(argv, io) {
    const timeoutAt = argv.indexOf('--timeout-seconds');
    const timeoutSeconds = timeoutAt >= 0 ? Number(argv[timeoutAt + 1]) : 30;
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600) {
      io.stderr('signet send: --timeout-seconds must be 1..600\n');
      return 2;
    }
    const rest = timeoutAt >= 0 ? [...argv.slice(0, timeoutAt), ...argv.slice(timeoutAt + 2)] : [...argv];
    const { request: unsigned, params, flags } = await parseRequestOptions(rest, io, { fail: { type: 'boolean' } });
    const { request, info } = await signWireRequest(unsigned, params);
    try {
      const response = await sendWire(request, {
        timeoutMs: timeoutSeconds * 1000,
        displayLimit: Number.POSITIVE_INFINITY,
      });
      io.stdout(`HTTP/1.1 ${response.status} ${response.statusText}\n`);
      for (const [name, value] of response.headers) io.stdout(`${name}: ${value}\n`);
      io.stdout(`\n${response.bodyText}${response.bodyText.endsWith('\n') ? '' : '\n'}`);
      const why =
        response.status >= 400
          ? explainAwsError(response.status, response.headers, response.bodyText, info)
          : undefined;
      if (why) io.stderr(`signet: ${why.title}. ${why.nextStep}\n`);
      return flags.fail && response.status >= 400 ? 22 : 0;
    } catch (error) {
      if (error instanceof TransportError) {
        io.stderr(`signet send: ${error.failure.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
