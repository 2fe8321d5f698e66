/**
 * curl import: Signet's own "Copy as curl" commands come back as the request they were made from, and
 * hand-written commands (every flag, bash and Windows quoting, several commands in one text) give the right
 * request, with variables for the AWS keys and secrets in main's store.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, RequestItem } from '../../../shared/collection';
import type { RequestSpec } from '../../../shared/model';
import { SecretStore } from '../../core/secrets';
import { encodeBody } from '../../http/body';
import { readAnyFile } from '../../http/testdata/read-any-file';
import { canonicalQuery, joinUrl, parseQuery, splitUrl } from '../../signing/canonical';
import { CURL_BODY_FILE, curlCommand } from '../../signing/curl-command';
import { generateRequests, type BodyFiles } from '../../signing/testdata/random-requests';
import { toWireUrl } from '../../signing/wire-request';
import { importAny } from '../import';

let dir = '';
let files: BodyFiles;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signet-curl-import-'));
  files = { binaryPath: path.join(dir, 'data.bin'), textPath: path.join(dir, 'notes.txt') };
  await writeFile(
    files.binaryPath,
    Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256),
  );
  await writeFile(files.textPath, 'line one\nline two ✓\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const requestsOf = (collection: Collection): RequestSpec[] =>
  collection.items.filter((item): item is RequestItem => item.type === 'request').map((item) => item.request);

async function importText(text: string, secrets = new SecretStore()) {
  const outcome = await importAny(text, 'commands.sh', secrets);
  if (!outcome.ok || outcome.kind !== 'collection') throw new Error(JSON.stringify(outcome));
  expect(outcome.report.format).toBe('curl');
  return { ...outcome, requests: requestsOf(outcome.collection) };
}

const rows = (pairs: ReadonlyArray<readonly [string, string]>) =>
  pairs.map(([key, value]) => [key.toLowerCase(), value.trim()]).sort();

describe('curl import of Signet\'s "Copy as curl"', () => {
  it('gives back method, URL, headers, body and AWS auth of generated requests', async () => {
    let sigv4Form = 0;
    let opensslForm = 0;
    for (const gen of generateRequests(41, 90, files)) {
      const { bytes, contentType } = await encodeBody(gen.body, (s) => s, readAnyFile);
      const headers: Array<[string, string]> = [...gen.headers];
      if (contentType && !headers.some(([n]) => n.toLowerCase() === 'content-type'))
        headers.push(['Content-Type', contentType]);
      const wire = { method: gen.method, url: toWireUrl(gen.url), headers, body: bytes };
      const command = curlCommand(wire, gen.region, gen.service, { withSessionToken: gen.sessionToken !== undefined });
      const usesSigv4 = command.startsWith('curl ');
      if (usesSigv4) sigv4Form += 1;
      else opensslForm += 1;

      const { requests, collection } = await importText(command);
      expect(requests).toHaveLength(1);
      const request = requests[0]!;
      const url = splitUrl(wire.url);
      const pairs = parseQuery(url.query);
      expect(request.method, command).toBe(gen.method);
      expect(request.url, command).toBe(
        joinUrl({ ...url, query: pairs.length > 0 ? canonicalQuery(pairs) : undefined }),
      );
      expect(request.auth, command).toMatchObject({ type: 'awsv4', region: gen.region, service: gen.service });
      if (request.auth.type !== 'awsv4' || request.auth.source.kind !== 'keys') throw new Error('auth');
      expect(request.auth.source.accessKeyId).toBe('{{AWS_ACCESS_KEY_ID}}');
      expect(request.auth.source.sessionToken).toBe(gen.sessionToken === undefined ? '' : '{{AWS_SESSION_TOKEN}}');
      if (usesSigv4) expect(request.auth.source.secretAccessKey).toBe('{{AWS_SECRET_ACCESS_KEY}}');

      const leftOut = new Set([
        'authorization',
        'x-amz-date',
        'x-amz-security-token',
        'host',
        'content-length',
        'x-amz-content-sha256',
      ]);
      const extra = gen.method === 'HEAD' && bytes.length > 0 ? ['connection'] : [];
      expect(
        rows(request.headers.filter((h) => !extra.includes(h.key.toLowerCase())).map((h) => [h.key, h.value])),
        command,
      ).toEqual(rows(headers.filter(([name]) => !leftOut.has(name.toLowerCase()))));
      if (command.includes(`@${CURL_BODY_FILE}`)) {
        expect(request.body).toMatchObject({ mode: 'binary', filePath: CURL_BODY_FILE });
      } else {
        const encoded = await encodeBody(request.body, (s) => s, readAnyFile);
        expect(Buffer.from(encoded.bytes).toString('utf8'), command).toBe(Buffer.from(bytes).toString('utf8'));
      }
      expect(JSON.stringify(collection)).not.toMatch(/Signature=|AWS4-HMAC/);
    }
    expect(sigv4Form).toBeGreaterThanOrEqual(20);
    expect(opensslForm).toBeGreaterThan(0);
  });
});

describe('curl import of hand-written commands', () => {
  it('reads every data flag, headers, -u with a variable and with a secret, -G and -I', async () => {
    const secrets = new SecretStore();
    const { requests, report } = await importText(
      [
        `$ curl -X PUT 'https://api.example.test/items/7' -H 'Content-Type: application/json' \\`,
        `    -H "X-Trace: a b" --data-raw '{"name":"it'\\''s"}' -sSLk --compressed`,
        `curl https://api.example.test/login -d user=alice -d note=tea --data-urlencode 'q=a b&c' -u 'alice:pa ss'`,
        `curl -G https://api.example.test/search -d q=x --data-urlencode "who=Zoë" -u "$API_USER:\${API_PASS}"`,
        `curl -I https://api.example.test/health --frobnicate`,
        `curl -F title=hello -F 'photo=@/tmp/me.jpg;type=image/jpeg' https://api.example.test/upload`,
        `curl --data-binary @payload.bin -H 'Content-Type: application/octet-stream' https://api.example.test/blob`,
      ].join('\n'),
      secrets,
    );
    expect(report).toMatchObject({ requests: 6, folders: 0, auth: { none: 4, basic: 2 } });
    const [put, login, search, head, upload, blob] = requests;
    expect(put).toMatchObject({
      method: 'PUT',
      url: 'https://api.example.test/items/7',
      headers: [
        { key: 'Content-Type', value: 'application/json' },
        { key: 'X-Trace', value: 'a b' },
      ],
      body: { mode: 'raw', text: `{"name":"it's"}`, contentType: 'application/json' },
    });
    expect(login).toMatchObject({
      method: 'POST',
      body: { mode: 'raw', text: 'user=alice&note=tea&q=a+b%26c', contentType: 'application/x-www-form-urlencoded' },
      auth: { type: 'basic', username: 'alice' },
    });
    if (login!.auth.type !== 'basic') throw new Error('basic');
    expect(secrets.reveal(login!.auth.password)).toBe('pa ss');
    expect(search).toMatchObject({
      method: 'GET',
      url: 'https://api.example.test/search?q=x&who=Zo%C3%AB',
      body: { mode: 'none' },
      auth: { type: 'basic', username: '{{API_USER}}', password: '{{API_PASS}}' },
    });
    expect(head).toMatchObject({ method: 'HEAD', url: 'https://api.example.test/health' });
    expect(upload).toMatchObject({
      method: 'POST',
      body: {
        mode: 'formdata',
        fields: [
          { key: 'title', kind: 'text', value: 'hello' },
          { key: 'photo', kind: 'file', value: '/tmp/me.jpg', contentType: 'image/jpeg' },
        ],
      },
    });
    expect(blob).toMatchObject({ method: 'POST', body: { mode: 'binary', filePath: 'payload.bin' } });
    expect(report.warnings).toEqual([expect.stringMatching(/--frobnicate is not supported/)]);
    expect(JSON.stringify(requests)).not.toContain('pa ss');
  });

  it('reads plain form data as fields, and --aws-sigv4 with a session token as AWS auth with variables', async () => {
    const { requests } = await importText(
      `curl --aws-sigv4 "aws:amz:eu-west-1:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" -d a=1 -d b=two https://abc.execute-api.eu-west-1.amazonaws.com/prod/pets`,
    );
    expect(requests[0]).toMatchObject({
      method: 'POST',
      headers: [],
      body: {
        mode: 'urlencoded',
        fields: [
          { key: 'a', value: '1' },
          { key: 'b', value: 'two' },
        ],
      },
      auth: {
        type: 'awsv4',
        region: 'eu-west-1',
        service: 'execute-api',
        source: {
          kind: 'keys',
          accessKeyId: '{{AWS_ACCESS_KEY_ID}}',
          secretAccessKey: '{{AWS_SECRET_ACCESS_KEY}}',
          sessionToken: '{{AWS_SESSION_TOKEN}}',
        },
      },
    });
  });

  it("reads Windows cmd quoting (Chrome's Copy as cURL (cmd)) and PowerShell continuations", async () => {
    const cmd = [
      'curl ^"https://api.example.test/v1/orders?a=1^&b=2^" ^',
      '  -H ^"accept: application/json^" ^',
      '  -H ^"content-type: application/json^" ^',
      '  --data-raw ^"^{^\\^"item^\\^":^\\^"tea ^& cake^\\^"^}^" ^',
      '  --compressed',
    ].join('\r\n');
    const { requests } = await importText(cmd);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.example.test/v1/orders?a=1&b=2',
      headers: [
        { key: 'accept', value: 'application/json' },
        { key: 'content-type', value: 'application/json' },
      ],
      body: { mode: 'raw', text: '{"item":"tea & cake"}', contentType: 'application/json' },
    });
    const powershell = [
      'curl.exe -X DELETE `',
      "  -H 'X-Reason: cleanup' `",
      '  https://api.example.test/v1/orders/9',
    ].join('\n');
    const deleted = await importText(powershell);
    expect(deleted.requests[0]).toMatchObject({
      method: 'DELETE',
      url: 'https://api.example.test/v1/orders/9',
      headers: [{ key: 'X-Reason', value: 'cleanup' }],
    });
  });

  it('refuses text without a curl invocation', async () => {
    expect(await importAny('curl ; echo hi', 'x.sh', new SecretStore())).toMatchObject({ ok: true });
    expect(await importAny('curl', 'x.sh', new SecretStore())).toMatchObject({ ok: false });
  });
});

describe('inputs that once took quadratic time', () => {
  it('a Bearer header with a long run of spaces inside imports at once (a lazy regex took about 30 s)', async () => {
    const started = performance.now();
    const outcome = await importAny(
      `curl -H 'Authorization: Bearer a${' '.repeat(100_000)}b' https://api.example.test/x`,
      'spaces.sh',
      new SecretStore(),
    );
    expect(outcome.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    if (outcome.ok && outcome.kind === 'collection') expect(outcome.report.auth).toEqual({ bearer: 1 });
  });
});
