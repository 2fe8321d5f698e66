/**
 * A small workspace created through main's own calls, as the sidebar would after a user
 * built it: collection "Pets" with a request at the root and a folder holding another.
 */
import { must } from './real-main';
import { emptyRequest } from '../../shared/request-basics';

export interface SeededWorkspace {
  readonly collectionId: string;
  readonly folderId: string;
  readonly listPetsId: string;
  readonly flushId: string;
}

export async function seedPets(): Promise<SeededWorkspace> {
  const api = window.signet!;
  const { collection } = await must(api.createCollection({ name: 'Pets' }));
  const listPets = await must(
    api.saveRequest({
      collectionId: collection.id,
      request: {
        ...emptyRequest(''),
        name: 'List pets',
        url: 'https://api.example.com/pets?limit=10',
        headers: [{ key: 'Accept', value: 'application/json', enabled: true }],
      },
    }),
  );
  const { item: folder } = await must(
    api.createItem({
      collectionId: collection.id,
      parentId: null,
      kind: 'folder',
      name: 'Admin',
    }),
  );
  const flush = await must(
    api.saveRequest({
      collectionId: collection.id,
      parentId: folder.id,
      request: { ...emptyRequest(''), name: 'Flush cache', method: 'POST', url: 'https://api.example.com/admin/cache' },
    }),
  );
  return { collectionId: collection.id, folderId: folder.id, listPetsId: listPets.itemId, flushId: flush.itemId };
}
