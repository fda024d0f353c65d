import { nameLabel, valueLabel } from '../api/labels';
import { fmtNum } from '../diagnostics/evidence';
import { list, proseFigure } from '../format';
import { median } from '../prune/median';
import { shareText } from '../analysis/classes';
import type { StrategyKind } from '../search/registry';

/**
 * What one run of a built-in experiment shows, in sentences computed from its results: which
 * search or setting won, by how much, and whether that is what usually happens. Pure functions;
 * the workbench gathers the trials (and curves and rounds) of the experiment's latest run.
 */

/** One trial as the sentences need it. */
export interface OutcomeTrial {
  number: number;
  round: number;
  status: string;
  knobs: Record<string, unknown>;
  /** The search's objective (null when the trial failed or diverged). */
  objective: number | null;
  /** Validation loss by epoch (first fold), for experiments about speed. */
  valLoss?: { epoch: number[]; value: (number | null)[] };
  /** Classes: the accuracy and balanced accuracy at the best epoch, and the validation confusion there (rows true, columns predicted). */
  valAccuracy?: number | null;
  valBalancedAccuracy?: number | null;
  confusion?: { classes: string[]; counts: number[][] } | null;
}

/** One search of the run. */
export interface OutcomeSearch {
  name: string;
  strategy: StrategyKind;
  metric: string;
  direction: 'minimize' | 'maximize';
  trials: OutcomeTrial[];
  /** Coarse-to-fine: each round's box per numeric knob. */
  rounds: { round: number; box: Record<string, unknown> }[];
  /** The space's numeric ranges, for the boxes' first round. */
  space: Record<string, { low?: number; high?: number; log?: boolean }>;
}

/** The run's searches and the data set's chance level (the loss of a constant prediction). */
export interface OutcomeInput {
  searches: OutcomeSearch[];
  chance?: number;
}

type Scored = OutcomeTrial & { objective: number };

const scored = (s: OutcomeSearch): Scored[] =>
  s.trials.filter((t): t is Scored => t.objective !== null && Number.isFinite(t.objective))
    .sort((a, b) => (s.direction === 'minimize' ? a.objective - b.objective : b.objective - a.objective));

const failed = (s: OutcomeSearch): OutcomeTrial[] => s.trials.filter((t) => t.status === 'diverged' || t.status === 'failed');

/**
 * A setting in a sentence: as the app's tables write it, digit for digit (0.78, 2.156, 9.239e-5),
 * but a power of ten as prose writes one (9.239·10⁻⁵, not 9.239e-5), as the objective beside it is
 * (fmtNum), so one sentence keeps one notation (proseFigure).
 */
const knobNum = proseFigure;

/** How far apart two positive values are, as a factor ≥ 1. */
const factor = (a: number, b: number): number => Math.max(a, b) / Math.min(a, b);

/** The sentences of one experiment's run (empty when nothing finished yet). */
export function experimentOutcome(id: string, input: OutcomeInput): string[] {
  switch (id) {
    case 'random-vs-grid':
      return randomVsGrid(input);
    case 'init-comparison':
      return initComparison(input);
    case 'optimizer-comparison':
      return optimizerComparison(input);
    case 'coarse-to-fine':
      return coarseToFine(input);
    case 'tpe-vs-random':
      return tpeVsRandom(input);
    case 'rare-class':
      return rareClass(input);
    default:
      return [];
  }
}

