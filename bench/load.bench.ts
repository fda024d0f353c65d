// Load: a 10,000-trial search of tiny models (moons, 400 rows, one hidden layer of 4 units,
// 20 epochs, 2 workers) run by the Workbench behind the real browser-mode server, while a simulated
// dashboard in another process streams the pushed events and, every 250 ms, makes each request
// the dashboard makes while a search runs (searches.get, trials.changes, searches.list,
// projects.list) over HTTP, and every 3 s re-opens the search (summary, all trials, the curves overlay). Prints each request's p95 latency (target ≤ 50 ms), the database size, and the host
// process's memory sampled every 250 ms with its growth over the second half (target ≤ 10%), both
// while the search runs and while the dashboard keeps polling the finished search.
// KNOBS_LOAD_TRIALS=1000 runs a shorter search, KNOBS_LOAD_STEADY_S the polling after it (120 s),
// KNOBS_LOAD_QUERIES=searches.get,trials.changes polls only those requests (opening always runs).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { PushEvent } from '../src-core/api/contract';
import { Workbench } from '../src-core/service/workbench';
import { Store } from '../src-core/store/store';
import { serve } from '../src-main/server/server';

/**
 * What the dashboard asks (src-renderer/src/stores): when a search is opened, its summary, all its
 * trials and, on the Curves tab, every validation curve (trials.overlay); then, while it runs, the summary and the trials changed since the last
 * answer (trials.changes with a cursor) and the sidebar's lists. The UI polls at most once a second;
 * this dashboard polls every TICK_MS and re-opens the search every OPEN_EVERY_MS (opening's own
 * figures are printed apart: they grow with the search, as any full load does).
 */
const QUERIES = ['searches.get', 'trials.changes', 'searches.list', 'projects.list', 'open: searches.get', 'open: trials.changes', 'open: trials.overlay', 'open: all of it'] as const;
type Query = (typeof QUERIES)[number];
/** The dashboard opens the search at the start, every OPEN_EVERY_MS while it runs, and once more after it (a user switching to it). */
const OPEN_EVERY_MS = 3_000;
const TICK_MS = 250;
const TARGET_MS = 50;
/** Memory is sampled this often (ms). */
const SAMPLE_MS = 250;
/** Seconds the dashboard keeps polling once the search has finished (KNOBS_LOAD_STEADY_S). */
const STEADY_S = Number(process.env.KNOBS_LOAD_STEADY_S ?? 120);

interface Sample { at: number; query: Query; ms: number; bytes: number }
interface DashboardReport { samples: Sample[]; events: number; eventBytes: number; ticks: number }

/** p-th percentile (0–100) of a list. */
function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const median = (xs: number[]): number => pct(xs, 50);
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;

// --- the simulated dashboard (a child process, as a browser would be) ---------------------------

