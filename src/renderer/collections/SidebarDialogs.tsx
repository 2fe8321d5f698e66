import { useCollectionsStore } from './store';
import { NameDialog } from './NameDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { renameItem } from '../workflows';
import { SettingsDialog } from './SettingsDialog';
import { useSidebarUi } from './ui-store';
import { Modal } from '../common/Modal';
import { useUndoStore } from '../undo/store';

/** Whichever sidebar dialog is open: names for new things and renames, delete confirmation, save-as. */
export function SidebarDialogs() {
  const dialog = useSidebarUi((s) => s.dialog);
  const openDialog = useSidebarUi((s) => s.openDialog);
  const close = () => openDialog(null);
  if (!dialog) return null;
  const store = useCollectionsStore.getState();

  switch (dialog.type) {
    case 'new-collection':
      return (
        <NameDialog
          title="New collection"
          label="Collection name"
          confirm="Create"
          onCancel={close}
          onSubmit={(name) => {
            close();
            void store.createCollection(name);
          }}
        />
      );
    case 'new-item': {
      const what = dialog.kind === 'folder' ? 'folder' : 'request';
      return (
        <NameDialog
          title={`New ${what} in ${dialog.node.name}`}
          label={`${what === 'folder' ? 'Folder' : 'Request'} name`}
          confirm="Create"
          onCancel={close}
          onSubmit={(name) => {
            close();
            void store.createItem(dialog.node.collectionId, dialog.node.containerId, dialog.kind, name);
          }}
        />
      );
    }
    case 'rename':
      return (
        <NameDialog
          title={`Rename ${dialog.node.name}`}
          label="New name"
          initial={dialog.node.name}
          confirm="Rename"
          onCancel={close}
          onSubmit={(name) => {
            close();
            void renameItem(dialog.node.collectionId, dialog.node.id, name);
          }}
        />
      );
    case 'delete':
      return (
        <Modal role="alertdialog" label={`Delete ${dialog.node.name}`} onCancel={close}>
          <div className="modal">
            <h3>Delete {dialog.node.kind}?</h3>
            <p>
              “{dialog.node.name}”{dialog.node.kind === 'request' ? '' : ' and everything in it'} will be deleted. You
              can undo it for a few minutes.
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  close();
                  const { node } = dialog;
                  void (
                    node.kind === 'collection'
                      ? store.deleteCollection(node.id)
                      : store.deleteItem(node.collectionId, node.id)
                  ).then((undoId) => {
                    if (undoId) useUndoStore.getState().offer(undoId, `Deleted ${node.kind} “${node.name}”`);
                  });
                }}
              >
                Delete
              </button>
              {/* Focus starts on Cancel: Enter should not delete by accident. */}
              <button type="button" onClick={close} data-autofocus>
                Cancel
              </button>
            </div>
          </div>
        </Modal>
      );
    case 'save-as':
      return <SaveAsDialog onClose={close} />;
    case 'settings':
      return (
        <SettingsDialog
          collectionId={dialog.node.collectionId}
          {...(dialog.node.kind === 'folder' ? { itemId: dialog.node.id } : {})}
          onClose={close}
        />
      );
  }
}
