import { X } from 'lucide-react';
import type { ImportFormat } from '../../shared/collection';
import { failureText } from '../common/failure';
import { useCollectionsStore } from './store';

const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  'postman-v2.1': 'Postman collection v2.1',
  'postman-v2.0': 'Postman collection v2.0',
  'postman-environment': 'Postman environment',
  'insomnia-v4': 'Insomnia export (v4)',
  'insomnia-v5': 'Insomnia collection (v5)',
  'openapi-3': 'OpenAPI 3',
  'swagger-2': 'Swagger 2.0',
  har: 'HAR capture',
  curl: 'curl command',
};

/** The last import: in progress, its report (counts and warnings), or why it was refused. */
export function ImportReportPanel() {
  const importState = useCollectionsStore((s) => s.importState);
  const dismiss = useCollectionsStore((s) => s.dismissImport);
  if (importState.status === 'idle') return null;
  if (importState.status === 'importing') {
    return (
      <div className="import-panel" role="status" aria-label="Import status">
        Importing {importState.fileName}…
        {importState.progress && (
          <progress
            aria-label="Import progress"
            value={importState.progress.done}
            {...(importState.progress.total !== undefined ? { max: importState.progress.total } : {})}
          />
        )}
      </div>
    );
  }
  const close = (
    <button type="button" className="icon" aria-label="Dismiss import report" onClick={dismiss}>
      <X size={14} aria-hidden />
    </button>
  );
  if (importState.status === 'error') {
    return (
      <div className="import-panel import-error" role="alert" aria-label="Import refused">
        <div className="import-panel-head">
          <strong>Import refused</strong>
          {close}
        </div>
        <p>{failureText(importState.error)}</p>
      </div>
    );
  }
  const { report } = importState;
  const auth = Object.entries(report.auth)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  return (
    <div className="import-panel" role="region" aria-label="Import report">
      <div className="import-panel-head">
        <strong>Imported “{report.name}”</strong>
        {close}
      </div>
      <p className="muted">{FORMAT_NAMES[report.format]}</p>
      <p>
        {report.format === 'postman-environment'
          ? `${report.variables} values`
          : `${report.requests} requests, ${report.folders} folders, ${report.variables} variables${auth ? `; auth: ${auth}` : ''}`}
      </p>
      {report.warnings.length > 0 && (
        <details open={report.warnings.length <= 5}>
          <summary className="warning">{report.warnings.length} warnings</summary>
          <ul className="import-warnings">
            {report.warnings.slice(0, 200).map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