function randomVsGrid({ searches }: OutcomeInput): string[] {
  const grid = searches.find((s) => s.strategy === 'grid');
  const random = searches.find((s) => s.strategy === 'random');
  if (!grid || !random) return [];
  const gs = scored(grid);
  const rs = scored(random);
  if (gs.length === 0 || rs.length === 0) return [];
  const m = grid.metric;
  const lr = (t: OutcomeTrial): number => t.knobs.lr as number;
  const at = (t: OutcomeTrial): string => `lr ${knobNum(lr(t))}${typeof t.knobs.l2 === 'number' ? `, L2 ${knobNum(t.knobs.l2)}` : ''}`;
  const distinct = (s: OutcomeSearch): number => new Set(s.trials.map(lr)).size;
  const out = [`The grid tried ${distinct(grid)} distinct learning rates in ${grid.trials.length} trials, random search ${distinct(random)} in ${random.trials.length}.`];
  const [g, r] = [gs[0], rs[0]];
  const randomWon = random.direction === 'minimize' ? r.objective < g.objective : r.objective > g.objective;
  const tie = r.objective === g.objective;
  const [win, lose] = randomWon ? [r, g] : [g, r];
  out.push(tie
    ? `Both found ${m} ${fmtNum(g.objective)} (grid: ${at(g)}; random: ${at(r)}).`
    : `${randomWon ? 'Random search' : 'The grid'} found the better ${m} this time: ${fmtNum(win.objective)} (${at(win)}) against ${fmtNum(lose.objective)} (${at(lose)}).`);
  if (typeof lr(win) === 'number' && !tie) {
    const best = lr(win);
    const close = random.trials.filter((t) => factor(lr(t), best) <= 2).length;
    if (randomWon) {
      const gridLrs = [...new Set(grid.trials.map(lr))].sort((a, b) => a - b);
      const diverged = new Set(failed(grid).map(lr));
      const side = (x: number | undefined, word: string): string | null =>
        x === undefined ? null : `${knobNum(x)} (${fmtNum(factor(x, best))}× ${word}${diverged.has(x) ? ', diverged' : ''})`;
      const around = [side(gridLrs.filter((x) => x <= best).at(-1), 'lower'), side(gridLrs.find((x) => x > best), 'higher')].filter((x): x is string => x !== null);
      out.push(`The grid's learning rates around that one were ${list(around)}; ${close} of random search's ${random.trials.length} draws fell within a factor of 2 of it.`);
    } else {
      const nearest = random.trials.map(lr).reduce((a, b) => (factor(b, best) < factor(a, best) ? b : a));
      out.push(`The grid's point ${knobNum(best)} sat near the best learning rate; random search's closest draw was ${knobNum(nearest)}. With 16 draws, luck decides which search gets closest.`);
    }
  }
  const same = grid.trials.filter((t) => lr(t) === lr(g) && t.objective !== null && Number.isFinite(t.objective)).map((t) => t.objective as number);
  if (same.length > 1) {
    const spread = factor(Math.max(...same), Math.min(...same));
    out.push(`At lr ${knobNum(lr(g))} the grid's ${same.length} L2 values gave ${m} from ${fmtNum(Math.min(...same))} to ${fmtNum(Math.max(...same))}: ` +
      (spread < 1.5 ? 'L2 barely mattered, so those repeats taught little.' : 'here L2 did matter.'));
  }
  for (const s of [grid, random]) {
    const bad = failed(s);
    if (bad.length > 0) out.push(`${bad.length} of ${s === grid ? "the grid's" : "random search's"} trials diverged (lr ${list([...new Set(bad.map((t) => knobNum(lr(t))))])}).`);
  }
  return out;
}

