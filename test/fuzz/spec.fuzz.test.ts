// Fuzz of spec validation (issue #7, "Bad input"): 10,000 generated specs, near-valid ones with
// wrong types, out-of-range numbers, unknown keys and odd knobs, and arbitrary JSON. Each spec is
// either accepted (and then every trial its sampler proposes resolves to a valid training
// configuration) or refused with a SpecError whose every issue starts with the key it is about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStrategy, plannedTrials, validateSpace, WAIT } from '../../src-core/search';
import { checkedSpec } from '../../src-core/search/validate';
import { gridSize } from '../../src-core/search/space';
import { datasetNameOf, metricIssues, taskOfSpec } from '../../src-core/search/study';
import { checkSpec } from '../../src-core/service/workbench';
import { issueText } from '../../src-core/errors';
import { SpecError } from '../../src-core/spec/errors';
import { BUILTIN_DATASETS, OBJECTIVE_METRICS, parseSpec, SYNTHETIC_DATASETS, trainConfigOf, type Spec } from '../../src-core/spec/spec';
import { ACTIVATIONS, INITS, LR_SCHEDULES, OPTIMIZERS, TRAIN_KEYS } from '../../src-core/spec/train';
import { expectOwnError, FC, HOSTILE, jsonish, preview, RUNS, smallText, thrown } from './fuzz-helpers';

/** Mostly `good`, sometimes any JSON value in its place (a wrong type, a hostile string, an object). */
const or = <T,>(good: fc.Arbitrary<T>, weight = 9): fc.Arbitrary<unknown> => fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: jsonish });

const num = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5, 0.9, 0.99, 2, 3, 10, 64, 1e-4, 1e-3, 0.1, 1e6, 2 ** 32, 1e308, 1.5) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 200 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
);
const maybe = <T,>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const strip = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A value a train key might take: its own vocabulary, numbers, arrays, objects, nonsense. */
const trainValue = fc.oneof(
  { weight: 4, arbitrary: num },
  { weight: 2, arbitrary: fc.constantFrom(...ACTIVATIONS, ...INITS, ...OPTIMIZERS, ...LR_SCHEDULES, 'bogus', true, false) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: -1, max: 70 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom({ patience: 3 }, { monitor: 'val_accuracy', minDelta: -1 }, { init: 'normal', initScale: 0.01 }, { bogus: 1 }) },
  { weight: 1, arbitrary: jsonish },
);
const trainKey = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TRAIN_KEYS) }, { weight: 1, arbitrary: fc.constantFrom('bogus', '__proto__', 'constructor', 'toString', 'lR', '') });

const param = fc.oneof(
  ...(['float', 'int'] as const).map((type) =>
    fc.record({ type: fc.constant(type), low: or(num), high: or(num), log: maybe(or(fc.boolean())), step: maybe(num), values: maybe(fc.array(num, { maxLength: 3 })) }).map(strip),
  ),
  fc.record({ type: fc.constant('categorical'), values: or(fc.array(trainValue, { maxLength: 4 })) }),
  fc.record({ type: fc.constant('fixed'), value: trainValue }),
  fc.record({ type: fc.constantFrom('choice', 'loguniform', ''), low: num }),
  jsonish,
);

const dataset = or(
  fc.oneof(
    fc.record({ builtin: fc.constantFrom(...BUILTIN_DATASETS, 'mnist') }),
    fc.record({ synthetic: fc.constantFrom(...SYNTHETIC_DATASETS, 'swiss'), n: maybe(num), noise: maybe(num), classes: maybe(num) }).map(strip),
    fc.record({ csv: fc.constantFrom('data.csv', '', ...HOSTILE), target: fc.constantFrom('y', ''), task: maybe(fc.constantFrom('classification', 'regression', 'ranking')) }).map(strip),
    fc.record({ idx: fc.constantFrom('train-images.idx3-ubyte.gz', ''), labels: fc.constantFrom('train-labels.idx1-ubyte.gz', '') }),
  ),
);

