import { lazy, Suspense, type ComponentProps } from 'react';
import type { CodeView as EagerCodeView } from './CodeView';

// CodeMirror is about half of the renderer's startup script work: loaded on first use, it
// stays out of the task that evaluates the app at launch (the sidebar then shows sooner).
const CodeView = lazy(() => import('./CodeView').then((module) => ({ default: module.CodeView })));

/** CodeView, with CodeMirror loaded the first time a code view is shown. */
export function LazyCodeView(props: ComponentProps<typeof EagerCodeView>) {
  return (
    <Suspense fallback={<div className="code-view muted" aria-busy="true" />}>
      <CodeView {...props} />
    </Suspense>
  );
}
