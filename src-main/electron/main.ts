import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { IPC, isChannel } from '../../src-core/api/channels';
import type { MenuCommand } from '../../src-core/api/contract';
import { batchPushes } from '../../src-core/service/push';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { appDatabasePath } from '../../src-core/store/location';
import { unwritable } from '../../src-core/store/connection';
import { answer } from '../answer';
import { electronNativeBinding } from './native';
import { bytesSaveDialog, createMainWindow, defaultSavePath, guardContents, hardenSession, rendererFile, trustedSender } from './security';

/** Largest CSV the import dialog reads (the CLI takes bigger files). */
const MAX_CSV_BYTES = 50 * 1024 * 1024;
/** Largest project bundle the import dialog reads (the CLI takes bigger files). */
const MAX_BUNDLE_BYTES = 100 * 1024 * 1024;

let store: Store;
let workbench: Workbench;
/** Why the database is open read-only (it exists but cannot be written), else undefined. */
let readOnlyReason: string | undefined;
let win: BrowserWindow | null = null;

/** Requests are answered only for the top frame of the app's window showing the app's own page (out/renderer/index.html). */
function trusted(e: IpcMainInvokeEvent): boolean {
  const frame = e.senderFrame;
  return trustedSender({ frameUrl: frame?.url, topFrame: frame != null && frame.parent === null, fromAppWindow: win !== null && e.sender === win.webContents }, rendererFile(__dirname));
}

/** Open the main window: isolated, sandboxed, no Node in the page, navigation and new windows blocked. */
function createWindow(): void {
  win = createMainWindow(BrowserWindow, __dirname);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  win.loadFile(rendererFile(__dirname));
}

function send(command: MenuCommand): void {
  win?.webContents.send(IPC.menu, command);
}

/** The app menu: every command has a shortcut and reaches the page as a MenuCommand. */
function buildMenu(): void {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Search…', accelerator: 'CmdOrCtrl+N', click: () => send('new-search') },
        { label: 'Import CSV…', accelerator: 'CmdOrCtrl+I', click: () => send('import-csv') },
        { label: 'Export Trials…', accelerator: 'CmdOrCtrl+E', click: () => send('export-trials') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Find', accelerator: 'CmdOrCtrl+F', click: () => send('find') },
        { label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+D', click: () => send('toggle-theme') },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function registerIpc(): void {
  ipcMain.handle(IPC.call, async (e, channel: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: 'Refused: the request did not come from the Knobs window', kind: 'bad-input', issues: [] };
    if (!isChannel(channel)) return { ok: false, error: `Unknown request "${String(channel)}"`, kind: 'bad-input', issues: [] };
    return answer(workbench, channel, input);
  });
  ipcMain.handle(IPC.openCsv, async (e) => {
    if (!trusted(e) || !win) return null;
    const r = await dialog.showOpenDialog(win, { title: 'Import a CSV data set', properties: ['openFile'], filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
    if (r.canceled || r.filePaths.length === 0) return null;
    const file = r.filePaths[0];
    const size = (await stat(file)).size;
    if (size > MAX_CSV_BYTES) throw new Error(`${basename(file)} is ${(size / 1e6).toFixed(0)} MB; the import dialog takes up to 50 MB (use "knobs run" with a csv dataset for bigger files)`);
    return { name: basename(file), data: (await readFile(file)).toString('base64') };
  });
  ipcMain.handle(IPC.saveText, async (e, input: unknown) => {
    if (!trusted(e) || !win) return null;
    const { filename, text } = (input ?? {}) as { filename?: unknown; text?: unknown };
    if (typeof filename !== 'string' || typeof text !== 'string') throw new Error('saveText needs { filename: string, text: string }');
    const r = await dialog.showSaveDialog(win, { title: 'Export CSV', defaultPath: defaultSavePath(app.getPath('documents'), filename), filters: [{ name: 'CSV', extensions: ['csv'] }] });
    if (r.canceled || !r.filePath) return null;
    await writeFile(r.filePath, text, 'utf8');
    return r.filePath;
  });
  ipcMain.handle(IPC.saveBytes, async (e, input: unknown) => {
    if (!trusted(e) || !win) return null;
    const { filename, data } = (input ?? {}) as { filename?: unknown; data?: unknown };
    if (typeof filename !== 'string' || typeof data !== 'string') throw new Error('saveBytes needs { filename: string, data: string (base64) }');
    const r = await dialog.showSaveDialog(win, { ...bytesSaveDialog(filename), defaultPath: defaultSavePath(app.getPath('documents'), filename) });
    if (r.canceled || !r.filePath) return null;
    await writeFile(r.filePath, Buffer.from(data, 'base64'));
    return r.filePath;
  });
  ipcMain.handle(IPC.openBundle, async (e) => {
    if (!trusted(e) || !win) return null;
    const r = await dialog.showOpenDialog(win, { title: 'Import a project', properties: ['openFile'], filters: [{ name: 'Knobs project bundle', extensions: ['knobs'] }, { name: 'All files', extensions: ['*'] }] });
    if (r.canceled || r.filePaths.length === 0) return null;
    const file = r.filePaths[0];
    const size = (await stat(file)).size;
    if (size > MAX_BUNDLE_BYTES) throw new Error(`${basename(file)} is ${(size / 1e6).toFixed(0)} MB; the app imports bundles up to 100 MB (use "knobs bundle import FILE" for bigger ones)`);
    return { name: basename(file), data: (await readFile(file)).toString('base64') };
  });
}

/**
 * The app's database: for writing (made when not there), or for reading only when it exists but
 * cannot be written (a read-only disk, someone else's file, a backup): the window then shows it as
 * it is, says so in a banner, and turns off every action that would change it.
 */
function openStore(): Store {
  const file = appDatabasePath();
  const nativeBinding = electronNativeBinding(app.getAppPath());
  try {
    const denied = existsSync(file) ? unwritable(file) : null;
    if (denied) {
      readOnlyReason = denied.replace(/ \(.*\)$/, '');
      console.error(`Knobs: ${file} cannot be written (${denied}), so it is open read-only`);
      return Store.open(file, { nativeBinding, readonly: true });
    }
    return Store.open(file, { nativeBinding });
  } catch (e) {
    const msg = (e as Error).message;
    const abi = /NODE_MODULE_VERSION|was compiled against a different Node.js version/.test(msg);
    dialog.showErrorBox(
      'Knobs cannot open its database',
      abi
        ? `The SQLite module was built for Node, not for Electron ${process.versions.electron}.\n\nRun "node src-main/electron/fetch-native.mjs" once (it needs network), or use the browser mode: "npx knobs serve".\n\n${msg}`
        : msg,
    );
    app.exit(1);
    throw e;
  }
}

// Tests point the app at a temporary profile (and so a temporary database).
if (process.env.KNOBS_USER_DATA) app.setPath('userData', process.env.KNOBS_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.whenReady().then(() => {
    store = openStore();
    workbench = new Workbench({ store, version: app.getVersion(), host: 'electron', readOnlyReason });
    batchPushes(workbench, (events) => win?.webContents.send(IPC.push, events));
    hardenSession(session.defaultSession);
    registerIpc();
    buildMenu();
    createWindow();
  });
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting || !workbench) return;
    e.preventDefault();
    quitting = true;
    workbench.shutdown().finally(() => {
      store.close();
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_e, contents) => guardContents(contents, (url) => shell.openExternal(url)));
}
