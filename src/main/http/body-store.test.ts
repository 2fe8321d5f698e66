import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BodyStore } from './body-store';
import { sendWire } from './transport';

let dir: string;
let store: BodyStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-bodies-test-'));
  store = new BodyStore({ dir });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a whole body into the store as the send path does. */
async function put(bytes: Buffer | string, contentType = 'text/plain', into = store): Promise<string> {
  const writer = into.create(contentType);
  writer.stream.write(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  await writer.finish();
  return writer.id;
}

/** A JSON document of about `items` records, with strings that need escapes and non-ASCII text. */
function bigJson(items: number): string {
  return JSON.stringify({
    items: Array.from({ length: items }, (_, i) => ({
      id: i,
      name: `item ${i} "quoted" \\ tab\t été 名前`,
      tags: i % 7 === 0 ? [] : ['a', 'b'],
      empty: {},
      nested: { x: -i * 2.5, ok: i % 2 === 0, none: null, deep: [[{ y: 1e3 }]] },
    })),
    needle: 'findme',
  });
}

describe('BodyStore: written as it arrives', () => {
  it('has the first bytes on disk while the response is still coming, and the whole body at the end', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('a'.repeat(300_000));
      void gate.then(() => res.end('b'.repeat(300_000)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    let id = '';
    let finish = async () => {};
    const sending = sendWire(
      { method: 'GET', url, headers: [], body: new Uint8Array() },
      {
        timeoutMs: 5000,
        maxShownBytes: 1000,
        bodySink: () => {
          const writer = store.create('text/plain');
          id = writer.id;
          finish = writer.finish;
          return writer.stream;
        },
      },
    );
    try {
      // Half the body is in the file before the server sends the rest.
      await expect.poll(() => store.info(id)?.stored ?? 0, { timeout: 5000 }).toBe(300_000);
      expect(store.info(id)?.complete).toBe(false);
      const partial = await store.read(id, 299_990, 100);
      expect(partial).toMatchObject({ text: 'a'.repeat(10), size: 300_000, complete: false });
      release();
      const response = await sending;
      expect(response).toMatchObject({ sizeBytes: 600_000, shownBytes: 1000, truncated: true });
      await finish();
      expect(store.info(id)).toMatchObject({ size: 600_000, stored: 600_000, complete: true });
      expect((await store.read(id, 299_998, 4)).text).toBe('aabb');
    } finally {
      release();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('BodyStore: a disk that refuses', () => {
  it('never stalls the response: the bytes are dropped and finish says why', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, 'not a folder');
    const broken = new BodyStore({ dir: join(blocked, 'responses') });
    const server = http.createServer((_req, res) => res.end('z'.repeat(5 * 1024 * 1024)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      let writer: ReturnType<BodyStore['create']> | undefined;
      const response = await sendWire(
        {
          method: 'GET',
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
          headers: [],
          body: new Uint8Array(),
        },
        { timeoutMs: 5000, bodySink: () => (writer = broken.create('text/plain')).stream },
      );
      expect(response.sizeBytes).toBe(5 * 1024 * 1024);
      await expect(writer!.finish()).rejects.toMatchObject({ code: 'io' });
      expect(broken.count).toBe(0);
    } finally {
      server.close();
      await broken.close();
    }
  });
});

describe('BodyStore: range reads', () => {
  it('reads pages that join up to the exact body, never splitting a character', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `line ${i}: é名😀`).join('\n');
    const id = await put(body);
    let offset = 0;
    let text = '';
    for (;;) {
      const page = await store.read(id, offset, 997);
      expect(page.end).toBeGreaterThan(page.offset);
      text += page.text;
      offset = page.end;
      if (page.end >= page.size) break;
    }
    expect(text).toBe(body);
    expect(Buffer.byteLength(text)).toBe(store.info(id)?.size);
  });

  it('ends a page after a line break when one is near its end, and starts at the line asked for', async () => {
    const body = 'first line\nsecond line\nthird line\n';
    const id = await put(body);
    expect((await store.read(id, 0, 13)).text).toBe('first line\n');
    expect((await store.read(id, 0, 20)).text).toBe('first line\nsecond li');
    const aligned = await store.read(id, body.indexOf('cond'), 100, 'raw', true);
    expect(aligned.offset).toBe(body.indexOf('second'));
    expect(aligned.text).toBe('second line\nthird line\n');
  });

  it('moves a start that falls inside a character to the next character', async () => {
    const id = await put('é1é2');
    const page = await store.read(id, 1, 10);
    expect(page).toMatchObject({ text: '1é2', offset: 2 });
  });

  it('scrubs what it reads back with the send’s redaction', async () => {
    const writer = store.create('text/plain', (text) => text.replaceAll('SECRETVALUE1', '[redacted]'));
    writer.stream.write('echo SECRETVALUE1 back');
    await writer.finish();
    expect((await store.read(writer.id, 0, 100)).text).toBe('echo [redacted] back');
  });

  it('answers not_found for a body that is gone', async () => {
    await expect(store.read('body-missing', 0, 10)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('BodyStore: cap and cleanup', () => {
  it('keeps at most maxEntries bodies, dropping the least recently used', async () => {
    const small = new BodyStore({ dir, maxEntries: 3 });
    try {
      const a = await put('a', 'text/plain', small);
      const b = await put('b', 'text/plain', small);
      const c = await put('c', 'text/plain', small);
      await small.read(a, 0, 1); // a is now more recent than b
      const d = await put('d', 'text/plain', small);
      expect(small.count).toBe(3);
      expect(small.info(b)).toBeUndefined();
      for (const id of [a, c, d]) expect(small.info(id)).toBeDefined();
      await expect(small.read(b, 0, 1)).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await small.close();
    }
  });

  it('keeps at most maxTotalBytes on disk and counts, but does not keep, bytes past maxBodyBytes', async () => {
    const capped = new BodyStore({ dir, maxTotalBytes: 2500, maxBodyBytes: 1000 });
    try {
      const first = await put('x'.repeat(5000), 'text/plain', capped);
      expect(capped.info(first)).toMatchObject({ size: 5000, stored: 1000, complete: true });
      const second = await put('y'.repeat(1000), 'text/plain', capped);
      const third = await put('z'.repeat(1000), 'text/plain', capped);
      expect(capped.info(first)).toBeUndefined();
      expect(capped.info(second)).toBeDefined();
      expect(capped.info(third)).toBeDefined();
    } finally {
      await capped.close();
    }
  });

  it('removes its folder at close, and folders a crashed app left behind at the next start', async () => {
    const stale = join(dir, '999999999-deadbeef');
    mkdirSync(stale);
    const id = await put('kept for now');
    const folders = readdirSync(dir);
    expect(folders).not.toContain('999999999-deadbeef');
    expect(folders).toHaveLength(1);
    expect(readdirSync(join(dir, folders[0]!))).toEqual([`${id}.body`]);
    await store.close();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(stale)).toBe(false);
  });

  it('answers not_found for a body whose file went away', async () => {
    const id = await put('soon gone');
    await rm(join(dir, readdirSync(dir)[0]!, `${id}.body`));
    await expect(store.read(id, 0, 10)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.search(id, { text: 'gone' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('forgets a discarded body and its file', async () => {
    const writer = store.create('text/plain');
    writer.stream.write('half a body');
    writer.discard();
    await expect.poll(() => store.info(writer.id)).toBeUndefined();
  });

  it('saves the whole body to a chosen path, byte for byte', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) & 0xff;
    const id = await put(bytes, 'application/octet-stream');
    const target = join(dir, 'saved.bin');
    expect(await store.saveTo(id, target)).toEqual({ bytes: bytes.length });
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect(store.suggestedName(id)).toBe('response.bin');
  });
});

describe('BodyStore: search in main', () => {
  it('finds every match in a multi-MB body with byte offsets, across slice boundaries', async () => {
    const json = bigJson(60_000);
    expect(json.length).toBeGreaterThan(8 * 1024 * 1024);
    const id = await put(json, 'application/json');
    const bytes = Buffer.from(json);
    const expected: number[] = [];
    for (let at = bytes.indexOf('名前'); at >= 0; at = bytes.indexOf('名前', at + 1)) expected.push(at);
    const started = performance.now();
    const found = await store.search(id, { text: '名前', maxMatches: 100_000 });
    const ms = performance.now() - started;
    expect(found.total).toBe(60_000);
    expect(found.matches.map((m) => m.offset)).toEqual(expected);
    expect(found.matches[0]!.length).toBe(Buffer.byteLength('名前'));
    expect(ms).toBeLessThan(10_000);
    // An ASCII query is searched as bytes, case folded: the same answer as a case-insensitive scan of the text.
    const folded = await store.search(id, { text: 'ITEM 1234', maxMatches: 100_000 });
    const reference = [...json.matchAll(/item 1234/gi)].map((m) => Buffer.byteLength(json.slice(0, m.index)));
    expect(reference.length).toBeGreaterThan(10);
    expect(folded.total).toBe(reference.length);
    expect(folded.matches.map((m) => m.offset)).toEqual(reference);
  });

  it('finds a match that straddles the edge between two slices, once', async () => {
    const edge = 2 * 1024 * 1024;
    const id = await put(`${'a'.repeat(edge - 3)}NEEDLE${'a'.repeat(edge)}NEEDLE`);
    for (const text of ['needle', 'NEEDLE']) {
      const found = await store.search(id, { text, caseSensitive: text === 'NEEDLE' });
      expect(found.matches).toEqual([
        { offset: edge - 3, length: 6 },
        { offset: 2 * edge + 3, length: 6 },
      ]);
    }
    const byRegex = await store.search(id, { text: 'N[E]+DLE', regex: true, caseSensitive: true });
    expect(byRegex.matches.map((m) => m.offset)).toEqual([edge - 3, 2 * edge + 3]);
  });

  it('caps the matches it returns but counts them all; case and regex on request', async () => {
    const id = await put('Apple apple APPLE\n'.repeat(2000));
    const capped = await store.search(id, { text: 'apple', maxMatches: 10 });
    expect(capped).toMatchObject({ total: 6000, capped: true });
    expect(capped.matches).toHaveLength(10);
    expect((await store.search(id, { text: 'apple', caseSensitive: true })).total).toBe(2000);
    const regex = await store.search(id, { text: '^Apple', regex: true, caseSensitive: true });
    expect(regex.total).toBe(1); // no multiline flag: ^ is the start of a slice's text only
    await expect(store.search(id, { text: '(', regex: true })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('BodyStore: pretty-printing by ranges', () => {
  it('formats a multi-MB JSON body in slices exactly as JSON.stringify(…, null, 2) does', async () => {
    const json = bigJson(40_000);
    const id = await put(json, 'application/json');
    const progress: number[] = [];
    const result = await store.pretty(id, (done) => progress.push(done));
    const expected = JSON.stringify(JSON.parse(json), null, 2);
    expect(result).toEqual({ ok: true, size: Buffer.byteLength(expected) });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(Buffer.byteLength(json));
    // Read back by ranges from the second file.
    let offset = 0;
    let text = '';
    while (offset < result.size) {
      const page = await store.read(id, offset, 256 * 1024, 'pretty');
      text += page.text;
      offset = page.end;
    }
    expect(text).toBe(expected);
    // Search the pretty file too.
    const found = await store.search(id, { text: '"needle": "findme"' }, 'pretty');
    expect(found.total).toBe(1);
    expect(Buffer.from(expected).indexOf('"needle": "findme"')).toBe(found.matches[0]!.offset);
  });

  it('lets other work run while it formats: a timer fires between slices', async () => {
    const json = bigJson(80_000);
    const id = await put(json, 'application/json');
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 0);
    try {
      expect((await store.pretty(id)).ok).toBe(true);
    } finally {
      clearInterval(ticker);
    }
    // Formatted in one synchronous pass (JSON.parse and stringify of the whole body), the timer could not
    // fire until the end; by 1 MB slices it fires between them.
    const slices = Math.floor(json.length / (1024 * 1024));
    expect(slices).toBeGreaterThan(8);
    expect(ticks).toBeGreaterThanOrEqual(slices - 1);
  });

  it('says where a body that is not JSON breaks', async () => {
    const id = await put('{"a": [1, 2,, 3]}', 'application/json');
    const result = await store.pretty(id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Unexpected ',' at byte 12/);
    const truncated = await put('{"a": "open', 'application/json');
    expect((await store.pretty(truncated)).message).toMatch(/Unterminated string/);
  });
});
