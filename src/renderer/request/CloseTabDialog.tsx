import { Modal } from '../common/Modal';

interface CloseTabDialogProps {
  /** The tab's request name, as the tab shows it. */
  readonly name: string;
  readonly onSave: () => void;
  readonly onDiscard: () => void;
  readonly onCancel: () => void;
}

/** Asks before a tab with unsaved edits closes: save them, drop them, or keep the tab open. */
export function CloseTabDialog({ name, onSave, onDiscard, onCancel }: CloseTabDialogProps) {
  return (
    <Modal label="Unsaved changes" role="alertdialog" onCancel={onCancel}>
      <div className="modal">
        <h3>Save changes to “{name}”?</h3>
        <p className="muted">This tab has edits that are not saved. Closing it without saving drops them.</p>
        <div className="form-actions">
          <button type="button" className="primary" data-autofocus onClick={onSave}>
            Save
          </button>
          <button type="button" onClick={onDiscard}>
            Don’t save
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
