import { create } from 'zustand';
import type { IamOfflineTest, IamSetup, IamSimulation } from '../../shared/api/iam';
import type { Failure } from '../../shared/result';
import { api } from '../api';
import type { DeniedInvoke } from './from-403';

/** The generate form as typed (strings; parsed when sent). */
export interface IamForm {
  readonly account: string;
  readonly apiId: string;
  readonly region: string;
  readonly stage: string;
  /** One route key per line (`GET /pets`); empty for every route. */
  readonly routes: string;
  readonly callerAccount: string;
  readonly callerPrincipal: string;
  readonly roleName: string;
  readonly externalId: string;
  readonly requireMfa: boolean;
  readonly sessionDuration: string;
}

/** The three editors' documents, by the file names the CLI writes. */
export type PolicyName = 'role-permissions.json' | 'role-trust.json' | 'caller-policy.json';

/** Optional policies the simulator also weighs; empty means none. */
export type ExtraPolicyName = 'boundary.json' | 'scp.json' | 'session-policy.json' | 'resource-policy.json';

type Status<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'success'; readonly value: T }
  | { readonly state: 'error'; readonly failure: Failure };

/** What "Check against my policies" hands over from a 403. */
export interface SimulationRequest {
  readonly method: string;
  readonly path: string;
}

interface IamState {
  readonly open: boolean;
  readonly form: IamForm;
  readonly generated: Status<IamSetup>;
  readonly policies: Readonly<Record<PolicyName, string>>;
  readonly extraPolicies: Readonly<Record<ExtraPolicyName, string>>;
  readonly simulation: Status<IamSimulation>;
  readonly simulationRequest: SimulationRequest;
  readonly offline: Status<IamOfflineTest>;
  /** The routes "Test offline" sends, one `METHOD /path` per line. */
  readonly offlineRoutes: string;
  readonly setOpen: (open: boolean) => void;
  readonly setForm: (change: Partial<IamForm>) => void;
  readonly setPolicy: (name: PolicyName, text: string) => void;
  readonly setExtraPolicy: (name: ExtraPolicyName, text: string) => void;
  readonly setSimulationRequest: (change: Partial<SimulationRequest>) => void;
  readonly setOfflineRoutes: (routes: string) => void;
  readonly generate: () => Promise<void>;
  readonly simulate: () => Promise<void>;
  readonly testOffline: () => Promise<void>;
}

const INITIAL_FORM: IamForm = {
  account: '111111111111',
  apiId: 'a1b2c3d4e5',
  region: 'us-east-1',
  stage: '$default',
  routes: 'GET /pets\nGET /pets/{id}',
  callerAccount: '222222222222',
  callerPrincipal: '',
  roleName: 'SignetInvokeRole',
  externalId: '',
  requireMfa: false,
  sessionDuration: '3600',
};

const pretty = (policy: unknown): string => `${JSON.stringify(policy, null, 2)}\n`;

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

type SampleMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const SAMPLE_METHODS: readonly SampleMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A route line as a request: `{param}` segments and `*` get a sample value, ANY becomes GET. */
function sampleRoute(line: string): { method: SampleMethod; path: string } | undefined {
  const match = /^(\w+)\s+(\/\S*)$/.exec(line);
  if (!match) return undefined;
  const word = match[1]!.toUpperCase();
  const method = word === 'ANY' ? 'GET' : SAMPLE_METHODS.find((m) => m === word);
  if (!method) return undefined;
  return { method, path: match[2]!.replace(/\{[^}]+\}/g, '1').replace(/\*/g, 'sample') };
}

