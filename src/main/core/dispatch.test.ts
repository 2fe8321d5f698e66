import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';

const ctx = { host: 'test' } as const;

const dataDir = mkdtempSync(join(tmpdir(), 'signet-dispatch-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The dispatcher, with each refusal turned back into a rejection so the checks read as before. */
async function dispatch() {
  const app = await createApp({ host: 'test', dataDir, version: 'test' });
  return async (name: string, input: unknown, context: typeof ctx) => {
    const result = await app.dispatch(name, input, context);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };
}

function sendInput(request: Record<string, unknown>) {
  return { requestId: 'r1', request: { method: 'GET', url: 'http://127.0.0.1:1/', ...request } };
}

describe('contract validation', () => {
  it('refuses an unknown call', async () => {
    const call = await dispatch();
    await expect(call('deleteEverything', {}, ctx)).rejects.toThrow('unknown call "deleteEverything"');
  });

  it('refuses wrong types with the field named', async () => {
    const call = await dispatch();
    await expect(
      call('sendRequest', { requestId: 42, request: { method: 'GET', url: 'http://x/' } }, ctx),
    ).rejects.toThrow(/requestId: .*expected string/i);
    await expect(call('sendRequest', sendInput({ headers: 'nope' }), ctx)).rejects.toThrow(/request\.headers/);
  });

  it('refuses a method that is not an HTTP token, and says what one is', async () => {
    const call = await dispatch();
    for (const method of ['GE T', 'get', 'GET\r\nX: 1', '']) {
      const error = await call('sendRequest', sendInput({ method }), ctx).catch((e: unknown) => e);
      expect(error, method).toMatchObject({ code: 'invalid_input' });
      expect((error as Error).message).toMatch(/request\.method: HTTP method must be a token .*GET, POST.*PURGE/);
    }
  });

  it('refuses non-http URLs', async () => {
    const call = await dispatch();
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'mailto:a@b.c']) {
      // The message is the user's to read: no call name or field path in front of it.
      await expect(call('sendRequest', sendInput({ url }), ctx)).rejects.toThrow(
        /^The URL must use http:\/\/ or https:\/\/$/,
      );
    }
  });

  it('refuses oversized strings', async () => {
    const call = await dispatch();
    await expect(
      call('sendRequest', sendInput({ url: `http://127.0.0.1/${'a'.repeat(20_000)}` }), ctx),
    ).rejects.toThrow(/request\.url: .*16384/);
    await expect(call('putSecret', { value: 'x'.repeat(20_000) }, ctx)).rejects.toThrow(/value: .*16384/);
    await expect(call('sendRequest', { ...sendInput({}), requestId: 'r'.repeat(300) }, ctx)).rejects.toThrow(
      /requestId/,
    );
  });

  it('refuses a bad MFA code', async () => {
    const call = await dispatch();
    await expect(call('sendRequest', { ...sendInput({}), mfaCode: '12ab56' }, ctx)).rejects.toThrow(
      /mfaCode: MFA code must be 6 digits/,
    );
  });

  it('answers every call in one Result shape: not_found and io are produced, bugs become internal', async () => {
    const app = await createApp({ host: 'test', dataDir, version: 'test' });
    const missing = await app.dispatch('getRequest', { collectionId: 'nope', itemId: 'nada' }, ctx);
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'collection nope not found' } });
    const session = await app.dispatch('refreshSession', { id: 'gone' }, ctx);
    expect(session).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const blockedDir = mkdtempSync(join(tmpdir(), 'signet-io-'));
    const blocked = await createApp({ host: 'test', dataDir: blockedDir, version: 'test' });
    // A file where the collections folder should be: every collection write fails with ENOTDIR.
    rmSync(join(blockedDir, 'collections'), { recursive: true, force: true });
    writeFileSync(join(blockedDir, 'collections'), 'not a folder');
    const io = await blocked.dispatch('createCollection', { name: 'x' }, ctx);
    expect(io).toEqual({
      ok: false,
      error: { code: 'io', message: expect.stringMatching(/^Could not save the workspace: E/) },
    });
    await blocked.close();
    rmSync(blockedDir, { recursive: true, force: true });
    const unknown = await app.dispatch('deleteEverything', {}, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await app.close();
  });

  it('accepts a valid call and fills defaults', async () => {
    const call = await dispatch();
    const handle = (await call('putSecret', { value: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, ctx)) as {
      ref: string;
      masked: string;
    };
    expect(handle.ref).toMatch(/^secret:[0-9a-f]{24}$/);
    expect(handle.masked).toBe('••••••••EKEY');
  });
});
