import { useMemo } from 'react';
import { findItem, type Workspace } from '../../shared/collection';
import { findVariables } from '../../shared/variables';
import { useActiveTab, useRequestStore } from '../request/store';
import { useCollectionsStore } from './store';

/**
 * Names a request can resolve, by main's rules (see send-scope): the environment's
 * enabled values (secret ones count; main holds them), then the request's folders and
 * its collection.
 */
export function knownVariables(
  workspace: Workspace,
  environmentId: string | null,
  collectionId?: string,
  itemId?: string,
): ReadonlySet<string> {
  const known = new Set<string>();
  const environment = environmentId ? workspace.environments.find((env) => env.id === environmentId) : undefined;
  for (const value of environment?.values ?? []) if (value.enabled) known.add(value.key);
  const collection = collectionId ? workspace.collections.find((c) => c.id === collectionId) : undefined;
  if (collection) {
    for (const variable of collection.variables) if (variable.enabled) known.add(variable.key);
    const folders = itemId ? (findItem(collection.items, itemId)?.folders ?? []) : [];
    for (const folder of folders)
      for (const variable of folder.variables) if (variable.enabled) known.add(variable.key);
  }
  return known;
}

/** The `{{names}}` in `texts` that the active tab cannot resolve, in order of first use. */
export function useUnresolvedVariables(texts: readonly string[]): string[] {
  const tab = useActiveTab();
  const workspace = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.workspace : undefined));
  const selected = useRequestStore((s) => s.environmentId);
  const { collectionId, itemId } = tab.context;
  const known = useMemo(
    () =>
      workspace
        ? knownVariables(workspace, selected ?? workspace.activeEnvironmentId, collectionId, itemId)
        : new Set<string>(),
    [workspace, selected, collectionId, itemId],
  );
  const joined = texts.join('\n');
  return useMemo(() => findVariables(joined).filter((name) => !known.has(name)), [joined, known]);
}
