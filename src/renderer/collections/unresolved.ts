import { useMemo } from 'react';
import { effectiveAuth } from '../../shared/request-basics';
import { outlineFoldersOf, type FolderOutline, type WorkspaceOutline } from '../../shared/outline';
import type { Auth, RequestSpec } from '../../shared/model';
import { findVariables, layeredValues, variableLayers } from '../../shared/variables';
import { useActiveContext, useActiveRequest, useRequestStore } from '../request/store';
import { useCollectionsStore } from './store';
import type { TreeIndex } from './tree-rows';

/**
 * The folders above a stored request, outermost first. The frame's collections hold
 * folders only (requests arrive in pages), so the request's folder is found in the tree
 * index; [] while its page has not arrived.
 */
export function requestFolders(
  workspace: WorkspaceOutline,
  index: TreeIndex | undefined,
  collectionId: string,
  itemId: string,
): readonly FolderOutline[] {
  const collection = workspace.collections.find((c) => c.id === collectionId);
  const position = index?.byKey.get(`${collectionId}/${itemId}`);
  if (!collection || !index || position === undefined) return [];
  const parent = index.nodes[index.nodes[position]!.parent];
  if (parent?.kind !== 'folder') return [];
  const above = outlineFoldersOf(collection.items, parent.id) ?? [];
  const folder = (above.at(-1)?.items ?? collection.items).find((item) => item.id === parent.id);
  return folder?.type === 'folder' ? [...above, folder] : above;
}

/**
 * Names a request can resolve, by main's own rule (variableLayers: the environment's
 * enabled values, secret ones included since main holds them, then the request's
 * folders and its collection).
 */
export function knownVariables(
  workspace: WorkspaceOutline,
  index: TreeIndex | undefined,
  environmentId: string | null,
  collectionId?: string,
  itemId?: string,
): ReadonlySet<string> {
  const environment = environmentId ? workspace.environments.find((env) => env.id === environmentId) : undefined;
  const collection = collectionId ? workspace.collections.find((c) => c.id === collectionId) : undefined;
  const folders = collection && itemId ? requestFolders(workspace, index, collection.id, itemId) : [];
  type Layer = readonly { readonly key: string; readonly value: string; readonly enabled: boolean }[];
  const layers = variableLayers<Layer>({
    ...(environment ? { environment: environment.values } : {}),
    folders: folders.map((folder) => folder.variables),
    ...(collection ? { collection: collection.variables } : {}),
  });
  return new Set(layeredValues(layers).keys());
}

/** The texts of an auth that may hold `{{variables}}`. */
function authTexts(auth: Auth): string[] {
  switch (auth.type) {
    case 'awsv4': {
      const source =
        auth.source.kind === 'keys'
          ? [auth.source.accessKeyId, auth.source.secretAccessKey, auth.source.sessionToken]
          : [];
      return [...source, auth.region, auth.service];
    }
    case 'basic':
      return [auth.username, auth.password];
    case 'bearer':
      return [auth.token];
    case 'apikey':
      return [auth.key, auth.value];
    default:
      return [];
  }
}

/** The auth a request will be signed with: its own, else what its folders or collection set. */
function authInEffect(
  workspace: WorkspaceOutline | undefined,
  index: TreeIndex | undefined,
  request: RequestSpec,
  collectionId?: string,
  itemId?: string,
): Auth {
  if (request.auth.type !== 'inherit') return request.auth;
  const collection = workspace?.collections.find((c) => c.id === collectionId);
  if (!workspace || !collection) return { type: 'none' };
  return effectiveAuth(collection.auth, itemId ? requestFolders(workspace, index, collection.id, itemId) : []);
}

/**
 * The `{{names}}` the active tab's request cannot resolve (URL, enabled headers, the
 * auth in effect), in order of first use.
 */
export function useUnresolvedVariables(): string[] {
  const request = useActiveRequest();
  const workspace = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.workspace : undefined));
  const index = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.index : undefined));
  const selected = useRequestStore((s) => s.environmentId);
  const { collectionId, itemId } = useActiveContext();
  const known = useMemo(
    () =>
      workspace
        ? knownVariables(workspace, index, selected ?? workspace.activeEnvironmentId, collectionId, itemId)
        : new Set<string>(),
    [workspace, index, selected, collectionId, itemId],
  );
  const auth = useMemo(
    () => authInEffect(workspace, index, request, collectionId, itemId),
    [workspace, index, request, collectionId, itemId],
  );
  const texts = [
    request.url,
    ...request.headers.filter((h) => h.enabled).flatMap((h) => [h.key, h.value]),
    ...authTexts(auth),
  ];
  const joined = texts.join('\n');
  return useMemo(() => findVariables(joined).filter((name) => !known.has(name)), [joined, known]);
}