function initComparison({ searches, chance }: OutcomeInput): string[] {
  const s = searches[0];
  if (!s) return [];
  const done = scored(s);
  if (done.length === 0) return [];
  const acts = [...new Set(s.trials.map((t) => t.knobs.activation as string))];
  const init = (t: OutcomeTrial): string => valueLabel(t.knobs.init);
  const out: string[] = [];
  const winners: Record<string, Scored[]> = {};
  for (const a of acts) {
    const ranked = done.filter((t) => t.knobs.activation === a);
    if (ranked.length === 0) continue;
    winners[a] = ranked;
    const second = ranked[1] ? `, then ${init(ranked[1])} (${fmtNum(ranked[1].objective)})` : '';
    const none = chance !== undefined && s.metric === 'val_loss' && s.direction === 'minimize' && ranked[0].objective >= chance / 1.1;
    out.push(none
      ? `With ${nameLabel(a)}: no initialization got clearly below the chance level (${fmtNum(chance)}); the lowest was ${init(ranked[0])} (${fmtNum(ranked[0].objective)}).`
      : `With ${nameLabel(a)}: ${init(ranked[0])} did best (${s.metric} ${fmtNum(ranked[0].objective)})${second}.`);
  }
  for (const [act, usual, rival] of [['relu', 'He normal', 'Xavier normal'], ['tanh', 'Xavier normal', 'He normal']] as const) {
    const ranked = winners[act];
    const u = ranked?.find((t) => init(t) === usual);
    const v = ranked?.find((t) => init(t) === rival);
    if (!u || !v) continue;
    const uWins = s.direction === 'minimize' ? u.objective <= v.objective : u.objective >= v.objective;
    out.push(uWins
      ? `As usual, ${usual} beat ${rival} with ${nameLabel(act)} (${fmtNum(u.objective)} vs ${fmtNum(v.objective)}).`
      : `Unlike the usual pairing, ${rival} beat ${usual} with ${nameLabel(act)} (${fmtNum(v.objective)} vs ${fmtNum(u.objective)}).`);
  }
  if (chance !== undefined && s.metric === 'val_loss') {
    const stuck = done.filter((t) => t.objective >= chance / 1.1).sort((a, b) => a.number - b.number);
    if (stuck.length > 0) {
      const byInit = new Map<string, string[]>();
      for (const t of stuck) byInit.set(init(t), [...(byInit.get(init(t)) ?? []), nameLabel(t.knobs.activation as string)]);
      out.push(`Stuck at or above the chance level (${fmtNum(chance)}): ${list([...byInit].map(([i, a]) => `${i} (${a.length === acts.length ? `all ${a.length} activations` : list(a)})`))}.`);
    }
  }
  const bad = failed(s);
  if (bad.length > 0) out.push(`Diverged: ${list(bad.map((t) => `${init(t)} with ${nameLabel(t.knobs.activation as string)}`))}.`);
  return out;
}

/** The validation loss of a trial at an epoch (the last one reached before it, when it stopped early). */
function valAt(t: OutcomeTrial, epoch: number): number | null {
  const c = t.valLoss;
  if (!c) return null;
  let v: number | null = null;
  for (let i = 0; i < c.epoch.length && c.epoch[i] <= epoch; i++) if (c.value[i] !== null && Number.isFinite(c.value[i])) v = c.value[i];
  return v;
}

const ADAPTIVE = new Set(['adagrad', 'adadelta', 'rmsprop', 'adam', 'adamw']);

function optimizerComparison({ searches }: OutcomeInput): string[] {
  const s = searches[0];
  if (!s) return [];
  const done = scored(s);
  if (done.length === 0) return [];
  const key = (t: OutcomeTrial): string => {
    const o = t.knobs.optimizer;
    return typeof o === 'string' ? o : ((o as Record<string, unknown>)?.optimizer as string) ?? '?';
  };
  const name = (t: OutcomeTrial): string => nameLabel(key(t));
  const out = [`Best ${s.metric} over the run: ${done.map((t) => `${name(t)} ${fmtNum(t.objective)}`).join(', ')}.`];
  const early = 5;
  const atEarly = done.map((t) => ({ t, v: valAt(t, early) })).filter((x): x is { t: Scored; v: number } => x.v !== null).sort((a, b) => a.v - b.v);
  if (atEarly.length >= 2) {
    const first = atEarly[0];
    const last = atEarly[atEarly.length - 1];
    out.push(`After ${early} epochs ${name(first.t)} was furthest along (validation loss ${fmtNum(first.v)}) and ${name(last.t)} slowest (${fmtNum(last.v)}).`);
    const sgd = atEarly.findIndex((x) => key(x.t) === 'sgd');
    if (sgd >= 0) {
      out.push(sgd === atEarly.length - 1
        ? 'As usual, plain SGD was the slowest.'
        : `Unlike the usual order, plain SGD was not the slowest: ${list(atEarly.slice(sgd + 1).map((x) => name(x.t)))} trailed it.`);
    }
    const ranks = atEarly.map((x, i) => (ADAPTIVE.has(key(x.t)) ? i + 1 : 0)).filter((r) => r > 0);
    if (ranks.length > 0) out.push(`The adaptive optimizers took places ${list(ranks.map(String))} of ${atEarly.length} at epoch ${early}.`);
  }
  const bad = failed(s);
  if (bad.length > 0) out.push(`Diverged: ${list(bad.map(name))}.`);
  return out;
}

