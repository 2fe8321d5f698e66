import { useCallback, useDeferredValue, useMemo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useCollectionsStore } from './store';
import { TreeRow } from './TreeRow';
import { createRequestFilter, isComplete, rowsOfMatches, visibleRows, type TreeIndex } from './tree-rows';
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
  // Remembers the last filter's matches: a filter typed on from it tests only those.
  const [filterRequests] = useState(createRequestFilter);
  const { rows, matches } = useMemo(() => {
    const needle = deferredFilter.trim().toLowerCase();
    if (needle === '') return { rows: visibleRows(index, expanded, ''), matches: 0 };
    const matched = filterRequests(index, needle);
    return { rows: rowsOfMatches(index, matched.matches), matches: matched.matches.length };
  }, [index, expanded, deferredFilter, filterRequests]);

  // Roving tabindex: one row is the tree's Tab stop; the arrow keys move it (WAI-ARIA tree view).
  const toggle = useCollectionsStore((s) => s.toggle);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ readonly index: number } | null>(null);
  const activeIndex = useMemo(() => {
    const found = activeKey === null ? -1 : rows.findIndex((r) => index.nodes[r]?.key === activeKey);
    return Math.max(0, found);
  }, [activeKey, rows, index]);

  const onFocus = useCallback((event: FocusEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (row?.dataset.key) setActiveKey(row.dataset.key);
  }, []);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const node = index.nodes[rows[activeIndex]!];
      if (!node) return;
      const moveTo = (i: number) => {
        const target = index.nodes[rows[i]!];
        // Out of the list, or a request still loading: nothing to move to.
        if (i < 0 || i >= rows.length || !target) return;
        setActiveKey(target.key);
        setFocusRequest({ index: i });
      };
      const isContainer = node.kind !== 'request';
      const open = filtering || expanded.has(node.key);
      switch (event.key) {
        case 'ArrowDown':
          moveTo(activeIndex + 1);
          break;
        case 'ArrowUp':
          moveTo(activeIndex - 1);
          break;
        case 'Home':
          moveTo(0);
          break;
        case 'End':
          moveTo(rows.length - 1);
          break;
        case 'ArrowRight':
          if (isContainer && !open) toggle(node.key);
          else if (isContainer && index.nodes[rows[activeIndex + 1]!]?.depth === node.depth + 1)
            moveTo(activeIndex + 1);
          break;
        case 'ArrowLeft': {
          if (isContainer && open && !filtering) {
            toggle(node.key);
            break;
          }
          let parent = activeIndex - 1;
          while (parent >= 0 && (index.nodes[rows[parent]!]?.depth ?? node.depth) >= node.depth) parent -= 1;
          moveTo(parent);
          break;
        }
        default:
          return;
      }
      event.preventDefault();
    },
    [index, rows, activeIndex, filtering, expanded, toggle],
  );

  const renderRow = useCallback(
    (i: number) => {
      const node = index.nodes[rows[i]!];
      if (!node) return <div className="tree-row tree-placeholder" aria-hidden />;
      return (
        <TreeRow
          node={node}
          open={filtering || expanded.has(node.key)}
          filtering={filtering}
          tabbable={i === activeIndex}
        />
      );
    },
    [index, rows, expanded, filtering, activeIndex],
  );
  const rowKey = useCallback((i: number) => index.nodes[rows[i]!]?.key ?? `loading:${rows[i]}`, [index, rows]);
  const complete = isComplete(index);

  if (index.nodes.length === 0) {
    return <p className="muted sidebar-empty">No collections yet. Import a Postman file or create a collection.</p>;
  }
  return (
    <div
      className="tree-area"
      data-stale={filter !== deferredFilter ? 'true' : undefined}
      aria-busy={complete ? undefined : true}
    >
      {filtering && (
        <p className="muted tree-count" role="status" aria-label="Filter results">
          {matches} matching {matches === 1 ? 'request' : 'requests'}
          {complete ? '' : ' so far (loading)'}
        </p>
      )}
      {filtering && rows.length === 0 && complete ? (
        <p className="muted sidebar-empty">No request matches “{deferredFilter.trim()}”.</p>
      ) : (
        <VirtualList
          rowCount={rows.length}
          rowHeight={TREE_ROW_HEIGHT}
          renderRow={renderRow}
          rowKey={rowKey}
          label="Collections"
          activeIndex={activeIndex}
          focusRequest={focusRequest}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        />
      )}
    </div>
  );
}
