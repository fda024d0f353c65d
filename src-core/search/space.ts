import { SpecError } from '../spec/errors';
import { trainConfigOf, type ParamSpec, type Spec } from '../spec/spec';

/** Integer-valued train keys: a float knob on them is refused. */
const INT_KEYS = new Set(['epochs', 'batchSize', 'depth', 'hiddenUnits', 'lrStepEpochs', 'warmupEpochs']);

/** A numeric knob's span for one round: [low, high] on its own scale (log10 for log knobs). */
export interface NumericSpan {
  low: number;
  high: number;
}

/** One round's search box: numeric spans in the knobs' value units, categorical values kept. */
export type Box = Record<string, { low: number; high: number } | { values: unknown[] }>;

/** Position of a value on a knob's scale (log10 for log knobs). */
export function toScale(p: ParamSpec, v: number): number {
  return 'log' in p && p.log ? Math.log10(v) : v;
}

/** A value from a position on the knob's scale, rounded and stepped as the knob says. */
export function fromScale(p: ParamSpec, s: number): number {
  if (p.type !== 'float' && p.type !== 'int') throw new Error('numeric knobs only');
  let v = p.log ? 10 ** s : s;
  if (p.step !== undefined) v = p.low + Math.round((v - p.low) / p.step) * p.step;
  if (p.type === 'int') v = Math.round(v);
  return Math.min(p.high, Math.max(p.low, v));
}

/** The full box of a space (round 1). */
export function fullBox(space: Spec['space']): Box {
  const box: Box = {};
  for (const [k, p] of Object.entries(space)) {
    if (p.type === 'float' || p.type === 'int') box[k] = { low: p.low, high: p.high };
    else if (p.type === 'categorical') box[k] = { values: [...p.values] };
    else box[k] = { values: [p.value] };
  }
  return box;
}

/** Sample a value of knob `p` uniformly on its scale inside a box entry, with uniform u ∈ [0, 1). */
export function sampleIn(p: ParamSpec, entry: Box[string], u: number): unknown {
  if ('values' in entry) return entry.values[Math.min(entry.values.length - 1, Math.floor(u * entry.values.length))];
  if (p.type === 'int' && !p.log) return fromScale(p, entry.low - 0.5 + u * (entry.high - entry.low + 1));
  const lo = toScale(p, entry.low);
  const hi = toScale(p, entry.high);
  return fromScale(p, lo + u * (hi - lo));
}

/** The values of a grid axis: listed values, else `points` evenly spaced on the knob's scale (ints deduplicated). */
export function gridAxis(p: ParamSpec, points: number): unknown[] {
  if (p.type === 'categorical') return p.values;
  if (p.type === 'fixed') return [p.value];
  if (p.values) return p.values;
  const lo = toScale(p, p.low);
  const hi = toScale(p, p.high);
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const v = fromScale(p, lo + ((hi - lo) * i) / (points - 1));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Number of grid points the space would enumerate. */
export function gridSize(space: Spec['space'], points: number): number {
  return Object.values(space).reduce((n, p) => n * gridAxis(p, points).length, 1);
}

/** Check a space against the train keys: integer keys get int knobs, and every value a knob can take makes a valid config. */
export function validateSpace(spec: Spec): void {
  const issues: string[] = [];
  for (const [key, p] of Object.entries(spec.space)) {
    if (p.type === 'float' && INT_KEYS.has(key)) issues.push(`space.${key}: "${key}" takes whole numbers; use { "type": "int", … }`);
    const probe = (value: unknown, where: string): void => {
      try {
        trainConfigOf(spec, { [key]: value });
      } catch (e) {
        const inner = (e as SpecError).issues?.join('; ') ?? (e as Error).message;
        issues.push(`space.${key}${where}: ${JSON.stringify(value)} is not a valid value (${inner})`);
      }
    };
    if (p.type === 'float' || p.type === 'int') {
      probe(p.low, '.low');
      probe(p.high, '.high');
      p.values?.forEach((v, i) => probe(v, `.values[${i}]`));
    } else if (p.type === 'categorical') {
      p.values.forEach((v, i) => probe(v, `.values[${i}]`));
    } else probe(p.value, '.value');
  }
  if (spec.strategy.kind === 'grid') {
    const size = gridSize(spec.space, spec.strategy.points);
    if (size > spec.strategy.maxSize) {
      issues.push(`strategy: the grid would have ${size} points, more than maxSize ${spec.strategy.maxSize}; use fewer points per axis, fewer knobs, or random search`);
    }
  }
  if (spec.strategy.kind === 'coarse-to-fine' && spec.strategy.keepTop > spec.strategy.trialsPerRound) {
    issues.push(`strategy.keepTop (${spec.strategy.keepTop}) must not exceed trialsPerRound (${spec.strategy.trialsPerRound})`);
  }
  if (issues.length) throw new SpecError(issues);
}

/** How many trials a search runs: the budget, else the grid size (grid) or rounds × trialsPerRound (coarse-to-fine), else 20. */
export function plannedTrials(spec: Spec): number {
  const s = spec.strategy;
  if (s.kind === 'grid') return Math.min(spec.budget.trials ?? Infinity, gridSize(spec.space, s.points));
  if (spec.budget.trials) return spec.budget.trials;
  if (s.kind === 'coarse-to-fine') return s.rounds * s.trialsPerRound;
  return 20;
}
