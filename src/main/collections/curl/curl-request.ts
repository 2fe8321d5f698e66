/** One curl invocation's arguments into Signet's RequestSpec. */
import { randomUUID } from 'node:crypto';
import {
  LIMITS,
  type Auth,
  type Body,
  type FormField,
  type HttpMethod,
  type KeyValue,
  type RequestSpec,
} from '../../../shared/model';
import { importMethod, type ImportContext } from '../import/context';
import { headerAuth } from '../import/header-auth';
import { SIGNATURE_HEADERS, capturedAwsAuth, isSigv4Authorization, sigv4HeaderScope } from '../import/sigv4-capture';

/** Options that take a value, by every name curl accepts for them. */
const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '-X': 'request',
  '--request': 'request',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-ascii': 'data',
  '--data-raw': 'data-raw',
  '--data-binary': 'data-binary',
  '--data-urlencode': 'data-urlencode',
  '--json': 'json',
  '-F': 'form',
  '--form': 'form',
  '--form-string': 'form-string',
  '-u': 'user',
  '--user': 'user',
  '--url': 'url',
  '--aws-sigv4': 'aws-sigv4',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
  '-e': 'referer',
  '--referer': 'referer',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '-m': 'max-time',
  '--max-time': 'max-time',
  // Accepted and ignored: they change how curl runs, not the request.
  '-o': 'ignore',
  '--output': 'ignore',
  '-w': 'ignore',
  '--write-out': 'ignore',
  '--connect-timeout': 'ignore',
  '--retry': 'ignore',
  '--cacert': 'ignore',
  '-x': 'proxy',
  '--proxy': 'proxy',
};

/** Options without a value that change nothing Signet keeps. */
const IGNORED_FLAGS = new Set([
  '--compressed',
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-k',
  '--insecure',
  '-L',
  '--location',
  '-g',
  '--globoff',
  '--path-as-is',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '-f',
  '--fail',
  '-N',
  '--no-buffer',
  '-#',
  '--progress-bar',
  '--http1.1',
  '--http2',
  '--http1.0',
  '-0',
]);

/** A short flag cluster may end in one that takes a value (`-sSX POST`, `-XPOST`). */
const SHORT_VALUE = new Set(['X', 'H', 'd', 'F', 'u', 'A', 'e', 'b', 'm', 'o', 'w', 'x']);

interface CurlArgs {
  method?: string;
  urls: string[];
  headers: Array<[string, string]>;
  data: Array<{ kind: string; value: string }>;
  form: Array<{ value: string; literal: boolean }>;
  user?: string;
  awsSigv4?: string;
  get: boolean;
  head: boolean;
  timeoutMs?: number;
}

