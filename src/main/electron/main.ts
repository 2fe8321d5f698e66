import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, shell, webContents } from 'electron';
import { createApp } from '../app';
import type { Encryptor } from '../core/secrets';
import { appVersion, rendererDir } from '../paths';
import { defaultDataDir } from '../workspace/data-dir';
import { isOpenableVerificationUrl } from '../credentials/sso/handlers';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { createAppUrlCheck, forwardEvents, registerCalls } from './ipc';
import { guardUnsavedTabs } from './close-guard';
import type { DraftsStore } from '../drafts/store';
import { applyGlobalGuards, applySessionGuards } from './security';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** Only the app's own page, served by the app scheme (or the dev server in development). */
const isAppUrl = createAppUrlCheck(APP_ORIGIN, devServerUrl);

const encryptor: Encryptor = {
  get available() {
    return safeStorage.isEncryptionAvailable();
  },
  get backend() {
    return process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};

function createWindow(drafts: DraftsStore): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Signet',
    icon: join(__dirname, '../../assets/icon.png'),
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Closing the window or quitting with unsaved tabs asks first.
  guardUnsavedTabs(
    window,
    () => drafts.unsavedTabs(),
    (options) => dialog.showMessageBoxSync(window, options),
  );
  window.on('closed', () => {
    // With no window left (macOS keeps the app), the next window takes the last one's tabs.
    if (BrowserWindow.getAllWindows().length === 0) drafts.releaseWindows();
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

// A second launch hands over to the first one, which comes to the front.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

app.enableSandbox();
registerAppScheme();
applyGlobalGuards(isAppUrl);

void app.whenReady().then(async () => {
  applySessionGuards();
  serveRenderer(rendererDir());
  // SIGNET_DATA_DIR means the same as for the CLI (one rule, workspace/data-dir); else Electron's userData.
  const dataDir = process.env.SIGNET_DATA_DIR ? defaultDataDir(process.env) : app.getPath('userData');
  const signet = await createApp({
    host: 'electron',
    dataDir,
    version: appVersion(),
    encryptor,
    // The path comes from the OS dialog main opened, never from the renderer.
    chooseFile: async () => {
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title: 'Choose a file to send', properties: ['openFile' as const] };
      const picked = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    // Only SSO verification links reach here, already checked (https, or http on loopback).
    openExternal: async (url) => {
      if (!isOpenableVerificationUrl(url)) throw new Error('refused to open a link that is not https or loopback');
      await shell.openExternal(url);
    },
    chooseSavePath: async (fileName) => {
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title: 'Save response body', defaultPath: fileName };
      const picked = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return picked.canceled || !picked.filePath ? undefined : picked.filePath;
    },
  }).catch((error: unknown) => {
    // The data directory is unusable or another Signet (`signet web`) holds it: say so once, and stop.
    dialog.showErrorBox('Signet cannot start', error instanceof Error ? error.message : String(error));
    app.quit();
    return undefined;
  });
  if (!signet) return;
  for (const warning of signet.startupWarnings) console.warn(`[signet] ${warning}`);
  // Handlers first, then the window (a call can never arrive before its handler).
  registerCalls(ipcMain, signet.dispatch, isAppUrl);
  forwardEvents(signet.events, () => webContents.getAllWebContents(), isAppUrl);
  createWindow(signet.drafts);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(signet.drafts);
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // The last drafts the window sent are written before the process ends.
    event.preventDefault();
    void signet.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
