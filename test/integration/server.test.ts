import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workbench } from '../../src-core/service/workbench';
import { serve, type Served } from '../../src-main/server/server';

let s: Served;
let port: number;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knobs-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Knobs</title>');
  s = await serve(new Workbench({ database: join(dir, 'k.db'), version: 'test' }), { host: '127.0.0.1', port: 0, staticDir: dir });
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
