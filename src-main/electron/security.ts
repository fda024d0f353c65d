// The desktop host's security settings as plain values and functions, kept apart from main.ts so
// tests can check them against Electron's security checklist without loading Electron
// (https://www.electronjs.org/docs/latest/tutorial/security). Type imports only: nothing here runs Electron.
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions, HandlerDetails } from 'electron';
import { CSP } from '../csp';

/** Anything constructed like a BrowserWindow (Electron's class in main.ts, a recorder in tests). */
export type WindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Open the main window; `mainDir` is the folder of the built main process (out/main). Its page is
 * isolated (checklist 3), sandboxed (4), has no Node anywhere (2), keeps web security on (6), runs
 * no insecure content (8), no experimental or extra Blink features (9, 10) and no <webview> (12);
 * middle-click (auxclick) is off too, another way to open windows. The options are written out
 * here, in the constructor call, so that Electronegativity reads them.
 */
export function createMainWindow<W>(BrowserWindow: WindowClass<W>, mainDir: string): W {
  return new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Knobs',
    show: false,
    webPreferences: {
      preload: join(mainDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

/** The page the window loads (the built renderer beside out/main). */
export function rendererFile(mainDir: string): string {
  return join(mainDir, '../renderer/index.html');
}

/** Whether `url` is the app's own page (`file://` URL of `page`), whatever its query or hash. */
export function isAppPage(url: string | undefined, page: string): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false;
  u.search = '';
  u.hash = '';
  let a: string;
  try {
    a = resolve(fileURLToPath(u));
  } catch {
    return false;
  }
  const b = resolve(page);
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** What main.ts knows of an IPC message's sender. */
export interface IpcSender {
  /** The sending frame's URL (undefined when the frame is gone). */
  frameUrl: string | undefined;
  /** The sending frame is the top frame of its page (not an iframe). */
  topFrame: boolean;
  /** The message came from the app's own window (its webContents). */
  fromAppWindow: boolean;
}

/** Checklist 17: requests are answered only for the top frame of the app's window showing the app's own page. */
export function trustedSender(sender: IpcSender, page: string): boolean {
  return sender.fromAppWindow && sender.topFrame && isAppPage(sender.frameUrl, page);
}

/** Checklist 15: the only URLs ever handed to the system are https ones (a browser opens them, never a program). */
export function externalUrlAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checklist 14: every new window is denied; an https link goes to the system browser instead. */
export function windowOpenHandler(openExternal: (url: string) => unknown): (details: Pick<HandlerDetails, 'url'>) => { action: 'deny' } {
  return ({ url }) => {
    if (externalUrlAllowed(url)) void openExternal(url);
    return { action: 'deny' };
  };
}

/** The few web-contents events guardContents uses (structurally, a WebContents). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => { action: 'deny' }): void;
}

/**
 * Checklist 12–14, for every web contents the app creates: no navigation away from the loaded page
 * (the app never navigates: it is one page with in-page state), no redirects, no <webview>, no new windows.
 */
export function guardContents(contents: GuardedContents, openExternal: (url: string) => unknown): void {
  const block = (e: { preventDefault(): void }): void => e.preventDefault();
  contents.on('will-navigate', block);
  contents.on('will-frame-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', block);
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
}

/** The few session methods hardenSession uses (structurally, an Electron Session). */
export interface HardenedSession {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void): void;
  };
}

/** Checklist 5 and 7: every permission request and check is refused; every response carries the CSP. */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
}

/** Response headers with the app's CSP replacing any Content-Security-Policy already there. */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  out['Content-Security-Policy'] = [CSP];
  return out;
}

/**
 * The save dialog for bytes the page hands over, by the name it asks for: a chart's PNG, or a project bundle
 * (anything else). The dialog then offers only that kind of file, so a picture is not saved as a ".knobs".
 */
export function bytesSaveDialog(filename: string): { title: string; filters: { name: string; extensions: string[] }[] } {
  return /\.png$/i.test(filename)
    ? { title: 'Save chart', filters: [{ name: 'PNG image', extensions: ['png'] }] }
    : { title: 'Export project', filters: [{ name: 'Knobs project bundle', extensions: ['knobs'] }] };
}

/**
 * Where the save dialog starts for an export: a plain file name (no folders, no leading dots) in
 * `folder`, whatever name the page asked for. The file is then written only where the user chose.
 */
export function defaultSavePath(folder: string, filename: string): string {
  const name = basename(filename.replace(/\\/g, '/'))
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  const path = join(folder, name || 'export.csv');
  if (!resolve(path).startsWith(resolve(folder) + sep)) return join(folder, 'export.csv');
  return path;
}
