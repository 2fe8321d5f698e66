import { ChevronDown, ChevronRight, Ellipsis, Folder } from 'lucide-react';
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
  /** This row is the tree's one Tab stop (roving tabindex); the others are reached with the arrow keys. */
  readonly tabbable: boolean;
}

/**
 * One sidebar row: a collection, folder (click toggles) or request (click opens it in a tab).
 * The row itself takes keyboard focus (SidebarTree handles the keys); its buttons are for the mouse.
 */
export const TreeRow = memo(function TreeRow({ node, open, filtering, tabbable }: TreeRowProps) {
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
      tabIndex={tabbable ? 0 : -1}
      data-key={node.key}
      className={`tree-row tree-${node.kind}`}
      style={{ paddingLeft: 4 + node.depth * 14 }}
      onContextMenu={(event) => {
        event.preventDefault();
        openMenu(node, event.clientX, event.clientY);
      }}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        if (event.key === 'Enter') {
          event.preventDefault();
          activate();
        } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
          // The keyboard's way to the row menu, opened under the row.
          event.preventDefault();
          const box = event.currentTarget.getBoundingClientRect();
          openMenu(node, box.left + 24, box.bottom);
        }
      }}
    >
      {isContainer ? (
        <button
          type="button"
          className="icon twisty"
          aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}
          tabIndex={-1}
          onClick={() => toggle(node.key)}
          disabled={filtering}
        >
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
        </button>
      ) : (
        <span className="twisty" />
      )}
      <button type="button" className="tree-label" title={node.url ?? name} tabIndex={-1} onClick={activate}>
        {node.method && <span className={`method-badge method-${node.method}`}>{node.method}</span>}
        {node.kind === 'folder' && (
          <span className="folder-icon" aria-hidden>
            <Folder size={14} aria-hidden />
          </span>
        )}
        <span className="tree-name">{name}</span>
      </button>
      <button
        type="button"
        className="icon row-actions"
        aria-label={`Actions for ${name}`}
        tabIndex={-1}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          openMenu(node, box.left, box.bottom);
        }}
      >
        <Ellipsis size={14} aria-hidden />
      </button>
    </div>
  );
});
