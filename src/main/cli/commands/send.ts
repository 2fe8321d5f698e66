import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { explainAwsError, signWireRequest } from '../../signing';
import { sendWire, TransportError, type ResponseHead } from '../../http/transport';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseRequestOptions, REQUEST_OPTIONS_USAGE } from './request-options';

const USAGE = `signet send --method M --url U [options] [--fail]

Signs the request with SigV4 (it is never sent unsigned), sends it, and prints the status
line, the response headers and the body. For an AWS 403 it adds why, on stderr.
Bodies are streamed both ways: a large --data-file is hashed, then sent from the file, and
the response body goes to stdout as it arrives, whatever its size. A response cut short is
said on stderr and exits 1.

${REQUEST_OPTIONS_USAGE}
  --fail                        exit 22 when the status is 400 or above
  --timeout-seconds N           give up after N seconds (default 30)`;

/** Response bytes kept for explaining an AWS error; the body itself is passed through. */
const KEPT_FOR_EXPLAINING = 1024 * 1024;

/**
 * Where the response goes: the status line and headers as text, then the body as bytes,
 * with backpressure when stdout is a stream. Remembers the last byte, to end with a newline.
 */
function responsePrinter(io: CliIo) {
  let lastByte = -1;
  const decoder = new StringDecoder('utf8');
  const body = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
      if (io.stdoutBytes) {
        if (io.stdoutBytes.write(chunk)) done();
        else io.stdoutBytes.once('drain', () => done());
        return;
      }
      io.stdout(decoder.write(chunk));
      done();
    },
  });
  return {
    head(head: ResponseHead): Writable {
      io.stdout(`HTTP/1.1 ${head.status} ${head.statusText}\n`);
      for (const [name, value] of head.headers) io.stdout(`${name}: ${value}\n`);
      io.stdout('\n');
      return body;
    },
    end(): void {
      const rest = decoder.end();
      if (rest) io.stdout(rest);
      if (lastByte !== 0x0a) io.stdout('\n');
    },
  };
}

/** `signet send`: sign and send one request, print the response like `curl -i`. */
export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Sign one request with SigV4, send it, and print the response',
  usage: USAGE,
  async run(argv, io) {
    const {
      request: unsigned,
      params,
      flags,
      bodyFile,
    } = await parseRequestOptions(
      argv,
      io,
      { fail: { type: 'boolean' }, 'timeout-seconds': { type: 'string' } },
      { streamLargeFiles: true },
    );
    const timeoutText = typeof flags['timeout-seconds'] === 'string' ? flags['timeout-seconds'] : '30';
    const timeoutSeconds = Number(timeoutText);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600)
      throw new UsageError(`--timeout-seconds must be 1..600 (got ${timeoutText})`);
    const { request, info } = await signWireRequest(unsigned, params);
    const printer = responsePrinter(io);
    try {
      const response = await sendWire(request, {
        timeoutMs: timeoutSeconds * 1000,
        maxShownBytes: KEPT_FOR_EXPLAINING,
        displayLimit: Number.POSITIVE_INFINITY,
        bodySink: (head) => printer.head(head),
        ...(bodyFile ? { bodyFile } : {}),
      });
      printer.end();
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
