import { KeyValueTable } from '../common/KeyValueTable';
import { useActiveField, useRequestStore } from './store';

export function HeadersTab() {
  const headers = useActiveField('headers');
  const updateRequest = useRequestStore((s) => s.updateRequest);
  return <KeyValueTable rows={headers} onChange={(rows) => updateRequest({ headers: rows })} label="Header" />;
}
