// Security: the desktop host against Electron's security checklist (its 20 items, numbered as in
// https://www.electronjs.org/docs/latest/tutorial/security), the browser mode against a hostile
// web page (token, DNS rebinding, foreign Origin, CORS, path traversal), export paths, and the
// renderer's sources (no HTML or code built from strings). Electron itself is not loaded: the
// window options, CSP and handlers come from src-main/electron/security.ts, and main.ts is read
// as text to check that it uses them.
import { readdirSync, readFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as knobsCli } from '../../src-main/cli/index';
import { CSP } from '../../src-main/csp';
import {
  bytesSaveDialog, createMainWindow, defaultSavePath, externalUrlAllowed, guardContents, hardenSession, isAppPage, rendererFile, trustedSender, windowOpenHandler,
  type GuardedContents, type HardenedSession, type IpcSender,
} from '../../src-main/electron/security';
import { serve, type Served } from '../../src-main/server/server';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';

const root = join(__dirname, '..', '..');
const read = (...p: string[]): string => readFileSync(join(root, ...p), 'utf8');
const mainSource = read('src-main', 'electron', 'main.ts');
const preloadSource = read('src-main', 'electron', 'preload.ts');
const mainDir = join(root, 'out', 'main');
const page = rendererFile(mainDir);
const pageUrl = pathToFileURL(page).href;

/** A CSP string as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) m.set(name.toLowerCase(), sources);
  }
  return m;
}

/** The sources that govern scripts: script-src, else default-src. */
const scriptSources = (d: Map<string, string[]>): string[] => d.get('script-src') ?? d.get('default-src') ?? ['*'];

