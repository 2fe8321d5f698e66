/**
 * Workflows that cross features: each is one action here, so stores never drive each
 * other and components call actions rather than main. This is also where main's events
 * are routed to the stores that show them.
 */
import type { DemoSandboxInfo } from '../shared/api/sandbox';
import type { Environment } from '../shared/api/collections';
import type { AwsSigV4Auth, CredentialSource, RequestSpec } from '../shared/model';
import { emptyRequest } from '../shared/request-basics';
import type { Result } from '../shared/result';
import type { SignetApi } from '../shared/contract';
import { api, onEvent, onStreamStatus, workspaceChangedSinceStart } from './api';
import { useCollectionsStore } from './collections/store';
import { reloadCredentialViews, useCredentialsStore } from './credentials/store';
import { useSsoStore } from './credentials/sso-store';
import { useRequestStore } from './request/store';
import { useSidebarUi } from './collections/ui-store';
import { useHistoryStore } from './history/store';
import { useUndoStore } from './undo/store';

/**
 * Loads the workspace; on the first load, the active environment becomes this window's.
 * `firstFrame`: the outline frame already asked for (at the window's start), used once.
 */
export async function loadWorkspace(firstFrame?: ReturnType<SignetApi['loadOutlineFrame']>): Promise<void> {
  const firstLoad = useCollectionsStore.getState().load.status !== 'success';
  await useCollectionsStore.getState().loadWorkspace(firstFrame);
  const load = useCollectionsStore.getState().load;
  const requests = useRequestStore.getState();
  if (
    firstLoad &&
    load.status === 'success' &&
    requests.environmentId === undefined &&
    load.workspace.activeEnvironmentId
  )
    requests.setEnvironment(load.workspace.activeEnvironmentId);
}

/**
 * The workspace's first load, started by whoever asks first: main.tsx asks before React's
 * first render, with the frame the api module asked for as it loaded, so the outline is on
 * its way while the shell renders (the sidebar's own effect runs only after the first paint).
 */
export function startWorkspaceLoad(firstFrame?: ReturnType<SignetApi['loadOutlineFrame']>): void {
  if (useCollectionsStore.getState().load.status === 'idle') void loadWorkspace(firstFrame);
}

/** Opens a stored request in a tab, or focuses its tab (which may hold unsaved edits). */
export async function openStoredRequest(collectionId: string, itemId: string): Promise<void> {
  const requests = useRequestStore.getState();
  const open = requests.tabs.find((tab) => tab.context.itemId === itemId);
  if (open) return requests.selectTab(open.id);
  const result = await api.getRequest({ collectionId, itemId });
  if (!result.ok) return useCollectionsStore.getState().showFailure(result.error);
  useRequestStore.getState().openRequest(result.value.request, { collectionId, itemId });
}

/** Renames a collection, folder or request; a renamed request's open tabs take the new name. */
export async function renameItem(collectionId: string, itemId: string, name: string): Promise<boolean> {
  const renamed = await useCollectionsStore.getState().renameItem(collectionId, itemId, name);
  if (renamed && collectionId !== itemId) useRequestStore.getState().renameStored(itemId, name);
  return renamed;
}

/**
 * Saves the active tab into its collection, or into `collectionId` as a new request, under
 * `as.name` and in folder `as.parentId` when given (Save As).
 */
export async function saveActiveTab(
  collectionId?: string,
  as: { readonly name?: string; readonly parentId?: string | null } = {},
): Promise<boolean> {
  const requests = useRequestStore.getState();
  const tab = requests.tabs.find((t) => t.id === requests.activeTabId);
  if (!tab) return false;
  const target = collectionId ?? tab.context.collectionId;
  if (!target) return false;
  const isNew = collectionId !== undefined && collectionId !== tab.context.collectionId;
  const id = isNew ? '' : (tab.context.itemId ?? '');
  const collections = useCollectionsStore.getState();
  const request = { ...tab.request, id, ...(as.name?.trim() ? { name: as.name.trim() } : {}) };
  const saved = await collections.edit(() =>
    api.saveRequest({
      collectionId: target,
      request,
      ...(isNew && as.parentId ? { parentId: as.parentId } : {}),
    }),
  );
  if (!saved) return false;
  // Saved under a new name: the tab shows it too.
  if (request.name !== tab.request.name)
    useRequestStore.setState((state) => ({
      tabs: state.tabs.map((t) => (t.id === tab.id ? { ...t, request: { ...t.request, name: request.name } } : t)),
    }));
  useRequestStore.getState().markSaved(tab.id, { collectionId: target, itemId: saved.itemId });
  collections.setNotice(null);
  return true;
}