function readArgs(argv: readonly string[], where: string, ctx: ImportContext): CurlArgs {
  const args: CurlArgs = { urls: [], headers: [], data: [], form: [], get: false, head: false };
  const take = (option: string, value: string | undefined): void => {
    if (value === undefined) {
      ctx.warn(`${where}: ${option} has no value; ignored`);
      return;
    }
    switch (VALUE_OPTIONS[option]) {
      case 'request':
        args.method = value;
        break;
      case 'header': {
        const colon = value.indexOf(':');
        const semicolon = value.indexOf(';');
        if (colon > 0) args.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        else if (semicolon > 0 && value.slice(semicolon + 1).trim() === '')
          args.headers.push([value.slice(0, semicolon).trim(), '']);
        else if (value.startsWith('@')) ctx.warn(`${where}: headers read from a file (-H @file) were not imported`);
        else ctx.warn(`${where}: header "${value.slice(0, 40)}" has no value; ignored`);
        break;
      }
      case 'data':
      case 'data-raw':
      case 'data-binary':
      case 'data-urlencode':
      case 'json':
        args.data.push({ kind: VALUE_OPTIONS[option]!, value });
        break;
      case 'form':
      case 'form-string':
        args.form.push({ value, literal: VALUE_OPTIONS[option] === 'form-string' });
        break;
      case 'user':
        args.user = value;
        break;
      case 'url':
        args.urls.push(value);
        break;
      case 'aws-sigv4':
        args.awsSigv4 = value;
        break;
      case 'user-agent':
        args.headers.push(['User-Agent', value]);
        break;
      case 'referer':
        args.headers.push(['Referer', value]);
        break;
      case 'cookie':
        if (value.includes('=')) args.headers.push(['Cookie', value]);
        else ctx.warn(`${where}: cookies read from a file (-b file) were not imported`);
        break;
      case 'max-time': {
        const seconds = Number(value);
        if (Number.isFinite(seconds) && seconds > 0) args.timeoutMs = Math.min(600_000, Math.max(100, seconds * 1000));
        break;
      }
      case 'proxy':
        ctx.warn(`${where}: the proxy setting was not imported`);
        break;
      default:
        break;
    }
  };
  let endOfOptions = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (endOfOptions || !arg.startsWith('-') || arg === '-') {
      args.urls.push(arg);
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 && VALUE_OPTIONS[arg.slice(0, eq)] ? arg.slice(0, eq) : arg;
      if (VALUE_OPTIONS[name]) take(name, name === arg ? argv[(i += 1)] : arg.slice(eq + 1));
      else if (name === '--get') args.get = true;
      else if (name === '--head') args.head = true;
      else if (!IGNORED_FLAGS.has(name)) ctx.warn(`${where}: option ${name.slice(0, 40)} is not supported; ignored`);
      continue;
    }
    for (let c = 1; c < arg.length; c += 1) {
      const letter = arg[c]!;
      if (SHORT_VALUE.has(letter)) {
        take(`-${letter}`, c + 1 < arg.length ? arg.slice(c + 1) : argv[(i += 1)]);
        break;
      }
      if (letter === 'G') args.get = true;
      else if (letter === 'I') args.head = true;
      else if (!IGNORED_FLAGS.has(`-${letter}`)) ctx.warn(`${where}: option -${letter} is not supported; ignored`);
    }
  }
  return args;
}

/** curl's --data-urlencode forms: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function urlencodeData(value: string, where: string, ctx: ImportContext): string | undefined {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) {
    ctx.warn(`${where}: --data-urlencode from a file (${value.slice(0, 60)}) was not imported`);
    return undefined;
  }
  if (eq < 0) return curlEscape(value);
  return `${value.slice(0, eq)}=${curlEscape(value.slice(eq + 1))}`;
}

/**
 * Percent-encoding as curl 7.88's --data-urlencode writes it on the wire (checked against curl on
 * loopback): UTF-8 bytes, letters, digits and `-._~` kept, a space as `+`, everything else `%XX`.
 */
function curlEscape(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9._~-]/.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Pairs that a form encoder writes back byte for byte, so the body can be shown as editable fields. */
function plainFormFields(text: string): KeyValue[] | undefined {
  if (!/^[A-Za-z0-9._~-]+=[A-Za-z0-9._~-]*(?:&[A-Za-z0-9._~-]+=[A-Za-z0-9._~-]*)*$/.test(text)) return undefined;
  return text.split('&').map((pair) => {
    const [key = '', value = ''] = pair.split('=');
    return { key, value, enabled: true };
  });
}

function dataBody(args: CurlArgs, contentType: string | undefined, where: string, ctx: ImportContext): Body {
  const json = args.data.some((d) => d.kind === 'json');
  const defaultType = json ? 'application/json' : 'application/x-www-form-urlencoded';
  const files = args.data.filter(
    (d) => d.kind !== 'data-raw' && d.kind !== 'data-urlencode' && d.value.startsWith('@'),
  );
  if (files.length > 0) {
    if (args.data.length > 1) ctx.warn(`${where}: a body file was mixed with other data; only the file is kept`);
    const path = files[0]!.value.slice(1);
    if (path === '-') ctx.warn(`${where}: the body came from standard input; choose a file`);
    if (files[0]!.kind === 'data')
      ctx.warn(`${where}: -d @file strips the file's line breaks in curl; Signet sends the file as it is`);
    return {
      mode: 'binary',
      // The path as written; it is not a file Signet was allowed to read, so it shows as not chosen yet.
      filePath: path === '-' ? '' : ctx.clip(path, LIMITS.filePath, `${where}: body file`),
      // curl's own type for a data file unless a header names one.
      contentType: contentType ?? defaultType,
    };
  }
  const parts: string[] = [];
  for (const data of args.data) {
    if (data.kind === 'data-urlencode') {
      const encoded = urlencodeData(data.value, where, ctx);
      if (encoded !== undefined) parts.push(encoded);
    } else parts.push(data.value);
  }
  // curl joins -d parts with `&` and --json parts with nothing.
  const text = parts.join(json ? '' : '&');
  const type = contentType ?? defaultType;
  const fields = contentType === undefined ? plainFormFields(text) : undefined;
  if (fields) return { mode: 'urlencoded', fields };
  return { mode: 'raw', text: ctx.clip(text, LIMITS.rawBody, `${where}: body`), contentType: type };
}

