// The renderer's api client over both transports (issue #13): a request refused by the engine
// reaches the renderer as an ApiCallError with the engine's message, its kind and the issues that
// name the input's fields, the same whether it crossed HTTP (`knobs serve`, JSON) or Electron IPC
// (the hosts' answer() sent as a structured clone, as ipcMain.handle does). A bug is an `internal`
// error (HTTP 500) and is logged with its stack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reactive, ref } from 'vue';
import { isChannel } from '../../src-core/api/channels';
import type { IpcAnswer, KnobsBridge } from '../../src-core/api/contract';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { answer } from '../../src-main/answer';
import { serve, type Served } from '../../src-main/server/server';
import { ApiCallError, httpCall, ipcCall, type Call } from '../../src-renderer/src/model/client';

let dir: string;
let store: Store;
let wb: Workbench;
let served: Served;
const logged: unknown[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-transport-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Knobs</title>');
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1, backups: false });
  served = await serve(wb, { host: '127.0.0.1', port: 0, staticDir: dir });
});
afterAll(async () => {
  await served.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the Electron host does (src-main/electron/main.ts) and how IPC carries it: structured clones both ways. */
const bridge: Pick<KnobsBridge, 'call'> = {
  call: async (channel, input) => {
    if (!isChannel(channel)) return { ok: false, error: `Unknown request "${String(channel)}"`, kind: 'bad-input', issues: [] };
    return structuredClone(await answer(wb, channel, structuredClone(input), (e) => logged.push(e))) as IpcAnswer<never>;
  },
};

const transports: [string, () => Call][] = [
  ['HTTP (knobs serve)', () => httpCall(`http://127.0.0.1:${(served.server.address() as { port: number }).port}/`, served.token)],
  ['Electron IPC', () => ipcCall(bridge)],
];

/** The error a call rejects with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>): Promise<ApiCallError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiCallError);
  return e as ApiCallError;
}

describe.each(transports)('the api client over %s', (_name, make) => {
  it('answers a request with the contract\'s value', async () => {
    const call = make();
    const p = await call('projects.create', { name: `p ${_name}` });
    expect(p).toMatchObject({ name: `p ${_name}`, searches: 0 });
    expect((await call('projects.list', undefined)).map((x) => x.id)).toContain(p.id);
  });

  it('takes a Vue reactive value as input, as the stores hand them on (IPC\'s structured clone refuses a Proxy)', async () => {
    const call = make();
    const p = await call('projects.create', reactive({ name: `reactive ${_name}` }));
    expect(p.name).toBe(`reactive ${_name}`);
    const ids = ref<number[]>([]);
    ids.value.push(p.id, p.id + 1000);
    const e = await refusal(call('searches.compare', { ids: ids.value }));
    expect(e.kind).toBe('not-found');
  });

  it('carries bad input with its issues, each naming a field', async () => {
    const call = make();
    const e = await refusal(call('projects.create', { name: '   ' }));
    // The message a person reads names the field, not the channel (the engine says "Invalid input for projects.create: …"; the channel is e.channel).
    expect([e.kind, e.channel, e.message]).toEqual(['bad-input', 'projects.create', 'name: must not be empty']);
    expect(e.issues).toEqual([{ path: 'name', message: 'must not be empty' }]);
    expect(e.issueAt('name')?.message).toBe('must not be empty');

    await call('projects.create', { name: `taken ${_name}` });
    const other = await call('projects.create', { name: `other ${_name}` });
    const clash = await refusal(call('projects.rename', { id: other.id, name: `taken ${_name}` }));
    expect(clash.kind).toBe('bad-input');
    expect(clash.message).toBe(`A project named "taken ${_name}" already exists; choose another name`);
    expect(clash.issues).toEqual([{ path: 'name', message: 'already used; choose another name' }]);

    const spec = await refusal(call('searches.create', { spec: { dataset: { builtin: 'iris' }, train: { lr: -1 }, space: { epochs: { type: 'float', low: 1, high: 4 } } } }));
    expect(spec.kind).toBe('bad-input');
    expect(spec.issues.map((i) => i.path)).toEqual(['train.lr']);
    expect(spec.issueAt('train')?.path).toBe('train.lr');
  });

  it('carries a missing thing as not-found', async () => {
    const e = await refusal(make()('searches.get', { id: 987654 }));
    expect([e.kind, e.message, e.issues]).toEqual(['not-found', 'No search 987654', []]);
  });

  it('carries a bug as internal, and the host logs it', async () => {
    const info = wb.api.app.info;
    wb.api.app.info = () => {
      throw new TypeError('a bug');
    };
    const before = logged.length;
    try {
      const e = await refusal(make()('app.info', undefined));
      expect([e.kind, e.message, e.issues]).toEqual(['internal', 'a bug', []]);
    } finally {
      wb.api.app.info = info;
    }
    if (_name === 'Electron IPC') expect(logged.slice(before)).toEqual([new TypeError('a bug')]);
  });
});

describe('HTTP answers', () => {
  it('are 400 for what the user can fix and 500 for a bug, with the same body as IPC', async () => {
    const base = `http://127.0.0.1:${(served.server.address() as { port: number }).port}`;
    const post = (channel: string, body: unknown) =>
      fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` }, body: JSON.stringify(body) });
    const bad = await post('projects.create', { name: '' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Invalid input for projects.create: name: must not be empty', kind: 'bad-input', issues: [{ path: 'name', message: 'must not be empty' }] });
    const missing = await post('trials.get', { searchId: 424242, number: 0 });
    expect([missing.status, ((await missing.json()) as { kind: string }).kind]).toEqual([400, 'not-found']);
    const info = wb.api.app.info;
    wb.api.app.info = () => {
      throw new Error('a bug');
    };
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (e: unknown) => errors.push(e);
    try {
      const bug = await post('app.info', null);
      expect(bug.status).toBe(500);
      expect(await bug.json()).toEqual({ error: 'a bug', kind: 'internal', issues: [] });
      expect(errors).toEqual([new Error('a bug')]);
    } finally {
      wb.api.app.info = info;
      console.error = consoleError;
    }
  });
});
