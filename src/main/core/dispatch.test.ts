import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { InvalidInputError } from './dispatch';

const ctx = { host: 'test' } as const;

const dataDir = mkdtempSync(join(tmpdir(), 'signet-dispatch-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function dispatch() {
  const app = await createApp({ host: 'test', dataDir, version: 'test' });
  return app.dispatch;
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

  it('refuses unknown methods and names the allowed ones', async () => {
    const call = await dispatch();
    const error = await call('sendRequest', sendInput({ method: 'BREW' }), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/unknown HTTP method "BREW"; use one of GET, POST/);
  });

  it('refuses non-http URLs', async () => {
    const call = await dispatch();
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'javascript:alert(1)', '127.0.0.1:8080/x']) {
      await expect(call('sendRequest', sendInput({ url }), ctx)).rejects.toThrow(
        /request\.url: URL must start with http/,
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