function formBody(args: CurlArgs, where: string, ctx: ImportContext): Body {
  const fields: FormField[] = [];
  for (const { value, literal } of args.form.slice(0, LIMITS.rows)) {
    const eq = value.indexOf('=');
    if (eq <= 0) {
      ctx.warn(`${where}: form field "${value.slice(0, 40)}" has no name; ignored`);
      continue;
    }
    const key = ctx.clip(value.slice(0, eq), LIMITS.headerName, `${where}: form field name`);
    let content = value.slice(eq + 1);
    let contentType: string | undefined;
    const typed = literal ? undefined : /;type=([^;]*)/.exec(content);
    if (typed) {
      contentType = typed[1];
      content = content.slice(0, typed.index) + content.slice(typed.index + typed[0].length);
    }
    const isFile = !literal && (content.startsWith('@') || content.startsWith('<'));
    if (!literal && content.startsWith('<'))
      ctx.warn(`${where}: form field "${key.slice(0, 40)}" reads its text from a file; it is attached as the file`);
    if (isFile) content = content.slice(1).replace(/;filename=[^;]*/, '');
    const field: FormField = {
      key,
      enabled: true,
      kind: isFile ? 'file' : 'text',
      value: ctx.clip(content, isFile ? LIMITS.filePath : LIMITS.headerValue, `${where}: form field value`),
    };
    if (contentType) field.contentType = ctx.clip(contentType, LIMITS.headerName, `${where}: form field type`);
    fields.push(field);
  }
  return { mode: 'formdata', fields };
}

/** `{{VAR}}` (a shell variable) stays a variable; anything else is a secret for main's store. */
function secretField(value: string, label: string, ctx: ImportContext, apply: (stored: string) => void): void {
  ctx.secret(ctx.clip(value, LIMITS.headerValue, label), label, apply);
}

function userAuth(args: CurlArgs, label: string, ctx: ImportContext): Auth | undefined {
  if (args.user === undefined) return undefined;
  const colon = args.user.indexOf(':');
  const user = colon < 0 ? args.user : args.user.slice(0, colon);
  const password = colon < 0 ? '' : args.user.slice(colon + 1);
  if (args.awsSigv4 !== undefined) return undefined;
  const auth = { type: 'basic' as const, username: ctx.clip(user, LIMITS.headerValue, `${label}: user`), password: '' };
  secretField(password, `${label}: basic password`, ctx, (stored) => (auth.password = stored));
  return auth;
}

/** `--aws-sigv4 "aws:amz:REGION:SERVICE"` with `--user KEY:SECRET`. */
function sigv4Auth(args: CurlArgs, token: string | undefined, label: string, ctx: ImportContext): Auth {
  const [, , region = '', service = ''] = (args.awsSigv4 ?? '').split(':');
  const user = args.user ?? '';
  const colon = user.indexOf(':');
  const base = capturedAwsAuth(
    region || service ? { region: region.slice(0, 64), service: service.slice(0, 64) } : undefined,
  );
  const source = {
    kind: 'keys' as const,
    accessKeyId: ctx.clip(colon < 0 ? user : user.slice(0, colon), LIMITS.headerValue, `${label}: access key`),
    secretAccessKey: '',
    sessionToken: '',
  };
  secretField(
    colon < 0 ? '' : user.slice(colon + 1),
    `${label}: AWS secret key`,
    ctx,
    (s) => (source.secretAccessKey = s),
  );
  secretField(token ?? '', `${label}: AWS session token`, ctx, (s) => (source.sessionToken = s));
  if (!region || !service) ctx.warn(`${label}: --aws-sigv4 names no region or service; set them on the Auth tab`);
  return { ...base, source };
}

