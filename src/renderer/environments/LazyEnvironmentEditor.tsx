import { lazyPanel } from '../common/lazy-panel';
import { useEnvironmentsStore } from './store';

const EnvironmentEditor = lazyPanel(() => import('./EnvironmentEditor').then((m) => m.EnvironmentEditor));

/** The environment editor, its code loaded the first time it opens (it is closed at launch). */
export function LazyEnvironmentEditor() {
  const open = useEnvironmentsStore((s) => s.editor.open);
  return open ? <EnvironmentEditor /> : null;
}
