/** Signet collection → Postman Collection v2.1 JSON, as Postman and newman read it. */
import type { Collection, Item } from '../../../shared/collection';
import type { Auth, Body, KeyValue, QueryParam, RequestSpec } from '../../../shared/model';
import { queryRows, splitQuery } from '../../../shared/query';
import { isFileGrant } from '../../../shared/file-grant';
import { isSecretRef } from '../../core/secrets';
import { isRecord } from '../import/context';
import { RAW_LANGUAGE_TYPES } from './import-request';
import { checksToScript } from './test-scripts';

const POSTMAN_V21_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface ExportOptions {
  /** Write stored secrets in plain text; otherwise their fields are left empty. */
  readonly includeSecrets: boolean;
  /** The SecretStore's reveal. */
  readonly reveal: (ref: string) => string | undefined;
}

export interface ExportResult {
  readonly fileName: string;
  readonly json: string;
  /** What the file does not carry (secrets left out, credential sources Postman lacks). */
  readonly notes: string[];
}

type Json = Record<string, unknown>;

class Exporter {
  readonly notes = new Set<string>();
  private omitted = 0;

  constructor(private readonly options: ExportOptions) {}

  /** A secret field's value for the file: templates as they are, stored secrets only when asked. */
  secret(value: string): string {
    if (!isSecretRef(value)) return value;
    if (this.options.includeSecrets) {
      const plain = this.options.reveal(value);
      if (plain !== undefined) return plain;
      this.notes.add('some secrets are no longer stored and were exported empty');
      return '';
    }
    this.omitted += 1;
    return '';
  }

  finishNotes(): string[] {
    const notes = [...this.notes];
    if (this.omitted > 0)
      notes.unshift(
        `${this.omitted} secret values were exported empty; export with secrets included to keep them, or use {{variables}}`,
      );
    return notes;
  }

  /** undefined: no `auth` key, which Postman reads as inherit. */
  auth(auth: Auth, where: string, root = false): Json | undefined {
    const params = (type: string, entries: Array<[string, unknown]>): Json => ({
      type,
      [type]: entries.map(([key, value]) => ({ key, value, type: typeof value === 'boolean' ? 'boolean' : 'string' })),
    });
    switch (auth.type) {
      case 'inherit':
        return undefined;
      case 'none':
        return root ? undefined : { type: 'noauth' };
      case 'basic':
        return params('basic', [
          ['username', auth.username],
          ['password', this.secret(auth.password)],
        ]);
      case 'bearer':
        return params('bearer', [['token', this.secret(auth.token)]]);
      case 'apikey':
        return params('apikey', [
          ['key', auth.key],
          ['value', this.secret(auth.value)],
          ['in', auth.in],
        ]);
      case 'awsv4': {
        const { source } = auth;
        if (source.kind !== 'keys')
          this.notes.add(
            `${where}: AWS credentials come from ${source.kind === 'profile' ? `profile "${source.profile}"` : 'an assumed-role session'}, which Postman cannot use; exported with empty keys`,
          );
        const keys = source.kind === 'keys' ? source : { accessKeyId: '', secretAccessKey: '', sessionToken: '' };
        return params('awsv4', [
          ['accessKey', keys.accessKeyId],
          ['secretKey', this.secret(keys.secretAccessKey)],
          ['sessionToken', this.secret(keys.sessionToken)],
          ['region', auth.region],
          ['service', auth.service],
          ['addAuthDataToQuery', auth.addAuthDataTo === 'query'],
        ]);
      }
      case 'unsupported':
        return this.unsupported(auth.raw, auth.postmanType);
    }
  }

  /**
   * Unsupported auth goes back as it came, with its stored secrets resolved the same way,
   * in v2.1's form: v2.0 wrote the parameters as an object, v2.1 as `[{ key, value, type }]`.
   */
  private unsupported(raw: unknown, type: string): Json | undefined {
    if (!isRecord(raw)) return undefined;
    const copy = JSON.parse(JSON.stringify(raw)) as Json;
    if (isRecord(copy[type]) && !Array.isArray(copy[type])) {
      copy[type] = Object.entries(copy[type] as Record<string, unknown>).map(([key, value]) => ({
        key,
        value,
        type: typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : 'any',
      }));
    }
    const section = copy[type];
    const holders: Array<[Json, string]> = [];
    if (Array.isArray(section)) for (const entry of section) if (isRecord(entry)) holders.push([entry, 'value']);
    if (isRecord(section)) for (const key of Object.keys(section)) holders.push([section, key]);
    for (const [holder, field] of holders) {
      const value = holder[field];
      if (typeof value === 'string') holder[field] = this.secret(value);
    }
    return copy;
  }

  /** A row for the file: a stored secret (a secret variable, or a reference in a header) goes out as `secret()` says. */
  row(entry: KeyValue): Json {
    const secret = entry.secret === true || isSecretRef(entry.value);
    return {
      ...row({ ...entry, value: secret ? this.secret(entry.value) : entry.value }),
      ...(entry.secret ? { type: 'secret' } : {}),
    };
  }

  request(request: RequestSpec, urlVariables: readonly KeyValue[] | undefined, where: string): Json {
    const out: Json = {
      method: request.method,
      header: request.headers.map((entry) => this.row(entry)),
      url: {
        ...postmanUrl(request.url, request.query),
        ...(urlVariables && urlVariables.length > 0 ? { variable: urlVariables.map((entry) => this.row(entry)) } : {}),
      },
    };
    const auth = this.auth(request.auth, where);
    if (auth) out.auth = auth;
    const body = exportBody(request.body);
    if (body) out.body = body;
    if (request.description) out.description = request.description;
    return out;
  }

