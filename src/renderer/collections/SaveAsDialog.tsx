import { useState } from 'react';
import { useCollectionsStore } from './store';
import { saveActiveTab } from '../workflows';
import { Modal } from '../common/Modal';

/** Asks which collection an unsaved tab goes to. */
export function SaveAsDialog({ onClose }: { readonly onClose: () => void }) {
  const load = useCollectionsStore((s) => s.load);
  const collections = load.status === 'success' ? load.workspace.collections : [];
  const [collectionId, setCollectionId] = useState(collections[0]?.id ?? '');
  return (
    <Modal label="Save request" onCancel={onClose}>
      <form
        className="modal"
        onSubmit={(event) => {
          event.preventDefault();
          if (!collectionId) return;
          onClose();
          void saveActiveTab(collectionId);
        }}
      >
        <h3>Save request</h3>
        {collections.length === 0 ? (
          <p className="muted">Create a collection first.</p>
        ) : (
          <label className="field">
            <span>Collection</span>
            <select
              aria-label="Save to collection"
              value={collectionId}
              onChange={(e) => setCollectionId(e.target.value)}
            >
              {collections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!collectionId}>
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
