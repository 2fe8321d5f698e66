/**
 * The contract's names without its schemas: what the renderer and the preload need to
 * reach main (call names, event names, IPC channel prefixes). Validators stay in main:
 * this module imports nothing, so importing it pulls no zod into a bundle.
 *
 * Adding a call or an event: declare it with its schema in `api/*.ts`, then append its
 * name at the end of the list here. contract.ts checks at compile time, and
 * contract-names.test.ts at run time, that these lists and the schema maps name the same
 * calls and events.
 */

/** Every call of the contract, by name. */
export const callNames = [
  'appInfo',
  'putSecret',
  'chooseFile',
  'describeFile',
  'describeSecret',
  'sendRequest',
  'rememberedScope',
  'cancelRequest',
  'listProfiles',
  'addManagedProfile',
  'removeManagedProfile',
  'assumeRole',
  'importSession',
  'listSessions',
  'refreshSession',
  'setSessionAutoRefresh',
  'removeSession',
  'whoAmI',
  'credentialStatus',
  'startDemoSandbox',
  'stopDemoSandbox',
  'loadWorkspace',
  'getRequest',
  'importFile',
  'parseCurl',
  'createCollection',
  'saveCollection',
  'saveRequest',
  'createItem',
  'renameCollection',
  'renameItem',
  'duplicateItem',
  'deleteItem',
  'deleteCollection',
  'saveEnvironment',
  'deleteEnvironment',
  'setActiveEnvironment',
  'exportCollection',
  'getContainerSettings',
  'saveContainerSettings',
  'inheritedAuth',
  'ssoConfigurations',
  'ssoStartLogin',
  'ssoCancelLogin',
  'ssoOpenVerification',
  'ssoListAccounts',
  'ssoUseRole',
  'ssoLogout',
  'readBody',
  'prettyBody',
  'searchBody',
  'saveBody',
  'startRun',
  'stopRun',
  'loadTabs',
  'saveTabs',
  'iamGenerate',
  'iamLint',
  'iamSimulate',
  'iamTestOffline',
  'listHistory',
  'getHistoryEntry',
  'clearHistory',
  'setHistoryLimit',
  'saveHistoryToCollection',
  'undoDelete',
  'loadOutlineFrame',
  'loadOutlinePage',
  'listCookies',
  'deleteCookie',
  'clearCookies',
] as const;

/** Every event main may emit, by name. */
export const eventNames = [
  'sessionChanged',
  'credentialsChanged',
  'workspaceChanged',
  'progress',
  'ssoLoginChanged',
  'runResult',
  'historyChanged',
] as const;

/** IPC channel prefix used by the Electron host for calls. */
export const IPC_PREFIX = 'signet:';
/** IPC channel prefix main sends events on, one channel per event. */
export const IPC_EVENT_PREFIX = 'signet-event:';
