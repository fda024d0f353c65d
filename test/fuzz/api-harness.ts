// The pieces the API fuzz suites share: a Workbench over a real SQLite file with a seeded project,
// search, trials and imported data set; a generator of requests for every channel of the contract
// (schema-shaped payloads with wrong types, missing and extra keys, hostile strings, references to
// things that exist and things that do not); and a watch that proves a rejected request left the
// database file (and the imported-files folder) byte for byte as it was.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { CHANNELS } from '../../src-core/api/channels';
import { INPUTS } from '../../src-core/api/schemas';
import { ERROR_KINDS, isUserError, issueText, type Issue } from '../../src-core/errors';
import { Workbench } from '../../src-core/service/workbench';
import { Store, type TrialOutcome } from '../../src-core/store/store';
import { OPTIMIZERS, TRAIN_KEYS } from '../../src-core/spec/train';
import { idx } from '../fixtures/idx';
import { dbFilesHash, HOSTILE, jsonish, preview, smallText } from './fuzz-helpers';

/** Stand-ins for the ids of the seeded rows, resolved when a request is sent (the rows may have been deleted and seeded again). */
export const REF = { project: Symbol('project'), search: Symbol('search'), emptySearch: Symbol('emptySearch'), dataset: Symbol('dataset') } as const;
type RefName = keyof typeof REF;

/** A Workbench over `dir/k.db` whose studies never start (a fuzzed request may create and start searches; nothing must train). */
export class Bench {
  readonly store: Store;
  readonly wb: Workbench;
  readonly dbPath: string;
  readonly datasetsDir: string;
  readonly ids: Record<RefName, number> = { project: 0, search: 0, emptySearch: 0, dataset: 0 };
  private seeds = 0;

  constructor(dir: string) {
    this.dbPath = join(dir, 'k.db');
    this.datasetsDir = join(dir, 'datasets');
    mkdirSync(this.datasetsDir, { recursive: true });
    this.store = Store.open(this.dbPath);
    this.wb = new Workbench({ store: this.store, version: 'fuzz', workers: 1, datasetsDir: this.datasetsDir });
    (this.wb as unknown as { startStudy: (id: number) => void }).startStudy = () => {};
  }

  /** Make sure the seeded rows exist (a fuzzed delete may have removed them); seeds anew under fresh names when not. */
  async ensureSeeded(): Promise<void> {
    const ok = this.store.projects.get(this.ids.project) && this.store.searches.get(this.ids.search) && this.store.searches.get(this.ids.emptySearch)
      && (await this.wb.call('datasets.list', undefined) as { id?: number }[]).some((d) => d.id === this.ids.dataset);
    if (ok) return;
    const k = this.seeds++;
    const project = `seed ${k}`;
    const spec = (name: string, test: number) => ({
      project, name, dataset: { builtin: 'iris' }, split: { kind: 'holdout', val: 0.2, test },
      space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true }, optimizer: { type: 'categorical', values: ['sgd', 'adam'] } }, budget: { trials: 3 },
    });
    // split.test = 0: an accepted trials.evaluateTest would train; this one refuses ("keeps no test rows").
    const s = await this.wb.call('searches.create', { spec: spec('seeded', 0) }) as { id: number; projectId: number };
    const e = await this.wb.call('searches.create', { spec: spec('empty', 0.2) }) as { id: number };
    for (let n = 0; n < 3; n++) {
      const t = this.store.trials.start(s.id, n, 1, { lr: 0.01 * (n + 1), optimizer: n ? 'adam' : 'sgd' }, n);
      this.store.trials.finish(t.id, outcome(n === 2 ? null : 0.5 - n / 10), { epochs: [epoch(0), epoch(1)] });
    }
    const d = await this.wb.call('datasets.importCsv', { name: `seed csv ${k}`, text: 'a,b,y\n1,2,x\n3,4,z\n5,6,x\n', target: 'y' }) as { id: number };
    Object.assign(this.ids, { project: s.projectId, search: s.id, emptySearch: e.id, dataset: d.id });
  }

  /** Replace the REF stand-ins in a payload by the current ids. */
  resolve(x: unknown): unknown {
    if (typeof x === 'symbol') {
      const name = (Object.keys(REF) as RefName[]).find((k) => REF[k] === x);
      return name ? this.ids[name] : x;
    }
    if (Array.isArray(x)) return x.map((v) => this.resolve(v));
    if (x && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, this.resolve(v)]));
    }
    return x;
  }
}

