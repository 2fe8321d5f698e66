import type { KeyValue } from '../../shared/model';
import { queryRows, withQueryRows } from '../../shared/query';
import { KeyValueTable } from '../common/KeyValueTable';
import { useActiveField, useRequestStore } from './store';

/**
 * The query-params table: the URL's query as rows, plus rows switched off (kept, neither sent nor
 * signed) and descriptions. Editing a row rewrites the URL from the enabled rows.
 */
export function ParamsTab() {
  const url = useActiveField('url');
  const query = useActiveField('query');
  const updateRequest = useRequestStore((s) => s.updateRequest);
  const rows: KeyValue[] = queryRows(url, query).map((row) => ({
    key: row.key,
    value: row.value,
    enabled: row.disabled !== true,
    ...(row.description ? { description: row.description } : {}),
  }));
  const onChange = (next: KeyValue[]) =>
    updateRequest(
      withQueryRows(
        url,
        next.map((row) => ({
          key: row.key,
          value: row.value,
          ...(row.description ? { description: row.description } : {}),
          ...(row.enabled ? {} : { disabled: true }),
        })),
      ),
    );
  return (
    <KeyValueTable rows={rows} onChange={onChange} label="Query parameter" keyPlaceholder="Parameter" descriptions />
  );
}