/**
 * Saves a tab into its collection and closes it. A tab that belongs to no collection is
 * selected and the Save As dialog opens instead; it stays open until saved (false).
 */
export async function saveAndCloseTab(tabId: string): Promise<boolean> {
  useRequestStore.getState().selectTab(tabId);
  if (!activeTabHasCollection()) {
    useSidebarUi.getState().openDialog({ type: 'save-as' });
    return false;
  }
  const saved = await saveActiveTab();
  if (saved) useRequestStore.getState().closeTab(tabId);
  return saved;
}

/** Whether the active tab belongs to a collection still in the workspace (Ctrl/Cmd+S saves in place). */
export function activeTabHasCollection(): boolean {
  const requests = useRequestStore.getState();
  const collectionId = requests.tabs.find((t) => t.id === requests.activeTabId)?.context.collectionId;
  const load = useCollectionsStore.getState().load;
  return (
    Boolean(collectionId) && load.status === 'success' && load.workspace.collections.some((c) => c.id === collectionId)
  );
}

/** Makes an environment the one `{{variables}}` resolve from, in main and for this window's sends. */
export async function setActiveEnvironment(environmentId: string | null): Promise<Result<unknown>> {
  const result = await api.setActiveEnvironment({ environmentId });
  if (result.ok) useRequestStore.getState().setEnvironment(environmentId ?? undefined);
  await useCollectionsStore.getState().loadWorkspace();
  return result;
}

/** Saves an environment; secret values typed in plain text come back as `secret:` references. */
export async function saveEnvironment(environment: Environment): Promise<Result<Environment>> {
  const result = await api.saveEnvironment({ environment });
  await useCollectionsStore.getState().loadWorkspace();
  return result.ok ? { ok: true, value: result.value.environment } : result;
}

export async function deleteEnvironment(environmentId: string): Promise<Result<unknown>> {
  const load = useCollectionsStore.getState().load;
  const name =
    load.status === 'success' ? load.workspace.environments.find((e) => e.id === environmentId)?.name : undefined;
  const result = await api.deleteEnvironment({ environmentId });
  if (result.ok && result.value.undoId)
    useUndoStore.getState().offer(result.value.undoId, `Deleted environment “${name ?? environmentId}”`);
  if (result.ok && useRequestStore.getState().environmentId === environmentId)
    useRequestStore.getState().setEnvironment(undefined);
  await useCollectionsStore.getState().loadWorkspace();
  return result;
}

/** Points the active request's AWS Signature at a credential source, keeping its region and service. */
export function useCredentialSource(source: CredentialSource): void {
  const { tabs, activeTabId, updateRequest } = useRequestStore.getState();
  const auth = tabs.find((t) => t.id === activeTabId)?.request.auth;
  updateRequest({
    auth:
      auth?.type === 'awsv4'
        ? { ...auth, source }
        : { type: 'awsv4', source, region: '', service: '', addAuthDataTo: 'headers', expiresSeconds: 900 },
  });
}

function demoAuth(info: DemoSandboxInfo, source: CredentialSource): AwsSigV4Auth {
  return {
    type: 'awsv4',
    source,
    region: info.region,
    service: 'execute-api',
    addAuthDataTo: 'headers',
    expiresSeconds: 900,
  };
}

const DEMO_LABEL = 'Demo: SignetInvokeRole';

/**
 * The first-run demo: starts the local sandbox (an API Gateway + STS look-alike in
 * main), assumes its cross-account role with Account B's keys, and opens requests
 * that show 200 with the role and 403 without it. No AWS account needed.
 */
export async function startDemo(): Promise<Result<unknown>> {
  const started = await api.startDemoSandbox({});
  if (!started.ok) return started;
  const info = started.value;
  const accountB: CredentialSource = {
    kind: 'keys',
    accessKeyId: info.accountB.accessKeyId,
    secretAccessKey: info.accountB.secretRef,
    sessionToken: '',
  };
  // A second "Try the demo" reuses the demo's session and tabs rather than adding copies.
  const credentials = useCredentialsStore.getState();
  await credentials.loadSessions();
  const held = useCredentialsStore
    .getState()
    .sessions.find((s) => s.label === DEMO_LABEL && s.roleArn === info.roleArn && s.endpoint === info.stsEndpoint);
  let sessionId = held?.id;
  if (!sessionId) {
    const assumed = await credentials.assumeRole({
      source: accountB,
      roleArn: info.roleArn,
      sessionName: 'signet-demo',
      durationSeconds: 3600,
      region: info.region,
      endpoint: info.stsEndpoint,
      autoRefresh: true,
      label: DEMO_LABEL,
    });
    if (!assumed.ok) return assumed;
    sessionId = assumed.value.sessionId;
  }
  const session: CredentialSource = { kind: 'session', sessionId };
  const make = (name: string, route: DemoSandboxInfo['allowed'], source: CredentialSource): RequestSpec => ({
    ...emptyRequest(`demo-${name}`),
    name,
    method: route.method,
    url: `${info.apiUrl}${route.path}`,
    auth: demoAuth(info, source),
  });
  const { openRequest } = useRequestStore.getState();
  const open = (request: RequestSpec): void => {
    const { tabs, selectTab } = useRequestStore.getState();
    const already = tabs.find((t) => t.request.name === request.name && t.request.url === request.url);
    if (already) selectTab(already.id);
    else openRequest(request);
  };
  open(make('Demo: account B without the role', info.allowed, accountB));
  open(make(`Demo: ${info.denied.method} ${info.denied.path} (denied)`, info.denied, session));
  open(make(`Demo: ${info.allowed.method} ${info.allowed.path} (assumed role)`, info.allowed, session));
  return { ok: true, value: null };
}

