/**
 * Files made by each format's own tooling (testdata/tooling/generate.ts): a Postman collection built with
 * the postman-collection SDK and a HAR recorded by Chromium through Playwright, holding a request signed by
 * Signet. Every count below was made by hand from the files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkItems, type Collection, type RequestItem } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importAny } from '.';

const TOOLING = join(__dirname, 'testdata/tooling');

async function importTooling(file: string): Promise<{ collection: Collection; report: unknown }> {
  const outcome = await importAny(readFileSync(join(TOOLING, file), 'utf8'), file, new SecretStore());
  if (!outcome.ok || outcome.kind !== 'collection') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
  return outcome;
}

function requestsOf(collection: Collection): RequestItem['request'][] {
  const out: RequestItem['request'][] = [];
  walkItems(collection.items, (item) => {
    if (item.type === 'request') out.push(item.request);
  });
  return out;
}

describe('a collection built with the postman-collection SDK (toJSON, URLs as parts without raw)', () => {
  it('imports with every folder, request, auth, variable and query row', async () => {
    const { collection, report } = await importTooling('sdk-orders.postman_collection.json');
    expect(report).toEqual({
      format: 'postman-v2.1',
      name: 'SDK Orders',
      folders: 2,
      requests: 5,
      auth: { awsv4: 3, none: 1, basic: 1 },
      variables: 2,
      warnings: [],
    });
    expect(collection.description).toBe('Built with the postman-collection SDK');
    const byName = new Map(requestsOf(collection).map((r) => [r.name, r]));
    const [list, create, purge, health, login] = [
      'List orders',
      'Create order',
      'Purge cache',
      'Health',
      'Login form',
    ].map((name) => byName.get(name));
    expect(list).toMatchObject({ method: 'GET', url: '{{baseUrl}}/orders?status=open', description: 'Lists orders' });
    expect(list!.query).toEqual([
      { key: 'status', value: 'open' },
      { key: 'limit', value: '10', description: 'page size, off by default', disabled: true },
      { key: 'debug', value: '', disabled: true },
    ]);
    expect(list!.headers.map((h) => [h.key, h.enabled])).toEqual([
      ['Accept', true],
      ['X-Trace', false],
    ]);
    expect(create).toMatchObject({
      method: 'POST',
      body: { mode: 'raw', text: '{"item":"book","qty":2}', contentType: 'application/json' },
    });
    expect(purge).toMatchObject({ method: 'PURGE', url: '{{baseUrl}}/orders/{{orderId}}' });
    expect(health!.url).toBe('https://status.example.com/health?verbose=1&region=eu-west-1');
    expect(health!.query).toEqual([
      { key: 'verbose', value: '1' },
      { key: 'region', value: 'eu-west-1', description: 'described' },
    ]);
    expect(login).toMatchObject({ method: 'POST', auth: { type: 'basic', username: 'alice' } });
    expect(login!.body).toEqual({
      mode: 'urlencoded',
      fields: [
        { key: 'user', value: 'alice', enabled: true },
        { key: 'remember', value: 'yes', enabled: false },
      ],
    });
  });
});

describe('a HAR recorded by Chromium through Playwright', () => {
  it('imports its five entries, and Signet’s signed request as AWS auth in eu-central-1 / execute-api', async () => {
    const text = readFileSync(join(TOOLING, 'chromium-recorded.har'), 'utf8');
    expect(JSON.parse(text).log.browser.name).toBe('chromium');
    const { collection, report } = await importTooling('chromium-recorded.har');
    expect(report).toMatchObject({ format: 'har', folders: 0, requests: 5, auth: { none: 4, awsv4: 1 } });
    const requests = requestsOf(collection);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      'GET /',
      'GET /orders?status=open&limit=10',
      'POST /prod/pets?dryRun=true',
      'POST /login',
      'DELETE /orders/7',
    ]);
    const signed = requests[2]!;
    expect(signed.auth).toMatchObject({
      type: 'awsv4',
      region: 'eu-central-1',
      service: 'execute-api',
      addAuthDataTo: 'headers',
    });
    expect(signed.body).toEqual({
      mode: 'raw',
      text: '{"name":"Rex","tags":["a","b"]}',
      contentType: 'application/json',
    });
    // The signature, its date and the session token Chromium sent are not kept anywhere.
    const names = signed.headers.map((h) => h.key.toLowerCase());
    for (const dropped of ['authorization', 'x-amz-date', 'x-amz-security-token']) expect(names).not.toContain(dropped);
    const stored = JSON.stringify(collection);
    expect(stored).not.toContain('Signature=');
    expect(stored).not.toContain('FAKE-SESSION-TOKEN-HAR');
    // Chromium's form body (URLSearchParams) comes back as fields, decoded.
    expect(requests[3]!.body).toEqual({
      mode: 'urlencoded',
      fields: [
        { key: 'user', value: 'alice', enabled: true },
        { key: 'q', value: 'a b&c', enabled: true },
      ],
    });
  });
});
