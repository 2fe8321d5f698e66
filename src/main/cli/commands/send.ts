import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { explainAwsError, signWireRequest, type SignParams, type WireRequest } from '../../signing';
import { sendWire, TransportError, type ResponseHead } from '../../http/transport';
import type { FailureCode } from '../../../shared/result';
import type { RequestSpec } from '../../../shared/model';
import { Redactions } from '../../core/scrub';
import { historyEntry } from '../../history/entry';
import { HistoryStore } from '../../history/store';
import { defaultDataDir } from '../../workspace/data-dir';
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
  --timeout-seconds N           give up after N seconds (default 30)
  --no-history                  do not record this send in history

Like the app, each send is recorded in the history of the workspace at SIGNET_DATA_DIR, else
\${XDG_DATA_HOME:-~/.local/share}/signet (see signet history), with the signature, token and
cookies redacted and no secret key; the credentials are kept as the profile's name only.`;

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

/** What `signet send` did, for history. */
interface CliSendFacts {
  readonly at: Date;
  readonly unsigned: WireRequest;
  readonly signed: WireRequest;
  readonly params: SignParams;
  readonly profile?: string;
  readonly streamedBytes?: number;
  readonly status?: number;
  readonly failure?: { readonly code: FailureCode; readonly message: string };
  readonly ms: number;
  readonly sizeBytes: number;
}

/** The request as the command line wrote it, for reopening in the app (credentials as a profile name only). */
function writtenRequest(facts: CliSendFacts): { request: RequestSpec; bodyOmitted: boolean } {
  const { unsigned, params } = facts;
  const text = facts.streamedBytes === undefined ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let body: RequestSpec['body'] = { mode: 'none' };
  const hasBody = facts.streamedBytes !== undefined || unsigned.body.length > 0;
  try {
    if (text && unsigned.body.length > 0) body = { mode: 'raw', text: text.decode(unsigned.body), contentType: '' };
  } catch {
    // Binary bytes have no text form: the reopened request has no body.
  }
  const request: RequestSpec = {
    id: '',
    name: '',
    method: unsigned.method,
    url: unsigned.url,
    headers: unsigned.headers.map(([key, value]) => ({ key, value, enabled: true })),
    body,
    auth: {
      type: 'awsv4',
      source: facts.profile
        ? { kind: 'profile', profile: facts.profile }
        : { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' },
      region: params.region,
      service: params.service,
      addAuthDataTo: params.addAuthDataTo,
      expiresSeconds: params.expiresSeconds,
      ...(params.payloadHash ? { payloadHash: params.payloadHash } : {}),
    },
    timeoutMs: 30_000,
  };
  return { request, bodyOmitted: hasBody && body.mode === 'none' };
}

/** Records the send in the data directory's history; a failure to record is said, never fatal. */
async function recordSend(io: CliIo, facts: CliSendFacts): Promise<void> {
  const redactions = new Redactions();
  redactions.add(facts.params.credentials.secretAccessKey, 'secret access key');
  redactions.add(facts.params.credentials.sessionToken, 'session token');
  const bodyBytes = facts.streamedBytes ?? facts.signed.body.length;
  const { request, bodyOmitted } = writtenRequest(facts);
  try {
    await new HistoryStore(defaultDataDir(io.env)).record(
      historyEntry({
        at: facts.at,
        request,
        bodyOmitted,
        authKind: 'awsv4',
        source: 'cli',
        sent: { method: facts.signed.method, url: facts.signed.url, headers: facts.signed.headers, bodyBytes },
        ...(facts.status !== undefined ? { status: facts.status } : {}),
        ...(facts.failure ? { failure: facts.failure.code, message: facts.failure.message } : {}),
        ms: facts.ms,
        sizeBytes: facts.sizeBytes,
        redactions: [redactions],
      }),
    );
  } catch (error) {
    io.stderr(`signet send: not recorded in history (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
  }
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
      source,
    } = await parseRequestOptions(
      argv,
      io,
      { fail: { type: 'boolean' }, 'timeout-seconds': { type: 'string' }, 'no-history': { type: 'boolean' } },
      { streamLargeFiles: true },
    );
    const timeoutText = typeof flags['timeout-seconds'] === 'string' ? flags['timeout-seconds'] : '30';
    const timeoutSeconds = Number(timeoutText);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600)
      throw new UsageError(`--timeout-seconds must be 1..600 (got ${timeoutText})`);
    const { request, info } = await signWireRequest(unsigned, params);
    const printer = responsePrinter(io);
    const at = new Date();
    const started = performance.now();
    const record = (outcome: Pick<CliSendFacts, 'status' | 'failure' | 'sizeBytes'>) =>
      flags['no-history']
        ? Promise.resolve()
        : recordSend(io, {
            at,
            unsigned,
            signed: request,
            params,
            ...(source.profile ? { profile: source.profile } : {}),
            ...(bodyFile ? { streamedBytes: bodyFile.size } : {}),
            ms: Math.round(performance.now() - started),
            ...outcome,
          });
    try {
      const response = await sendWire(request, {
        timeoutMs: timeoutSeconds * 1000,
        maxShownBytes: KEPT_FOR_EXPLAINING,
        displayLimit: Number.POSITIVE_INFINITY,
        bodySink: (head) => printer.head(head),
        ...(bodyFile ? { bodyFile } : {}),
      });
      printer.end();
      await record({ status: response.status, sizeBytes: response.sizeBytes });
      const why =
        response.status >= 400
          ? explainAwsError(response.status, response.headers, response.bodyText, info)
          : undefined;
      if (why) io.stderr(`signet: ${why.title}. ${why.nextStep}\n`);
      return flags.fail && response.status >= 400 ? 22 : 0;
    } catch (error) {
      if (error instanceof TransportError) {
        await record({ failure: error.failure, sizeBytes: 0 });
        io.stderr(`signet send: ${error.failure.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
