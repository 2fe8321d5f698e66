import { describe, expect, it } from 'vitest';
import { SecretStore } from '../core/secrets';
import { peer } from '../testing/peers';
import { createSandboxHandlers } from './handlers';
import { sendSigned, signWithBotocore } from './testdata/peers';

const ctx = { host: 'test' } as const;
const botocore = peer('botocore', 'the demo sandbox handler test that signs with botocore (handlers.test.ts)');

describe('demo sandbox handlers', () => {
  it.skipIf(botocore.skip)('starts once, hands out references instead of secrets, and stops', async () => {
    const secrets = new SecretStore();
    const handlers = createSandboxHandlers({ secrets });
    const [first, second] = await Promise.all([handlers.startDemoSandbox({}, ctx), handlers.startDemoSandbox({}, ctx)]);
    try {
      expect(second).toEqual(first);
      expect(await handlers.startDemoSandbox({}, ctx)).toEqual(first);
      expect(first.invoker.secretRef).toMatch(/^secret:/);
      expect(first.accountB.secretRef).toMatch(/^secret:/);
      expect(first.invoker.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      // Nothing in the renderer-bound result is a secret: no 40-character base64 key anywhere.
      expect(JSON.stringify(first)).not.toMatch(/[A-Za-z0-9+/]{40}/);

      const secret = secrets.reveal(first.invoker.secretRef);
      expect(secret).toBeDefined();
      const [signed] = await signWithBotocore([
        {
          method: 'GET',
          url: first.apiUrl + first.allowed.path,
          accessKeyId: first.invoker.accessKeyId,
          secretAccessKey: secret!,
          region: first.region,
          service: 'execute-api',
        },
      ]);
      expect((await sendSigned(signed!)).status).toBe(200);
    } finally {
      expect(await handlers.stopDemoSandbox({}, ctx)).toEqual({ stopped: true });
    }
    expect(secrets.reveal(first.invoker.secretRef)).toBeUndefined();
    expect(await handlers.stopDemoSandbox({}, ctx)).toEqual({ stopped: false });
    await expect(fetch(first.apiUrl)).rejects.toThrow();
  });
});
