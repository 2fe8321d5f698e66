import { Modal } from '../common/Modal';
import { GenerateForm } from './GenerateForm';
import { GeneratedNotes } from './GeneratedNotes';
import { OfflinePanel } from './OfflinePanel';
import { PolicyEditor } from './PolicyEditor';
import { SimulatePanel } from './SimulatePanel';
import './iam.css';

/**
 * The cross-account IAM assistant: generate the three policies, edit them with lint findings
 * inline, simulate a request against them, and test them offline in a sandbox.
 */
export function IamAssistant({ onClose }: { onClose: () => void }) {
  return (
    <Modal label="IAM assistant" onCancel={onClose}>
      <div className="iam-assistant">
        <header className="iam-header">
          <h2>Cross-account IAM assistant</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </header>
        <GenerateForm />
        <div className="iam-editors">
          <PolicyEditor name="role-permissions.json" kind="identity" title="Role permissions (API account)" />
          <PolicyEditor name="role-trust.json" kind="trust" title="Role trust policy (API account)" />
          <PolicyEditor name="caller-policy.json" kind="identity" title="Caller policy (caller account)" />
        </div>
        <GeneratedNotes />
        <SimulatePanel />
        <OfflinePanel />
      </div>
    </Modal>
  );
}
