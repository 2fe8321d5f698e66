import { useState } from 'react';
import type { DemoSandboxInfo } from '../../shared/api/sandbox';
import { emptyRequest, type AwsSigV4Auth, type CredentialSource } from '../../shared/model';
import { api } from '../api';
import { useCredentialsStore } from '../credentials/store';
import { useRequestStore } from '../request/store';

function awsAuth(info: DemoSandboxInfo, source: CredentialSource): AwsSigV4Auth {
  return {
    type: 'awsv4',
    source,
    region: info.region,
    service: 'execute-api',
    addAuthDataTo: 'headers',
    expiresSeconds: 900,
  };
}

/**
 * The first-run demo: starts the local sandbox (an API Gateway + STS look-alike in
 * main), assumes its cross-account role with Account B's keys, and opens requests
 * that show 200 with the role and 403 without it. No AWS account needed.
 */
export function DemoButton({ className }: { className?: string }) {
  const [state, setState] = useState<'idle' | 'starting' | 'error'>('idle');
  const [error, setError] = useState('');
  const assumeRole = useCredentialsStore((s) => s.assumeRole);
  const openRequest = useRequestStore((s) => s.openRequest);

  const start = async () => {
    setState('starting');
    try {
      const info = await api.startDemoSandbox({});
      const accountB: CredentialSource = {
        kind: 'keys',
        accessKeyId: info.accountB.accessKeyId,
        secretAccessKey: info.accountB.secretRef,
        sessionToken: '',
      };
      const assumed = await assumeRole({
        source: accountB,
        roleArn: info.roleArn,
        sessionName: 'signet-demo',
        durationSeconds: 3600,
        region: info.region,
        endpoint: info.stsEndpoint,
        autoRefresh: true,
        label: 'Demo: SignetInvokeRole',
      });
      if (!assumed.ok || !assumed.sessionId)
        throw new Error(assumed.ok ? 'no session returned' : assumed.error.message);
      const session: CredentialSource = { kind: 'session', sessionId: assumed.sessionId };
      const make = (name: string, path: string, method: string, source: CredentialSource) => ({
        ...emptyRequest(`demo-${name}`),
        name,
        method: method as 'GET',
        url: `${info.apiUrl}${path}`,
        auth: awsAuth(info, source),
      });
      openRequest(make(`Demo: account B without the role`, info.allowed.path, info.allowed.method, accountB));
      openRequest(
        make(`Demo: ${info.denied.method} ${info.denied.path} (denied)`, info.denied.path, info.denied.method, session),
      );
      openRequest(
        make(
          `Demo: ${info.allowed.method} ${info.allowed.path} (assumed role)`,
          info.allowed.path,
          info.allowed.method,
          session,
        ),
      );
      setState('idle');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  };

  return (
    <>
      <button type="button" className={className} disabled={state === 'starting'} onClick={() => void start()}>
        {state === 'starting' ? 'Starting demo…' : 'Try the demo'}
      </button>
      {state === 'error' && (
        <span className="field-error" role="alert">
          Demo failed: {error}
        </span>
      )}
    </>
  );
}
