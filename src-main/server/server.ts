import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CSP } from '../csp';
import { errorData } from '../../src-core/errors';
import { batchPushes } from '../../src-core/service/push';
import type { Workbench } from '../../src-core/service/workbench';
import { answer, httpStatus } from '../answer';

/** How `knobs serve` listens. */
export interface ServeOptions {
  host: string;
  port: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Fixed token (tests); by default a new random one per launch. */
  token?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.map': 'application/json',
};
/** Largest request body: a CSV to import travels as JSON text. */
/** Request bodies up to this size: an IDX import sends both files as base64 (MNIST's raw training images are 47 MB). */
const MAX_BODY = 160 * 1024 * 1024;
/** A comment line on the event stream this often keeps proxies and idle timers from closing it. */
const KEEPALIVE_MS = 15_000;
/**
 * The app's own paths (its router's sections, src-renderer/src/routes.ts): a reload or a copied link
 * of /searches/12/space gets the page, which then shows that place. A word after a search's id that
 * names none of its tabs (/searches/12/bogus) gets the page too, which says so and lists the tabs;
 * a name with a dot is a file. Only these; anything else is a file or 404.
 */
export const APP_PATH = /^\/(?:projects\/\d+|searches\/\d+(?:\/[\w-]+)?|datasets\/[^/]+|compare|import|new|experiments|playground)\/?$/;
/** What a page request without the token reads (plain text: nothing of the app is sent). */
export const tokenNeeded = (port: number): string =>
  'Knobs refused this page: it needs the token "knobs serve" printed when it started.\n\n' +
  `Open the URL it printed (http://127.0.0.1:${port}/?token=…) in this browser first; after that, links to Knobs pages work in this browser until it closes.\n` +
  'If the server was restarted, it printed a new URL: the old token no longer works.\n';

/** A running browser-mode server: its URL (with the launch token) and a way to stop it. */
export interface Served {
  server: Server;
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Serve the renderer and the contract over HTTP on loopback. Every request needs the per-launch
 * token (query `token` for the first page load, then the `Authorization: Bearer` header or the
 * cookie the first load sets); the Host header must name this server (DNS rebinding) and a
 * cross-site Origin is refused. No CORS headers are ever sent.
 */
export function serve(workbench: Workbench, opts: ServeOptions): Promise<Served> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const staticRoot = resolve(opts.staticDir);
  const subscribers = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error(e);
      send(res, 500, errorData(e));
    });
  });

  // The port is known once listening; a request racing a close (address() is then null) still
  // gets a 403 rather than a crash.
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  function authorized(req: IncomingMessage, url: URL): boolean {
    const candidates = [url.searchParams.get('token') ?? '', (req.headers.authorization ?? '').replace(/^Bearer /, ''), cookie(req, 'knobs_token')];
    return candidates.some((c) => c.length === token.length && timingSafeEqual(Buffer.from(c), Buffer.from(token)));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, { error: `Refused: unexpected Host "${host}"` });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^https?:\/\//, ''))) return send(res, 403, { error: `Refused: foreign Origin "${origin}"` });
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (!authorized(req, url)) {
      if ((req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/')) return sendText(res, 401, tokenNeeded(port));
      return send(res, 401, { error: 'Refused: this server needs the token printed when it started (open the URL it printed).' });
    }
    if (url.searchParams.has('token')) res.setHeader('Set-Cookie', `knobs_token=${token}; HttpOnly; SameSite=Strict; Path=/`);

    if (url.pathname === '/api/events') return events(req, res);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, { error: 'Use POST for API requests' });
      const channel = url.pathname.slice(5);
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length === 0 ? undefined : JSON.parse(body);
      } catch (e) {
        return send(res, 400, { error: `The request body is not valid JSON: ${(e as Error).message}`, kind: 'bad-input', issues: [] });
      }
      const r = await answer(workbench, channel, input ?? undefined);
      if (r.ok) return send(res, 200, r.value ?? null);
      const { ok: _ok, ...error } = r;
      return send(res, httpStatus(error.kind), error);
    }
    if (url.pathname === '/' || APP_PATH.test(url.pathname)) return servePage(res);
    return serveStatic(res, url.pathname);
  }

  const pageHeaders = (type: string): Record<string, string> => ({
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': CSP,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });

  /**
   * The page, for / and every app path: its asset URLs made root-relative (the build's "./assets/…"
   * would resolve under /searches/12/ on a deep link; the CSP allows no <base> to fix that).
   */
  function servePage(res: ServerResponse): void {
    const file = resolve(staticRoot, 'index.html');
    if (!existsSync(file)) return send(res, 404, { error: 'Not found: the renderer is not built (npm run build)' });
    const html = readFileSync(file, 'utf8').replace(/(\s(?:src|href)=")\.\//g, '$1/');
    res.writeHead(200, pageHeaders(TYPES['.html']));
    res.end(html);
  }

  /** Server-sent events: pushed events batched (see batchPushes) into one message each, an array. */
  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    res.write(': knobs\n\n');
    const stop = batchPushes(workbench, (batch) => res.write(`data: ${JSON.stringify(batch)}\n\n`));
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    subscribers.add(res);
    req.on('close', () => {
      stop();
      clearInterval(keepalive);
      subscribers.delete(res);
    });
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(res, 400, { error: `Malformed path: ${pathname}`, kind: 'bad-input', issues: [] });
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = resolve(staticRoot, rel);
    if (!file.startsWith(staticRoot + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, { error: `Not found: ${pathname}` });
    }
    res.writeHead(200, pageHeaders(TYPES[extname(file)] ?? 'application/octet-stream'));
    createReadStream(file).pipe(res);
  }

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      port = (server.address() as { port: number }).port;
      resolvePromise({
        server,
        token,
        url: `http://${urlHost(opts.host)}:${port}/?token=${token}`,
        close: () =>
          new Promise((r) => {
            for (const sub of subscribers) sub.end();
            server.close(() => r());
            // Sockets a page keeps open (keep-alive, a reconnecting event stream) must not hold the stop.
            server.closeAllConnections();
          }),
      });
    });
  });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(text);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function cookie(req: IncomingMessage, name: string): string {
  const m = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${name}=`));
  return m ? m.slice(name.length + 1) : '';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error(`body larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Where the built renderer lives relative to the repo root. */
export function rendererDir(root: string): string {
  return join(root, 'out', 'renderer');
}

/** How the printed URL names the address the server listens on (an IPv6 address in brackets). */
export function urlHost(host: string): string {
  return host === '::1' ? '[::1]' : host === 'localhost' ? 'localhost' : '127.0.0.1';
}