function epoch(e: number) {
  return { fold: 0, epoch: e, trainLoss: 1 / (e + 1), valLoss: 1.1 / (e + 1), penalty: 0, trainAccuracy: 0.5, valAccuracy: 0.5, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.01, gradNorms: [1], seconds: 0.01 };
}

function outcome(objective: number | null): TrialOutcome {
  return {
    status: objective === null ? 'failed' : 'complete', objective, bestEpoch: 1, stoppedEpoch: 1, stopReason: objective === null ? null : 'max_epochs',
    trainLoss: 0.4, valLoss: objective, trainAccuracy: 0.8, valAccuracy: 0.7, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 0.1,
    error: objective === null ? 'worker threw' : null,
  };
}

/**
 * The database as the Workbench left it, to compare after every rejected request: the hash of the
 * main file and the -wal (checkpointed and truncated at each baseline, so any write shows), SQLite's
 * count of changed rows, and the files in the imported-data folder.
 */
export class DbWatch {
  private hash = '';
  private changes = 0;
  private files = '';
  constructor(private readonly bench: Bench) {}

  baseline(): void {
    expect(this.bench.store.checkpoint(), 'checkpoint of the whole WAL').toBe(true);
    this.hash = dbFilesHash(this.bench.dbPath);
    this.changes = this.bench.store.changes();
    this.files = readdirSync(this.bench.datasetsDir).sort().join('\n');
  }

  /** True when the connection changed rows since the baseline (then the caller takes a new baseline). */
  changed(): boolean {
    return this.bench.store.changes() !== this.changes;
  }

  expectUntouched(what: () => string): void {
    expect(this.bench.store.changes(), `rows changed by a rejected ${what()}`).toBe(this.changes);
    expect(dbFilesHash(this.bench.dbPath), `database file changed by a rejected ${what()}`).toBe(this.hash);
    expect(readdirSync(this.bench.datasetsDir).sort().join('\n'), `files left by a rejected ${what()}`).toBe(this.files);
  }
}

/**
 * A rejection message says which request and what was wrong: zod issues name their key; others name
 * the thing or the limit. `issues` must be the structured list every error carries ({ path, message }).
 */
