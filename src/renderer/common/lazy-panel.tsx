import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** Keeps a panel whose code failed to load (e.g. the browser host was rebuilt under the tab) from blanking the window. */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="field-error" role="alert">
        This part of Signet could not be loaded. Reload the window to try again.
      </p>
    );
  }
}

/**
 * A component whose code is fetched the first time it is shown, not at launch: the
 * first paint loads only the shell (see scripts/check-bundle-size.mjs). Until the code
 * arrives, `fallback` stands in (nothing by default; panels come from a local bundle).
 *
 * Render it only when it is visible: a panel that renders `null` while closed must be
 * gated by its parent, or its code loads at launch after all.
 */
export function lazyPanel<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  const Panel = (props: P) => (
    <LoadFailure>
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    </LoadFailure>
  );
  return Panel;
}
