/**
 * Code that signs and sends a request the way Signet did, for the languages people call AWS
 * from: Python (botocore's SigV4Auth) and JavaScript (@smithy/signature-v4 and fetch). Both read
 * the credentials from the environment or from a named profile of the AWS files; no secret is
 * ever written into the code.
 */
import { serviceRules, UNSIGNED_PAYLOAD, type PayloadHashChoice } from '../../shared/service-rules';
import { canonicalQuery, joinUrl, parseQuery, sha256Hex, splitUrl } from './canonical';
import type { WireRequest } from './wire-request';

/** Set by the signer or the HTTP client, never by the snippet. */
const GENERATED = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'content-length']);

export interface SnippetOptions {
  readonly region: string;
  readonly service: string;
  readonly payloadHash?: PayloadHashChoice;
  /** Read credentials from this profile of the AWS config/credentials files instead of the environment. */
  readonly profile?: string;
}

interface Parts {
  readonly url: string;
  readonly baseUrl: string;
  readonly authority: string;
  readonly path: string;
  readonly params: Array<[string, string]>;
  readonly headers: Array<[string, string]>;
  readonly bodyBase64: string | undefined;
  readonly bodyText: string | undefined;
  readonly s3: boolean;
  readonly unsignedPayload: boolean;
}

function partsOf(request: WireRequest, options: SnippetOptions): Parts {
  const rules = serviceRules(options.service);
  const url = splitUrl(request.url);
  const params = parseQuery(url.query);
  const query = params.length > 0 ? canonicalQuery(params) : undefined;
  const headers = request.headers.filter(
    ([name]) => !GENERATED.has(name.toLowerCase()) && name.toLowerCase() !== 'x-amz-content-sha256',
  );
  let bodyText: string | undefined;
  try {
    bodyText = new TextDecoder('utf-8', { fatal: true }).decode(request.body);
  } catch {
    bodyText = undefined;
  }
  return {
    url: joinUrl({ ...url, query }),
    baseUrl: joinUrl({ ...url, query: undefined }),
    authority: url.authority,
    path: url.path,
    params,
    headers,
    bodyBase64:
      request.body.length > 0 && bodyText === undefined ? Buffer.from(request.body).toString('base64') : undefined,
    bodyText: request.body.length > 0 ? bodyText : undefined,
    s3: !rules.pathRules.normalize,
    unsignedPayload: options.payloadHash === 'unsigned' && rules.unsignedPayloadAllowed,
  };
}

/** A JSON string is a valid literal in both Python and JavaScript. */
const literal = (value: string): string => JSON.stringify(value);

/** Python 3 with botocore: SigV4Auth (S3SigV4Auth for S3), sent with urllib. */
export function pythonSnippet(request: WireRequest, options: SnippetOptions): string {
  const p = partsOf(request, options);
  const body =
    p.bodyBase64 !== undefined
      ? `base64.b64decode(${literal(p.bodyBase64)})`
      : p.bodyText !== undefined
        ? `${literal(p.bodyText)}.encode("utf-8")`
        : 'b""';
  const signer = p.s3 ? 'S3SigV4Auth' : 'SigV4Auth';
  const headers = p.headers.map(([n, v]) => `    (${literal(n)}, ${literal(v)}),`).join('\n');
  const params = p.params.map(([k, v]) => `    (${literal(k)}, ${literal(v)}),`).join('\n');
  const credentials =
    options.profile !== undefined
      ? [
          '# Credentials come from a profile of the AWS config and credentials files (AWS_CONFIG_FILE and',
          '# AWS_SHARED_CREDENTIALS_FILE when set), as the AWS CLI reads it: keys, role, SSO or process.',
          'import base64',
          'import types',
          'import urllib.error',
          'import urllib.request',
          '',
          'import botocore.session',
          `from botocore.auth import ${signer}`,
          'from botocore.awsrequest import AWSRequest',
          '',
          `credentials = botocore.session.Session(profile=${literal(options.profile)}).get_credentials()`,
          'if credentials is None:',
          `    raise SystemExit(${literal(`profile ${options.profile} has no credentials`)})`,
          'credentials = credentials.get_frozen_credentials()',
        ]
      : [
          '# Credentials come from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (for',
          '# temporary credentials) AWS_SESSION_TOKEN.',
          'import base64',
          'import os',
          'import types',
          'import urllib.error',
          'import urllib.request',
          '',
          `from botocore.auth import ${signer}`,
          'from botocore.awsrequest import AWSRequest',
          'from botocore.credentials import Credentials',
          '',
          'credentials = Credentials(',
          '    os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], os.environ.get("AWS_SESSION_TOKEN")',
          ')',
        ];
  const lines = [
    '# Signs and sends one request with botocore.',
    ...credentials,
    `request = AWSRequest(method=${literal(request.method)}, url=${literal(p.baseUrl)}, data=${body}, params=[`,
    params,
    '])',
    'for name, value in [',
    headers,
    ']:',
    '    request.headers[name] = value',
  ];
  if (p.unsignedPayload)
    lines.push(
      '# Sign UNSIGNED-PAYLOAD instead of the body hash.',
      'request.context["client_config"] = types.SimpleNamespace(s3={"payload_signing_enabled": False})',
    );
  lines.push(
    `${signer}(credentials, ${literal(options.service)}, ${literal(options.region)}).add_auth(request)`,
    'prepared = request.prepare()',
    '# The URL with its query written as signed (botocore itself would send a space as +).',
    'outgoing = urllib.request.Request(',
    `    ${literal(p.url)},`,
    '    data=prepared.body or None,',
    '    headers=dict(prepared.headers.items()),',
    '    method=prepared.method,',
    ')',
    'try:',
    '    with urllib.request.urlopen(outgoing) as response:',
    '        print(response.status)',
    '        print(response.read().decode("utf-8", "replace"))',
    'except urllib.error.HTTPError as error:',
    '    print(error.code)',
    '    print(error.read().decode("utf-8", "replace"))',
    '',
  );
  return (
    lines
      .filter((line) => line !== '')
      .join('\n')
      .replace(/\n(import botocore|from botocore)/, '\n\n$1') + '\n'
  );
}