const spec = fc
  .record({
    project: maybe(or(fc.oneof(smallText(6), fc.constantFrom(...HOSTILE)))),
    name: maybe(or(fc.oneof(smallText(6), fc.constantFrom(...HOSTILE)))),
    dataset,
    split: maybe(or(fc.record({ kind: fc.constantFrom('holdout', 'kfold', 'loo', 'bootstrap'), val: maybe(num), test: maybe(num), k: maybe(num), stratify: maybe(fc.boolean()) }).map(strip))),
    preprocess: maybe(or(fc.constantFrom('none', 'minmax', 'zscore', 'robust'))),
    train: maybe(or(fc.dictionary(trainKey, trainValue, { maxKeys: 4, noNullPrototype: true }))),
    space: maybe(or(fc.dictionary(trainKey, param, { maxKeys: 3, noNullPrototype: true }))),
    strategy: maybe(
      or(
        fc.oneof(
          fc.record({ kind: fc.constant('grid'), points: maybe(fc.constantFrom(1, 2, 3, 5, 1000, 1.5)), maxSize: maybe(num) }).map(strip),
          fc.constant({ kind: 'random' }),
          fc.record({ kind: fc.constant('coarse-to-fine'), rounds: maybe(num), trialsPerRound: maybe(num), keepTop: maybe(num), margin: maybe(num), minFraction: maybe(num) }).map(strip),
          fc.constant({ kind: 'bayes' }),
        ),
      ),
    ),
    objective: maybe(or(fc.record({ metric: maybe(fc.constantFrom(...OBJECTIVE_METRICS, 'accuracy')), direction: maybe(fc.constantFrom('minimize', 'maximize', 'up')) }).map(strip))),
    budget: maybe(or(fc.record({ trials: maybe(num), seconds: maybe(num), noImprovement: maybe(num) }).map(strip))),
    workers: maybe(or(num)),
    seed: maybe(or(num)),
    diagnostics: maybe(or(fc.record({ every: maybe(num) }).map(strip))),
    extra: maybe(fc.constantFrom('spaces', 'Train', '__proto__', 'constructor', '$schema')),
  })
  .map(({ extra, ...s }) => (extra ? { ...strip(s), [extra]: 1 } : strip(s)));

/** A spec a user would write (valid more often than not): a few usual knobs, any strategy. */
const usual = fc
  .record({
    lr: fc.record({ type: fc.constant('float'), low: fc.constantFrom(1e-5, 1e-3, 0, -1), high: fc.constantFrom(0.1, 1, 1e-6), log: fc.boolean() }),
    hiddenUnits: fc.record({ type: fc.constantFrom('int', 'float'), low: fc.constantFrom(1, 8, 0), high: fc.constantFrom(64, 65536, 70000), step: maybe(fc.constantFrom(8, 0.5)) }).map(strip),
    optimizer: fc.record({ type: fc.constant('categorical'), values: fc.subarray([...OPTIMIZERS, 'bogus'], { minLength: 1, maxLength: 3 }) }),
    dropout: fc.record({ type: fc.constant('fixed'), value: fc.constantFrom(0, 0.5, 1) }),
    init: fc.record({ type: fc.constant('categorical'), values: fc.constantFrom(['he_normal', { init: 'normal', initScale: 0.01 }], [{ init: 'normal', initScale: -1 }]) }),
  })
  .chain((all) =>
    fc.record({
      dataset: fc.constantFrom({ builtin: 'iris' }, { synthetic: 'moons', n: 200 }, { csv: 'x.csv', target: 'y' }),
      space: fc.subarray(Object.keys(all)).map((keys) => Object.fromEntries(keys.map((k) => [k, all[k as keyof typeof all]]))),
      strategy: fc.constantFrom({ kind: 'random' }, { kind: 'grid', points: 3 }, { kind: 'grid', points: 50, maxSize: 100 }, { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 4, keepTop: 2 }),
      budget: fc.constantFrom({}, { trials: 5 }, { trials: 0 }),
      train: fc.constantFrom({}, { epochs: 5 }, { hiddenLayers: [8, 8], batchSize: 16 }, { earlyStopping: false }, { earlyStopping: { patience: 0 } }),
    }),
  );

