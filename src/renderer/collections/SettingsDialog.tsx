import { useContext, useEffect, useState } from 'react';
import type { ContainerSettings } from '../../shared/api/collections';
import type { Auth, KeyValue } from '../../shared/model';
import type { Failure } from '../../shared/result';
import { api } from '../api';
import { AuthEditorSlot } from '../common/auth-editor-slot';
import { failureText } from '../common/failure';
import { KeyValueTable } from '../common/KeyValueTable';
import { Modal } from '../common/Modal';
import { TabStrip } from '../common/TabStrip';
import { useCollectionsStore } from './store';

type Section = 'auth' | 'variables' | 'description';

interface Draft {
  readonly auth: Auth;
  readonly variables: KeyValue[];
  readonly description: string;
}

/**
 * A collection's or folder's settings: the auth its requests inherit, its variables and its
 * description. Read from main when opened; saved in one edit.
 */
export function SettingsDialog({
  collectionId,
  itemId,
  onClose,
}: {
  readonly collectionId: string;
  /** A folder's id; none for the collection itself. */
  readonly itemId?: string;
  readonly onClose: () => void;
}) {
  const renderAuthEditor = useContext(AuthEditorSlot);
  const [settings, setSettings] = useState<ContainerSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [section, setSection] = useState<Section>('auth');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    void api.getContainerSettings({ collectionId, ...(itemId ? { itemId } : {}) }).then((result) => {
      if (!current) return;
      if (!result.ok) return setFailure(result.error);
      setSettings(result.value);
      setDraft({
        auth: result.value.auth,
        variables: [...result.value.variables],
        description: result.value.description ?? '',
      });
    });
    return () => {
      current = false;
    };
  }, [collectionId, itemId]);

  const what = itemId ? 'folder' : 'collection';
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    const result = await api.saveContainerSettings({
      collectionId,
      ...(itemId ? { itemId } : {}),
      auth: draft.auth,
      variables: draft.variables,
      ...(draft.description.trim() ? { description: draft.description } : {}),
    });
    setSaving(false);
    if (!result.ok) return setFailure(result.error);
    await useCollectionsStore.getState().loadWorkspace();
    onClose();
  };

  return (
    <Modal label={`Settings of ${settings?.name ?? what}`} onCancel={onClose}>
      <form
        className="modal settings-dialog"
        aria-label={`${what === 'folder' ? 'Folder' : 'Collection'} settings`}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h3>
          {what === 'folder' ? 'Folder' : 'Collection'} settings{settings ? `: ${settings.name}` : ''}
        </h3>
        {failure && (
          <p className="field-error" role="alert">
            {failureText(failure)}
          </p>
        )}
        {!draft && !failure && <p className="muted">Loading…</p>}
        {draft && (
          <TabStrip
            id="container-settings"
            label={`${what} settings`}
            tabs={[
              { key: 'auth', label: 'Auth' },
              { key: 'variables', label: `Variables (${draft.variables.length})` },
              { key: 'description', label: 'Description' },
            ]}
            selected={section}
            onSelect={setSection}
          >
            {section === 'auth' && (
              <>
                <p className="muted">
                  Requests in this {what} set to “Inherit” use this auth
                  {itemId ? ', unless a folder closer to them sets its own.' : ', unless a folder sets its own.'}
                </p>
                {renderAuthEditor ? (
                  renderAuthEditor({
                    auth: draft.auth,
                    allowInherit: Boolean(itemId),
                    onChange: (auth) => setDraft({ ...draft, auth }),
                  })
                ) : (
                  <p className="field-error">The auth editor is not available here.</p>
                )}
              </>
            )}
            {section === 'variables' && (
              <KeyValueTable
                label={`${what} variables`}
                keyPlaceholder="Variable"
                rows={draft.variables}
                onChange={(variables) => setDraft({ ...draft, variables })}
              />
            )}
            {section === 'description' && (
              <label className="field">
                <span>Description</span>
                <textarea
                  aria-label={`${what} description`}
                  rows={6}
                  value={draft.description}
                  onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                />
              </label>
            )}
          </TabStrip>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!draft || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
