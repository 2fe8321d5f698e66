/**
 * The browser host's static files under a rebuild and against symlinks: a file that goes
 * away or shrinks while it is served never takes the host down, and nothing outside the
 * renderer folder is served through a link.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../core/dispatch';
import { openStaticFile } from '../core/static-files';
import { startBrowserHost, type BrowserHost } from './browser-host';

interface Reply {
  readonly status: number;
  readonly body: Buffer;
}

function get(port: number, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('browser host static files', () => {
  let root = '';
  let outside = '';
  let host: BrowserHost;
  let port = 0;
  const dispatch: Dispatch = async () => ({ ok: true, value: null });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'signet-static-root-'));
    outside = mkdtempSync(join(tmpdir(), 'signet-static-outside-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Signet</title>');
    writeFileSync(join(outside, 'secret.txt'), 'not for the page');
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'inner.txt'), 'not for the page either');
    host = await startBrowserHost({ dispatch, staticDir: root });
    port = Number(new URL(host.origin).port);
  });
  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('answers 404 for a symlink (file or folder) that points out of the renderer folder', async () => {
    symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
    symlinkSync(join(outside, 'dir'), join(root, 'assets-link'));
    symlinkSync('/etc/passwd', join(root, 'passwd'));
    for (const path of ['/leak.txt', '/assets-link/inner.txt', '/passwd']) {
      const reply = await get(port, path);
      expect({ path, status: reply.status }).toEqual({ path, status: 404 });
      expect(reply.body.toString()).not.toContain('not for the page');
    }
    // A link that stays inside the folder is still served.
    symlinkSync(join(root, 'index.html'), join(root, 'alias.html'));
    expect((await get(port, '/alias.html')).status).toBe(200);
  });

  it('keeps serving the content it opened when the file is deleted before it is streamed', async () => {
    writeFileSync(join(root, 'gone.js'), 'console.log("old build")');
    const file = await openStaticFile(root, '/gone.js');
    expect(file).toBeDefined();
    unlinkSync(join(root, 'gone.js'));
    const text = await file!.handle.readFile('utf8');
    await file!.handle.close();
    expect(text).toBe('console.log("old build")');
    expect(file!.size).toBe(text.length);
    expect(await openStaticFile(root, '/gone.js')).toBeUndefined();
  });

  it('ends only the one response, at once, when the file shrinks mid-stream, and keeps answering', async () => {
    const big = join(root, 'big.js');
    const started = Date.now();
    writeFileSync(big, Buffer.alloc(32 * 1024 * 1024, 0x61));
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/big.js', headers: { Host: `127.0.0.1:${port}` } },
        (res) => {
          let received = 0;
          res.once('data', (chunk: Buffer) => {
            received += chunk.length;
            res.pause();
            truncateSync(big, 0);
            setTimeout(() => res.resume(), 50);
          });
          res.on('data', (chunk: Buffer) => (received += chunk.length));
          res.on('end', () => resolve(`complete after ${received}`));
          res.on('error', () => resolve('cut'));
          res.on('aborted', () => resolve('cut'));
        },
      );
      req.on('error', () => resolve('cut'));
    });
    expect(outcome).toBe('cut');
    // Not left to the keep-alive timeout (5 s) to notice.
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await get(port, '/')).status).toBe(200);
  });

  it('survives a rebuild loop that deletes and rewrites files under concurrent requests', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `chunk-${i}.js`);
    const content = Buffer.alloc(256 * 1024, 0x62);
    for (const name of names) writeFileSync(join(root, name), content);
    let rebuilding = true;
    const rebuild = (async () => {
      let round = 0;
      while (rebuilding) {
        const name = names[round++ % names.length]!;
        rmSync(join(root, name), { force: true });
        await new Promise((resolve) => setImmediate(resolve));
        writeFileSync(join(root, name), content);
      }
    })();
    const statuses = new Map<number, number>();
    for (let round = 0; round < 40; round++) {
      const replies = await Promise.all(
        names.map((name) => get(port, `/${name}`).catch(() => ({ status: -1, body: Buffer.alloc(0) }))),
      );
      for (const reply of replies) {
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status === 200) expect(reply.body.length).toBe(content.length);
      }
    }
    rebuilding = false;
    await rebuild;
    expect([...statuses.keys()].every((status) => status === 200 || status === 404)).toBe(true);
    expect((await get(port, '/')).status).toBe(200);
  });
});
