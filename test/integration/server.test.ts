import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workbench } from '../../src-core/service/workbench';
import { serve, type Served } from '../../src-main/server/server';
import { Store } from '../../src-core/store/store';
import { decodeFloats } from '../../src-core/api/floats';

let s: Served;
let port: number;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knobs-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Knobs</title><script type="module" src="./assets/index-x.js"></script><link rel="stylesheet" href="./assets/index-x.css">');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-x.js'), 'export {};');
  s = await serve(new Workbench({ store: Store.open(join(dir, 'k.db')), version: 'test' }), { host: '127.0.0.1', port: 0, staticDir: dir });
  port = (s.server.address() as { port: number }).port;
});
afterAll(() => s.close());

function req(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

describe('knobs serve', () => {
  it('serves the page with the token and sets an HttpOnly cookie', async () => {
    const r = await req(`/?token=${s.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Knobs</title>');
    expect(String(r.headers['set-cookie'])).toMatch(/knobs_token=.*HttpOnly; SameSite=Strict/);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await req('/')).status).toBe(401);
    expect((await req('/?token=nope')).status).toBe(401);
    expect((await req('/api/datasets.list', { method: 'POST' })).status).toBe(401);
  });

  it('answers every app path (a reload, a copied link) with the page, its assets root-relative; the cookie is enough', async () => {
    const cookie = { cookie: `knobs_token=${s.token}` };
    for (const path of ['/searches/12/space?trial=7', '/projects/3', '/datasets/breast_cancer', '/new?dataset=digits', '/import', '/experiments', '/playground', '/searches/12']) {
      const r = await req(path, { headers: cookie });
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toMatch(/^text\/html/);
      expect(r.headers['content-security-policy'], path).toMatch(/default-src 'self'/);
      expect(r.body, path).toContain('src="/assets/index-x.js"');
      expect(r.body, path).toContain('href="/assets/index-x.css"');
      expect(r.body, path).not.toContain('"./assets');
    }
    expect((await req('/assets/index-x.js', { headers: cookie })).status).toBe(200);
    // Only the app's own sections: an asset under an app path, an unknown path or a lookalike is not the page.
    for (const path of ['/searches/12/assets/index-x.js', '/nope', '/searchesx', '/assets/missing.js']) {
      expect((await req(path, { headers: cookie })).status, path).toBe(404);
    }
  });

  it('a page without the token says in plain words how to get in, and sends nothing of the app', async () => {
    const r = await req('/searches/12/space');
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toMatch(/needs the token "knobs serve" printed when it started/);
    expect(r.body).toContain(`Open the URL it printed (http://127.0.0.1:${port}/?token=…)`);
    expect(r.body).not.toContain('<title>');
    expect(r.headers['set-cookie']).toBeUndefined();
    const api = await req('/api/projects.list', { method: 'POST' });
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(api.body).error).toMatch(/needs the token/);
  });

  it('refuses a wrong Host (DNS rebinding) and a foreign Origin, and sends no CORS headers', async () => {
    const evilHost = await req(`/?token=${s.token}`, { headers: { host: `evil.example:${port}` } });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await req('/api/datasets.list', { method: 'POST', headers: { authorization: `Bearer ${s.token}`, origin: 'https://evil.example' } });
    expect(evilOrigin.status).toBe(403);
    expect(evilOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the contract over POST with the bearer token', async () => {
    const r = await req('/api/datasets.list', { method: 'POST', headers: { authorization: `Bearer ${s.token}`, origin: `http://127.0.0.1:${port}` } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).map((d: { name: string }) => d.name)).toEqual(['digits', 'iris', 'wine', 'breast_cancer']);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('names the valid requests for an unknown one, and refuses bad JSON', async () => {
    const unknown = await req('/api/nope.never', { method: 'POST', headers: { authorization: `Bearer ${s.token}` } });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toMatch(/Unknown request "nope.never" \(valid: .*datasets.list/);
    const bad = await req('/api/datasets.list', { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: '{' });
    expect(bad.status).toBe(400);
  });

  it('does not serve files outside its folder', async () => {
    const r = await req(`/..%2f..%2fetc%2fpasswd?token=${s.token}`);
    expect(r.status).toBe(404);
  });
});

describe('the contract over HTTP with pushed events', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes
  type Json = any;
  const call = async (channel: string, input?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? null),
    });
    return { status: res.status, body: await res.json() };
  };

  it('validates inputs and names what was wrong', async () => {
    const bad = await call('projects.create', { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/Invalid input for projects.create: name: must not be empty/);
    const extra = await call('projects.rename', { id: 1, name: 'x', colour: 'red' });
    expect(extra.body.error).toMatch(/unknown key "colour"/);
    const spec = await call('searches.create', { spec: { dataset: { builtin: 'iris' }, train: { optimizer: 'lion' } } });
    expect(spec.status).toBe(400);
    expect(spec.body.error).toMatch(/train\.optimizer/);
  });

  it('creates a project, runs a search, pushes its events, lists its trials and exports CSV', async () => {
    const project = await call('projects.create', { name: 'p <script>alert(1)</script>' });
    expect(project.body.name).toBe('p <script>alert(1)</script>');
    const controller = new AbortController();
    const events: Json[] = [];
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${s.token}` }, signal: controller.signal });
    const reader = res.body!.getReader();
    const done = (async () => {
      let text = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        text += new TextDecoder().decode(value);
        let i;
        while ((i = text.indexOf('\n\n')) >= 0) {
          const msg = text.slice(0, i);
          text = text.slice(i + 2);
          if (msg.startsWith('data: ')) events.push(...JSON.parse(msg.slice(6)));
          if (events.some((e) => e.type === 'searchFinished')) return;
        }
      }
    })();
    const created = await call('searches.create', {
      start: true,
      spec: {
        project: project.body.name, name: 'live',
        dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 3, hiddenLayers: [8], earlyStopping: false },
        space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, strategy: { kind: 'random' }, budget: { trials: 3 }, workers: 1,
      },
    });
    expect(created.status).toBe(200);
    await done;
    controller.abort();
    const id = created.body.id;
    expect(events.filter((e) => e.type === 'trialFinished' && e.searchId === id)).toHaveLength(3);
    expect(events.filter((e) => e.type === 'epoch' && e.searchId === id)).toHaveLength(9);
    const summary = await call('searches.get', { id });
    expect(summary.body).toMatchObject({ status: 'complete', counts: { complete: 3 }, plannedTrials: 3 });
    const trials = await call('trials.changes', { searchId: id, since: '' });
    expect(trials.body.trials.map((t: { number: number }) => t.number)).toEqual([0, 1, 2]);
    const overlay = await call('trials.overlay', { searchId: id });
    expect(overlay.body).toMatchObject({ trial: [0, 1, 2], count: [3, 3, 3], more: false });
    expect(Array.from(decodeFloats(overlay.body.epoch, 9))).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
    const csv = await call('export.trialsCsv', { searchId: id });
    expect(csv.body.filename).toBe('live-trials.csv');
    expect(csv.body.csv.split('\n')[0]).toMatch(/^trial,round,status,param_lr,objective/);
    // The Trials tab's rows as filtered: only those, by trial number, with the same columns; a number the search has not is refused by name.
    const shown = await call('export.trialsCsv', { searchId: id, numbers: [2, 0] });
    expect(shown.body.filename).toBe('live-trials-shown.csv');
    const lines = shown.body.csv.trimEnd().split('\n');
    expect(lines[0]).toBe(csv.body.csv.split('\n')[0]);
    expect(lines.slice(1).map((l: string) => l.split(',')[0])).toEqual(['0', '2']);
    expect(lines.slice(1)).toEqual(csv.body.csv.trimEnd().split('\n').filter((l: string) => /^[02],/.test(l)));
    const none = await call('export.trialsCsv', { searchId: id, numbers: [1, 7, 9] });
    expect([none.status, none.body.kind]).toEqual([400, 'not-found']);
    expect(none.body.error).toBe('Search ' + id + ' "live" has no trial 7, 9; its trials are numbered 0 to 2');
    const list = await call('projects.list');
    expect(list.body.find((p: { id: number }) => p.id === project.body.id).searches).toBe(1);
  });
});
