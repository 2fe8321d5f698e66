import { describe, expect, it } from 'vitest';
import type { Collection, Workspace } from '../../shared/collection';
import { type Auth } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { SecretStore } from '../core/secrets';
import { buildSendScope } from './send-scope';

const awsv4 = (region: string): Auth => ({
  type: 'awsv4',
  source: { kind: 'keys', accessKeyId: 'AKID', secretAccessKey: 'secret:x', sessionToken: '' },
  region,
  service: 'execute-api',
  addAuthDataTo: 'headers',
  expiresSeconds: 900,
});

function workspace(secretRef: string): Workspace {
  const v = (key: string, value: string, enabled = true): { key: string; value: string; enabled: boolean } => ({
    key,
    value,
    enabled,
  });
  const collection: Collection = {
    id: 'c1',
    name: 'c',
    variables: [v('host', 'collection-host'), v('only', 'collection-only'), v('folderish', 'collection-level')],
    auth: awsv4('us-east-1'),
    schemaVersion: 1,
    items: [
      {
        type: 'folder',
        id: 'outer',
        name: 'outer',
        auth: awsv4('eu-west-1'),
        variables: [v('folderish', 'outer'), v('depth', 'outer')],
        items: [
          {
            type: 'folder',
            id: 'inner',
            name: 'inner',
            auth: { type: 'inherit' },
            variables: [v('depth', 'inner'), v('disabled', 'x', false)],
            items: [{ type: 'request', id: 'r1', request: { ...emptyRequest('r1'), auth: { type: 'inherit' } } }],
          },
        ],
      },
      {
        type: 'folder',
        id: 'open',
        name: 'open',
        auth: { type: 'none' },
        variables: [],
        items: [{ type: 'request', id: 'r2', request: emptyRequest('r2') }],
      },
    ],
  };
  return {
    collections: [collection],
    environments: [
      {
        id: 'e1',
        name: 'dev',
        values: [
          { key: 'host', value: 'env-host', enabled: true, secret: false },
          { key: 'token', value: secretRef, enabled: true, secret: true },
          { key: 'only', value: 'off', enabled: false, secret: false },
        ],
      },
      { id: 'e2', name: 'prod', values: [{ key: 'host', value: 'prod-host', enabled: true, secret: false }] },
    ],
    activeEnvironmentId: 'e1',
  };
}

describe('buildSendScope', () => {
  it('looks up environment, then folders innermost first, then collection', async () => {
    const secrets = new SecretStore();
    const { ref } = await secrets.put('tok-123');
    const scope = buildSendScope(workspace(ref), { collectionId: 'c1', itemId: 'r1' });
    expect(scope.lookup('host')).toBe('env-host');
    // Secrets stay references: the send path reveals them (and redacts them on the way back).
    expect(scope.lookup('token')).toBe(ref);
    expect(scope.lookup('only')).toBe('collection-only');
    expect(scope.lookup('depth')).toBe('inner');
    expect(scope.lookup('folderish')).toBe('outer');
    expect(scope.lookup('disabled')).toBeUndefined();
    expect(scope.inheritedAuth).toMatchObject({ type: 'awsv4', region: 'eu-west-1' });
  });

  it('uses the selected environment over the active one, and a noauth folder stops inheritance', () => {
    const scope = buildSendScope(workspace('secret:none'), { collectionId: 'c1', itemId: 'r2', environmentId: 'e2' });
    expect(scope.lookup('host')).toBe('prod-host');
    expect(scope.lookup('token')).toBeUndefined();
    expect(scope.inheritedAuth).toEqual({ type: 'none' });
  });

  it('falls back to the collection auth for an unsaved request and fails loudly on unknown ids', () => {
    const ws = workspace('secret:none');
    expect(buildSendScope(ws, { collectionId: 'c1', itemId: 'new' }).inheritedAuth).toMatchObject({
      region: 'us-east-1',
    });
    expect(buildSendScope(ws, {}).inheritedAuth).toEqual({ type: 'none' });
    expect(() => buildSendScope(ws, { collectionId: 'gone' })).toThrow(/collection gone not found/);
    expect(() => buildSendScope(ws, { environmentId: 'gone' })).toThrow(/environment gone not found/);
  });
});
