import { useState } from 'react';
import { Modal } from '../common/Modal';
import { useHistoryStore } from './store';

/** Asks before every history entry is removed. */
export function ClearHistoryDialog({ onClose }: { readonly onClose: () => void }) {
  const total = useHistoryStore((s) => (s.load.status === 'success' ? s.load.total : 0));
  const clear = useHistoryStore((s) => s.clear);
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal role="alertdialog" label="Clear history" onCancel={onClose}>
      <div className="modal">
        <h3>Clear history?</h3>
        <p>
          {total === 1 ? 'The one sent request' : `All ${total} sent requests`} will be removed from history, for every
          Signet window and <code>signet history</code>. Saved requests in collections stay.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="danger"
            onClick={async () => {
              const result = await clear();
              if (result.ok) onClose();
              else setError(result.error.message);
            }}
          >
            Clear history
          </button>
          {/* Focus starts on Cancel: Enter should not clear by accident. */}
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
