import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBody } from './body';

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
    const body = await encodeBody({ mode: 'none' }, resolve);
    expect(body.bytes.length).toBe(0);
    expect(body.contentType).toBeUndefined();
  });

  it('encodes raw text as UTF-8 with variables resolved', async () => {
    const body = await encodeBody({ mode: 'raw', text: '{"n":"{{name}}"}', contentType: 'application/json' }, resolve);
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
          { key: 'upload', value: '{{file}}', enabled: true, kind: 'file', contentType: 'image/png' },
          { key: 'json', value: '{"a":1}', enabled: true, kind: 'text', contentType: 'application/json' },
        ],
      },
      resolve,
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
    const body = await encodeBody({ mode: 'binary', filePath: '{{file}}' }, resolve);
    expect(Array.from(body.bytes)).toEqual(Array.from(binary));
    expect(body.contentType).toBe('application/octet-stream');
  });

  it('names the missing file in the error', async () => {
    const missing = path.join(dir, 'nope.bin');
    await expect(encodeBody({ mode: 'binary', filePath: missing }, resolve)).rejects.toThrow(
      `file not found: ${missing}`,
    );
    await expect(
      encodeBody({ mode: 'formdata', fields: [{ key: 'doc', value: missing, enabled: true, kind: 'file' }] }, resolve),
    ).rejects.toThrow(`form field "doc": file not found: ${missing}`);
  });

  it('encodes GraphQL as JSON and rejects bad variables', async () => {
    const body = await encodeBody({ mode: 'graphql', query: 'query { me }', variables: '{"id": "{{name}}"}' }, resolve);
    expect(JSON.parse(text(body.bytes))).toEqual({ query: 'query { me }', variables: { id: 'Zoë' } });
    expect(body.contentType).toBe('application/json');
    await expect(encodeBody({ mode: 'graphql', query: 'q', variables: '{oops' }, resolve)).rejects.toThrow(
      /variables are not valid JSON/,
    );
  });
});
