// Stylesheets first: tokens, then the global base, then shared pieces, so that feature styles
// (imported by their components through App) come later in the cascade.
import './theme/tokens.css';
import './app.css';
import './common/common.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hasLaunchToken, onTokenRefused, takeEarlyOutlineFrame } from './api';
import { LaunchTokenPage } from './common/LaunchTokenPage';
import { followTheme } from './layout/theme';
import { startWorkspaceLoad } from './workflows';

/** The app, or in the browser host without a usable launch token, how to get back in. */
function Root() {
  const [refused, setRefused] = useState<'missing' | 'stale' | null>(() => (hasLaunchToken() ? null : 'missing'));
  useEffect(() => onTokenRefused(() => setRefused((now) => now ?? 'stale')), []);
  return refused ? <LaunchTokenPage reason={refused} /> : <App />;
}

// Light or dark before the first paint (no flash of the other theme): the OS's choice unless the header's switch says otherwise.
followTheme();

// The outline frame was asked for as the api module loaded (before React's first render); the
// first load takes that answer, so the sidebar does not wait for its own effect after the first paint.
if (hasLaunchToken()) startWorkspaceLoad(takeEarlyOutlineFrame());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
