/**
 * Collection and folder settings: their auth, variables and description can be read and
 * changed, a request set to "inherit" says what it inherits and from where, and a send with
 * inherited AWS Signature auth signs with what the collection's settings now say.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Auth } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { SecretStore } from '../core/secrets';
import { createWorkspaceService, type WorkspaceService } from './service';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir?: string): { dir: string; service: WorkspaceService } {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'signet-settings-'));
  if (!dir) dirs.push(dataDir);
  return { dir: dataDir, service: createWorkspaceService({ dataDir, secrets: new SecretStore() }) };
}

const aws: Auth = {
  type: 'awsv4',
  source: { kind: 'profile', profile: 'api-caller' },
  region: 'eu-west-1',
  service: 'execute-api',
  addAuthDataTo: 'headers',
  expiresSeconds: 900,
};

async function tree(service: WorkspaceService) {
  const collection = await service.createCollection('Pets');
  const outer = await service.createItem(collection.id, null, 'folder', 'Outer');
  const inner = await service.createItem(collection.id, outer.id, 'folder', 'Inner');
  const { itemId } = await service.saveRequest(
    collection.id,
    {
      ...emptyRequest(''),
      name: 'List pets',
      url: 'https://abc.execute-api.eu-west-1.amazonaws.com/pets',
      auth: { type: 'inherit' },
    },
    inner.id,
  );
  return { collectionId: collection.id, outerId: outer.id, innerId: inner.id, requestId: itemId };
}

describe('collection and folder settings', () => {
  it('edits a collection-level AWS Signature that requests inherit, and it survives a restart', async () => {
    const { dir, service } = open();
    const t = await tree(service);
    expect(await service.inheritedAuth(t.collectionId, t.requestId)).toEqual({ auth: { type: 'none' }, from: null });

    await service.saveContainerSettings(t.collectionId, undefined, {
      auth: aws,
      variables: [{ key: 'stage', value: 'prod', enabled: true }],
      description: 'The pets API in account A',
    });
    expect(await service.inheritedAuth(t.collectionId, t.requestId)).toEqual({
      auth: aws,
      from: { kind: 'collection', id: t.collectionId, name: 'Pets' },
    });
    // The send path sees the same inheritance.
    expect((await service.resolve({ collectionId: t.collectionId, itemId: t.requestId })).inheritedAuth).toEqual(aws);

    const reopened = open(dir).service;
    expect(await reopened.containerSettings(t.collectionId)).toEqual({
      kind: 'collection',
      name: 'Pets',
      auth: aws,
      variables: [{ key: 'stage', value: 'prod', enabled: true }],
      description: 'The pets API in account A',
    });
  });

  it('the nearest folder with its own auth wins, and says so', async () => {
    const { service } = open();
    const t = await tree(service);
    await service.saveContainerSettings(t.collectionId, undefined, { auth: aws, variables: [] });
    const bearer: Auth = { type: 'bearer', token: 'secret:0123456789abcdef01234567' };
    await service.saveContainerSettings(t.collectionId, t.outerId, { auth: bearer, variables: [] });
    expect(await service.inheritedAuth(t.collectionId, t.requestId)).toEqual({
      auth: bearer,
      from: { kind: 'folder', id: t.outerId, name: 'Outer' },
    });
    await service.saveContainerSettings(t.collectionId, t.innerId, {
      auth: { ...aws, region: 'us-west-2' },
      variables: [{ key: 'id', value: '7', enabled: true }],
      description: 'Only the inner routes',
    });
    expect(await service.inheritedAuth(t.collectionId, t.requestId)).toMatchObject({
      auth: { type: 'awsv4', region: 'us-west-2' },
      from: { kind: 'folder', id: t.innerId, name: 'Inner' },
    });
    expect(await service.containerSettings(t.collectionId, t.innerId)).toMatchObject({
      kind: 'folder',
      name: 'Inner',
      description: 'Only the inner routes',
      variables: [{ key: 'id', value: '7', enabled: true }],
    });
    // Folder variables reach the request's scope.
    expect((await service.resolve({ collectionId: t.collectionId, itemId: t.requestId })).lookup('id')).toBe('7');

    // Back to inherit: the outer folder's bearer token applies again; an empty description is removed.
    await service.saveContainerSettings(t.collectionId, t.innerId, { auth: { type: 'inherit' }, variables: [] });
    expect((await service.inheritedAuth(t.collectionId, t.requestId)).from).toEqual({
      kind: 'folder',
      id: t.outerId,
      name: 'Outer',
    });
    expect(await service.containerSettings(t.collectionId, t.innerId)).not.toHaveProperty('description');
  });

  it('refuses inherit at the collection, a request id as a folder, and unknown ids', async () => {
    const { service } = open();
    const t = await tree(service);
    await expect(
      service.saveContainerSettings(t.collectionId, undefined, { auth: { type: 'inherit' }, variables: [] }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('nothing to inherit') });
    await expect(service.containerSettings(t.collectionId, t.requestId)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      service.saveContainerSettings(t.collectionId, t.requestId, { auth: aws, variables: [] }),
    ).rejects.toMatchObject({ message: expect.stringContaining('is a request, not a folder') });
    await expect(service.containerSettings(t.collectionId, 'no-such-folder')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(service.containerSettings('no-such-collection')).rejects.toMatchObject({ code: 'not_found' });
  });
});
