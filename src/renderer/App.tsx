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
import { AfterFirstPaint } from './common/after-first-paint';
import { AuthEditorSlot, type AuthEditorSlotProps } from './common/auth-editor-slot';
import { keepTabsInMain } from './request/persist-tabs';

// Not on the first screen: loaded when the Auth tab is first selected.
const AuthTab = lazyPanel(() => import('./auth/AuthTab').then((m) => m.AuthTab));
// Collection and folder settings edit auth with the same editor, reached through a slot.
const AuthEditor = lazyPanel(() => import('./auth/AuthTab').then((m) => m.AuthEditor));

function renderAuthEditor(props: AuthEditorSlotProps) {
  return <AuthEditor {...props} />;
}
import { RunnerButton } from './runner/RunnerButton';

// The runner's view opens from its button: loaded then.
const RunnerView = lazyPanel(() => import('./runner/RunnerView').then((m) => m.RunnerView));
import { IamButton } from './iam/IamButton';
import { HistoryPanel } from './history/HistoryPanel';
import { UndoToasts } from './undo/UndoToasts';
import { Gem } from 'lucide-react';
import { SidePanel } from './layout/SidePanel';
import { PanelToggle } from './layout/PanelToggle';
import { ThemeSwitch } from './layout/ThemeSwitch';

/** The main window: collections, the request builder and response, and the credential viewer. */
export function App() {
  // Main tells the renderer what changed (sessions, the workspace on disk, progress); nothing polls.
  useEffect(() => followMainEvents(), []);
  // Open tabs and drafts live in main: restored at start, saved as they change.
  useEffect(() => keepTabsInMain(), []);
  return (
    <AuthEditorSlot.Provider value={renderAuthEditor}>
      <div className="app">
        <header className="app-header">
          <PanelToggle id="sidebar" side="left" label="collections" />
          <Gem className="logo" size={16} aria-hidden />
          <h1>Signet</h1>
          <span className="spacer" />
          <RunnerButton />
          <DemoButton />
          <IamButton />
          <ThemeSwitch />
          <PanelToggle id="credentials" side="right" label="credentials" />
        </header>
        <div className="layout">
          <SidePanel id="sidebar" side="left" label="collections">
            <CollectionsSidebar
              environments={
                <>
                  <EnvironmentSelector />
                  <EnvironmentEditor />
                </>
              }
              history={<HistoryPanel />}
            />
          </SidePanel>
          <main className="workbench">
            <AfterFirstPaint>
              <RequestTabs />
              <RequestTabPanel>
                <RequestBuilder
                  authTab={<AuthTab />}
                  beforeSend={<ExpiryIndicator />}
                  belowUrl={<UnresolvedWarning />}
                />
                <ResponsePane demo={<DemoButton className="link" />} />
              </RequestTabPanel>
            </AfterFirstPaint>
          </main>
          <RunnerView />
          <SidePanel id="credentials" side="right" label="credentials">
            <AfterFirstPaint>
              <CredentialsPanel />
            </AfterFirstPaint>
          </SidePanel>
        </div>
        <UndoToasts />
      </div>
    </AuthEditorSlot.Provider>
  );
}
