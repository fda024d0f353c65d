import { describe, expect, it } from 'vitest';
import { createStrategy, rank, validateSpace, WAIT, type FinishedTrial, type Proposal, type Strategy } from '../../../src-core/search';
import { gridSize, type Box } from '../../../src-core/search/space';
import { WITHIN_STARTUP_TRIALS } from '../../../src-core/search/strategies/coarse-to-fine';
import { issueText } from '../../../src-core/errors';
import { SpecError } from '../../../src-core/spec/errors';
import { parseSpec, type Spec } from '../../../src-core/spec/spec';

const space = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
  dropout: { type: 'float', low: 0, high: 0.5, step: 0.1 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
};
const strategies = {
  grid: { kind: 'grid', points: 3 },
  random: { kind: 'random' },
  'coarse-to-fine': { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 10, keepTop: 3 },
};
const specOf = (kind: keyof typeof strategies, seed = 1): Spec => parseSpec({ dataset: { builtin: 'iris' }, space, strategy: strategies[kind], objective: { metric: 'val_loss' }, seed, budget: { trials: 30 } });

/** A made-up objective so coarse-to-fine has something to narrow toward: best near lr = 1e-2, 64 units. */
const fakeObjective = (k: Record<string, unknown>): number => Math.abs(Math.log10(k.lr as number) + 2) + Math.abs(Math.log2(k.hiddenUnits as number) - 6) / 4;

function drive(strategy: Strategy, n: number, boxes: Record<number, Box> = {}): FinishedTrial[] {
  const history: FinishedTrial[] = [];
  for (let i = 0; i < n; i++) {
    const p = strategy.propose({ number: i, finished: history, running: [] });
    if (p === WAIT) throw new Error('waits with nothing running');
    if (!p) break;
    if (p.box) boxes[p.round] ??= p.box;
    history.push({ number: i, round: p.round, knobs: p.knobs, objective: fakeObjective(p.knobs), state: 'complete' });
  }
  return history;
}

describe('random and coarse-to-fine depend on the seed', () => {
  it.each(['random', 'coarse-to-fine'] as const)('%s', (kind) => {
    expect(drive(createStrategy(specOf(kind, 1)), 5)).not.toEqual(drive(createStrategy(specOf(kind, 2)), 5));
  });

  it('random search samples log knobs uniformly in log space', () => {
    const spec = parseSpec({ dataset: { builtin: 'iris' }, space: { lr: space.lr }, seed: 3 });
    const s = createStrategy(spec);
    const logs = Array.from({ length: 2000 }, (_, i) => Math.log10((s.propose({ number: i, finished: [], running: [] }) as Proposal).knobs.lr as number));
    const below = logs.filter((x) => x < -2.5).length / logs.length;
    expect(below).toBeGreaterThan(0.46);
    expect(below).toBeLessThan(0.54);
  });
});

describe('grid', () => {
  it('enumerates the Cartesian product exactly once, then stops', () => {
    const spec = specOf('grid');
    const g = createStrategy(spec);
    expect(gridSize(spec.space, 3)).toBe(81);
    const h = drive(g, 1000);
    expect(h).toHaveLength(81);
    expect(new Set(h.map((t) => JSON.stringify(t.knobs))).size).toBe(81);
    expect(new Set(h.map((t) => t.knobs.lr))).toEqual(new Set([1e-5, 10 ** -2.5, 1]));
    expect(new Set(h.map((t) => t.knobs.hiddenUnits))).toEqual(new Set([8, 45, 256]));
    expect(g.propose({ number: 81, finished: h, running: [] })).toBeNull();
  });

  it('uses listed values when given', () => {
    const spec = parseSpec({ dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 0.001, high: 1, values: [0.01, 0.1] }, batchSize: { type: 'int', low: 8, high: 64, values: [8, 64] } }, strategy: { kind: 'grid' } });
    expect(drive(createStrategy(spec), 10).map((t) => t.knobs)).toEqual([
      { lr: 0.01, batchSize: 8 }, { lr: 0.01, batchSize: 64 }, { lr: 0.1, batchSize: 8 }, { lr: 0.1, batchSize: 64 },
    ]);
  });
});

