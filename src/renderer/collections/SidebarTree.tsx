import { useCallback, useDeferredValue, useMemo } from 'react';
import { useCollectionsStore } from './store';
import { TreeRow } from './TreeRow';
import { visibleRows, type TreeIndex } from './tree-rows';
import { useSidebarUi } from './ui-store';
import { VirtualList } from './VirtualList';

/** Row height in pixels; fixed so that the list can be windowed. */
export const TREE_ROW_HEIGHT = 26;

/** The workspace tree, flattened and windowed; the filter is applied as a deferred (interruptible) render. */
export function SidebarTree({ index }: { readonly index: TreeIndex }) {
  const expanded = useCollectionsStore((s) => s.expanded);
  const filter = useSidebarUi((s) => s.filter);
  // Typing updates the input at once; the (cheaper, but linear) filtering follows when React has time.
  const deferredFilter = useDeferredValue(filter);
  const filtering = deferredFilter.trim() !== '';
  const rows = useMemo(() => visibleRows(index, expanded, deferredFilter), [index, expanded, deferredFilter]);
  const matches = useMemo(
    () => (filtering ? rows.reduce((n, r) => (index.nodes[r]!.kind === 'request' ? n + 1 : n), 0) : 0),
    [filtering, rows, index],
  );

  const renderRow = useCallback(
    (i: number) => {
      const node = index.nodes[rows[i]!]!;
      return <TreeRow node={node} open={filtering || expanded.has(node.key)} filtering={filtering} />;
    },
    [index, rows, expanded, filtering],
  );
  const rowKey = useCallback((i: number) => index.nodes[rows[i]!]!.key, [index, rows]);

  if (index.nodes.length === 0) {
    return <p className="muted sidebar-empty">No collections yet. Import a Postman file or create a collection.</p>;
  }
  return (
    <div className="tree-area" data-stale={filter !== deferredFilter ? 'true' : undefined}>
      {filtering && (
        <p className="muted tree-count" role="status" aria-label="Filter results">
          {matches} matching {matches === 1 ? 'request' : 'requests'}
        </p>
      )}
      {filtering && rows.length === 0 ? (
        <p className="muted sidebar-empty">No request matches “{deferredFilter.trim()}”.</p>
      ) : (
        <VirtualList
          rowCount={rows.length}
          rowHeight={TREE_ROW_HEIGHT}
          renderRow={renderRow}
          rowKey={rowKey}
          label="Collections"
        />
      )}
    </div>
  );
}