function coarseToFine({ searches }: OutcomeInput): string[] {
  const s = searches[0];
  if (!s) return [];
  const done = scored(s);
  if (done.length === 0) return [];
  const rounds = [...new Set(s.trials.map((t) => t.round))].sort((a, b) => a - b);
  const bestOf = (r: number): Scored | undefined => done.find((t) => t.round === r);
  const bests = rounds.map((r) => ({ r, t: bestOf(r) }));
  const out = [`Best ${s.metric} by round: ${bests.map(({ r, t }) => `${fmtNum(t?.objective ?? NaN)} (round ${r})`).join(', ')}.`];
  const first = bests[0]?.t;
  const overall = done[0];
  if (first && overall && overall.round > rounds[0]) {
    out.push(`Round ${overall.round} improved on round ${rounds[0]}'s best by ${fmtNum(Math.abs(overall.objective - first.objective))} (${fmtNum(Math.abs(overall.objective / first.objective - 1) * 100)}%).`);
  } else if (first && rounds.length > 1) {
    out.push(`The later rounds did not beat round ${rounds[0]}'s best (${fmtNum(first.objective)}): the narrower box was searched, but no better value lay in it.`);
  }
  const last = s.rounds[s.rounds.length - 1];
  if (last && last.round > 1) {
    const parts: string[] = [];
    for (const [k, range] of Object.entries(s.space)) {
      const b = last.box[k] as { low?: number; high?: number } | undefined;
      if (range.low === undefined || range.high === undefined || b?.low === undefined || b.high === undefined) continue;
      const share = range.log ? Math.log(b.high / b.low) / Math.log(range.high / range.low) : (b.high - b.low) / (range.high - range.low);
      parts.push(`${k} from ${knobNum(range.low)}–${knobNum(range.high)} to ${knobNum(b.low)}–${knobNum(b.high)} (${Math.round(share * 100)}% of its ${range.log ? 'log ' : ''}width)`);
    }
    if (parts.length > 0) out.push(`By round ${last.round} the box had narrowed: ${list(parts)}.`);
  }
  return out;
}