function checkCsp(csp: string): void {
  const d = directives(csp);
  expect(d.get('default-src')).toEqual(["'self'"]);
  const scripts = scriptSources(d);
  for (const bad of ["'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:', 'filesystem:']) {
    expect(scripts, `script-src allows ${bad}`).not.toContain(bad);
  }
  expect(scripts).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  for (const [name, sources] of d) {
    for (const s of sources) expect(s, `${name} names a network source`).not.toMatch(/^(https?:|wss?:|\*|[\w-]+\.[\w.-]+)/);
  }
}

/** The options main.ts gives Electron's BrowserWindow, recorded by a stand-in class. */
function windowOptions(dir: string): BrowserWindowConstructorOptions {
  return createMainWindow(
    class {
      constructor(readonly options: BrowserWindowConstructorOptions) {}
    },
    dir,
  ).options;
}

describe('Electron security checklist (desktop host)', () => {
  const options = windowOptions(mainDir);
  const prefs = options.webPreferences!;

  it('1, 18. loads only the app\'s own page from disk (never remote content); the CSP allows no network source', () => {
    expect(mainSource).toMatch(/win\.loadFile\(rendererFile\(__dirname\)\)/);
    expect(mainSource).not.toMatch(/loadURL\(/);
    expect(page).toBe(join(root, 'out', 'renderer', 'index.html'));
    // 18 recommends a custom protocol over file://. Knobs still loads file://; what file:// would
    // add (reaching other files) is closed by the sandbox, the CSP ('self' only, no network), IPC
    // answering only this exact page, and navigation being blocked. Tracked as a known gap.
  });

  it('2, 3, 4, 20. no Node.js in the page, context isolation and the sandbox on, only the preload bridge', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.preload).toBe(join(root, 'out', 'preload', 'index.cjs'));
    expect(options.show).toBe(false);
    expect(mainSource).toMatch(/win = createMainWindow\(BrowserWindow, __dirname\)/);
    expect(mainSource).not.toMatch(/new BrowserWindow\(/);
    // 20: the preload exposes one narrow object, never ipcRenderer or the IPC event.
    expect(preloadSource.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadSource).toMatch(/exposeInMainWorld\('knobs', bridge\)/);
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preloadSource).toMatch(/const wrapped = \(_e: unknown, value: T\): void => listener\(value\)/);
    for (const src of [mainSource, preloadSource, read('src-main', 'electron', 'security.ts')]) {
      expect(src).not.toMatch(/nodeIntegration\w*: true|contextIsolation: false|sandbox: false|webSecurity: false|allowRunningInsecureContent: true|experimentalFeatures: true|webviewTag: true|enableBlinkFeatures/);
    }
  });

  it('5. every permission request and permission check is refused', () => {
    const got: Partial<Record<'request' | 'check' | 'headers', (...a: never[]) => unknown>> = {};
    const session: HardenedSession = {
      setPermissionRequestHandler: (h) => (got.request = h as never),
      setPermissionCheckHandler: (h) => (got.check = h as never),
      webRequest: { onHeadersReceived: (h) => (got.headers = h as never) },
    };
    hardenSession(session);
    expect(mainSource).toMatch(/hardenSession\(session\.defaultSession\)/);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture', 'unknown']) {
      let granted: boolean | undefined;
      (got.request as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect((got.check as (wc: unknown, p: string) => boolean)({}, permission), permission).toBe(false);
    }
  });

  it('6, 8, 9, 10. web security on; no insecure content, experimental features or extra Blink features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('7. a strict CSP on every response (header) and in the page (meta): no eval, no inline scripts, no network', () => {
    checkCsp(CSP);
    const d = directives(CSP);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    let response: { responseHeaders: Record<string, string[]> } | undefined;
    const session: HardenedSession = {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      webRequest: { onHeadersReceived: (h) => h({ responseHeaders: { 'content-security-policy': ["script-src * 'unsafe-eval'"], 'X-Other': ['1'] } }, (r) => (response = r)) },
    };
    hardenSession(session);
    expect(response!.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CSP] });
    const html = read('src-renderer', 'index.html');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta, 'src-renderer/index.html has a CSP meta tag').not.toBeNull();
    checkCsp(meta![1]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('11, 12. no <webview>: the tag is off and attaching one is prevented', () => {
    expect(prefs.webviewTag).toBe(false);
    const { fire } = guarded();
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('13. navigation is blocked: to other origins, other files, redirects and in subframes', () => {
    const { fire } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) expect(fire(event), event).toBe(true);
    expect(mainSource).toMatch(/app\.on\('web-contents-created', \(_e, contents\) => guardContents\(contents, \(url\) => shell\.openExternal\(url\)\)\)/);
  });

  it('14, 15. window.open is always denied; only https links reach the system browser', () => {
    const { handler, opened } = guarded();
    for (const url of ['https://example.org/paper', 'http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://evil/share', 'ms-msdt:/id', 'data:text/html,x', 'about:blank', '', 'not a url']) {
      expect(handler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/paper']);
    expect(externalUrlAllowed('HTTPS://example.org')).toBe(true);
    expect(externalUrlAllowed(' javascript:alert(1)//https://')).toBe(false);
    const direct: string[] = [];
    expect(windowOpenHandler((u) => direct.push(u))({ url: 'file:///x' })).toEqual({ action: 'deny' });
    expect(direct).toEqual([]);
    expect(mainSource.match(/shell\.openExternal\(/g)).toHaveLength(1);
  });

  it('16. a supported Electron line', () => {
    const range = JSON.parse(read('package.json')).devDependencies.electron as string;
    expect(range).toMatch(/^[~^]\d+\.\d+\.\d+$/);
    // Electron supports its latest three major lines; raise this with each upgrade.
    expect(Number(/\d+/.exec(range)![0])).toBeGreaterThanOrEqual(39);
  });

  it('17. IPC is answered only for the top frame of the app\'s window showing the app\'s own page', () => {
    const ok: IpcSender = { frameUrl: pageUrl, topFrame: true, fromAppWindow: true };
    expect(trustedSender(ok, page)).toBe(true);
    expect(trustedSender({ ...ok, frameUrl: `${pageUrl}#/search/3` }, page)).toBe(true);
    expect(trustedSender({ ...ok, frameUrl: `${pageUrl}?token=x` }, page)).toBe(true);
    const refused: [string, IpcSender][] = [
      ['another window', { ...ok, fromAppWindow: false }],
      ['an iframe', { ...ok, topFrame: false }],
      ['a destroyed frame', { ...ok, frameUrl: undefined }],
      ['a web origin', { ...ok, frameUrl: 'https://evil.example/index.html' }],
      ['a local server', { ...ok, frameUrl: 'http://127.0.0.1:5173/' }],
      ['another local file', { ...ok, frameUrl: 'file:///tmp/evil.html' }],
      ['a file beside the page', { ...ok, frameUrl: pathToFileURL(join(dirname(page), 'other.html')).href }],
      ['a path climbing out and back', { ...ok, frameUrl: `${pathToFileURL(dirname(page)).href}/x/..%2Findex.html` }],
      ['a remote file host', { ...ok, frameUrl: `file://evil.example${pathToFileURL(page).pathname}` }],
      ['about:blank', { ...ok, frameUrl: 'about:blank' }],
      ['a data URL', { ...ok, frameUrl: 'data:text/html,<script>1</script>' }],
      ['garbage', { ...ok, frameUrl: 'file://%%%' }],
    ];
    for (const [what, sender] of refused) expect(trustedSender(sender, page), what).toBe(false);
    expect(isAppPage(pageUrl.replace('index.html', 'sub/../index.html'), page)).toBe(true);
    // Every handler in main.ts checks its sender first.
    const handlers = [...mainSource.matchAll(/ipcMain\.handle\(IPC\.(\w+), async \((\w+)[^)]*\) => \{\n\s*(.*)\n/g)];
    expect(handlers.map((h) => h[1]).sort()).toEqual(['call', 'openBundle', 'openCsv', 'saveBytes', 'saveText']);
    for (const h of handlers) expect(h[3], `ipcMain.handle(IPC.${h[1]})`).toMatch(new RegExp(`^if \\(!trusted\\(${h[2]}\\)`));
    expect(mainSource.match(/ipcMain\.(handle|on|once|handleOnce)\(/g)).toHaveLength(5);
    expect(mainSource).toMatch(/trustedSender\(\{ frameUrl: frame\?\.url, topFrame: frame != null && frame\.parent === null, fromAppWindow: win !== null && e\.sender === win\.webContents \}, rendererFile\(__dirname\)\)/);
  });

  // 19 (Electron fuses) applies to packaged builds; this repository ships no packaging step yet.
});

/** guardContents applied to a fake web contents: fire(event) says whether the default was prevented. */
function guarded(): { fire: (event: string) => boolean; handler: ((d: { url: string }) => { action: string }) | undefined; opened: string[] } {
  const listeners = new Map<string, ((e: { preventDefault(): void }) => void)[]>();
  let handler: ((d: { url: string }) => { action: string }) | undefined;
  const opened: string[] = [];
  const contents: GuardedContents = {
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    setWindowOpenHandler: (h) => (handler = h as never),
  };
  guardContents(contents, (url) => opened.push(url));
  const fire = (event: string): boolean => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { fire, handler, opened };
}

describe('browser mode (knobs serve) against a hostile page', () => {
  let s: Served;
  let port: number;
  let store: Store;
  const secret = 'TOP-SECRET-OUTSIDE-THE-STATIC-FOLDER';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-sec-serve-'));
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Knobs</title>');
    writeFileSync(join(dir, 'secret.txt'), secret);
    mkdirSync(join(dir, 'renderer-private'));
    writeFileSync(join(dir, 'renderer-private', 'secret.txt'), secret);
    store = Store.open(join(dir, 'k.db'));
    s = await serve(new Workbench({ store, version: 'test' }), { host: '127.0.0.1', port: 0, staticDir });
    port = (s.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await s.close();
    store.close();
  });

  type Res = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
  function req(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
    return new Promise((done, fail) => {
      const r = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      r.on('error', fail);
      r.end(opts.body);
    });
  }
  const bearer = (): Record<string, string> => ({ authorization: `Bearer ${s.token}` });
  const noCors = (r: Res): void => {
    for (const h of Object.keys(r.headers)) expect(h, 'a CORS header was sent').not.toMatch(/^access-control-/);
  };

  it('refuses every request without the token or with a wrong one', async () => {
    const wrong = s.token.slice(0, -1) + (s.token.endsWith('0') ? '1' : '0');
    const attempts: [string, Parameters<typeof req>[1]][] = [
      ['/', {}],
      ['/index.html', {}],
      ['/api/projects.list', { method: 'POST' }],
      ['/api/events', {}],
      [`/?token=${wrong}`, {}],
      [`/?token=${s.token.slice(0, 10)}`, {}],
      ['/?token=', {}],
      [`/?token=${s.token}x`, {}],
      ['/api/projects.list', { method: 'POST', headers: { authorization: `Bearer ${wrong}` } }],
      ['/api/projects.list', { method: 'POST', headers: { authorization: `Basic ${s.token}` } }],
      ['/api/projects.list', { method: 'POST', headers: { authorization: 'Bearer' } }],
      ['/api/projects.list', { method: 'POST', headers: { cookie: `knobs_token=${wrong}` } }],
      ['/api/projects.list', { method: 'POST', headers: { cookie: `other_token=${s.token}` } }],
      ['/api/projects.delete', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' }],
    ];
    for (const [path, opts] of attempts) {
      const r = await req(path, opts);
      expect(r.status, `${opts?.method ?? 'GET'} ${path} ${JSON.stringify(opts?.headers ?? {})}`).toBe(401);
      expect(r.body).not.toContain('<title>');
      expect(r.headers['set-cookie']).toBeUndefined();
      noCors(r);
    }
    expect((await req('/api/projects.list', { method: 'POST', headers: bearer() })).status).toBe(200);
    expect((await req('/api/projects.list', { method: 'POST', headers: { cookie: `knobs_token=${s.token}` } })).status).toBe(200);
  });

  it('refuses a wrong Host header (DNS rebinding), even with the right token', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', '127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `127.0.0.1:${port}.evil.example`, `127.0.0.2:${port}`, `0.0.0.0:${port}`, `[::ffff:127.0.0.1]:${port}`]) {
      const r = await req(`/api/projects.list?token=${s.token}`, { method: 'POST', headers: { ...bearer(), host } });
      expect(r.status, `Host: ${host}`).toBe(403);
      expect(r.headers['set-cookie']).toBeUndefined();
      noCors(r);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await req('/api/projects.list', { method: 'POST', headers: { ...bearer(), host } })).status, host).toBe(200);
    }
  });

  it('refuses a request with no Host header at all', async () => {
    const raw = await new Promise<string>((done, fail) => {
      const sock = connect(port, '127.0.0.1', () => sock.end(`GET /?token=${s.token} HTTP/1.0\r\n\r\n`));
      let text = '';
      sock.on('data', (c) => (text += c));
      sock.on('end', () => done(text));
      sock.on('error', fail);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 4\d\d/);
    expect(raw).not.toContain('<title>Knobs</title>');
  });

  it('refuses a foreign Origin, even with the right token and Host', async () => {
    for (const origin of ['https://evil.example', 'http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `http://localhost:${port + 1}`, `http://127.0.0.1:${port}.evil.example`, `http://evil.example/127.0.0.1:${port}`, 'file://', 'chrome-extension://abc']) {
      const r = await req('/api/projects.list', { method: 'POST', headers: { ...bearer(), origin } });
      expect(r.status, `Origin: ${origin}`).toBe(403);
      noCors(r);
    }
    expect((await req('/api/projects.list', { method: 'POST', headers: { ...bearer(), origin: `http://127.0.0.1:${port}` } })).status).toBe(200);
  });

  it('sends no Access-Control-Allow-* header to anyone, preflights included', async () => {
    const preflight = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' };
    const cases: [string, Parameters<typeof req>[1]][] = [
      ['/api/projects.list', { method: 'OPTIONS', headers: { origin: 'https://evil.example', ...preflight } }],
      ['/api/projects.list', { method: 'OPTIONS', headers: { origin: `http://127.0.0.1:${port}`, ...preflight } }],
      ['/api/projects.list', { method: 'OPTIONS', headers: { ...bearer(), origin: `http://127.0.0.1:${port}`, ...preflight } }],
      ['/api/projects.list', { method: 'OPTIONS', headers: { ...bearer(), origin: 'https://evil.example', ...preflight } }],
      ['/api/projects.list', { method: 'POST', headers: { ...bearer(), origin: `http://127.0.0.1:${port}` } }],
      ['/api/projects.list', { method: 'POST', headers: bearer() }],
      [`/?token=${s.token}`, {}],
      ['/api/events', { headers: { ...bearer(), origin: 'https://evil.example' } }],
    ];
    for (const [path, opts] of cases) {
      const r = await req(path, opts);
      noCors(r);
      if (opts?.method === 'OPTIONS') expect(r.status, JSON.stringify(opts)).toBeGreaterThanOrEqual(400);
    }
  });

  it('does not serve a file outside its folder, however the path is spelled', async () => {
    const paths = [
      '/../secret.txt', '/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/.%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%2fsecret.txt',
      '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%5csecret.txt', '/..\\secret.txt', '/%252e%252e/secret.txt',
      '/..%252fsecret.txt', '/./../secret.txt', '//../secret.txt', '/%2f..%2fsecret.txt', '/%2fetc%2fpasswd', '//etc/passwd', '/..%c0%afsecret.txt',
      '/../renderer-private/secret.txt', '/..%2frenderer-private%2fsecret.txt', '/%2e%2e/renderer-private/secret.txt', '/index.html%00.txt',
      `/${'..%2f'.repeat(20)}etc%2fpasswd`, '/%E0%A4%A',
    ];
    for (const p of paths) {
      const r = await req(`${p}${p.includes('?') ? '&' : '?'}token=${s.token}`);
      expect(r.status, p).not.toBe(200);
      expect(r.status, p).toBeLessThan(600);
      expect(r.body, p).not.toContain(secret);
      expect(r.body, p).not.toMatch(/root:.*:0:0:/);
    }
    expect((await req(`/index.html?token=${s.token}`)).status).toBe(200);
  });

  it('answers the API only to POST, so a cross-site GET (img, link) changes nothing', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect((await req('/api/projects.create', { method, headers: bearer() })).status, method).toBe(405);
    }
    const list = await req('/api/projects.list', { method: 'POST', headers: bearer() });
    expect(JSON.parse(list.body)).toEqual([]);
  });

  it('serves its pages with the CSP, nosniff and no framing', async () => {
    const r = await req(`/?token=${s.token}`);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(String(r.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(r.headers['set-cookie'])).toMatch(/SameSite=Strict/);
  });

  it('listens on loopback only', () => {
    const addr = s.server.address() as { address: string };
    expect(addr.address).toBe('127.0.0.1');
  });
});

describe('export paths stay in the chosen folder', () => {
  const hostile: string[] = ['../../evil', '..', '.', '/etc/passwd', '..\\..\\windows\\evil', 'C:\\Windows\\evil.csv', 'a/../../b.csv', '~/.bashrc', '.hidden', 'x\u0000y.csv', 'con', '', '/', '\\\\server\\share\\x.csv', '%2e%2e%2fx.csv', '😀'.repeat(100)];

  it('the desktop save dialog starts in the chosen folder with a plain file name, whatever the page asks for', () => {
    const folder = join(tmpdir(), 'Documents');
    for (const name of hostile) {
      const p = defaultSavePath(folder, name);
      expect(dirname(p), JSON.stringify(name)).toBe(folder);
      expect(basename(p), JSON.stringify(name)).toMatch(/^[\w][\w.-]*$/);
    }
    expect(defaultSavePath(folder, 'lr-search-trials.csv')).toBe(join(folder, 'lr-search-trials.csv'));
    // The file is then written exactly where the user chose in the dialog, nowhere else.
    expect(mainSource).toMatch(/defaultPath: defaultSavePath\(app\.getPath\('documents'\), filename\)/);
    expect(mainSource).toMatch(/if \(r\.canceled \|\| !r\.filePath\) return null;\n\s*await writeFile\(r\.filePath, text, 'utf8'\);/);
  });

  it('the dialog for bytes offers the kind of file asked for: a chart\'s PNG, else a project bundle', () => {
    expect(bytesSaveDialog('best-so-far.png')).toEqual({ title: 'Save chart', filters: [{ name: 'PNG image', extensions: ['png'] }] });
    expect(bytesSaveDialog('Chart.PNG').filters[0].extensions).toEqual(['png']);
    for (const name of ['tpe.knobs', 'x.png.knobs', 'png']) expect(bytesSaveDialog(name).filters).toEqual([{ name: 'Knobs project bundle', extensions: ['knobs'] }]);
    expect(mainSource).toMatch(/showSaveDialog\(win, \{ \.\.\.bytesSaveDialog\(filename\), defaultPath: defaultSavePath\(app\.getPath\('documents'\), filename\) \}\)/);
  });

  it('export file names the contract suggests are plain names, whatever the search is called', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-sec-export-'));
    const store = Store.open(join(dir, 'k.db'));
    const wb = new Workbench({ store, version: 'test', datasetsDir: join(dir, 'datasets') });
    try {
      for (const [i, name] of hostile.filter((n) => n.trim() !== '' && !n.includes('\u0000')).entries()) {
        const created = (await wb.call('searches.create', {
          spec: { project: `p${i}`, name, dataset: { synthetic: 'moons', n: 100 }, train: { epochs: 1, hiddenLayers: [4] }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 1 } },
        })) as { id: number };
        for (const channel of ['export.trialsCsv', 'export.curvesCsv', 'export.confusionCsv']) {
          const { filename } = (await wb.call(channel, { searchId: created.id })) as { filename: string };
          expect(filename, JSON.stringify(name)).toMatch(/^\w[\w.-]*\.csv$/);
          expect(basename(filename)).toBe(filename);
        }
      }
      // Imported CSVs are kept under the data sets folder whatever the data set is named.
      for (const name of ['../../../evil', '/tmp/evil', '..\\evil']) {
        await wb.call('datasets.importCsv', { name, text: 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n', target: 'y' });
      }
      for (const f of readdirSync(join(dir, 'datasets'))) expect(f).toMatch(/^\w[\w.-]*\.csv$/);
      expect(readdirSync(dir).sort()).toEqual(['backups', 'datasets', 'k.db', 'k.db-shm', 'k.db-wal'].filter((f) => existsSync(join(dir, f))));
      if (existsSync(join(dir, 'backups'))) for (const f of readdirSync(join(dir, 'backups'))) expect(f).toMatch(/^k-\d{8}T\d{9}Z\.db(\.partial-\d+-\d+)?$/);
    } finally {
      await wb.shutdown();
      store.close();
    }
  });

  it('knobs export writes only the files named by --out/--curves, in their folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-sec-cli-'));
    const db = join(dir, 'db', 'k.db');
    const store = Store.open(db);
    const wb = new Workbench({ store, version: 'test' });
    await wb.call('searches.create', {
      spec: { project: 'p', name: '../../escaped', dataset: { synthetic: 'moons', n: 100 }, train: { epochs: 1, hiddenLayers: [4] }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 1 } },
    });
    await wb.shutdown();
    store.close();
    const out = join(dir, 'chosen');
    mkdirSync(out);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await knobsCli(['export', '../../escaped', '--out', join(out, 'trials.csv'), '--curves', join(out, 'curves.csv'), '--db', db], io), lines.join('\n')).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['curves.csv', 'trials.csv']);
    expect(readdirSync(dir).sort()).toEqual(['chosen', 'db']);
    // A folder that does not exist is refused (exit 2), nothing is created.
    expect(await knobsCli(['export', '../../escaped', '--out', join(out, 'missing', 'trials.csv'), '--db', db], io)).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['curves.csv', 'trials.csv']);
    expect(resolve(out).startsWith(resolve(dir) + sep)).toBe(true);
  });
});