function requestName(method: string, url: string): string {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? url;
  return `${method} ${path || '/'}`.slice(0, LIMITS.name);
}

/** Converts one curl invocation; never throws on odd arguments. */
export function curlRequest(argv: readonly string[], where: string, ctx: ImportContext): RequestSpec {
  const args = readArgs(argv, where, ctx);
  const label = `${ctx.sourceName} › ${where}`;
  if (args.urls.length === 0) ctx.warn(`${where}: the command has no URL`);
  if (args.urls.length > 1) ctx.warn(`${where}: the command has ${args.urls.length} URLs; only the first is imported`);
  let url = args.urls[0] ?? '';
  if (url !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('{{')) url = `http://${url}`;

  const find = (name: string) => args.headers.find(([key]) => key.toLowerCase() === name)?.[1];
  const authorization = find('authorization');
  const token = find('x-amz-security-token');
  const contentHash = find('x-amz-content-sha256');
  let auth: Auth = { type: 'none' };
  let signed = false;
  if (args.awsSigv4 !== undefined) {
    signed = true;
    auth = sigv4Auth(args, token, label, ctx);
  } else if (authorization !== undefined && isSigv4Authorization(authorization)) {
    signed = true;
    const scope = sigv4HeaderScope(authorization);
    if (!scope) ctx.warn(`${where}: AWS Signature header without a readable credential scope; set region and service`);
    auth = capturedAwsAuth(scope, { sessionToken: token !== undefined });
  } else if (authorization !== undefined) {
    auth = headerAuth(authorization, label, ctx) ?? auth;
    if (auth.type === 'none') ctx.warn(`${where}: Authorization header of an unknown scheme is kept as a header`);
  }
  if (signed && contentHash?.trim() === 'UNSIGNED-PAYLOAD' && auth.type === 'awsv4')
    auth = { ...auth, payloadHash: 'unsigned' };
  auth = userAuth(args, label, ctx) ?? auth;

  // --json adds these two headers unless the command sets them.
  if (args.data.some((d) => d.kind === 'json'))
    for (const name of ['Content-Type', 'Accept'])
      if (find(name.toLowerCase()) === undefined) args.headers.push([name, 'application/json']);
  const headers: KeyValue[] = [];
  for (const [key, value] of args.headers) {
    const lower = key.toLowerCase();
    if (signed && SIGNATURE_HEADERS.has(lower)) continue;
    if (lower === 'authorization' && auth.type !== 'none') continue;
    if (headers.length >= LIMITS.rows) {
      ctx.warn(`${where}: more than ${LIMITS.rows} headers; the rest were dropped`);
      break;
    }
    headers.push({
      key: ctx.clip(key, LIMITS.headerName, `${where}: header name`),
      value: ctx.clip(value, LIMITS.headerValue, `${where}: header "${key.slice(0, 40)}"`),
      enabled: true,
    });
  }

  const contentType = find('content-type');
  let body: Body = { mode: 'none' };
  if (args.form.length > 0) {
    if (args.data.length > 0) ctx.warn(`${where}: -d and -F together; the -F form is kept`);
    body = formBody(args, where, ctx);
  } else if (args.data.length > 0 && args.get) {
    const query = args.data.map((d) =>
      d.kind === 'data-urlencode' ? (urlencodeData(d.value, where, ctx) ?? '') : d.value,
    );
    url = `${url}${url.includes('?') ? '&' : '?'}${query.filter((q) => q !== '').join('&')}`;
  } else if (args.data.length > 0) {
    body = dataBody(args, contentType, where, ctx);
  }

  const method = importMethod(args.method ?? (args.head ? 'HEAD' : body.mode !== 'none' ? 'POST' : 'GET'), where, ctx);
  url = ctx.clip(url, LIMITS.url, `${where}: URL`);
  return {
    id: randomUUID(),
    name: requestName(method, url),
    method: method as HttpMethod,
    url,
    headers,
    body,
    auth,
    timeoutMs: args.timeoutMs ?? 30_000,
  };
}