async function dashboard(base: string, token: string, searchId: number): Promise<void> {
  const url = new URL(base);
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (query: Query, input: unknown): Promise<{ ms: number; bytes: number; body: string }> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(input ?? null);
      const channel = query.replace(/^open: /, '');
      const t0 = performance.now();
      const r = request(
        { host: url.hostname, port: url.port, path: `/api/${channel}`, method: 'POST', agent: keepAlive,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: url.origin } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200) resolve({ ms: performance.now() - t0, bytes: Buffer.byteLength(text), body: text });
            else reject(new Error(`${channel}: HTTP ${res.statusCode}`));
          });
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  const report: DashboardReport = { samples: [], events: 0, eventBytes: 0, ticks: 0 };

  // The push stream, read and parsed as the renderer does.
  const stream = request({ host: url.hostname, port: url.port, path: '/api/events', headers: { authorization: `Bearer ${token}` } }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      report.eventBytes += Buffer.byteLength(chunk);
      text += chunk;
      let i;
      while ((i = text.indexOf('\n\n')) >= 0) {
        const msg = text.slice(0, i);
        text = text.slice(i + 2);
        if (msg.startsWith('data: ')) report.events += (JSON.parse(msg.slice(6)) as PushEvent[]).length;
      }
    });
  });
  stream.end();

  let stop = false;
  process.on('message', (m) => {
    if (m === 'stop') stop = true;
  });
  const only = process.env.KNOBS_LOAD_QUERIES;
  const wanted = (q: Query): boolean => only === undefined || only.split(',').includes(q);
  const ask = async (q: Query, input: unknown): Promise<string> => {
    const at = Date.now();
    const r = await post(q, input);
    report.samples.push({ at, query: q, ms: r.ms, bytes: r.bytes });
    return r.body;
  };
  /** Ask for every page of a paged answer (trials.changes, trials.overlay), as the dashboard does; gives the first page. */
  const allPages = async <T extends { more: boolean }>(q: Query, input: Record<string, unknown>, lastNumber: (page: T) => number): Promise<T> => {
    const first = JSON.parse(await ask(q, input)) as T;
    for (let page = first; page.more; ) page = JSON.parse(await ask(q, { ...input, after: lastNumber(page) })) as T;
    return first;
  };
  let cursor = '';
  let lastOpen = -Infinity;
  while (!stop) {
    const tick = performance.now();
    if (tick - lastOpen >= OPEN_EVERY_MS) {
      lastOpen = tick;
      const t0 = performance.now();
      await ask('open: searches.get', { id: searchId });
      type Changes = { cursor: string; trials: { number: number }[]; more: boolean };
      cursor = (await allPages<Changes>('open: trials.changes', { searchId, since: '' }, (p) => p.trials[p.trials.length - 1].number)).cursor;
      await allPages<{ trial: number[]; more: boolean }>('open: trials.overlay', { searchId }, (p) => p.trial[p.trial.length - 1]);
      report.samples.push({ at: Date.now(), query: 'open: all of it', ms: performance.now() - t0, bytes: 0 });
    }
    if (wanted('searches.get')) await ask('searches.get', { id: searchId });
    if (wanted('trials.changes')) {
      type Changes = { cursor: string; trials: { number: number }[]; more: boolean };
      cursor = (await allPages<Changes>('trials.changes', { searchId, since: cursor }, (p) => p.trials[p.trials.length - 1].number)).cursor;
    }
    if (wanted('searches.list')) await ask('searches.list', {});
    if (wanted('projects.list')) await ask('projects.list', undefined);
    report.ticks++;
    const wait = TICK_MS - (performance.now() - tick);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  stream.destroy();
  keepAlive.destroy();
  process.send!(report, () => process.exit(0));
}

// --- the host: Workbench + server, the search, memory sampling ---------------------------------

