import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, safeStorage, type IpcMainInvokeEvent } from 'electron';
import { callNames, IPC_PREFIX } from '../../shared/contract';
import { createApp, type SignetApp } from '../app';
import type { Encryptor } from '../core/secrets';
import { appVersion, rendererDir } from '../paths';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { applyGlobalGuards, applySessionGuards } from './security';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** Only the app's own page, served by the app scheme (or the dev server in development). */
function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // A custom scheme's URL origin is opaque ("null"), so compare scheme and host instead.
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
}

const encryptor: Encryptor = {
  get available() {
    return safeStorage.isEncryptionAvailable();
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};

/** Registers one IPC handler per contract call; every call's sender is checked first. */
function registerIpc(signet: SignetApp): void {
  for (const name of callNames) {
    ipcMain.handle(IPC_PREFIX + name, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(frameUrl)) throw new Error('IPC refused: sender is not the app window');
      try {
        return await signet.dispatch(name, input, { host: 'electron' });
      } catch (error) {
        // Only the message crosses; stacks stay in main.
        throw new Error(error instanceof Error ? error.message : 'internal error');
      }
    });
  }
}

function createWindow(): BrowserWindow {
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
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

app.enableSandbox();
registerAppScheme();
applyGlobalGuards(isAppUrl);

void app.whenReady().then(async () => {
  applySessionGuards();
  serveRenderer(rendererDir());
  const signet = await createApp({
    host: 'electron',
    dataDir: process.env.SIGNET_DATA_DIR ?? app.getPath('userData'),
    version: appVersion(),
    encryptor,
  });
  for (const warning of signet.startupWarnings) console.warn(`[signet] ${warning}`);
  // Handlers first, then the window (a call can never arrive before its handler).
  registerIpc(signet);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => void signet.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
