import { AuthTab } from './auth/AuthTab';
import { CollectionsSidebar } from './collections/CollectionsSidebar';
import { DemoButton } from './demo/DemoButton';
import { CredentialsPanel } from './credentials/CredentialsPanel';
import { ExpiryIndicator } from './credentials/ExpiryIndicator';
import { RequestBuilder } from './request/RequestBuilder';
import { RequestTabPanel } from './request/RequestTabPanel';
import { RequestTabs } from './request/RequestTabs';
import { ResponsePane } from './response/ResponsePane';

/** The main window: collections, the request builder and response, and the credential viewer. */
export function App() {
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
        <CollectionsSidebar />
        <main className="workbench">
          <RequestTabs />
          <RequestTabPanel>
            <RequestBuilder authTab={<AuthTab />} beforeSend={<ExpiryIndicator />} />
            <ResponsePane />
          </RequestTabPanel>
        </main>
        <CredentialsPanel />
      </div>
    </div>
  );
}