/** Node 18+ ES module with @smithy/signature-v4, @smithy/protocol-http and @smithy/hash-node, sent with fetch. */
export function javascriptSnippet(request: WireRequest, options: SnippetOptions): string {
  const p = partsOf(request, options);
  const host = p.authority;
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const port = /:(\d+)$/.exec(host)?.[1];
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of p.params) {
    const previous = query[k];
    query[k] = previous === undefined ? v : [...(Array.isArray(previous) ? previous : [previous]), v];
  }
  const headers: Record<string, string> = { host };
  for (const [n, v] of p.headers) if (n.toLowerCase() !== 'host') headers[n] = v;
  if (p.s3) headers['x-amz-content-sha256'] = p.unsignedPayload ? UNSIGNED_PAYLOAD : sha256Hex(request.body);
  if (serviceRules(options.service).payloadHashHeader && !p.s3)
    headers['x-amz-content-sha256'] = sha256Hex(request.body);
  const body =
    p.bodyBase64 !== undefined
      ? `Buffer.from(${literal(p.bodyBase64)}, 'base64')`
      : p.bodyText !== undefined
        ? `Buffer.from(${literal(p.bodyText)}, 'utf8')`
        : 'undefined';
  const bodyless = request.method === 'GET' || request.method === 'HEAD';
  const fromProfile = options.profile !== undefined;
  return `${[
    '// Signs and sends one request with @smithy/signature-v4 and fetch (Node 18+, an ES module).',
    fromProfile
      ? '// Credentials come from a profile of the AWS config and credentials files (@aws-sdk/credential-providers).'
      : '// Credentials come from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.',
    ...(fromProfile ? ["import { fromIni } from '@aws-sdk/credential-providers';"] : []),
    "import { Hash } from '@smithy/hash-node';",
    "import { HttpRequest } from '@smithy/protocol-http';",
    "import { SignatureV4 } from '@smithy/signature-v4';",
    '',
    'const signer = new SignatureV4({',
    ...(fromProfile
      ? [`  credentials: fromIni({ profile: ${literal(options.profile ?? '')} }),`]
      : [
          '  credentials: {',
          '    accessKeyId: process.env.AWS_ACCESS_KEY_ID,',
          '    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,',
          '    sessionToken: process.env.AWS_SESSION_TOKEN || undefined,',
          '  },',
        ]),
    `  region: ${literal(options.region)},`,
    `  service: ${literal(options.service)},`,
    "  sha256: Hash.bind(null, 'sha256'),",
    '  applyChecksum: false,',
    `  uriEscapePath: ${p.s3 ? 'false' : 'true'},`,
    '});',
    `const body = ${body};`,
    ...(bodyless && request.body.length > 0
      ? [`throw new Error('fetch cannot send a body with ${request.method}; use node:http for this request');`]
      : []),
    'const signed = await signer.sign(',
    '  new HttpRequest({',
    `    method: ${literal(request.method)},`,
    `    protocol: ${literal(splitUrl(request.url).scheme + ':')},`,
    `    hostname: ${literal(hostname)},`,
    ...(port ? [`    port: ${port},`] : []),
    `    path: ${literal(p.path)},`,
    `    query: ${JSON.stringify(query)},`,
    `    headers: ${JSON.stringify(headers)},`,
    '    body,',
    '  }),',
    ');',
    '// fetch sets Host itself, to the same value.',
    'const { host: _host, ...headers } = signed.headers;',
    `const response = await fetch(${literal(p.url)}, { method: ${literal(request.method)}, headers, body });`,
    'console.log(response.status);',
    'console.log(await response.text());',
  ].join('\n')}\n`;
}
