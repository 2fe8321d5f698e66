import { effectiveAuth, walkItems, type Collection } from '../../../shared/collection';

/** Requests per effective auth type after inheritance, as every import report counts them. */
export function authCounts(collection: Collection): Record<string, number> {
  const auth: Record<string, number> = {};
  walkItems(collection.items, (item, folders) => {
    if (item.type !== 'request') return;
    const type = effectiveAuth(collection.auth, folders, item.request.auth).type;
    auth[type] = (auth[type] ?? 0) + 1;
  });
  return auth;
}
