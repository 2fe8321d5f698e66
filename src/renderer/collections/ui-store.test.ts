// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { expect, it } from 'vitest';
import type { TreeNode } from './tree-rows';
import { useSidebarUi } from './ui-store';

withRealMain();

const node: TreeNode = {
  key: 'c1/r1',
  kind: 'request',
  collectionId: 'c1',
  id: 'r1',
  name: 'List pets',
  depth: 1,
  parent: 0,
  containerId: null,
  end: 2,
};

it('starts with no menu, no dialog and no filter', () => {
  expect(useSidebarUi.getState()).toMatchObject({ menu: null, dialog: null, filter: '' });
});

it('opening a dialog closes the row menu', () => {
  useSidebarUi.getState().openMenu(node, 10, 20);
  expect(useSidebarUi.getState().menu).toEqual({ node, x: 10, y: 20 });
  useSidebarUi.getState().openDialog({ type: 'rename', node });
  expect(useSidebarUi.getState().menu).toBeNull();
  expect(useSidebarUi.getState().dialog).toEqual({ type: 'rename', node });
  useSidebarUi.getState().openDialog(null);
  expect(useSidebarUi.getState().dialog).toBeNull();
});

it('keeps the filter text as typed', () => {
  useSidebarUi.getState().setFilter('  Pets ');
  expect(useSidebarUi.getState().filter).toBe('  Pets ');
  useSidebarUi.getState().openMenu(node, 1, 1);
  useSidebarUi.getState().closeMenu();
  expect(useSidebarUi.getState().menu).toBeNull();
});