/** The IAM assistant's state; its actions are the only code here that calls main. */
export const useIam = create<IamState>()((set, get) => ({
  open: false,
  form: INITIAL_FORM,
  generated: { state: 'idle' },
  policies: { 'role-permissions.json': '', 'role-trust.json': '', 'caller-policy.json': '' },
  extraPolicies: { 'boundary.json': '', 'scp.json': '', 'session-policy.json': '', 'resource-policy.json': '' },
  simulation: { state: 'idle' },
  simulationRequest: { method: 'GET', path: '/pets' },
  offline: { state: 'idle' },
  offlineRoutes: 'GET /pets\nGET /admin',
  setOpen: (open) => set({ open }),
  setForm: (change) => set((state) => ({ form: { ...state.form, ...change } })),
  setPolicy: (name, text) => set((state) => ({ policies: { ...state.policies, [name]: text } })),
  setExtraPolicy: (name, text) => set((state) => ({ extraPolicies: { ...state.extraPolicies, [name]: text } })),
  setSimulationRequest: (change) => set((state) => ({ simulationRequest: { ...state.simulationRequest, ...change } })),
  setOfflineRoutes: (offlineRoutes) => set({ offlineRoutes }),

  generate: async () => {
    const { form } = get();
    set({ generated: { state: 'loading' } });
    const result = await api.iamGenerate({
      account: form.account.trim(),
      apiId: form.apiId.trim(),
      region: form.region.trim(),
      stage: form.stage.trim() || '$default',
      routes: lines(form.routes),
      callerAccount: form.callerAccount.trim(),
      ...(form.callerPrincipal.trim() ? { callerPrincipal: form.callerPrincipal.trim() } : {}),
      ...(form.roleName.trim() ? { roleName: form.roleName.trim() } : {}),
      ...(form.externalId ? { externalId: form.externalId } : {}),
      ...(form.requireMfa ? { requireMfa: true } : {}),
      ...(/^\d+$/.test(form.sessionDuration) ? { sessionDurationSeconds: Number(form.sessionDuration) } : {}),
    });
    if (!result.ok) {
      set({ generated: { state: 'error', failure: result.error } });
      return;
    }
    const routes = lines(form.routes)
      .map(sampleRoute)
      .filter((r) => r !== undefined);
    set({
      generated: { state: 'success', value: result.value },
      policies: {
        'role-permissions.json': pretty(result.value.rolePermissionsPolicy),
        'role-trust.json': pretty(result.value.roleTrustPolicy),
        'caller-policy.json': pretty(result.value.callerPolicy),
      },
      ...(routes[0] ? { simulationRequest: routes[0] } : {}),
      offlineRoutes: [...routes.slice(0, 3).map((r) => `${r.method} ${r.path}`), 'DELETE /admin'].join('\n'),
    });
  },

  simulate: async () => {
    const { form, policies, extraPolicies, simulationRequest } = get();
    set({ simulation: { state: 'loading' } });
    const extra = (file: ExtraPolicyName) =>
      extraPolicies[file].trim() ? { file, text: extraPolicies[file] } : undefined;
    const boundary = extra('boundary.json');
    const scp = extra('scp.json');
    const sessionPolicy = extra('session-policy.json');
    const resourcePolicy = extra('resource-policy.json');
    const account = form.account.trim();
    const path = simulationRequest.path.replace(/^\/+/, '');
    const result = await api.iamSimulate({
      caller: form.callerPrincipal.trim() || `arn:aws:iam::${form.callerAccount.trim()}:user/developer`,
      callerPolicies: [{ file: 'caller-policy.json', text: policies['caller-policy.json'] }],
      roleArn: `arn:aws:iam::${account}:role/${form.roleName.trim() || 'SignetInvokeRole'}`,
      trustPolicy: { file: 'role-trust.json', text: policies['role-trust.json'] },
      rolePolicies: [{ file: 'role-permissions.json', text: policies['role-permissions.json'] }],
      ...(form.externalId ? { externalId: form.externalId } : {}),
      ...(form.requireMfa ? { mfa: true } : {}),
      ...(boundary ? { boundary } : {}),
      ...(scp ? { scps: [scp] } : {}),
      ...(sessionPolicy ? { sessionPolicy } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
      method: simulationRequest.method,
      resource: `arn:aws:execute-api:${form.region.trim()}:${account}:${form.apiId.trim()}/${form.stage.trim() || '$default'}/${simulationRequest.method.toUpperCase()}/${path}`,
    });
    set({
      simulation: result.ok ? { state: 'success', value: result.value } : { state: 'error', failure: result.error },
    });
  },

  testOffline: async () => {
    const { form, policies, offlineRoutes } = get();
    set({ offline: { state: 'loading' } });
    const routes = lines(offlineRoutes)
      .map(sampleRoute)
      .filter((r) => r !== undefined);
    const result = await api.iamTestOffline({
      apiAccount: form.account.trim(),
      callerAccount: form.callerAccount.trim(),
      apiId: form.apiId.trim(),
      roleName: form.roleName.trim() || 'SignetInvokeRole',
      trustPolicy: { file: 'role-trust.json', text: policies['role-trust.json'] },
      rolePolicies: [{ file: 'role-permissions.json', text: policies['role-permissions.json'] }],
      callerPolicies: [{ file: 'caller-policy.json', text: policies['caller-policy.json'] }],
      ...(form.externalId ? { externalId: form.externalId } : {}),
      routes,
    });
    set({ offline: result.ok ? { state: 'success', value: result.value } : { state: 'error', failure: result.error } });
  },
}));

/** Opens the assistant's simulator filled in from a refused invoke (the 403 explainer's "Check against my policies"). */
export function openSimulatorFor(denied: DeniedInvoke): void {
  const { setOpen, setSimulationRequest, setForm } = useIam.getState();
  setSimulationRequest({ method: denied.method, path: denied.path });
  setForm({
    account: denied.account,
    apiId: denied.apiId,
    region: denied.region,
    stage: denied.stage,
    ...(denied.roleName ? { roleName: denied.roleName } : {}),
  });
  setOpen(true);
}