export function expectNamedRejection(channel: string, message: string, issues: unknown, what: () => unknown): void {
  const at = `${JSON.stringify(message)} for ${channel} ${preview(what())}`;
  expect(typeof message === 'string' && message.trim().length >= 10, at).toBe(true);
  if (message.startsWith('Invalid input for ')) expect(message, at).toContain(`Invalid input for ${channel}: `);
  expect(Array.isArray(issues), `issues of ${at}`).toBe(true);
  if ((issues as Issue[]).length > 0) {
    // Validation issues (of the input, or of a spec): each names the key it is about.
    for (const issue of issues as Issue[]) {
      expect(Object.keys(issue).sort(), at).toEqual(['message', 'path']);
      expect(typeof issue.path === 'string' && typeof issue.message === 'string' && issue.message.length > 0, at).toBe(true);
      expect(issueText(issue), at).toMatch(/^(\(top level\)|\S+)(:| \() ?\S.*\w/s);
    }
    if (message.startsWith('Invalid input for ')) for (const issue of issues as Issue[]) expect(message, at).toContain(issueText(issue));
  } else {
    expect(message, at).toMatch(/\d|"|\b(expected|must|valid|no|not|already|empty|needs?|choose|file|unknown|refused|cannot)\b/i);
  }
}

export { isUserError };

/** The kinds a host answers as 400 (the user's to fix). */
export const USER_KINDS: readonly (typeof ERROR_KINDS)[number][] = ['bad-input', 'not-found', 'store'];

// ---------------------------------------------------------------------------------------------
// Requests

const id = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(REF.project, REF.search, REF.emptySearch, REF.dataset) },
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3, -1, 999_999, 1.5, 2 ** 31, 2 ** 53, 1e308, -0) },
  { weight: 1, arbitrary: fc.constantFrom('1', '', null, true, [1], { id: 1 }) },
);
const trialNumber = fc.constantFrom(0, 1, 2, 3, -1, 1.5, 1e9, '0', null);
const name = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: smallText(10) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', 'x'.repeat(201), 'iris', 'seed 0', 'seeded', 'seed csv 0', 'digits') },
);
const notes = fc.oneof(fc.constantFrom(...HOSTILE), smallText(20), fc.constantFrom('', 'n'.repeat(100_001)));
const csvText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a,y\n1,p\n2,q\n3,p\n', 'a;y\n1;0\n2;1\n', 'a,y\n1,\n', 'a,a\n1,2\n', 'a,y\n"1,2\n', '\uFEFFx,y\n1,1\n2,2\n', 'y\n1\n2\n', '') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('a,y', 'a,b,y', '<script>,y', "'; DROP TABLE datasets; --,y"), fc.array(fc.tuple(smallText(3), fc.constantFrom('0', '1', 'x', '')), { maxLength: 5 }))
    .map(([h, rows]) => [h, ...rows.map(([a, y]) => (h.split(',').length === 3 ? `${a},${a},${y}` : `${a},${y}`))].join('\n')) },
  { weight: 1, arbitrary: smallText(30) },
);
const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');
const base64 = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(b64(idx(0x08, [4, 2, 2], Array.from({ length: 16 }, (_, i) => i * 9))), b64(idx(0x08, [4], [0, 1, 2, 1])), b64(idx(0x08, [4], [1, 1, 1, 1])), b64(idx(0x0d, [4, 2], [NaN, 0, 0, 0, 0, 0, 0, 0]))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 30 }).map(b64) },
  { weight: 1, arbitrary: fc.constantFrom('', 'not base64!', '====', 'AAAA', 'data:application/octet-stream;base64,AAAA') },
);
const trainValue = fc.oneof(
  fc.constantFrom(0, 1, -1, 0.5, 0.01, 2, 1e9, 'sgd', 'adam', 'bogus', true, [8], null, { patience: 2 }, { monitor: 'x' }),
  fc.constantFrom(...OPTIMIZERS),
  fc.double(),
);
const knobs = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TRAIN_KEYS) }, { weight: 1, arbitrary: fc.constantFrom('bogus', '__proto__', 'constructor', '') }), trainValue, { maxKeys: 4, noNullPrototype: true });
const specs = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      project: fc.oneof(fc.constantFrom('seed 0', 'fuzz'), name),
      name: name,
      dataset: fc.constantFrom({ builtin: 'iris' }, { builtin: 'nope' }, { csv: '../../etc/passwd', target: 'y' }, { idx: 'a', labels: '' }, { synthetic: 'moons', n: 3 }),
      space: fc.constantFrom({}, { lr: { type: 'float', low: 0.1, high: 0.01 } }, { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, { bogus: { type: 'fixed', value: 1 } }, { dropout: { type: 'fixed', value: 1 } }),
      strategy: fc.constantFrom({ kind: 'random' }, { kind: 'grid', points: 1 }, { kind: 'coarse-to-fine', keepTop: 50 }),
      budget: fc.constantFrom({ trials: 2 }, { trials: 0 }, {}),
    }, { requiredKeys: ['dataset'] }),
  },
  { weight: 1, arbitrary: jsonish },
);

