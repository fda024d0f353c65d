// Fuzz of every API payload over HTTP against the real `knobs serve` server (issue #7, "Bad
// input"): 10,000 POSTs on one keep-alive connection, with generated payloads for every channel,
// bodies that are not JSON, deep nesting, odd channel names. Every answer is 200 with JSON, or 400
// with a JSON { error } naming what was wrong: never a 500, never a dropped connection; a refused
// request leaves the SQLite file byte-identical.
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../../src-main/server/server';
import { Bench, DbWatch, expectNamedRejection, request as apiRequest, USER_KINDS } from './api-harness';
import { FC, preview, RUNS } from './fuzz-helpers';

let dir: string;
let bench: Bench;
let served: Served;
let port: number;
const TOKEN = 'f'.repeat(48);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-fuzz-http-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Knobs</title>');
  bench = new Bench(dir);
  await bench.ensureSeeded();
  served = await serve(bench.wb, { host: '127.0.0.1', port: 0, staticDir: dir, token: TOKEN });
  port = (served.server.address() as { port: number }).port;
});
afterAll(async () => {
  agent.destroy();
  await served.close();
  bench.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(path: string, body: string | Buffer | undefined, contentType: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}`, 'content-type': contentType } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

/** Bodies JSON.stringify never makes: broken JSON, NUL, bytes that are not UTF-8, deep nesting, numbers JSON cannot hold, duplicate and prototype keys. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '{', '}', 'nul', '\u0000', 'undefined', '{"id":1,}', "{'id':1}", '{"id":1e999}', '{"id":-1e999}', '{"name":"a","name":""}',
    '{"__proto__":{"id":1}}', '{"constructor":{"prototype":{"x":1}}}', '[' .repeat(5000) + ']'.repeat(5000), '{"spec":' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3001),
    '{"spec":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', '"' + 'x'.repeat(70_000) + '"', '\uFEFF{}', ' \n\t{} ',
  ),
  fc.uint8Array({ maxLength: 40 }).map((u) => Buffer.from(u)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const httpCase = fc.oneof(
  { weight: 12, arbitrary: apiRequest.map((r) => ({ ...r, raw: undefined as string | Buffer | undefined })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('projects.create', 'searches.validate', 'trials.get', 'datasets.list', 'nope'), rawBody).map(([channel, raw]) => ({ channel, payload: undefined, raw })) },
);

describe(`every API payload over HTTP, ${RUNS} requests`, () => {
  it('answers 200 with JSON or 400 with a JSON { error } naming what was wrong; never 500; a refusal leaves the database file byte-identical', async () => {
    const watch = new DbWatch(bench);
    watch.baseline();
    const outcome = { ok: 0, refused: 0, raw: 0, rebaselined: 0 };
    await fc.assert(
      fc.asyncProperty(httpCase, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async ({ channel, payload, raw }, type) => {
        const input = bench.resolve(payload);
        let body: string | Buffer | undefined = raw;
        if (raw === undefined) {
          try {
            body = JSON.stringify(input);
          } catch {
            return; // not JSON (BigInt): a browser client cannot send it
          }
        } else outcome.raw++;
        const what = (): string => `${channel} ${preview(raw ?? input).slice(0, 300)}`;
        const r = await post(`/api/${encodeURI(channel)}`, body, type);
        expect(r.type, what()).toMatch(/^application\/json/);
        let json: { error?: unknown; kind?: unknown; issues?: unknown } | null;
        try {
          json = JSON.parse(r.body);
        } catch {
          throw new Error(`${r.status} with a body that is not JSON for ${what()}: ${r.body.slice(0, 200)}`);
        }
        if (r.status === 200) {
          outcome.ok++;
          if (watch.changed()) {
            outcome.rebaselined++;
            await bench.ensureSeeded();
            watch.baseline();
          }
          return;
        }
        if (r.status !== 400) throw new Error(`HTTP ${r.status} for ${what()}: ${r.body.slice(0, 500)}`);
        expect(typeof json?.error, `${r.body.slice(0, 200)} for ${what()}`).toBe('string');
        expect(USER_KINDS, `kind of ${r.body.slice(0, 200)} for ${what()}`).toContain(json!.kind);
        expectNamedRejection(channel, json!.error as string, json!.issues, () => raw ?? input);
        watch.expectUntouched(what);
        outcome.refused++;
      }),
      FC,
    );
    expect(outcome.refused).toBeGreaterThan(RUNS / 2);
    expect(outcome.ok).toBeGreaterThan(RUNS / 20);
    console.log('http fuzz', outcome);
    // 10,000 requests over real HTTP: about 45 s on an idle 2-core machine, more under load.
  }, 300_000);
});