describe('coarse-to-fine', () => {
  const spec = specOf('coarse-to-fine');
  const byRound: Record<number, Box> = {};
  const history = drive(createStrategy(spec), 30, byRound);
  const boxes = [1, 2, 3].map((r) => byRound[r]);
  const width = (b: (typeof boxes)[number], k: string, log: boolean): number => {
    const e = b[k] as { low: number; high: number };
    return log ? Math.log10(e.high) - Math.log10(e.low) : e.high - e.low;
  };

  it('round 1 is the whole box; trials 0–9 are round 1, 10–19 round 2, 20–29 round 3', () => {
    expect(boxes[0].lr).toEqual({ low: 1e-5, high: 1 });
    expect(history.map((t) => t.round)).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(3)]);
  });

  it('each round\'s box contains the best trials of the rounds before it', () => {
    for (const r of [2, 3]) {
      const best = rank(history.filter((t) => t.round < r), 'minimize').slice(0, 3);
      const box = boxes[r - 1];
      for (const t of best) {
        for (const k of ['lr', 'hiddenUnits', 'dropout']) {
          const e = box[k] as { low: number; high: number };
          expect(t.knobs[k] as number).toBeGreaterThanOrEqual(e.low - 1e-12);
          expect(t.knobs[k] as number).toBeLessThanOrEqual(e.high + 1e-12);
        }
        expect((box.optimizer as { values: unknown[] }).values).toContain(t.knobs.optimizer);
      }
    }
  });

  it('boxes shrink and nest round by round, log knobs narrowed in log space', () => {
    for (const r of [1, 2]) {
      expect(width(boxes[r], 'lr', true)).toBeLessThan(width(boxes[r - 1], 'lr', true));
      expect(width(boxes[r], 'lr', true)).toBeGreaterThanOrEqual(0.05 * width(boxes[r - 1], 'lr', true) - 1e-9);
      for (const k of ['lr', 'hiddenUnits', 'dropout']) {
        const inner = boxes[r][k] as { low: number; high: number };
        const outer = boxes[r - 1][k] as { low: number; high: number };
        expect(inner.low).toBeGreaterThanOrEqual(outer.low - 1e-12);
        expect(inner.high).toBeLessThanOrEqual(outer.high + 1e-12);
      }
    }
    const lr = boxes[2].lr as { low: number; high: number };
    expect(Math.sqrt(lr.low * lr.high)).toBeGreaterThan(1e-4);
    expect(Math.sqrt(lr.low * lr.high)).toBeLessThan(1);
  });

  it('never narrows onto pruned trials: the next box spans only trials that ran their course, or stays whole when none did', () => {
    const round1 = history.slice(0, 10);
    const pruned = (t: FinishedTrial, i: number): FinishedTrial => ({ ...t, state: 'pruned', step: 1, objective: -10 - i });
    const allPruned = round1.map(pruned);
    expect(createStrategy(spec).propose({ number: 10, finished: allPruned, running: [] })).toMatchObject({ round: 2, box: boxes[0] });
    const worst = rank(round1, 'minimize').slice(-1)[0];
    const oneComplete = round1.map((t, i) => (t.number === worst.number ? t : pruned(t, i)));
    const box = (createStrategy(spec).propose({ number: 10, finished: oneComplete, running: [] }) as Proposal).box!;
    const lr = box.lr as { low: number; high: number };
    expect(worst.knobs.lr as number).toBeGreaterThanOrEqual(lr.low);
    expect(worst.knobs.lr as number).toBeLessThanOrEqual(lr.high);
    expect(Math.log10(lr.high / lr.low)).toBeCloseTo(0.05 * 5, 6); // one trial: the narrowest box allowed (minFraction of the 5 decades) around it
  });

  it('failed and diverged trials count as worst; pruned trials come after complete ones, later epochs first', () => {
    const h: FinishedTrial[] = [
      { number: 0, round: 1, knobs: {}, objective: NaN, state: 'failed' },
      { number: 1, round: 1, knobs: {}, objective: 5, state: 'complete' },
      { number: 2, round: 1, knobs: {}, objective: 1, state: 'complete' },
      { number: 3, round: 1, knobs: {}, objective: 0.5, state: 'pruned', step: 3 },
      { number: 4, round: 1, knobs: {}, objective: 0.9, state: 'pruned', step: 8 },
      { number: 5, round: 1, knobs: {}, objective: 1, state: 'complete' },
    ];
    expect(rank(h, 'minimize').map((t) => t.number)).toEqual([2, 5, 1, 4, 3, 0]);
    expect(rank(h, 'maximize').map((t) => t.number)).toEqual([1, 2, 5, 4, 3, 0]);
  });

  it('a round waits until every earlier round has finished', () => {
    const s = createStrategy(spec);
    const h = history.slice(0, 9);
    const running = [{ number: 9, round: 1, knobs: history[9].knobs }];
    expect(s.propose({ number: 10, finished: h, running })).toBe(WAIT);
    expect(s.propose({ number: 10, finished: history.slice(0, 10), running: [] })).toMatchObject({ round: 2 });
  });
});

