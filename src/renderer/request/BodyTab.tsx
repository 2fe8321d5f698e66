import { X } from 'lucide-react';
import type { Body, FormField } from '../../shared/model';
import { FilePicker } from '../common/FilePicker';
import { LazyCodeView as CodeView } from '../common/LazyCodeView';
import { KeyValueTable } from '../common/KeyValueTable';
import { useActiveField, useRequestStore } from './store';

const MODES: ReadonlyArray<{ mode: Body['mode']; label: string }> = [
  { mode: 'none', label: 'None' },
  { mode: 'raw', label: 'Raw' },
  { mode: 'urlencoded', label: 'x-www-form-urlencoded' },
  { mode: 'formdata', label: 'form-data' },
  { mode: 'binary', label: 'Binary file' },
  { mode: 'graphql', label: 'GraphQL' },
];

const CONTENT_TYPES = ['application/json', 'text/plain', 'application/xml', 'text/html', 'application/javascript'];

function emptyBody(mode: Body['mode']): Body {
  switch (mode) {
    case 'raw':
      return { mode, text: '', contentType: 'application/json' };
    case 'urlencoded':
    case 'formdata':
      return { mode, fields: [] };
    case 'binary':
      return { mode, filePath: '' };
    case 'graphql':
      return { mode, query: '', variables: '' };
    default:
      return { mode: 'none' };
  }
}

function FormDataTable({
  fields,
  onChange,
}: {
  fields: readonly FormField[];
  onChange: (fields: FormField[]) => void;
}) {
  const update = (index: number, patch: Partial<FormField>) =>
    onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <div className="formdata">
      {fields.map((field, index) => (
        <div className="formdata-row" key={index}>
          <input
            type="checkbox"
            aria-label={`Enable form field ${index + 1}`}
            checked={field.enabled}
            onChange={(e) => update(index, { enabled: e.target.checked })}
          />
          <input
            aria-label={`Form field name ${index + 1}`}
            placeholder="Name"
            value={field.key}
            onChange={(e) => update(index, { key: e.target.value })}
          />
          <select
            aria-label={`Form field kind ${index + 1}`}
            value={field.kind}
            onChange={(e) => update(index, { kind: e.target.value as FormField['kind'] })}
          >
            <option value="text">Text</option>
            <option value="file">File</option>
          </select>
          {field.kind === 'file' ? (
            <FilePicker
              label={`Form field file ${index + 1}`}
              value={field.value}
              onChange={(value) => update(index, { value })}
            />
          ) : (
            <input
              aria-label={`Form field value ${index + 1}`}
              placeholder="Value"
              value={field.value}
              onChange={(e) => update(index, { value: e.target.value })}
            />
          )}
          <button
            type="button"
            className="icon"
            aria-label={`Remove form field ${index + 1}`}
            onClick={() => onChange(fields.filter((_, i) => i !== index))}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...fields, { key: '', value: '', enabled: true, kind: 'text' }])}>
        Add field
      </button>
    </div>
  );
}

/** The body editor: every mode main can encode, and thus sign, byte for byte. */
export function BodyTab() {
  const body = useActiveField('body');
  const updateRequest = useRequestStore((s) => s.updateRequest);
  const setBody = (next: Body) => updateRequest({ body: next });
  return (
    <div className="body-tab">
      <div className="body-modes" role="radiogroup" aria-label="Body type">
        {MODES.map(({ mode, label }) => (
          <label key={mode}>
            <input
              type="radio"
              name="body-mode"
              checked={body.mode === mode}
              onChange={() => setBody(emptyBody(mode))}
            />
            {label}
          </label>
        ))}
        {body.mode === 'raw' && (
          <select
            aria-label="Content type"
            value={body.contentType}
            onChange={(e) => setBody({ ...body, contentType: e.target.value })}
          >
            {[...new Set([body.contentType, ...CONTENT_TYPES])].map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        )}
      </div>
      {body.mode === 'none' && <p className="muted">This request has no body.</p>}
      {body.mode === 'raw' && (
        <div className="editor-box">
          <CodeView
            label="Request body"
            value={body.text}
            language={/json/.test(body.contentType) ? 'json' : 'text'}
            onChange={(text) => setBody({ ...body, text })}
          />
        </div>
      )}
      {body.mode === 'urlencoded' && (
        <KeyValueTable rows={body.fields} label="Form field" onChange={(fields) => setBody({ ...body, fields })} />
      )}
      {body.mode === 'formdata' && (
        <FormDataTable fields={body.fields} onChange={(fields) => setBody({ ...body, fields })} />
      )}
      {body.mode === 'binary' && (
        <FilePicker label="Binary file" value={body.filePath} onChange={(filePath) => setBody({ ...body, filePath })} />
      )}
      {body.mode === 'graphql' && (
        <div className="graphql">
          <textarea
            aria-label="GraphQL query"
            placeholder="query { ... }"
            value={body.query}
            onChange={(e) => setBody({ ...body, query: e.target.value })}
          />
          <textarea
            aria-label="GraphQL variables"
            placeholder='{"id": 1}'
            value={body.variables}
            onChange={(e) => setBody({ ...body, variables: e.target.value })}
          />
        </div>
      )}
    </div>
  );
}
