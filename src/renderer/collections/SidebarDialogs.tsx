import { useCollectionsStore } from './store';
import { NameDialog } from './NameDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { useSidebarUi } from './ui-store';
import '../common/modal.css';

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
            void store.renameItem(dialog.node.collectionId, dialog.node.id, name);
          }}
        />
      );
    case 'delete':
      return (
        <div className="modal-backdrop">
          <div className="modal" role="alertdialog" aria-modal="true" aria-label={`Delete ${dialog.node.name}`}>
            <h3>Delete {dialog.node.kind}?</h3>
            <p>
              “{dialog.node.name}”{dialog.node.kind === 'request' ? '' : ' and everything in it'} will be deleted. This
              cannot be undone.
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  close();
                  const { node } = dialog;
                  void (node.kind === 'collection'
                    ? store.deleteCollection(node.id)
                    : store.deleteItem(node.collectionId, node.id));
                }}
              >
                Delete
              </button>
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      );
    case 'save-as':
      return <SaveAsDialog onClose={close} />;
  }
}
