import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyStore } from '../http/body-store';
import { startBrowserHost, type BrowserHost } from './browser-host';

describe('browser host: a response body as a download', () => {
  let host: BrowserHost;
  let dir = '';
  let bodies: BodyStore;
  let id = '';
  const bytes = Buffer.alloc(5 * 1024 * 1024 + 3);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 13) & 0xff;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signet-host-body-'));
    bodies = new BodyStore({ dir: join(dir, 'responses') });
    const writer = bodies.create('application/octet-stream');
    writer.stream.write(bytes);
    await writer.finish();
    id = writer.id;
    host = await startBrowserHost({
      dispatch: async () => ({ ok: true, value: null }),
      staticDir: dir,
      bodyFile: (bodyId) => bodies.fileFor(bodyId),
    });
  });
  afterAll(async () => {
    await host.close();
    await bodies.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const auth = () => ({ Authorization: `Bearer ${host.token}` });

  it('serves the whole body, byte for byte, to a page holding the token', async () => {
    const response = await fetch(`${host.origin}/api/body/${id}`, { headers: auth() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="response.bin"');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses without the token, for a body it does not keep, and for anything but GET', async () => {
    expect((await fetch(`${host.origin}/api/body/${id}`)).status).toBe(401);
    expect((await fetch(`${host.origin}/api/body/body-unknown`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${host.origin}/api/body/${id}`, { method: 'POST', headers: auth() })).status).toBe(405);
  });
});