describe('renderer sources build no HTML or code from strings', () => {
  const srcDir = join(root, 'src-renderer', 'src');
  const files = (function walk(d: string): string[] {
    return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.(vue|ts|tsx|js|mjs)$/.test(e.name) ? [join(d, e.name)] : []));
  })(srcDir);

  const banned: [string, RegExp][] = [
    ['v-html', /\bv-html\b/],
    ['innerHTML / outerHTML', /\.(inner|outer)HTML\b|\binnerHTML\s*:/],
    ['insertAdjacentHTML', /insertAdjacentHTML/],
    ['document.write', /document\.write(ln)?\s*\(/],
    ['createContextualFragment', /createContextualFragment/],
    ['DOMParser', /new\s+DOMParser/],
    ['srcdoc', /\bsrcdoc\b/],
    ['eval', /(^|[^\w.$])eval\s*\(/],
    ['new Function', /new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/],
    ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
    ['javascript: URLs', /javascript:/i],
    ['render function innerHTML', /\b(domProps|props)\s*:\s*\{[^}]*innerHTML/],
  ];

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.endsWith('.vue'))).toBe(true);
  });

  it.each(banned)('uses no %s', (_what, pattern) => {
    const hits = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => pattern.test(line))
        .map(({ line, i }) => `${f.slice(root.length + 1)}:${i + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  // ECharts draws labels on the canvas (plain text) but shows tooltips as HTML: a template string
  // formatter ('{b}') is escaped by ECharts, a function's result is not. So every value a tooltip
  // function interpolates must be a number, an escaped string, or one of these known-safe names.
  const SAFE_TOOLTIP_VALUES: { file: string; expr: string; why: string }[] = [
    { file: 'src-renderer/src/charts/insight.ts', expr: 'p.seriesName', why: 'playground series are named by optimizer ids from a fixed list' },
    { file: 'src-renderer/src/charts/boundary.ts', expr: 'which', why: 'a row\'s part, "training" or "validation", from a fixed pair' },
    ...['split', 'metric', 'n'].map((expr) => ({ file: 'src-renderer/src/charts/curveOptions.ts', expr, why: 'a curve\'s label, which curveTip escapes (and a split, a metric from fixed lists, a trial number)' })),
  ];
  it('chart tooltips interpolate only numbers or escaped text into their HTML', () => {
    const hits = files.flatMap((f) => {
      const rel = f.slice(root.length + 1).split(sep).join('/');
      const lines = readFileSync(f, 'utf8').split('\n');
      // A tooltip's formatter on the line of its "tooltip:" or within the two lines after it, and its body: that line and the four after it.
      const opens = lines.map((line, i) => i).filter((i) => /formatter\s*:\s*(\(|function|\w+\s*=>)/.test(lines[i]) && lines.slice(Math.max(0, i - 2), i + 1).some((l) => /tooltip\s*:/.test(l)));
      const body = [...new Set(opens.flatMap((i) => [0, 1, 2, 3, 4].map((k) => i + k).filter((k) => k < lines.length)))];
      return body
        .map((i) => ({ line: lines[i], i }))
        .flatMap(({ line, i }) =>
          [...line.matchAll(/\$\{([^}]*)\}/g)]
            .map((m) => m[1].trim())
            .filter((expr) => !/^(fmt|short|figure|encodeHTML|escapeHtml|Number|Math\.\w+)\(|\.(toFixed|toPrecision|toExponential|toLocaleString)\(|\.dataIndex$|^\d+$/.test(expr))
            .filter((expr) => !SAFE_TOOLTIP_VALUES.some((s) => s.file === rel && s.expr === expr))
            .map((expr) => `${rel}:${i + 1}: \${${expr}} in ${line.trim()}`),
        );
    });
    expect(hits).toEqual([]);
  });
});