describe('coarse-to-fine within TPE', () => {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, space, strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 15, keepTop: 4, within: 'tpe' }, objective: { metric: 'val_loss' }, seed: 4 });
  const plain = parseSpec({ ...spec, strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 15, keepTop: 4 } });
  const boxes: Record<number, Box> = {};
  const history = drive(createStrategy(spec), 45, boxes);
  const plainHistory = drive(createStrategy(plain), 45);

  it('keeps the rounds and boxes of coarse-to-fine; its first 5 trials are plain coarse-to-fine\'s, later ones are TPE\'s', () => {
    expect(WITHIN_STARTUP_TRIALS).toBe(5);
    expect(history.map((t) => t.round)).toEqual(plainHistory.map((t) => t.round));
    expect(history.slice(0, 5).map((t) => t.knobs)).toEqual(plainHistory.slice(0, 5).map((t) => t.knobs));
    for (let n = 5; n < 15; n++) expect(history[n].knobs, `trial ${n} is TPE's`).not.toEqual(plainHistory[n].knobs);
    expect(Object.keys(boxes)).toEqual(['1', '2', '3']);
  });

  it('shows the densities of the round being drawn, fitted on the trials inside its box', () => {
    const view = createStrategy(spec).densities!({ finished: history, running: [] })!;
    expect(view.round).toBe(3);
    const box = boxes[3];
    const inside = history.filter((t) => Object.entries(box).every(([k, e]) => ('values' in e ? e.values.includes(t.knobs[k]) : (t.knobs[k] as number) >= e.low && (t.knobs[k] as number) <= e.high)));
    expect(view.trials).toBe(inside.length);
    expect(view.trials).toBeLessThan(45);
    expect(createStrategy(plain).densities).toBeUndefined();
  });
});

describe('space validation names the key and what would be valid', () => {
  const issues = (input: Record<string, unknown>): string => {
    try {
      validateSpace(parseSpec({ dataset: { builtin: 'iris' }, ...input }));
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      return (e as SpecError).issues.map(issueText).join('\n');
    }
    return '';
  };
  it('a float knob on an integer key', () => {
    expect(issues({ space: { batchSize: { type: 'float', low: 8, high: 64 } } })).toMatch(/space\.batchSize: "batchSize" takes whole numbers/);
  });
  it('a categorical value the key does not accept', () => {
    expect(issues({ space: { optimizer: { type: 'categorical', values: ['adam', 'lion'] } } })).toMatch(/space\.optimizer\.values\[1\]: "lion" is not a valid value/);
  });
  it('a range outside the key\'s valid values', () => {
    expect(issues({ space: { dropout: { type: 'float', low: 0, high: 1.5 } } })).toMatch(/space\.dropout\.high: 1\.5 is not a valid value/);
  });
  it('a grid larger than maxSize', () => {
    expect(issues({ space, strategy: { kind: 'grid', points: 10, maxSize: 100 } })).toMatch(/grid would have 1800 points, more than maxSize 100/);
  });
  it('keepTop above trialsPerRound', () => {
    expect(issues({ space, strategy: { kind: 'coarse-to-fine', trialsPerRound: 4, keepTop: 5 } })).toMatch(/keepTop \(5\) must not exceed trialsPerRound \(4\)/);
  });
  it('empty categories and log with low ≤ 0 come from the schema', () => {
    expect(() => parseSpec({ dataset: { builtin: 'iris' }, space: { optimizer: { type: 'categorical', values: [] } } })).toThrow(/space\.optimizer\.values: needs at least one value/);
  });
});

describe('the editor\'s strategy forms come from the strategies\' schemas', () => {
  it('every kind the editor offers (all but the seed re-run, made from a finished search), with its settings\' types, bounds, defaults and help', async () => {
    const { strategyForms, STRATEGY_KINDS } = await import('../../../src-core/search/registry');
    const { strategySchema } = await import('../../../src-core/spec/spec');
    const forms = strategyForms();
    expect(forms.map((f) => f.kind)).toEqual(STRATEGY_KINDS.filter((k) => k !== 'rerun'));
    for (const f of forms) {
      const defaults = Object.fromEntries(f.fields.map((x) => [x.key, x.default]));
      expect(strategySchema.parse({ kind: f.kind }), f.kind).toEqual({ kind: f.kind, ...defaults });
      for (const x of f.fields) expect(x.help.length, `${f.kind}.${x.key} has help`).toBeGreaterThan(10);
    }
    const c2f = forms.find((f) => f.kind === 'coarse-to-fine')!;
    expect(c2f.fields.find((x) => x.key === 'rounds')).toMatchObject({ type: 'integer', min: 1, max: 100, default: 3 });
    expect(c2f.fields.find((x) => x.key === 'minFraction')).toMatchObject({ type: 'number', min: 0, exclusiveMin: true, max: 1 });
    expect(c2f.fields.find((x) => x.key === 'within')).toMatchObject({ type: 'choice', choices: ['random', 'tpe'], default: 'random' });
    expect(forms.find((f) => f.kind === 'tpe')!.fields.find((x) => x.key === 'multivariate')).toMatchObject({ type: 'boolean', default: true });
    expect(forms.find((f) => f.kind === 'random')).toMatchObject({ fields: [], defaultTrials: 20 });
    expect(forms.find((f) => f.kind === 'grid')!.defaultTrials).toBeNull();
  });
});
