/**
 * Writes the import test files that each format's own tooling makes, so the importers meet files they did
 * not write themselves:
 * - `sdk-orders.postman_collection.json`: built with the postman-collection SDK (`new Collection(...)`,
 *   `ItemGroup`, `Item`, `RequestAuth`, `url.query.add`) and saved with `toJSON()`, the way Postman's own
 *   tools build collections;
 * - `chromium-recorded.har`: recorded by Chromium through Playwright's `recordHar` while a page on a
 *   loopback server makes five requests, one of them signed by Signet's own signer (fake keys).
 *
 * Run from the repository root: `npx --no-install tsx src/main/collections/import/testdata/tooling/generate.ts`.
 * The tests (tooling-files.test.ts beside the importers) count what these files hold by hand, so a
 * regenerated file needs its counts checked again.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { format, resolveConfig } from 'prettier';
import { Collection, Item, ItemGroup, QueryParam, RequestAuth, Variable } from 'postman-collection';
import { signWireRequest } from '../../../../signing';

const HERE = __dirname;

function postmanCollection(): void {
  const collection = new Collection({
    info: { name: 'SDK Orders', description: 'Built with the postman-collection SDK' },
  } as never);
  collection.variables.add(
    new Variable({ key: 'baseUrl', value: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod' }),
  );
  collection.variables.add(new Variable({ key: 'orderId', value: 'o-42' }));
  collection.auth = new RequestAuth({
    type: 'awsv4',
    awsv4: [
      { key: 'accessKey', value: '{{AWS_ACCESS_KEY_ID}}' },
      { key: 'secretKey', value: '{{AWS_SECRET_ACCESS_KEY}}' },
      { key: 'region', value: 'eu-west-1' },
      { key: 'service', value: 'execute-api' },
    ],
  } as never);

  const orders = new ItemGroup<Item>({ name: 'orders', description: 'Order handling' } as never);
  const list = new Item({
    name: 'List orders',
    request: { method: 'GET', url: '{{baseUrl}}/orders?status=open', description: 'Lists orders' },
  } as never);
  list.request.url.query.add(
    new QueryParam({ key: 'limit', value: '10', disabled: true, description: 'page size, off by default' } as never),
  );
  list.request.url.query.add(new QueryParam({ key: 'debug', value: '', disabled: true } as never));
  list.request.addHeader({ key: 'Accept', value: 'application/json' });
  list.request.addHeader({ key: 'X-Trace', value: 'on', disabled: true } as never);
  orders.items.add(list);

  const create = new Item({
    name: 'Create order',
    request: {
      method: 'POST',
      url: '{{baseUrl}}/orders',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      body: { mode: 'raw', raw: '{"item":"book","qty":2}', options: { raw: { language: 'json' } } },
    },
  } as never);
  orders.items.add(create);

  const purge = new Item({
    name: 'Purge cache',
    request: { method: 'PURGE', url: '{{baseUrl}}/orders/{{orderId}}' },
  } as never);
  orders.items.add(purge);
  collection.items.add(orders);

  const publicFolder = new ItemGroup<Item>({ name: 'public', auth: { type: 'noauth' } } as never);
  const health = new Item({
    name: 'Health',
    request: {
      method: 'GET',
      url: 'https://status.example.com/health?verbose=1&region=eu-west-1',
    },
  } as never);
  health.request.url.query.each((param) => {
    if (param.key === 'region') param.description = 'described' as never;
  });
  publicFolder.items.add(health);
  const login = new Item({
    name: 'Login form',
    request: {
      method: 'POST',
      url: 'https://status.example.com/login',
      body: {
        mode: 'urlencoded',
        urlencoded: [
          { key: 'user', value: 'alice' },
          { key: 'remember', value: 'yes', disabled: true },
        ],
      },
      auth: {
        type: 'basic',
        basic: [
          { key: 'username', value: 'alice' },
          { key: 'password', value: '{{password}}' },
        ],
      },
    },
  } as never);
  publicFolder.items.add(login);
  collection.items.add(publicFolder);

  writeFileSync(join(HERE, 'sdk-orders.postman_collection.json'), JSON.stringify(collection.toJSON()));
}

async function chromiumHar(): Promise<void> {
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>har</title><p>recording</p>');
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(req.method === 'DELETE' ? 204 : 200, { 'content-type': 'application/json' });
      res.end(req.method === 'DELETE' ? undefined : JSON.stringify({ ok: true, method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A request signed by Signet with fake keys, as an API Gateway call in eu-central-1 would be.
  const body = '{"name":"Rex","tags":["a","b"]}';
  const signed = await signWireRequest(
    {
      method: 'POST',
      url: `${origin}/prod/pets?dryRun=true`,
      headers: [['content-type', 'application/json']],
      body: new TextEncoder().encode(body),
    },
    {
      credentials: {
        accessKeyId: 'AKIDEXAMPLEHAR00001',
        secretAccessKey: 'fake-secret-for-a-test-file-only',
        sessionToken: 'FAKE-SESSION-TOKEN-HAR',
      },
      region: 'eu-central-1',
      service: 'execute-api',
      addAuthDataTo: 'headers',
      expiresSeconds: 900,
    },
  );
  // The browser sets Host and Content-Length itself (to the same values); it refuses to be told them.
  const headers = signed.request.headers.filter(([name]) => !/^(host|content-length)$/i.test(name));

  const browser = await chromium.launch({ executablePath: process.env.SIGNET_CHROMIUM ?? '/usr/bin/chromium' });
  const harPath = join(HERE, 'chromium-recorded.har');
  const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.evaluate(
    async ({ signedHeaders, signedBody }) => {
      await fetch('/orders?status=open&limit=10', { headers: { Accept: 'application/json' } });
      await fetch('/prod/pets?dryRun=true', { method: 'POST', headers: signedHeaders, body: signedBody });
      await fetch('/login', { method: 'POST', body: new URLSearchParams({ user: 'alice', q: 'a b&c' }) });
      await fetch('/orders/7', { method: 'DELETE' });
    },
    { signedHeaders: headers, signedBody: body },
  );
  await context.close();
  await browser.close();
  server.close();
}

/** The repository's formatter over a written file, so `prettier --check .` passes; the content is unchanged. */
async function formatted(file: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(readFileSync(file, 'utf8'), { ...options, parser: 'json' }));
}

async function main(): Promise<void> {
  postmanCollection();
  await chromiumHar();
  for (const file of ['sdk-orders.postman_collection.json', 'chromium-recorded.har']) await formatted(join(HERE, file));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
