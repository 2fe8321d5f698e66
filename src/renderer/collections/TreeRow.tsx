import { memo } from 'react';
import { useCollectionsStore } from './store';
import type { TreeNode } from './tree-rows';
import { useSidebarUi } from './ui-store';
import { openStoredRequest } from '../workflows';

interface TreeRowProps {
  readonly node: TreeNode;
  /** Shown open: expanded, or forced open by a filter. */
  readonly open: boolean;
  readonly filtering: boolean;
}

/** One sidebar row: a collection, folder (click toggles) or request (click opens it in a tab). */
export const TreeRow = memo(function TreeRow({ node, open, filtering }: TreeRowProps) {
  const toggle = useCollectionsStore((s) => s.toggle);
  const openMenu = useSidebarUi((s) => s.openMenu);
  const isContainer = node.kind !== 'request';
  const name = node.name || (node.kind === 'request' ? 'Untitled request' : 'Untitled');

  const activate = () => {
    if (node.kind === 'request') void openStoredRequest(node.collectionId, node.id);
    else if (!filtering) toggle(node.key);
  };

  return (
    <div
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={isContainer ? open : undefined}
      aria-label={name}
      className={`tree-row tree-${node.kind}`}
      style={{ paddingLeft: 4 + node.depth * 14 }}
      onContextMenu={(event) => {
        event.preventDefault();
        openMenu(node, event.clientX, event.clientY);
      }}
    >
      {isContainer ? (
        <button
          type="button"
          className="icon twisty"
          aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}
          onClick={() => toggle(node.key)}
          disabled={filtering}
        >
          {open ? '▾' : '▸'}
        </button>
      ) : (
        <span className="twisty" />
      )}
      <button type="button" className="tree-label" title={node.url ?? name} onClick={activate}>
        {node.method && <span className={`method-badge method-${node.method}`}>{node.method}</span>}
        {node.kind === 'folder' && (
          <span className="folder-icon" aria-hidden>
            ▤
          </span>
        )}
        <span className="tree-name">{name}</span>
      </button>
      <button
        type="button"
        className="icon row-actions"
        aria-label={`Actions for ${name}`}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          openMenu(node, box.left, box.bottom);
        }}
      >
        ⋯
      </button>
    </div>
  );
});
