// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { must } from '../test/real-main';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import type { CredentialSource } from '../../shared/model';
import { useCredentialsStore } from './store';

withRealMain({ awsConfig: '[profile dev]\nregion = eu-west-1\n' });

let sandbox: Sandbox;
let accountB: CredentialSource;
beforeAll(async () => {
  sandbox = await startSandbox({ minDurationSeconds: 1 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  const { ref } = await must(window.signet!.putSecret({ value: sandbox.accountBUser.secretAccessKey, label: 'B' }));
  accountB = { kind: 'keys', accessKeyId: sandbox.accountBUser.accessKeyId, secretAccessKey: ref, sessionToken: '' };
});

const store = () => useCredentialsStore.getState();
const profileNames = () => {
  const { profiles } = store();
  return profiles.status === 'success' ? profiles.value.profiles.map((p) => p.name) : profiles.status;
};

async function assume(label: string): Promise<string> {
  const outcome = await store().assumeRole({
    source: accountB,
    roleArn: sandbox.roleArn,
    sessionName: 'store-test',
    durationSeconds: 900,
    region: sandbox.region,
    endpoint: sandbox.stsEndpoint,
    autoRefresh: false,
    label,
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.sessionId;
}

describe('profiles', () => {
  it('reads the AWS files through main', async () => {
    expect(profileNames()).toBe('idle');
    await store().loadProfiles();
    expect(profileNames()).toEqual(['dev']);
  });

  it('adds and removes app-managed keys, reloading the list', async () => {
    const added = await store().addManagedProfile({
      name: 'ci',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'secret',
      persist: false,
    });
    expect(added.ok).toBe(true);
    expect(profileNames()).toEqual(expect.arrayContaining(['dev', 'ci']));
    await store().removeManagedProfile('ci');
    expect(profileNames()).toEqual(['dev']);
  });

  it('reports keys main refuses without throwing', async () => {
    const added = await store().addManagedProfile({
      name: 'has space',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 's',
    });
    expect(added.ok).toBe(false);
    expect(!added.ok && added.error.message).toContain('profile names may use letters, digits and _ . @ + -');
  });
});

describe('sessions', () => {
  it('lists a session assumed in main, and forgets it when removed', async () => {
    const id = await assume('Pets');
    expect(store().sessions.map((s) => [s.id, s.label, s.autoRefresh])).toEqual([[id, 'Pets', false]]);
    await store().removeSession(id);
    expect(store().sessions).toEqual([]);
  });

  it('turns auto-refresh on and refreshes a session with a later expiry', async () => {
    const id = await assume('Pets');
    const before = store().sessions[0]!;
    expect((await store().setAutoRefresh(id, true)).ok).toBe(true);
    expect(store().sessions[0]!.autoRefresh).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await store().refreshSession(id)).ok).toBe(true);
    expect(Date.parse(store().sessions[0]!.issuedAt)).toBeGreaterThan(Date.parse(before.issuedAt));
  });

  it('answers who-am-I for a session, and records a failure for a profile that cannot sign', async () => {
    const id = await assume('Pets');
    await store().whoAmI(id, { kind: 'session', sessionId: id });
    expect(store().identities[id]).toMatchObject({ ok: true, value: { arn: store().sessions[0]!.assumedRoleArn } });

    await store().whoAmI('profile:dev', { kind: 'profile', profile: 'dev' });
    expect(store().identities['profile:dev']).toMatchObject({ ok: false, error: { message: expect.any(String) } });
  });

  it('reports a refused role without adding a session', async () => {
    const outcome = await store().assumeRole({
      source: accountB,
      roleArn: sandbox.untrustedRoleArn,
      sessionName: 'store-test',
      region: sandbox.region,
      endpoint: sandbox.stsEndpoint,
    });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toContain('sts:AssumeRole');
    expect(store().sessions).toEqual([]);
  });

  it('reports pasted text that is not an AssumeRole result', async () => {
    const outcome = await store().importSession({ json: '[1, 2]' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toMatch(/^The pasted JSON is not an AssumeRole result/);
  });
});