async function host(): Promise<void> {
  const trials = Number(process.env.KNOBS_LOAD_TRIALS ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'knobs-bench-load-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Knobs</title>');
  const dbPath = join(dir, 'knobs.db');
  const store = Store.open(dbPath);
  const wb = new Workbench({ store, version: 'bench', workers: 2 });

  // Handler time of each request inside the host (the HTTP round trip adds JSON and transfer).
  const handlerMs = new Map<string, number[]>();
  const call = wb.call.bind(wb);
  wb.call = async (channel: string, input: unknown): Promise<unknown> => {
    const t0 = performance.now();
    const r = await call(channel, input);
    const ms = performance.now() - t0;
    const list = handlerMs.get(channel) ?? [];
    list.push(ms);
    handlerMs.set(channel, list);
    return r;
  };

  const served = await serve(wb, { host: '127.0.0.1', port: 0, staticDir });
  const base = `http://127.0.0.1:${(served.server.address() as { port: number }).port}`;
  const spec = {
    project: 'load', name: 'tiny-10k',
    dataset: { synthetic: 'moons', n: 400, noise: 0.2 },
    train: { epochs: 20, hiddenLayers: [4], batchSize: 32, earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] } },
    strategy: { kind: 'random' }, objective: { metric: 'val_loss', direction: 'minimize' }, budget: { trials }, workers: 2, seed: 7,
  };

  let done = 0;
  let lastQuarterFrom = Infinity;
  const finished = new Promise<void>((resolve) => {
    wb.on('push', (e: PushEvent) => {
      if (e.type === 'trialFinished' && ++done === Math.ceil(trials * 0.75)) lastQuarterFrom = Date.now();
      if (e.type === 'searchFinished') resolve();
    });
  });
  const self = fileURLToPath(import.meta.url);
  const created = (await call('searches.create', { spec, start: false })) as { id: number };
  const child = fork(self, ['--dashboard', base, served.token, String(created.id)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const report = new Promise<DashboardReport>((resolve) => child.once('message', (m) => resolve(m as DashboardReport)));
  await new Promise((r) => setTimeout(r, 1000));

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  type Mem = { at: number; done: number; rss: number; heap: number; external: number };
  const mem: Mem[] = [];
  const t0 = Date.now();
  const sample = (): void => {
    const m = process.memoryUsage();
    mem.push({ at: Date.now(), done, rss: m.rss, heap: m.heapUsed, external: m.external });
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);
  const progress = setInterval(() => {
    const last = mem[mem.length - 1];
    console.log(`  … ${done.toLocaleString('en')} / ${trials.toLocaleString('en')} trials, ${((Date.now() - t0) / 1000).toFixed(0)} s, rss ${mb(last.rss)}, heap ${mb(last.heap)}`);
  }, 30_000);

  await call('searches.start', { id: created.id });
  await finished;
  const finishedAt = Date.now();
  const wall = (finishedAt - t0) / 1000;
  const loopRun = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  // Then the dashboard keeps polling the finished search at its full size: the same work over and
  // over, so any growth of memory there is a leak, not more data.
  await new Promise((r) => setTimeout(r, STEADY_S * 1000));
  sample();
  clearInterval(sampler);
  clearInterval(progress);
  loop.disable();
  child.send('stop');
  const dash = await report;

  // --- figures ---
  const summary = (await call('searches.get', { id: created.id })) as { counts: Record<string, number>; status: string };
  console.log(`search: ${trials.toLocaleString('en')} trials (${JSON.stringify(summary.counts)}), ${summary.status}, ${wall.toFixed(0)} s, ${((trials / wall) * 3600).toLocaleString('en', { maximumFractionDigits: 0 })} trials/hour with 2 workers`);
  console.log(`dashboard: ${dash.ticks} rounds of requests (one every ${TICK_MS} ms at most), ${dash.events.toLocaleString('en')} pushed events streamed (${mb(dash.eventBytes)}); then ${STEADY_S} s more polling the finished search`);
  console.log(`host event-loop delay while the search ran: p50 ${loopRun.p50.toFixed(1)} ms, p99 ${loopRun.p99.toFixed(1)} ms, max ${loopRun.max.toFixed(1)} ms`);
  console.log(`latency of each request over HTTP, ms (target p95 ≤ ${TARGET_MS} ms): while the search ran | its last quarter | finished, at full size:`);
  let missed = 0;
  for (const q of QUERIES) {
    const of = (from: number, to: number): Sample[] => dash.samples.filter((s) => s.query === q && s.at >= from && s.at < to);
    const running = of(0, finishedAt).map((s) => s.ms);
    const late = of(lastQuarterFrom, finishedAt).map((s) => s.ms);
    const full = of(finishedAt, Infinity);
    const p95 = pct(running, 95);
    const whole = q === 'open: all of it';
    const met = whole || (p95 <= TARGET_MS && !(pct(full.map((s) => s.ms), 95) > TARGET_MS));
    if (!met) missed++;
    const handler = handlerMs.get(q.replace(/^open: /, '')) ?? [];
    if (whole) {
      console.log(`  ${q.padEnd(14)} (every page of the summary, the trials and the overlay, one after another; not one request, no target) p50 ${median(running).toFixed(1)} while the search ran | p50 ${median(full.map((s) => s.ms)).toFixed(1)}  p95 ${pct(full.map((s) => s.ms), 95).toFixed(1)} finished`);
      continue;
    }
    console.log(
      `  ${q.padEnd(14)} p50 ${median(running).toFixed(1).padStart(6)}  p95 ${p95.toFixed(1).padStart(6)}${met ? '     ' : ' MISS'}` +
        ` | p95 ${pct(late, 95).toFixed(1).padStart(6)}` +
        ` | p50 ${median(full.map((s) => s.ms)).toFixed(1).padStart(6)}  p95 ${pct(full.map((s) => s.ms), 95).toFixed(1).padStart(6)}, ${mb(median(full.map((s) => s.bytes)))} a response` +
        ` (in the Workbench: p50 ${median(handler).toFixed(1)} ms)`,
    );
  }

  // How latency grows with the search: the median of each request per fifth of the trials.
  const doneAt = (t: number): number => mem.filter((m) => m.at <= t).pop()?.done ?? 0;
  const fifths = [0.2, 0.4, 0.6, 0.8, 1];
  console.log(`median latency (ms) by trials done: ${fifths.map((f) => `≤${(trials * f).toLocaleString('en')}`).join(' / ')}`);
  for (const q of QUERIES) {
    const bins = fifths.map((f, i) => dash.samples.filter((s) => s.query === q && s.at < finishedAt && doneAt(s.at) > (i === 0 ? -1 : trials * fifths[i - 1]) && doneAt(s.at) <= trials * f).map((s) => s.ms));
    console.log(`  ${q.padEnd(14)} ${bins.map((b) => median(b).toFixed(1)).join(' / ')}`);
  }

  const size = (f: string): number => (existsSync(f) ? statSync(f).size : 0);
  const live = size(dbPath) + size(`${dbPath}-wal`);
  store.checkpoint();
  const counts = { trials: store.trials.list(created.id).length, epochs: store.epochs.count(created.id) };
  console.log(`database: ${mb(size(dbPath))} after a checkpoint (${mb(live)} with its WAL while open) for ${counts.trials.toLocaleString('en')} trials and ${counts.epochs.toLocaleString('en')} epochs (${(size(dbPath) / counts.trials / 1024).toFixed(2)} KB a trial)`);

  // Memory growth over the second half of a phase: the median of the samples just after its middle
  // vs the median of its last samples (medians ride over garbage collections).
  const secondHalf = (from: number, to: number, key: 'rss' | 'heap'): { a: number; b: number; g: number } => {
    const span = to - from;
    const w = mem.filter((m) => m.at >= from && m.at <= to);
    const pick = (lo: number, hi: number): number => {
      const xs = w.filter((m) => m.at >= from + span * lo && m.at <= from + span * hi).map((m) => m[key]);
      return xs.length > 0 ? median(xs) : (w.filter((m) => m.at <= from + span * hi).pop() ?? w[0])[key];
    };
    const a = pick(0.5, 0.6);
    const b = pick(0.9, 1);
    return { a, b, g: (100 * (b - a)) / a };
  };
  const show = (label: string, from: number, to: number, judged: boolean): void => {
    const r = secondHalf(from, to, 'rss');
    const h = secondHalf(from, to, 'heap');
    const verdict = judged ? (r.g <= 10 ? ' (target ≤ 10%)' : ' MISSES the target of ≤ 10%') : '';
    console.log(`  ${label}: rss ${mb(r.a)} → ${mb(r.b)} (${r.g >= 0 ? '+' : ''}${r.g.toFixed(1)}%)${verdict}; main-thread V8 heap ${mb(h.a)} → ${mb(h.b)} (${h.g >= 0 ? '+' : ''}${h.g.toFixed(1)}%)`);
  };
  console.log(`host process memory (rss: main thread and the 2 worker threads), sampled every ${SAMPLE_MS} ms, growth over the second half:`);
  show(`while the search ran (${wall.toFixed(0)} s; responses grow with the trials)`, t0, finishedAt, true);
  show(`while the dashboard polled the finished search (${STEADY_S} s; same work each round)`, finishedAt, Date.now(), true);
  const at = (f: number): Mem => mem.filter((m) => m.done <= trials * f && m.at <= finishedAt).pop()!;
  console.log(`  rss at 25/50/75/100% of the trials: ${[0.25, 0.5, 0.75, 1].map((f) => mb(at(f).rss)).join(', ')}; peak ${mb(Math.max(...mem.map((m) => m.rss)))}`);

  // Query plans of the dashboard's SQL: a full scan of a big table would say "SCAN <table>" without an index.
  const plans: [string, string][] = [
    ['trials of a search', `SELECT * FROM trials WHERE search_id = 1 ORDER BY number`],
    ['epochs of a search', `SELECT c.fold, c.first_epoch, c.layers, c.data, t.id, t.number FROM epoch_chunks c JOIN trials t ON t.id = c.trial_id WHERE t.search_id = 1 ORDER BY t.number, c.fold, c.first_epoch`],
    ['counts by status', `SELECT status, COUNT(*) AS n FROM trials WHERE search_id = 1 GROUP BY status`],
    ['searches of a project', `SELECT s.*, p.name AS project FROM searches s JOIN projects p ON p.id = s.project_id WHERE s.project_id = 1 ORDER BY s.id DESC`],
  ];
  console.log('query plans:');
  for (const [what, sql] of plans) {
    const plan = store.plan(sql);
    console.log(`  ${what}: ${plan}`);
  }
  if (missed > 0) console.log(`${missed} request(s) miss the p95 target of ${TARGET_MS} ms; the time is spent in the Workbench (see "in the Workbench"), not in HTTP`);

  await wb.shutdown();
  await served.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--dashboard') await dashboard(process.argv[3], process.argv[4], Number(process.argv[5]));
else await host();