/**
 * Routes main's events to the stores that show them; returns the function that stops.
 * After the browser host's stream reconnects, events sent meanwhile are lost, so
 * everything they would have updated is reloaded.
 */
export function followMainEvents(): () => void {
  let connectedBefore = false;
  const stops = [
    onEvent('sessionChanged', reloadCredentialViews),
    onEvent('credentialsChanged', reloadCredentialViews),
    onEvent('ssoLoginChanged', (event) => useSsoStore.getState().loginChanged(event)),
    onEvent('workspaceChanged', () => void loadWorkspace()),
    onEvent('historyChanged', () => void useHistoryStore.getState().reload()),
    onEvent('progress', ({ operationId, operation, phase, done, total }) => {
      if (operation === 'import')
        useCollectionsStore
          .getState()
          .importProgress(operationId, { phase, done, ...(total !== undefined ? { total } : {}) });
    }),
    onStreamStatus((status) => {
      if (status !== 'open') return;
      if (connectedBefore) {
        reloadCredentialViews();
        void loadWorkspace();
        void useHistoryStore.getState().reload();
      }
      connectedBefore = true;
    }),
  ];
  // The first load may have used the frame asked for before these listeners existed.
  if (workspaceChangedSinceStart()) void loadWorkspace();
  return () => stops.forEach((stop) => stop());
}

/** A tab's title for a history entry: the request's own name, else method and path. */
function historyTabName(name: string, method: string, url: string): string {
  if (name && name !== 'Untitled request') return name;
  const path = /^[a-z]+:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] || url;
  return `${method} ${path || '/'}`.slice(0, 120);
}

/**
 * Reopens a history entry in a new tab: the request as written (secrets as references), in
 * its collection when that still exists, so variables and inherited auth resolve as they did.
 */
export async function openHistoryEntry(id: string): Promise<Result<unknown>> {
  const result = await api.getHistoryEntry({ id });
  if (!result.ok) return result;
  const entry = result.value;
  const load = useCollectionsStore.getState().load;
  const collectionId = entry.context.collectionId;
  const inWorkspace =
    collectionId !== undefined &&
    load.status === 'success' &&
    load.workspace.collections.some((c) => c.id === collectionId);
  useRequestStore
    .getState()
    .openRequest(
      { ...entry.request, id: '', name: historyTabName(entry.name, entry.method, entry.request.url) },
      inWorkspace ? { collectionId } : {},
    );
  return result;
}

/** Saves a history entry as a new request in a collection, and shows it in the sidebar. */
export async function saveHistoryEntry(
  id: string,
  collectionId: string,
  name?: string,
): Promise<Result<{ itemId: string }>> {
  const result = await api.saveHistoryToCollection({ id, collectionId, ...(name ? { name } : {}) });
  await useCollectionsStore.getState().loadWorkspace();
  return result;
}

/** Takes a deletion back (the undo note's button), and shows what came back. */
export async function undoDeletion(undoId: string): Promise<void> {
  const result = await api.undoDelete({ undoId });
  if (!result.ok) return useUndoStore.getState().fail(undoId, result.error.message);
  useUndoStore.getState().dismiss(undoId);
  if (result.value.kind === 'session') return reloadCredentialViews();
  await loadWorkspace();
  const load = useCollectionsStore.getState().load;
  const requests = useRequestStore.getState();
  // An environment that was active comes back active: this window uses it again.
  if (result.value.kind === 'environment' && load.status === 'success' && requests.environmentId === undefined)
    requests.setEnvironment(load.workspace.activeEnvironmentId ?? undefined);
}
