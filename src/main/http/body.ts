/**
 * Turns a request body into the exact bytes that are signed and sent. Every body mode is
 * encoded here once, before signing, so the payload hash always covers the bytes on the wire
 * (peers break signatures by letting the HTTP client re-encode form bodies after signing).
 */
import { randomBytes } from 'node:crypto';
import type { Body } from '../../shared/model';

export interface EncodedBody {
  readonly bytes: Uint8Array;
  /** The Content-Type that goes with the bytes, unless the user set one. */
  readonly contentType?: string;
}

const utf8 = new TextEncoder();

/**
 * Form encoding of one key or value. RFC 3986 style: unreserved characters stay, everything
 * else is UTF-8 %XX, and a space is `%20` rather than `+`, because `%20` means a space to every
 * decoder while `+` is ambiguous.
 */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Reads a file a body refers to: only a file the user granted through main (see FileGrants). */
export type ReadGrantedFile = (ref: string, what: string) => Promise<{ bytes: Uint8Array; name: string }>;

/** Quotes a name or filename for Content-Disposition the way browsers do (WHATWG). */
function dispositionQuote(value: string): string {
  return `"${value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).includes(Buffer.from(needle));
}

interface Part {
  readonly header: string;
  readonly content: Uint8Array;
}

async function multipart(
  fields: Extract<Body, { mode: 'formdata' }>['fields'],
  resolveText: (s: string) => string,
  readFile: ReadGrantedFile,
): Promise<EncodedBody> {
  const parts: Part[] = [];
  for (const field of fields) {
    if (!field.enabled) continue;
    const name = resolveText(field.key);
    let disposition = `form-data; name=${dispositionQuote(name)}`;
    let content: Uint8Array;
    let type = field.contentType;
    if (field.kind === 'file') {
      // A grant, never text to substitute: a {{variable}} must not turn into a path main would open.
      const file = await readFile(field.value, `form field "${name}"`);
      content = file.bytes;
      disposition += `; filename=${dispositionQuote(file.name)}`;
      type ??= 'application/octet-stream';
    } else {
      content = utf8.encode(resolveText(field.value));
    }
    parts.push({
      header: `Content-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`,
      content,
    });
  }
  // The boundary is fixed here, before signing, and must not occur inside any part.
  let boundary: string;
  do boundary = `----SignetFormBoundary${randomBytes(12).toString('hex')}`;
  while (parts.some((p) => contains(p.content, utf8.encode(boundary))));
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(utf8.encode(`--${boundary}\r\n${part.header}`), part.content, utf8.encode('\r\n'));
  }
  chunks.push(utf8.encode(`--${boundary}--\r\n`));
  return { bytes: concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function graphqlBody(query: string, variablesText: string): EncodedBody {
  let variables: unknown;
  if (variablesText.trim() !== '') {
    try {
      variables = JSON.parse(variablesText);
    } catch (error) {
      throw new Error(`GraphQL variables are not valid JSON: ${(error as Error).message}`);
    }
  }
  const payload = variables === undefined ? { query } : { query, variables };
  return { bytes: utf8.encode(JSON.stringify(payload)), contentType: 'application/json' };
}

/**
 * Encodes a body for signing and sending; `resolveText` substitutes variables in keys,
 * values and text. Files come only from grants (`readFile`); a file that cannot be read
 * is a failure naming it.
 */
export async function encodeBody(
  body: Body,
  resolveText: (s: string) => string,
  readFile: ReadGrantedFile,
): Promise<EncodedBody> {
  switch (body.mode) {
    case 'none':
      return { bytes: new Uint8Array(0) };
    case 'raw':
      return {
        bytes: utf8.encode(resolveText(body.text)),
        ...(body.contentType ? { contentType: body.contentType } : {}),
      };
    case 'urlencoded': {
      const text = body.fields
        .filter((f) => f.enabled)
        .map((f) => `${formEncode(resolveText(f.key))}=${formEncode(resolveText(f.value))}`)
        .join('&');
      return { bytes: utf8.encode(text), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'formdata':
      return multipart(body.fields, resolveText, readFile);
    case 'binary':
      return {
        bytes: (await readFile(body.filePath, 'binary body')).bytes,
        contentType: body.contentType || 'application/octet-stream',
      };
    case 'graphql':
      return graphqlBody(resolveText(body.query), resolveText(body.variables));
  }
}