const input = fc.oneof({ weight: 8, arbitrary: spec }, { weight: 4, arbitrary: usual }, { weight: 1, arbitrary: jsonish });

/** Top-level keys of a spec: every issue line starts with one of them (or "(top level)"). */
const WHERE = /^(\(top level\)|(project|name|dataset|split|preprocess|train|space|strategy|objective|budget|workers|seed|diagnostics)\b)[\s\S]*\s[\s\S]*\w{3}/;

describe(`spec validation under ${RUNS} generated specs`, () => {
  it('accepts specs whose every proposed trial is a valid configuration, and refuses the rest with issues naming their key', () => {
    const outcome = { accepted: 0, refused: 0, trials: 0 };
    fc.assert(
      fc.property(input, (raw) => {
        let parsed: Spec | undefined;
        const e = thrown(() => {
          parsed = checkedSpec(raw);
        });
        const check = checkSpec(raw);
        if (e) {
          expectOwnError(e, [SpecError], () => raw);
          const issues = (e as SpecError).issues;
          expect(issues.length).toBeGreaterThan(0);
          // The schema's issues first, each once; then, where the schema refused only knobs, the other knobs' values.
          const schema = thrown(() => parseSpec(raw));
          if (schema) expect(issues.slice(0, (schema as SpecError).issues.length)).toEqual((schema as SpecError).issues);
          else expect(thrown(() => validateSpace(parseSpec(raw)))).toBeInstanceOf(SpecError);
          for (const issue of issues) expect(issueText(issue), `${issueText(issue)}\n  for ${preview(raw)}`).toMatch(WHERE);
          expect(check).toMatchObject({ ok: false, issues, plannedTrials: null, pruner: null, cautions: [] });
          // Refused, it still says what its strategy and budget would run when those two are valid (a grid's size needs the space).
          if (check.budget?.planned != null) expect(Number.isInteger(check.budget.planned) && check.budget.planned >= 1).toBe(true);
          outcome.refused++;
          return;
        }
        const s = parsed!;
        const planned = plannedTrials(s);
        expect(Number.isInteger(planned) && planned >= 1, `planned ${planned}`).toBe(true);
        // A metric the data set's task does not report is the editor's issue too (where the spec tells the task).
        const task = taskOfSpec(s.dataset);
        const mismatch = task ? metricIssues(s, task, datasetNameOf(s.dataset)) : [];
        if (mismatch.length > 0) {
          for (const issue of mismatch) expect(issueText(issue)).toMatch(WHERE);
          expect(check).toMatchObject({ ok: false, issues: mismatch, plannedTrials: null, pruner: null, cautions: [] });
          expect(check.budget?.planned).toBe(planned);
          outcome.refused++;
          return;
        }
        expect(check.ok).toBe(true);
        expect(check.plannedTrials).toBe(planned);
        for (const c of check.cautions) expect(issueText(c), `${issueText(c)}\n  for ${preview(raw)}`).toMatch(WHERE);
        // The budget's words count what runs, as plannedTrials does; a grid's own size is its points.
        expect(check.budget?.planned).toBe(planned);
        if (s.strategy.kind === 'grid') expect(check.budget?.natural).toBe(gridSize(s.space, s.strategy.points));
        // The promise of validation: every trial the sampler proposes trains with a valid configuration.
        const strategy = createStrategy(s);
        for (let n = 0; n < Math.min(planned, 3); n++) {
          const p = strategy.propose({ number: n, finished: [], running: [] });
          if (!p || p === WAIT) break;
          const bad = thrown(() => trainConfigOf(s, p.knobs));
          if (bad) throw new Error(`accepted spec proposes an invalid trial ${preview(p.knobs)}: ${bad.message}\n  spec ${preview(raw)}`);
          outcome.trials++;
        }
        outcome.accepted++;
      }),
      FC,
    );
    expect(outcome.accepted).toBeGreaterThan(RUNS / 20);
    expect(outcome.refused).toBeGreaterThan(RUNS / 20);
    console.log('spec fuzz', outcome);
  });
});
