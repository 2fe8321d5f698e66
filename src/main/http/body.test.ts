import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileGrants } from '../workspace/file-grants';
import { encodeBody } from './body';
import { readAnyFile } from './testdata/read-any-file';

const vars: Record<string, string> = { name: 'Zoë', city: 'New York', file: '' };
const resolve = (s: string): string => s.replace(/\{\{(\w+)\}\}/g, (_, n: string) => vars[n] ?? '');
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

let dir = '';
let binaryPath = '';
const binary = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signet-body-'));
  binaryPath = path.join(dir, 'photo "1".bin');
  await writeFile(binaryPath, binary);
  vars.file = binaryPath;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encodeBody', () => {
  it('sends nothing for none', async () => {
    const body = await encodeBody({ mode: 'none' }, resolve, readAnyFile);
    expect(body.bytes.length).toBe(0);
    expect(body.contentType).toBeUndefined();
  });

  it('encodes raw text as UTF-8 with variables resolved', async () => {
    const body = await encodeBody(
      { mode: 'raw', text: '{"n":"{{name}}"}', contentType: 'application/json' },
      resolve,
      readAnyFile,
    );
    expect(Array.from(body.bytes)).toEqual(Array.from(Buffer.from('{"n":"Zoë"}', 'utf8')));
    expect(body.contentType).toBe('application/json');
  });

  it('url-encodes enabled fields, spaces as %20, reserved and unicode as UTF-8 %XX', async () => {
    const body = await encodeBody(
      {
        mode: 'urlencoded',
        fields: [
          { key: 'city', value: '{{city}}', enabled: true },
          { key: 'skip', value: 'x', enabled: false },
          { key: 'a&b=c', value: "it's+1/2*~", enabled: true },
          { key: 'who', value: '{{name}}', enabled: true },
          { key: 'empty', value: '', enabled: true },
        ],
      },
      resolve,
      readAnyFile,
    );
    expect(text(body.bytes)).toBe('city=New%20York&a%26b%3Dc=it%27s%2B1%2F2%2A~&who=Zo%C3%AB&empty=');
    expect(body.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(text(body.bytes)))).toEqual({
      city: 'New York',
      'a&b=c': "it's+1/2*~",
      who: 'Zoë',
      empty: '',
    });
  });

  it('builds multipart bytes that a real parser reads back, boundary in the content type', async () => {
    const body = await encodeBody(
      {
        mode: 'formdata',
        fields: [
          { key: 'greeting', value: 'hello {{name}}', enabled: true, kind: 'text' },
          { key: 'off', value: 'no', enabled: false, kind: 'text' },
          { key: 'upload', value: binaryPath, enabled: true, kind: 'file', contentType: 'image/png' },
          { key: 'json', value: '{"a":1}', enabled: true, kind: 'text', contentType: 'application/json' },
        ],
      },
      resolve,
      readAnyFile,
    );
    const contentType = body.contentType ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----SignetFormBoundary[0-9a-f]{24}$/);
    const form = await new Response(Buffer.from(body.bytes), { headers: { 'content-type': contentType } }).formData();
    expect(form.get('greeting')).toBe('hello Zoë');
    expect(form.has('off')).toBe(false);
    expect(form.get('json')).toBe('{"a":1}');
    const file = form.get('upload') as File;
    // Quotes are sent %22-escaped (WHATWG) and decoded again by the parser.
    expect(text(body.bytes)).toContain(
      'name="upload"; filename="photo %221%22.bin"\r\nContent-Type: image/png\r\n\r\n',
    );
    expect(file.name).toBe('photo "1".bin');
    expect(file.type).toBe('image/png');
    expect(Array.from(new Uint8Array(await file.arrayBuffer()))).toEqual(Array.from(binary));
    expect(text(body.bytes).endsWith(`--${contentType.split('boundary=')[1]}--\r\n`)).toBe(true);
  });

  it('reads a binary body from disk', async () => {
    const body = await encodeBody({ mode: 'binary', filePath: binaryPath }, resolve, readAnyFile);
    expect(Array.from(body.bytes)).toEqual(Array.from(binary));
    expect(body.contentType).toBe('application/octet-stream');
  });

  it('reads only granted files: a path from the renderer is refused, a granted file is read', async () => {
    const grants = new FileGrants(dir);
    const read = (ref: string, what: string) => grants.read(ref, what);
    for (const filePath of ['/proc/self/environ', binaryPath, '{{file}}', `${dir}/../etc/passwd`]) {
      await expect(encodeBody({ mode: 'binary', filePath }, resolve, read), filePath).rejects.toThrow(
        /is a path, and Signet reads only files you choose with "Choose file"/,
      );
      await expect(
        encodeBody(
          { mode: 'formdata', fields: [{ key: 'doc', value: filePath, enabled: true, kind: 'file' }] },
          resolve,
          read,
        ),
      ).rejects.toThrow(/form field "doc": .* is a path/);
    }
    const granted = await grants.grantPath(binaryPath);
    expect(granted).toMatchObject({ name: 'photo "1".bin', size: 300 });
    const body = await encodeBody({ mode: 'binary', filePath: granted.ref }, resolve, read);
    expect(Array.from(body.bytes)).toEqual(Array.from(binary));
    await expect(encodeBody({ mode: 'binary', filePath: 'file-grant:forged' }, resolve, read)).rejects.toThrow(
      /no longer known to Signet/,
    );
    // Grants survive a restart: the index lives in the data directory.
    const again = new FileGrants(dir);
    await again.load();
    expect(again.describe(granted.ref)).toEqual(granted);
  });

  it('encodes GraphQL as JSON and rejects bad variables', async () => {
    const body = await encodeBody(
      { mode: 'graphql', query: 'query { me }', variables: '{"id": "{{name}}"}' },
      resolve,
      readAnyFile,
    );
    expect(JSON.parse(text(body.bytes))).toEqual({ query: 'query { me }', variables: { id: 'Zoë' } });
    expect(body.contentType).toBe('application/json');
    await expect(encodeBody({ mode: 'graphql', query: 'q', variables: '{oops' }, resolve, readAnyFile)).rejects.toThrow(
      /variables are not valid JSON/,
    );
  });
});
