/**
 * curl commands checked against curl itself: each command of testdata/loopback-commands.sh is run by the
 * machine's curl (the test peer) against a loopback server, then imported by Signet and sent through
 * Signet's send pipeline to the same server. Both must arrive as the same request: method, target (path and
 * query as written), body bytes, and every header either side sets beyond the few each client adds itself.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkItems, type RequestItem } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { createCredentialService, type CredentialService } from '../../credentials';
import { RequestRunner } from '../../http/send';
import { readAnyFile } from '../../http/testdata/read-any-file';
import { peer } from '../../testing/peers';
import { importAny } from '../import';

const curl = peer('curl', 'curl commands run by curl and imported by Signet (curl-on-the-wire.test.ts)');

interface Arrival {
  readonly method: string;
  readonly target: string;
  readonly headers: Array<[string, string]>;
  readonly body: string;
}

/**
 * Headers each client adds on its own, not part of what the command says: the user agent, and how the
 * body is framed (Node frames the empty body of a method such as PURGE as chunked, curl sends no body at
 * all; the body bytes themselves are compared). Both send the same default Accept header.
 */
const CLIENT_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'user-agent', 'expect']);

const dir = mkdtempSync(join(tmpdir(), 'signet-curl-wire-'));
const bodyFile = join(dir, 'body.bin');
let server: Server;
let origin: string;
const arrivals: Arrival[] = [];
let secrets: SecretStore;
let credentials: CredentialService;
let runner: RequestRunner;

beforeAll(async () => {
  writeFileSync(bodyFile, Buffer.from('line one\nline two\u0000\u00ff', 'latin1'));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
      arrivals.push({
        method: req.method ?? '',
        target: req.url ?? '',
        headers,
        body: Buffer.concat(chunks).toString('latin1'),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  secrets = new SecretStore();
  credentials = createCredentialService({
    secrets,
    dataDir: dir,
    encryptedAtRest: false,
    persistManaged: false,
    env: { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_MAX_ATTEMPTS: '1' },
  });
  runner = new RequestRunner({ secrets, credentials, files: readAnyFile });
});

afterAll(async () => {
  credentials.dispose();
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

/** The commands of the file, a continued line joined to its command, comments left out. */
function commands(): string[] {
  const text = readFileSync(join(__dirname, 'testdata/loopback-commands.sh'), 'utf8');
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current === '' && (line.startsWith('#') || line.trim() === '')) continue;
    current += `${line}\n`;
    if (!line.endsWith('\\')) {
      out.push(current.trimEnd());
      current = '';
    }
  }
  return out;
}

function comparable(arrival: Arrival) {
  return {
    method: arrival.method,
    target: arrival.target,
    body: arrival.body,
    headers: arrival.headers.filter(([name]) => !CLIENT_HEADERS.has(name)).sort(([a], [b]) => a.localeCompare(b)),
  };
}

const list = commands();

describe.skipIf(curl.skip)('curl commands: what curl sends is what Signet sends after importing them', () => {
  it('the file holds the commands counted by hand', () => {
    expect(list).toHaveLength(10);
  });

  it.each(list.map((command, index) => [index + 1, command] as const))(
    'command %i',
    async (_index, template) => {
      const command = template.replaceAll('ORIGIN', origin).replaceAll('BODYFILE', bodyFile);
      const before = arrivals.length;
      // Asynchronously: the server answering curl runs in this process.
      const run = await new Promise<{ code: number; stderr: string }>((done) => {
        execFile(
          '/bin/bash',
          ['-c', command.replace(/^curl\b/, `'${curl.path}' -sS -o /dev/null`)],
          { encoding: 'utf8', timeout: 20_000, cwd: dir },
          (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
      expect(run.code, run.stderr).toBe(0);
      expect(arrivals).toHaveLength(before + 1);
      const byCurl = arrivals[before]!;

      const imported = await importAny(command, 'command.sh', secrets);
      if (!imported.ok || imported.kind !== 'collection') throw new Error(JSON.stringify(imported));
      const requests: RequestItem['request'][] = [];
      walkItems(imported.collection.items, (item) => {
        if (item.type === 'request') requests.push(item.request);
      });
      expect(requests).toHaveLength(1);
      const sent = await runner.send({ requestId: `curl-${before}`, request: requests[0]!, context: {} });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      const bySignet = arrivals[before + 1]!;
      expect(comparable(bySignet)).toEqual(comparable(byCurl));
    },
    30_000,
  );
});
