import type { KeyValue } from '../../shared/model';
import { KeyValueTable } from '../common/KeyValueTable';
import { joinUrl, splitUrl } from './query';
import { useActiveField, useRequestStore } from './store';

/** The query-params table: a second view of the URL's query, edited in place. */
export function ParamsTab() {
  const url = useActiveField('url');
  const updateRequest = useRequestStore((s) => s.updateRequest);
  const { base, rows, hash } = splitUrl(url);
  const asKeyValues: KeyValue[] = rows.map((row) => ({ key: row.key, value: row.value, enabled: true }));
  const onChange = (next: KeyValue[]) =>
    updateRequest({
      url: joinUrl(
        base,
        next.filter((row) => row.enabled).map(({ key, value }) => ({ key, value })),
        hash,
      ),
    });
  return (
    <KeyValueTable
      rows={asKeyValues}
      onChange={onChange}
      label="Query parameter"
      toggles={false}
      keyPlaceholder="Parameter"
    />
  );
}
