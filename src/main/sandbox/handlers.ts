/**
 * Main-side handlers for the demo sandbox calls. The sandbox's secret keys go into the
 * SecretStore; the renderer only ever gets references to them.
 */
import type { DemoSandboxInfo } from '../../shared/api/sandbox';
import type { HandlerMap } from '../core/handlers';
import type { SecretStore } from '../core/secrets';
import { startSandbox, type Sandbox } from './server';

export interface SandboxHandlerDeps {
  readonly secrets: SecretStore;
}

interface Running {
  readonly sandbox: Sandbox;
  readonly info: DemoSandboxInfo;
}

/** The demo lets users watch a session expire, which AWS's 900 s minimum would make tedious. */
const DEMO_MIN_DURATION_SECONDS = 1;

async function launch(secrets: SecretStore): Promise<Running> {
  const sandbox = await startSandbox({ minDurationSeconds: DEMO_MIN_DURATION_SECONDS });
  try {
    const invoker = await secrets.put(sandbox.invoker.secretAccessKey, 'Demo sandbox: Account A invoker');
    const accountB = await secrets.put(sandbox.accountBUser.secretAccessKey, 'Demo sandbox: Account B developer');
    const info: DemoSandboxInfo = {
      region: sandbox.region,
      apiUrl: sandbox.apiUrl,
      stsEndpoint: sandbox.stsEndpoint,
      roleArn: sandbox.roleArn,
      externalIdRoleArn: sandbox.externalIdRoleArn,
      externalId: sandbox.externalId,
      mfaRoleArn: sandbox.mfaRoleArn,
      mfaSerial: sandbox.mfaSerial,
      allowed: sandbox.allowed,
      denied: sandbox.denied,
      invoker: { accessKeyId: sandbox.invoker.accessKeyId, secretRef: invoker.ref },
      accountB: { accessKeyId: sandbox.accountBUser.accessKeyId, secretRef: accountB.ref },
      ssoStartUrl: sandbox.ssoStartUrl,
      ssoRegion: sandbox.ssoRegion,
      oidcEndpoint: sandbox.oidcEndpoint,
      portalEndpoint: sandbox.portalEndpoint,
      ssoAccountId: sandbox.ssoAccountId,
      ssoRoleName: sandbox.ssoRoleName,
    };
    return { sandbox, info };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

/**
 * Handlers for `startDemoSandbox` (idempotent: concurrent and repeated calls share one
 * sandbox) and `stopDemoSandbox` (closes it and forgets its now useless secrets).
 */
export function createSandboxHandlers(deps: SandboxHandlerDeps): HandlerMap<'startDemoSandbox' | 'stopDemoSandbox'> {
  let running: Promise<Running> | undefined;

  return {
    startDemoSandbox: async () => {
      if (!running) {
        running = launch(deps.secrets);
        // A failed start must not stick: the next call tries again.
        running.catch(() => {
          running = undefined;
        });
      }
      return (await running).info;
    },
    stopDemoSandbox: async () => {
      const current = running;
      if (!current) return { stopped: false };
      running = undefined;
      const { sandbox, info } = await current;
      await sandbox.close();
      await deps.secrets.delete(info.invoker.secretRef);
      await deps.secrets.delete(info.accountB.secretRef);
      return { stopped: true };
    },
  };
}