function tpeVsRandom({ searches }: OutcomeInput): string[] {
  const tpe = searches.find((s) => s.strategy === 'tpe');
  const random = searches.find((s) => s.strategy === 'random');
  if (!tpe || !random) return [];
  const ts = scored(tpe);
  const rs = scored(random);
  if (ts.length === 0 || rs.length === 0) return [];
  const m = tpe.metric;
  const minimize = tpe.direction === 'minimize';
  const at = (t: OutcomeTrial): string => Object.entries(t.knobs).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k} ${knobNum(v as number)}`).join(', ');
  // The start-up: trial numbers both searches drew alike (TPE's first trials are random search's).
  const byNumber = new Map(random.trials.map((t) => [t.number, JSON.stringify(t.knobs)]));
  const shared = new Set(tpe.trials.filter((t) => byNumber.get(t.number) === JSON.stringify(t.knobs)).map((t) => t.number));
  const out: string[] = [];
  if (shared.size > 0) out.push(`Both searches drew the same first ${shared.size} trials: until enough trials have finished, TPE draws at random, as random search does.`);
  const after = (s: OutcomeSearch): number[] => scored(s).filter((t) => !shared.has(t.number)).map((t) => t.objective);
  const [ta, ra] = [after(tpe), after(random)];
  if (ta.length > 0 && ra.length > 0) {
    const [mt, mr] = [median(Float64Array.from(ta)), median(Float64Array.from(ra))];
    const better = minimize ? mt < mr : mt > mr;
    out.push(`After ${shared.size > 0 ? 'them' : 'the start'}, TPE's ${ta.length} trials had a median ${m} of ${fmtNum(mt)}, random search's ${ra.length} a median of ${fmtNum(mr)}: ` +
      (better ? 'TPE spent its trials where the good ones were.' : 'this time TPE\'s trials were no better than random draws.'));
    const best = minimize ? Math.min(ts[0].objective, rs[0].objective) : Math.max(ts[0].objective, rs[0].objective);
    if (minimize && best > 0) {
      const near = (xs: number[]): number => xs.filter((x) => x <= 1.5 * best).length;
      out.push(`${near(ta)} of those TPE trials and ${near(ra)} of random search's came within 1.5× of the better best (${fmtNum(best)}).`);
    }
  }
  const [t, r] = [ts[0], rs[0]];
  if (t.objective === r.objective) out.push(`Both found ${m} ${fmtNum(t.objective)}${shared.has(t.number) ? `, in a start-up trial they share (${at(t)})` : ''}.`);
  else {
    const tpeWon = minimize ? t.objective < r.objective : t.objective > r.objective;
    const [win, lose] = tpeWon ? [t, r] : [r, t];
    out.push(`${tpeWon ? 'TPE' : 'Random search'} found the better ${m} this time: ${fmtNum(win.objective)} (trial ${win.number}: ${at(win)}) against ${fmtNum(lose.objective)} (${at(lose)})` +
      (tpeWon ? '.' : ': with 40 trials one lucky draw can win.'));
  }
  const lrs = (s: OutcomeSearch): number[] => s.trials.filter((x) => !shared.has(x.number)).slice(-10).map((x) => x.knobs.lr).filter((v): v is number => typeof v === 'number');
  const [tl, rl] = [lrs(tpe), lrs(random)];
  if (tl.length > 1 && rl.length > 1) {
    const span = (xs: number[]): string => {
      const d = Math.log10(Math.max(...xs) / Math.min(...xs)).toFixed(1);
      return `${knobNum(Math.min(...xs))} to ${knobNum(Math.max(...xs))} (${d} decade${d === '1.0' ? '' : 's'})`;
    };
    out.push(`TPE's last ${tl.length} trials tried lr from ${span(tl)}; random search's last ${rl.length} from ${span(rl)}.`);
  }
  const bad = [failed(tpe).length, failed(random).length];
  if (bad[0] + bad[1] > 0) out.push(`${bad[0]} of TPE's trials and ${bad[1]} of random search's failed or diverged.`);
  return out;
}

