/**
 * Seeded random requests for the botocore differential test and the signing benchmark:
 * awkward paths, repeated and empty query params, messy header values, every body mode.
 */
import type { Body, HttpMethod } from '../../../shared/model';
import { uriEscape } from '../canonical';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedRequest {
  readonly method: HttpMethod;
  /** URL to sign, query included, encoded as a user or client might have. */
  readonly url: string;
  /** The URL without its query, for signers that take params separately. */
  readonly baseUrl: string;
  /** Query params decoded, in order. */
  readonly params: Array<[string, string]>;
  readonly headers: Array<[string, string]>;
  readonly body: Body;
  readonly region: string;
  readonly service: string;
  readonly sessionToken: string | undefined;
}

export interface BodyFiles {
  readonly binaryPath: string;
  readonly textPath: string;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const HOSTS = [
  'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
  'https://sts.eu-west-3.amazonaws.com',
  'http://127.0.0.1:8080',
  'https://localhost:8443',
  'https://[::1]:9443',
];
const SEGMENTS = [
  'v1',
  'users',
  '$default',
  'prod',
  'a:b',
  'x@y',
  '$delete',
  'a+b',
  'a,b;c=d',
  "!*'()",
  '~tilde',
  '-._~',
  '%20',
  '%2F',
  'caf%C3%A9',
  '%E1%88%B4',
  'a%3Cb%3E',
  'caf%c3%a9',
  'café',
  'ሴ',
  '😀',
  'a b',
  '.',
  '..',
  '',
  '%2E%2E',
];
const QUERY_WORDS = [
  'Param1',
  'a',
  'key',
  'ሴ',
  'café',
  'a&b',
  'x=y',
  'sp ace',
  'plus+',
  '~tilde',
  '',
  '😀',
  "q'(*)!",
  '%',
  '/path?',
  'UPPER',
  'lower',
];
const HEADER_NAMES = [
  'X-Custom',
  'x-custom',
  'My-Header1',
  'Accept',
  'X-Amz-Meta-Note',
  'x-api-key',
  'X-Trace',
  'If-Match',
  'User-Agent',
  'X-Empty',
];
const HEADER_WORDS = ['value', 'a', '"quoted  text"', 'b/c', 'k=v;q=0.9', 'UPPER', '*/*', '', 'x,y'];
const REGIONS = ['us-east-1', 'eu-west-3', 'ap-southeast-2'];
const SERVICES = ['execute-api', 'sts', 'lambda', 'service'];

/** Which services' requests to generate: the default mix, or one service's endpoint shapes. */
export type RequestProfile = 'mixed' | 's3' | 'aoss' | 'lambda';

/** S3 keys as a client puts them on the wire: spaces and unicode escaped, `//`, `.`, `..` and `%2F` kept. */
const S3_SEGMENTS = [
  'photos',
  '2024',
  'a%20b',
  'caf%C3%A9',
  '%E1%88%B4',
  '%F0%9F%98%80',
  '%2F',
  'a%2Fb',
  '.',
  '..',
  '',
  'x+y',
  'a=b',
  'key~1',
  'report(1).pdf',
  "it's",
  'a:b@c',
  '$file',
  '%25',
];
const S3_QUERIES: ReadonlyArray<ReadonlyArray<readonly [string, string | undefined]>> = [
  [['uploads', undefined]],
  [['versionId', '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo']],
  [
    ['uploadId', 'VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA'],
    ['partNumber', '2'],
  ],
  [
    ['list-type', '2'],
    ['prefix', 'photos/2024 café/'],
    ['delimiter', '/'],
  ],
  [['tagging', '']],
  [['acl', undefined]],
  [
    ['x-id', 'GetObject'],
    ['x-id', 'PutObject'],
  ],
  [['response-content-disposition', 'attachment; filename="a b.txt"']],
];

function hostsFor(profile: RequestProfile, region: string, random: () => number): string {
  const bucket = random() < 0.5 ? 'my-bucket' : 'logs.example-2024';
  switch (profile) {
    case 's3': {
      const forms = [
        `https://${bucket}.s3.${region}.amazonaws.com`,
        `https://s3.${region}.amazonaws.com/${bucket}`,
        `https://s3.amazonaws.com/${bucket}`,
        `https://${bucket}.s3.dualstack.${region}.amazonaws.com`,
        `https://ap-123456789012.s3-accesspoint.${region}.amazonaws.com`,
      ];
      return forms[Math.floor(random() * forms.length)] as string;
    }
    case 'aoss':
      return `https://0a1b2c3d4e5f6g7h8i9j.${region}.aoss.amazonaws.com`;
    case 'lambda':
      return `https://abcdefghij0123456789klmnop.lambda-url.${region}.on.aws`;
    default:
      return HOSTS[Math.floor(random() * HOSTS.length)] as string;
  }
}

/** Encodes a query component the way different clients do: strictly, loosely, or with lower-case hex. */
function encodeLoosely(value: string, random: () => number): string {
  const strict = uriEscape(value);
  const style = random();
  if (style < 0.4) return strict;
  if (style < 0.7) return strict.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  // Leave characters raw that survive in a query unencoded; `+` stays a literal plus.
  return strict.replace(/%(21|24|27|28|29|2A|2B|2C|3A|3B|40|2F|3F|7E)/g, (h) => decodeURIComponent(h));
}

export function generateRequests(
  seed: number,
  count: number,
  files: BodyFiles,
  profile: RequestProfile = 'mixed',
): GeneratedRequest[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const spaces = (): string => ' \t'.repeat(Math.floor(random() * 2)) + ' '.repeat(Math.floor(random() * 3));
  const out: GeneratedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const region = pick(REGIONS);
    const segments = Array.from({ length: Math.floor(random() * 5) }, () =>
      pick(profile === 's3' ? S3_SEGMENTS : SEGMENTS),
    );
    const path = `/${segments.join('/')}${random() < 0.3 ? '/' : ''}`;
    const params: Array<[string, string]> = [];
    const written: string[] = [];
    if (profile === 's3' && random() < 0.6) {
      for (const [key, value] of pick(S3_QUERIES)) {
        params.push([key, value ?? '']);
        written.push(value === undefined ? key : `${uriEscape(key)}=${encodeLoosely(value, random)}`);
      }
    }
    for (let n = Math.floor(random() * (profile === 's3' ? 3 : 6)); n > 0; n--) {
      const key = random() < 0.3 && params.length > 0 ? (params[0]?.[0] ?? 'a') : pick(QUERY_WORDS) || 'k';
      const value = random() < 0.2 ? '' : pick(QUERY_WORDS);
      params.push([key, value]);
      written.push(
        value === '' && random() < 0.5
          ? encodeLoosely(key, random)
          : `${encodeLoosely(key, random)}=${encodeLoosely(value, random)}`,
      );
    }
    const query = written.join('&');
    const baseUrl = `${hostsFor(profile, region, random)}${path}`;
    const headers: Array<[string, string]> = [];
    for (let n = Math.floor(random() * 5); n > 0; n--) {
      const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(HEADER_WORDS));
      headers.push([pick(HEADER_NAMES), `${spaces()}${words.join(spaces() || ' ')}${spaces()}`]);
    }
    out.push({
      method: pick(METHODS),
      url: params.length > 0 || random() < 0.1 ? `${baseUrl}?${query}` : baseUrl,
      baseUrl,
      params,
      headers,
      body: randomBody(random, files),
      region,
      service: profile === 'mixed' ? pick(SERVICES) : profile,
      sessionToken: random() < 0.5 ? `IQoJb3JpZ2luX2VjE${i}/+token==` : undefined,
    });
  }
  return out;
}

function randomBody(random: () => number, files: BodyFiles): Body {
  const kind = Math.floor(random() * 6);
  const text = `héllo {{name}} ${Math.floor(random() * 1e6)}`;
  switch (kind) {
    case 0:
      return { mode: 'none' };
    case 1:
      return { mode: 'raw', text, contentType: random() < 0.5 ? 'application/json' : 'text/plain; charset=utf-8' };
    case 2:
      return {
        mode: 'urlencoded',
        fields: [
          { key: 'greeting', value: text, enabled: true },
          { key: 'a&b', value: 'c=d+e', enabled: true },
          { key: 'off', value: 'x', enabled: false },
        ],
      };
    case 3:
      return {
        mode: 'formdata',
        fields: [
          { key: 'note', value: text, enabled: true, kind: 'text' },
          { key: 'doc', value: files.textPath, enabled: true, kind: 'file', contentType: 'text/plain' },
          { key: 'blob', value: files.binaryPath, enabled: true, kind: 'file' },
        ],
      };
    case 4:
      return { mode: 'binary', filePath: files.binaryPath };
    default:
      return {
        mode: 'graphql',
        query: 'query Q($id: ID!) { item(id: $id) { name } }',
        variables: '{"id": "{{name}}"}',
      };
  }
}
