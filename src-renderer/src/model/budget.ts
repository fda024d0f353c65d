import type { StrategyForm } from '../../../src-core/api/contract';
import { strategySettings, type SpecForm } from './specForm';

/** What a strategy and a budget will run, in plain words. */
export interface BudgetPlan {
  /** The strategy's own size (grid points, rounds × trials per round), or null (random and TPE have none). */
  natural: number | null;
  /** Trials that will run. */
  planned: number;
  /** The sentence under the budget field. */
  note: string;
  /** True when the budget leaves out part of what the strategy would do. */
  cuts: boolean;
}


const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const show = (v: unknown): string => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : typeof v === 'string' ? v : JSON.stringify(v));
const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** What a grid run in order (the last knob fastest) leaves out when the budget stops it after `budget` of its points. */
function gridCut(axes: { knob: string; values: unknown[] }[], budget: number): string {
  const moving = axes.filter((a) => a.values.length > 1);
  if (moving.length === 0) return '';
  const first = moving[0];
  const inner = moving.slice(1).reduce((n, a) => n * a.values.length, 1);
  const reached = Math.ceil(budget / inner);
  const never = first.values.slice(reached).map(show);
  const partial = budget % inner !== 0 ? show(first.values[reached - 1]) : null;
  const parts: string[] = [];
  if (never.length > 0) parts.push(`${first.knob} = ${list(never)} ${never.length === 1 ? 'is' : 'are'} never tried`);
  if (partial !== null && moving.length > 1) parts.push(`${first.knob} = ${partial} is tried with only ${budget % inner} of the ${inner} combinations of ${list(moving.slice(1).map((a) => a.knob))}`);
  return parts.length > 0 ? ` The grid runs in order, the last knob fastest, so ${parts.join(', and ')}.` : '';
}

/**
 * How many trials a form runs and what its budget cuts: a grid larger than the budget loses its
 * last points, a coarse-to-fine search loses its last rounds (it never narrows to the best box), a
 * budget larger than the grid is capped; an empty budget follows the strategy.
 */
export function planBudget(f: Pick<SpecForm, 'strategy' | 'budget'>, grid?: { size: number; axes: { knob: string; values: unknown[] }[] } | null, form?: StrategyForm): BudgetPlan {
  const b = f.budget.trials;
  const seconds = f.budget.seconds !== null ? ` The wall-time budget (${f.budget.seconds} s) may stop it sooner.` : '';
  // The settings typed, else the strategy's defaults (from its schema).
  const typed = strategySettings(f);
  const setting = (key: string): number => Number(typed[key] ?? form?.fields.find((x) => x.key === key)?.default);
  const s = { kind: f.strategy.kind, rounds: setting('rounds'), trialsPerRound: setting('trialsPerRound'), keepTop: setting('keepTop') };
  if (s.kind === 'grid') {
    if (!grid) return { natural: null, planned: b ?? 0, note: `The grid's size shows once the spec is valid.${seconds}`, cuts: false };
    const axes = grid.axes.filter((a) => a.values.length > 1).map((a) => `${a.values.length} ${a.knob}`).join(' × ') || '1 point';
    if (b === null) return { natural: grid.size, planned: grid.size, note: `The whole grid runs: ${axes} = ${plural(grid.size, 'trial')}.${seconds}`, cuts: false };
    if (b < grid.size) {
      return {
        natural: grid.size, planned: b, cuts: true,
        note: `A budget of ${b} runs ${b} of the grid's ${grid.size} points (${axes}).${gridCut(grid.axes, b)} Clear the budget to run the whole grid, or use fewer points.${seconds}`,
      };
    }
    return { natural: grid.size, planned: grid.size, note: `The grid has ${plural(grid.size, 'point')} (${axes}): ${grid.size} trials run${b > grid.size ? `, not ${b}` : ''}.${seconds}`, cuts: false };
  }
  if (s.kind === 'coarse-to-fine') {
    const natural = s.rounds * s.trialsPerRound;
    const shape = `${plural(s.rounds, 'round')} × ${s.trialsPerRound}`;
    if (b === null || b === natural) return { natural, planned: natural, note: `${shape} = ${plural(natural, 'trial')}; each round narrows the box around the best ${s.keepTop} so far.${seconds}`, cuts: false };
    if (b < natural) {
      const full = Math.floor(b / s.trialsPerRound);
      const part = b % s.trialsPerRound;
      const ran = full === 0 ? `only ${b} of round 1's ${s.trialsPerRound} trials` : `round${full === 1 ? ' 1' : `s 1–${full}`}${part > 0 ? ` and ${part} of round ${full + 1}'s ${s.trialsPerRound} trials` : ''}`;
      const lastRun = full + (part > 0 ? 1 : 0);
      const lost = lastRun < s.rounds ? ` round${s.rounds - lastRun === 1 ? ` ${s.rounds}` : `s ${lastRun + 1}–${s.rounds}`} never run${s.rounds - lastRun === 1 ? 's' : ''}` : '';
      const never = lastRun <= 1 ? ' The search never narrows: this is a random search.' : lost ? ` The search narrows ${plural(lastRun - 1, 'time')} instead of ${s.rounds - 1}.` : '';
      return {
        natural, planned: b, cuts: true,
        note: `A budget of ${b} runs ${ran}${lost ? `;${lost}` : ''}.${never} Clear the budget to run all ${shape} = ${natural}.${seconds}`,
      };
    }
    return {
      natural, planned: b, cuts: false,
      note: `${shape} = ${natural}; the budget of ${b} gives the last round ${b - (s.rounds - 1) * s.trialsPerRound} trials instead of ${s.trialsPerRound}.${seconds}`,
    };
  }
  // Any other strategy (random, TPE, one added later): its name and what it does come from its definition's label
  // ("random: every knob uniform on its own scale"), its default from its defaultTrials: nothing here names a kind.
  const label = form?.label ?? s.kind;
  const head = label.split(':')[0].trim() || s.kind;
  const name = `${head.charAt(0).toUpperCase()}${head.slice(1)} search`;
  const fallback = form?.defaultTrials ?? null;
  if (b === null) {
    if (fallback === null) return { natural: null, planned: 0, note: `${name} runs its own number of trials.${seconds}`, cuts: false };
    return { natural: null, planned: fallback, note: `${name} has no size of its own: ${fallback} trials unless you set a budget.${seconds}`, cuts: false };
  }
  return { natural: null, planned: b, note: `${plural(b, 'trial')} (${label}).${seconds}`, cuts: false };
}

/**
 * What the empty trials box says it runs: the strategy's own size, the default count, or, for a
 * grid whose space is not valid yet (its size unknown), a dash rather than a number it will not run (the note under the box says the size comes once the spec is valid).
 */
export function budgetPlaceholder(f: Pick<SpecForm, 'strategy' | 'budget'>, plan: BudgetPlan, form?: StrategyForm): string {
  if (plan.natural !== null) return `${plan.natural} (the strategy's)`;
  if (f.strategy.kind === 'grid') return "– (the grid's size)";
  const fallback = form?.defaultTrials ?? null;
  return fallback !== null ? `${fallback} (default)` : '– (the strategy decides)';
}