/** The rarest class of a confusion (fewest true rows), with its rows and how many of them were found. */
function rarest(c: { classes: string[]; counts: number[][] }): { name: string; index: number; rows: number; found: number; total: number; calledRare: number } | null {
  const rows = c.counts.map((r) => r.reduce((a, b) => a + b, 0));
  const total = rows.reduce((a, b) => a + b, 0);
  if (total === 0 || rows.length < 2) return null;
  const index = rows.indexOf(Math.min(...rows.filter((r) => r > 0)));
  // Rows of the other classes predicted as this one.
  const calledRare = c.counts.reduce((a, r, k) => a + (k === index ? 0 : r[index]), 0);
  return { name: c.classes[index], index, rows: rows[index], found: c.counts[index][index], total, calledRare };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function rareClass({ searches }: OutcomeInput): string[] {
  const plain = searches.find((s) => s.metric === 'val_accuracy');
  const weighted = searches.find((s) => s.metric === 'val_balanced_accuracy');
  if (!plain || !weighted) return [];
  const withConfusion = (s: OutcomeSearch): (Scored & { confusion: NonNullable<OutcomeTrial['confusion']> })[] =>
    scored(s).filter((t): t is Scored & { confusion: NonNullable<OutcomeTrial['confusion']> } => !!t.confusion);
  const [ps, ws] = [withConfusion(plain), withConfusion(weighted)];
  if (ps.length === 0 || ws.length === 0) return [];
  const [p, w] = [ps[0], ws[0]];
  const rp = rarest(p.confusion);
  const rw = rarest(w.confusion);
  if (!rp || !rw) return [];
  const common = p.confusion.classes[p.confusion.counts.map((r) => r.reduce((a, b) => a + b, 0)).reduce((m, r, k, all) => (r > all[m] ? k : m), 0)];
  const bal = (t: OutcomeTrial): string => fmtNum(t.valBalancedAccuracy ?? NaN);
  const acc = (t: OutcomeTrial): string => fmtNum(t.valAccuracy ?? NaN);
  const out = [
    `Always answering “${common}” scores val_accuracy ${proseFigure(Number((1 - rp.rows / rp.total).toFixed(3)))} here: the rare class “${rp.name}” is ${rp.rows} of the ${rp.total} validation rows (${shareText(rp.rows / rp.total)}).`,
    `Ranked by val_accuracy, the best trial (trial ${p.number}, accuracy ${acc(p)}) finds ${rp.found} of those ${rp.rows} rows (${pct(rp.found / rp.rows)}): balanced accuracy ${bal(p)}.`,
  ];
  // The same trained networks ranked by balanced accuracy instead.
  const byBal = [...ps].filter((t) => t.valBalancedAccuracy !== null && t.valBalancedAccuracy !== undefined)
    .sort((a, b) => (b.valBalancedAccuracy as number) - (a.valBalancedAccuracy as number))[0];
  if (byBal && byBal.number !== p.number && (byBal.valBalancedAccuracy as number) > (p.valBalancedAccuracy ?? -Infinity)) {
    const r = rarest(byBal.confusion);
    out.push(`Ranked by balanced accuracy, the same trials would keep trial ${byBal.number} instead (balanced accuracy ${bal(byBal)}, accuracy ${acc(byBal)}${r ? `, ${r.found} of ${r.rows} found` : ''}): the metric alone changes which model you keep.`);
  } else if (byBal?.number === p.number) {
    out.push(`Ranked by balanced accuracy instead, these trials would keep trial ${p.number} all the same: here the ranking alone changes nothing.`);
  }
  out.push(`With "classWeights": "balanced", the best trial by balanced accuracy (trial ${w.number}) finds ${rw.found} of the ${rw.rows} (${pct(rw.found / rw.rows)}): balanced accuracy ${bal(w)}, ` +
    `at an accuracy of ${acc(w)}, calling ${rw.calledRare} other row${rw.calledRare === 1 ? '' : 's'} “${rw.name}”.`);
  const recalls = (ts: typeof ps): Float64Array => Float64Array.from(ts.flatMap((t) => {
    const r = rarest(t.confusion);
    return r ? [r.found / r.rows] : [];
  }));
  const [mp, mw] = [median(recalls(ps)), median(recalls(ws))];
  const whole = ps.length === ws.length && ps.length === plain.trials.length && ws.length === weighted.trials.length;
  out.push(`Over ${whole ? `the ${ps.length} trials of each search` : `the trials with a result (${ps.length} without weights, ${ws.length} with)`}, the median trial finds ${pct(mp)} of “${rp.name}” without weights and ${pct(mw)} with them` +
    (mw > mp ? ', as usually happens.' : ': unusually, the weights did not help the rare class this time.'));
  if ((w.valAccuracy ?? NaN) < (p.valAccuracy ?? NaN)) out.push(`The best trial's plain accuracy fell from ${acc(p)} to ${acc(w)}: the weights trade common rows for rare ones, and accuracy counts only rows.`);
  const bad = [failed(plain).length, failed(weighted).length];
  if (bad[0] + bad[1] > 0) out.push(`${bad[0]} of the unweighted trials and ${bad[1]} of the weighted ones failed or diverged.`);
  return out;
}
