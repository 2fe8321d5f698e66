import { useState } from 'react';
import type { OutlineItem } from '../../shared/outline';
import { useCollectionsStore } from './store';
import { saveActiveTab } from '../workflows';
import { useActiveField } from '../request/store';
import { Modal } from '../common/Modal';

/** Every folder of a tree as "Outer / Inner", depth first, for the folder picker. */
function folderChoices(items: readonly OutlineItem[], prefix = ''): Array<{ id: string; label: string }> {
  const out: Array<{ id: string; label: string }> = [];
  for (const item of items) {
    if (item.type !== 'folder') continue;
    const label = prefix ? `${prefix} / ${item.name}` : item.name;
    out.push({ id: item.id, label }, ...folderChoices(item.items, label));
  }
  return out;
}

/** Asks the name of an unsaved tab's request, and the collection and folder it goes to. */
export function SaveAsDialog({ onClose }: { readonly onClose: () => void }) {
  const load = useCollectionsStore((s) => s.load);
  const collections = load.status === 'success' ? load.workspace.collections : [];
  const currentName = useActiveField('name');
  const [name, setName] = useState(currentName);
  const [collectionId, setCollectionId] = useState(collections[0]?.id ?? '');
  const [folderId, setFolderId] = useState('');
  const folders = folderChoices(collections.find((c) => c.id === collectionId)?.items ?? []);
  return (
    <Modal label="Save request" onCancel={onClose}>
      <form
        className="modal"
        onSubmit={(event) => {
          event.preventDefault();
          if (!collectionId || !name.trim()) return;
          onClose();
          void saveActiveTab(collectionId, { name, parentId: folderId || null });
        }}
      >
        <h3>Save request</h3>
        {collections.length === 0 ? (
          <p className="muted">Create a collection first.</p>
        ) : (
          <>
            <label className="field">
              <span>Name</span>
              <input aria-label="Request name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            </label>
            <label className="field">
              <span>Collection</span>
              <select
                aria-label="Save to collection"
                value={collectionId}
                onChange={(e) => {
                  setCollectionId(e.target.value);
                  setFolderId('');
                }}
              >
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Folder</span>
              <select aria-label="Save to folder" value={folderId} onChange={(e) => setFolderId(e.target.value)}>
                <option value="">(the collection itself)</option>
                {folders.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!collectionId || !name.trim()}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