  items(items: readonly Item[], path: string): Json[] {
    return items.map((item) => {
      if (item.type === 'request') {
        const where = `${path}${item.request.name}`;
        const checks = item.request.checks ?? [];
        return {
          id: item.id,
          name: item.request.name,
          request: this.request(item.request, item.urlVariables, where),
          response: [],
          ...(checks.length > 0
            ? { event: [{ listen: 'test', script: { type: 'text/javascript', exec: checksToScript(checks) } }] }
            : {}),
        };
      }
      const where = `${path}${item.name}`;
      const folder: Json = { id: item.id, name: item.name, item: this.items(item.items, `${where} / `) };
      if (item.description) folder.description = item.description;
      if (item.variables.length > 0) folder.variable = item.variables.map((entry) => this.row(entry));
      const auth = this.auth(item.auth, where);
      if (auth) folder.auth = auth;
      return folder;
    });
  }
}

function row(entry: KeyValue): Json {
  return {
    key: entry.key,
    value: entry.value,
    ...(entry.enabled ? {} : { disabled: true }),
    ...(entry.description ? { description: entry.description } : {}),
  };
}

const LANGUAGE_OF_TYPE = new Map(Object.entries(RAW_LANGUAGE_TYPES).map(([language, type]) => [type, language]));

function exportBody(body: Body): Json | undefined {
  switch (body.mode) {
    case 'none':
      return undefined;
    case 'raw': {
      const language = LANGUAGE_OF_TYPE.get(body.contentType.split(';')[0]!.trim().toLowerCase());
      return { mode: 'raw', raw: body.text, ...(language ? { options: { raw: { language } } } : {}) };
    }
    case 'urlencoded':
      return { mode: 'urlencoded', urlencoded: body.fields.map((field) => ({ ...row(field), type: 'text' })) };
    case 'formdata':
      return {
        mode: 'formdata',
        formdata: body.fields.map((field) => ({
          key: field.key,
          ...(field.kind === 'file'
            ? { src: fileSrc(field.value), type: 'file' }
            : { value: field.value, type: 'text' }),
          ...(field.enabled ? {} : { disabled: true }),
          ...(field.contentType ? { contentType: field.contentType } : {}),
        })),
      };
    case 'binary':
      return { mode: 'file', file: { src: fileSrc(body.filePath) } };
    case 'graphql':
      return { mode: 'graphql', graphql: { query: body.query, variables: body.variables } };
  }
}

/**
 * A URL in Postman's object form, split the way postman-collection's `Url.parse` splits it (newman
 * sends the parts, not `raw`): `raw` with the enabled query only, and `query` with every row, the
 * switched-off ones marked `disabled`, descriptions kept, and a bare key's value written as null.
 */
export function postmanUrl(raw: string, stored?: readonly QueryParam[]): Json {
  const { base, pairs, hash } = splitQuery(raw);
  const [, protocol, authority = '', path] = /^(?:([A-Za-z][\w+.-]*):\/\/)?([^/]*)(?:\/(.*))?$/s.exec(base) ?? [];
  let hostPort = authority;
  let auth: Json | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    auth = colon < 0 ? { user: userInfo } : { user: userInfo.slice(0, colon), password: userInfo.slice(colon + 1) };
    hostPort = authority.slice(at + 1);
  }
  const port = /^(.*):(\d+|\{\{[^{}]*\}\})$/.exec(hostPort);
  const host = port ? port[1]! : hostPort;
  let enabledIndex = 0;
  const query = queryRows(raw, stored).map((row): Json => {
    const bare = row.disabled !== true && pairs[enabledIndex++]?.bare === true;
    return {
      key: row.key,
      value: bare ? null : row.value,
      ...(row.disabled ? { disabled: true } : {}),
      ...(row.description ? { description: row.description } : {}),
    };
  });
  return {
    raw,
    ...(protocol ? { protocol } : {}),
    ...(auth ? { auth } : {}),
    ...(host ? { host: host.match(/(?:\{\{[^{}]*\}\}|[^.])+/g) ?? [host] } : {}),
    ...(port ? { port: port[2] } : {}),
    ...(path !== undefined ? { path: path.split('/') } : {}),
    ...(query.length > 0 ? { query } : {}),
    ...(hash ? { hash: hash.slice(1) } : {}),
  };
}

/** A file body's `src`: a grant means nothing outside this Signet, so it goes out empty (Postman asks for the file). */
function fileSrc(value: string): string {
  return isFileGrant(value) ? '' : value;
}

/** Exports a collection; inheritance is kept (inherit → no `auth`, none → `noauth`). */
export function exportPostman(collection: Collection, options: ExportOptions): ExportResult {
  const exporter = new Exporter(options);
  const out: Json = {
    info: {
      _postman_id: collection.id,
      name: collection.name,
      ...(collection.description ? { description: collection.description } : {}),
      schema: POSTMAN_V21_SCHEMA,
    },
    item: exporter.items(collection.items, ''),
  };
  if (collection.variables.length > 0) out.variable = collection.variables.map((entry) => exporter.row(entry));
  const auth = exporter.auth(collection.auth, 'collection', true);
  if (auth) out.auth = auth;
  const base =
    collection.name
      .replace(/[^\w .-]+/g, '_')
      .trim()
      .slice(0, 100) || 'collection';
  return {
    fileName: `${base}.postman_collection.json`,
    json: JSON.stringify(out, null, 2),
    notes: exporter.finishNotes(),
  };
}
