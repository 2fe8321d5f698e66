/**
 * A Postman v2.1 collection against the sandbox gateway, with its checks written as the
 * test scripts Signet exports (so that a run also exercises their conversion), and a
 * Postman environment carrying the URL and keys.
 */
import { CheckSchema, type CheckInput } from '../../../shared/checks';
import type { Sandbox } from '../../sandbox';
import { checksToScript } from '../../collections/postman/test-scripts';

interface RequestDef {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly checks: CheckInput[];
}

function item(def: RequestDef): object {
  return {
    name: def.name,
    request: {
      method: def.method,
      url: `{{baseUrl}}${def.path}`,
      header: def.body ? [{ key: 'Content-Type', value: 'application/json' }] : [],
      ...(def.body ? { body: { mode: 'raw', raw: def.body, options: { raw: { language: 'json' } } } } : {}),
    },
    event: [
      {
        listen: 'test',
        script: { type: 'text/javascript', exec: checksToScript(def.checks.map((c) => CheckSchema.parse(c))) },
      },
    ],
  };
}

export const ALLOWED: RequestDef[] = [
  {
    name: 'list pets',
    method: 'GET',
    path: '/pets',
    checks: [
      { kind: 'status', statuses: [200] },
      { kind: 'header', header: 'content-type', op: 'equals', value: 'application/json' },
      { kind: 'jsonPath', path: '$.path', op: 'equals', value: '"/pets"' },
      { kind: 'jsonPath', path: '$.caller.arn', op: 'matches', value: ':assumed-role/SignetInvokeRole/' },
      { kind: 'timeBelow', ms: 5000 },
    ],
  },
  {
    name: 'one pet',
    method: 'GET',
    path: '/pets/{{petId}}',
    checks: [
      { kind: 'status', statuses: [200, 204] },
      { kind: 'jsonPath', path: '$.method', op: 'exists' },
    ],
  },
  {
    name: 'add pet',
    method: 'POST',
    path: '/pets',
    body: '{"name":"{{petName}}"}',
    checks: [
      { kind: 'status', statuses: [200] },
      { kind: 'bodyContains', text: '\\"name\\"' },
    ],
  },
];

export const DENIED: RequestDef[] = [
  {
    name: 'admin users',
    method: 'GET',
    path: '/admin/users',
    checks: [
      { kind: 'status', statuses: [403] },
      { kind: 'header', header: 'x-amzn-errortype', op: 'exists' },
      { kind: 'bodyContains', text: 'explicit deny' },
    ],
  },
];

export const WRONG: RequestDef[] = [
  { name: 'expects 201', method: 'GET', path: '/pets', checks: [{ kind: 'status', statuses: [201] }] },
];

/** The collection: folders Allowed, Denied and (optionally) Wrong; awsv4 at the root from environment variables. */
export function sandboxCollection(options: { wrong?: boolean; allowedCopies?: number } = {}): string {
  const allowed = Array.from({ length: options.allowedCopies ?? 1 }, () => ALLOWED).flat();
  return JSON.stringify({
    info: {
      name: 'Sandbox checks',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: {
      type: 'awsv4',
      awsv4: [
        { key: 'accessKey', value: '{{accessKey}}', type: 'string' },
        { key: 'secretKey', value: '{{secretKey}}', type: 'string' },
        { key: 'sessionToken', value: '{{sessionToken}}', type: 'string' },
        { key: 'region', value: '{{region}}', type: 'string' },
        { key: 'service', value: 'execute-api', type: 'string' },
      ],
    },
    variable: [
      { key: 'petId', value: '1' },
      { key: 'petName', value: 'Rex' },
    ],
    item: [
      { name: 'Allowed', item: allowed.map(item) },
      { name: 'Denied', item: DENIED.map(item) },
      ...(options.wrong ? [{ name: 'Wrong', item: WRONG.map(item) }] : []),
    ],
  });
}

/** A Postman environment with the sandbox URL and region; keys only when given (else the CLI's flags sign). */
export function sandboxEnvironment(
  sandbox: Pick<Sandbox, 'apiUrl' | 'region'>,
  keys?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): string {
  const values: Array<[string, string]> = [
    ['baseUrl', sandbox.apiUrl],
    ['region', sandbox.region],
    ['accessKey', keys?.accessKeyId ?? ''],
    ['secretKey', keys?.secretAccessKey ?? ''],
    ['sessionToken', keys?.sessionToken ?? ''],
  ];
  return JSON.stringify({
    name: 'Sandbox',
    values: values.map(([key, value]) => ({ key, value, enabled: true })),
    _postman_variable_scope: 'environment',
  });
}
