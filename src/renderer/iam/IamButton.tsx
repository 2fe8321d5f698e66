import { lazy, Suspense } from 'react';
import { useIam } from './store';

// The assistant (its editors, CodeMirror, the lint extension) loads the first time it is opened,
// so it adds nothing to the app's first paint.
const IamAssistant = lazy(() => import('./IamAssistant').then((module) => ({ default: module.IamAssistant })));

/** The header button that opens the cross-account IAM assistant. */
export function IamButton() {
  const open = useIam((s) => s.open);
  const setOpen = useIam((s) => s.setOpen);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        IAM assistant
      </button>
      {open && (
        <Suspense fallback={null}>
          <IamAssistant onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