/** A value for each key the contract's inputs use (unknown keys get any JSON value). */
const VALUE: Record<string, fc.Arbitrary<unknown>> = {
  id, projectId: id, searchId: id, number: trialNumber, name, notes, text: csvText,
  target: fc.constantFrom('y', 'a', '', 'nope', ...HOSTILE),
  task: fc.constantFrom('classification', 'regression', 'clustering', undefined),
  images: base64, labels: base64,
  count: fc.constantFrom(1, 0, 20, 400, 401, -1, 2.5),
  spec: specs,
  start: fc.constantFrom(false, false, true, 'yes', 1),
  again: fc.constantFrom(false, true, null),
  targetError: fc.constantFrom(0, 0.1, 1, -0.1, 2),
  surface: fc.constantFrom('sphere', 'elongated', 'rosenbrock', 'beale', 'himmelblau', ''),
  knobs,
  steps: fc.constantFrom(1, 10, 100, 0, -1, 5001, 1.5),
  since: fc.constantFrom('', '0', '2024-01-01T00:00:00.000Z', 'x'.repeat(41), "'; DROP TABLE trials; --"),
  x: fc.constantFrom('lr', 'hiddenUnits', 'optimizer', '', 'nope', ...HOSTILE),
  y: fc.constantFrom('lr', 'dropout', 'hiddenUnits', '', ...HOSTILE),
  notMissing: fc.constantFrom(['none'], ['NA', '?'], [''], ['foo'], 'none', [], [...HOSTILE]),
};
/** The keys of each channel's input, read from its zod schema in src-core/api/schemas.ts (channels without an object input take none). */
function keysOf(channel: string): string[] {
  const schema = (INPUTS as Record<string, unknown>)[channel] as { shape?: Record<string, unknown> } | undefined;
  return schema?.shape ? Object.keys(schema.shape) : [];
}
// experiments.run and .outcome take a string id; playground.path's start is a point.
const OVERRIDE: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  'experiments.run': { id: fc.constantFrom('', 'nope', '../x', 'init-comparison '.repeat(8), 1) },
  'experiments.outcome': { id: fc.constantFrom('', 'nope', 'random-vs-grid', 'coarse-to-fine', '__proto__', 1) },
  'playground.path': { start: fc.constantFrom([0, 0], [1, -1], [2e6, 0], [0], [0, 0, 0], 'origin', [null, 0]) },
  'datasets.preview': { name: fc.constantFrom('iris', 'wine', 'nope', '', ...HOSTILE) },
  'datasets.images': { name: fc.constantFrom('iris', 'digits', 'nope', '', 'seed csv 0') },
};

/** A payload shaped like the channel's input, then mangled: a key dropped, an unknown key added, a value swapped for any JSON. */
function payloadFor(channel: string): fc.Arbitrary<unknown> {
  const keys = keysOf(channel);
  const shaped = fc
    .record(Object.fromEntries(keys.map((k) => [k, OVERRIDE[channel]?.[k] ?? VALUE[k] ?? jsonish])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: keys })
    .chain((p) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(p) },
        { weight: 1, arbitrary: fc.constantFrom(...(keys.length ? keys : ['x'])).map((k) => Object.fromEntries(Object.entries(p).filter(([key]) => key !== k))) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'id'), jsonish).map(([k, v]) => ({ ...p, [k]: v })) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), jsonish).map(([k, v]) => ({ ...p, [k]: v })) },
      ),
    );
  return fc.oneof(
    { weight: 8, arbitrary: shaped },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, {}, [], '', 0, 'null') },
    { weight: 1, arbitrary: jsonish },
  );
}

/** Every channel, plus names that are not channels (prototype keys, empty parts, other separators). */
const channel = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...CHANNELS) },
  { weight: 1, arbitrary: fc.constantFrom('', '.', 'datasets', 'datasets.', '.list', '__proto__.x', 'constructor.name', 'app.constructor', 'projects.__proto__', 'projects.list.x', 'projects/list', 'PROJECTS.LIST', 'toString.call') },
);

/** One request: a channel and a payload for it (REF stand-ins still unresolved). */
export const request: fc.Arbitrary<{ channel: string; payload: unknown }> = channel.chain((c) => payloadFor(c).map((payload) => ({ channel: c, payload })));
