import { KeyValueTable } from '../common/KeyValueTable';
import { useActiveTab, useRequestStore } from './store';

export function HeadersTab() {
  const headers = useActiveTab().request.headers;
  const updateRequest = useRequestStore((s) => s.updateRequest);
  return <KeyValueTable rows={headers} onChange={(rows) => updateRequest({ headers: rows })} label="Header" />;
}
