import { useEffect } from 'react';
import { UnresolvedWarning } from './collections/UnresolvedWarning';
import { CollectionsSidebar } from './collections/CollectionsSidebar';
import { DemoButton } from './demo/DemoButton';
import { CredentialsPanel } from './credentials/CredentialsPanel';
import { LazyEnvironmentEditor as EnvironmentEditor } from './environments/LazyEnvironmentEditor';
import { EnvironmentSelector } from './environments/EnvironmentSelector';
import { ExpiryIndicator } from './credentials/ExpiryIndicator';
import { RequestBuilder } from './request/RequestBuilder';
import { RequestTabPanel } from './request/RequestTabPanel';
import { RequestTabs } from './request/RequestTabs';
import { ResponsePane } from './response/ResponsePane';
import { followMainEvents } from './workflows';
import { lazyPanel } from './common/lazy-panel';

// Not on the first screen: loaded when the Auth tab is first selected.
const AuthTab = lazyPanel(() => import('./auth/AuthTab').then((m) => m.AuthTab));

/** The main window: collections, the request builder and response, and the credential viewer. */
export function App() {
  // Main tells the renderer what changed (sessions, the workspace on disk, progress); nothing polls.
  useEffect(() => followMainEvents(), []);
  return (
    <div className="app">
      <header className="app-header">
        <span className="logo" aria-hidden>
          ◆
        </span>
        <h1>Signet</h1>
        <span className="spacer" />
        <DemoButton />
      </header>
      <div className="layout">
        <CollectionsSidebar
          environments={
            <>
              <EnvironmentSelector />
              <EnvironmentEditor />
            </>
          }
        />
        <main className="workbench">
          <RequestTabs />
          <RequestTabPanel>
            <RequestBuilder authTab={<AuthTab />} beforeSend={<ExpiryIndicator />} belowUrl={<UnresolvedWarning />} />
            <ResponsePane demo={<DemoButton className="link" />} />
          </RequestTabPanel>
        </main>
        <CredentialsPanel />
      </div>
    </div>
  );
}
