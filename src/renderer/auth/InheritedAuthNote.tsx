import { useEffect, useState } from 'react';
import type { InheritedAuth } from '../../shared/api/collections';
import { api } from '../api';
import { useCollectionsStore } from '../collections/store';
import { useRequestStore } from '../request/store';

const KIND_LABELS: Readonly<Record<string, string>> = {
  none: 'no auth',
  awsv4: 'AWS Signature',
  bearer: 'a bearer token',
  basic: 'basic auth',
  apikey: 'an API key',
  unsupported: 'an auth type Signet cannot run',
};

/** Describes the inherited auth in a line: "AWS Signature (eu-west-1 / execute-api, profile api-caller)". */
function describe(auth: InheritedAuth['auth']): string {
  if (auth.type !== 'awsv4') return KIND_LABELS[auth.type] ?? auth.type;
  const scope =
    auth.region || auth.service
      ? `${auth.region || 'region from the host'} / ${auth.service || 'service from the host'}`
      : 'region and service from the host';
  const source =
    auth.source.kind === 'profile'
      ? `profile ${auth.source.profile}`
      : auth.source.kind === 'session'
        ? 'a session'
        : 'access keys';
  return `AWS Signature (${scope}, ${source})`;
}

/**
 * What a request set to "Inherit" signs with and where that comes from, asked of main for the
 * active tab; asked again whenever the workspace changes (a folder's or collection's settings).
 */
export function InheritedAuthNote() {
  const context = useRequestStore((s) => s.tabs.find((t) => t.id === s.activeTabId)?.context);
  const load = useCollectionsStore((s) => s.load);
  const collectionId = context?.collectionId;
  const itemId = context?.itemId;
  const [inherited, setInherited] = useState<{ key: string; value: InheritedAuth | null } | null>(null);
  const key = `${collectionId ?? ''}/${itemId ?? ''}`;

  useEffect(() => {
    if (!collectionId) return;
    let current = true;
    void api.inheritedAuth({ collectionId, ...(itemId ? { itemId } : {}) }).then((result) => {
      if (current) setInherited({ key: `${collectionId}/${itemId ?? ''}`, value: result.ok ? result.value : null });
    });
    return () => {
      current = false;
    };
  }, [collectionId, itemId, load]);

  if (!collectionId)
    return (
      <p className="muted" data-testid="inherited-auth">
        This request is in no collection, so it inherits nothing and is sent without auth.
      </p>
    );
  // Until main answers for this tab (and if it cannot), the rule in words.
  if (!inherited || inherited.key !== key || !inherited.value)
    return <p className="muted">Uses the auth of the nearest folder, then the collection.</p>;
  const { auth, from } = inherited.value;
  return (
    <p className="muted" data-testid="inherited-auth">
      {from
        ? `Inherits ${describe(auth)} from ${from.kind} “${from.name}”.`
        : 'Inherits nothing: no folder above it and not its collection set auth, so it is sent without auth.'}{' '}
      Change it in the {from?.kind ?? 'collection'}’s settings (the … actions button on its row in the sidebar).
    </p>
  );
}
