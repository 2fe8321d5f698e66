import { useState } from 'react';
import { Modal } from '../common/Modal';

interface NameDialogProps {
  readonly title: string;
  readonly label: string;
  readonly initial?: string;
  readonly confirm: string;
  readonly onSubmit: (name: string) => void;
  readonly onCancel: () => void;
}

/** A small modal asking for one name (new collection, folder or request; rename). */
export function NameDialog({ title, label, initial = '', confirm, onSubmit, onCancel }: NameDialogProps) {
  const [name, setName] = useState(initial);
  const trimmed = name.trim();
  return (
    <Modal label={title} onCancel={onCancel} closeOnBackdrop>
      <form
        className="modal"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed) onSubmit(trimmed.slice(0, 256));
        }}
      >
        <h3>{title}</h3>
        <label className="field">
          <span>{label}</span>
          <input
            aria-label={label}
            value={name}
            data-autofocus
            maxLength={256}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!trimmed}>
            {confirm}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
