import { useState } from 'react';
import type { HistorySummary } from '../../shared/contract';
import { useCollectionsStore } from '../collections/store';
import { Modal } from '../common/Modal';
import { saveHistoryEntry } from '../workflows';

/** Saves one history entry as a new request: which collection, and its name. */
export function SaveHistoryDialog({
  entry,
  onClose,
}: {
  readonly entry: HistorySummary;
  readonly onClose: () => void;
}) {
  const load = useCollectionsStore((s) => s.load);
  const collections = load.status === 'success' ? load.workspace.collections : [];
  const [collectionId, setCollectionId] = useState(collections[0]?.id ?? '');
  const [name, setName] = useState(
    entry.name && entry.name !== 'Untitled request' ? entry.name : `${entry.method} ${entry.url}`.slice(0, 120),
  );
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal label="Save to collection" onCancel={onClose}>
      <form
        className="modal"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!collectionId || !name.trim()) return;
          const result = await saveHistoryEntry(entry.id, collectionId, name.trim());
          if (result.ok) onClose();
          else setError(result.error.message);
        }}
      >
        <h3>Save to collection</h3>
        {collections.length === 0 ? (
          <p className="muted">Create a collection first.</p>
        ) : (
          <>
            <label className="field">
              <span>Collection</span>
              <select aria-label="Collection" value={collectionId} onChange={(e) => setCollectionId(e.target.value)}>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Name</span>
              <input
                aria-label="Request name"
                value={name}
                maxLength={256}
                onChange={(e) => setName(e.target.value)}
                data-autofocus
              />
            </label>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
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
