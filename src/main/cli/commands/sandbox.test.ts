import { describe, expect, it } from 'vitest';
import { sandboxCommand } from './sandbox';
import type { SandboxDescription } from '../../sandbox';

describe('signet sandbox', () => {
  it('prints one JSON line describing a working sandbox and stops on SIGTERM', async () => {
    const lines: string[] = [];
    let printed: () => void = () => undefined;
    const firstLine = new Promise<void>((resolve) => {
      printed = resolve;
    });
    const io = {
      stdout: (text: string) => {
        lines.push(text);
        printed();
      },
      stderr: () => undefined,
      env: {},
      cwd: process.cwd(),
    };
    const exit = sandboxCommand.run(['--min-duration-seconds', '5'], io);
    await firstLine;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\{.*\}\n$/);
    const description = JSON.parse(lines[0]!) as SandboxDescription;
    expect(description).toMatchObject({
      region: 'us-east-1',
      roleArn: 'arn:aws:iam::111111111111:role/SignetInvokeRole',
      allowed: { method: 'GET', path: '/pets' },
    });
    expect(description.stsEndpoint).toBe(`${description.apiUrl}/sts`);
    expect(description.accountB.accessKeyId).toMatch(/^AKIA/);
    expect(description).toMatchObject({
      ssoStartUrl: `${description.apiUrl}/sso/start`,
      ssoRegion: 'us-east-1',
      oidcEndpoint: `${description.apiUrl}/sso/oidc`,
      portalEndpoint: `${description.apiUrl}/sso/portal`,
      ssoAccountId: '222222222222',
      ssoRoleName: 'SignetDeveloper',
    });

    const unsigned = await fetch(description.apiUrl + '/pets');
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });

    process.emit('SIGTERM');
    await expect(exit).resolves.toBe(0);
    await expect(fetch(description.apiUrl)).rejects.toThrow();
  });

  it('rejects a bad port as a usage error', async () => {
    const io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: process.cwd() };
    await expect(sandboxCommand.run(['--port', '70000'], io)).rejects.toThrow('--port must be 0..65535');
  });
});
