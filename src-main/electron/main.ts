import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';

const store = Store.open(join(app.getPath('userData'), 'knobs.db'));
const workbench = new Workbench({ store, version: app.getVersion() });

/** Open the main window: isolated, sandboxed, no Node in the page, navigation and new windows blocked. */
function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Knobs',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.loadFile(join(__dirname, '../renderer/index.html'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ipcMain.handle('knobs:call', async (_event, channel: string, input: unknown) => {
      try {
        return { ok: true, value: await workbench.call(channel, input) };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    });
    createWindow();
  });
  workbench.on('push', (e) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('knobs:push', e);
  });
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting) return;
    e.preventDefault();
    quitting = true;
    workbench.shutdown().finally(() => {
      store.close();
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
