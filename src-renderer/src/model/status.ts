import { plural } from '../../../src-core/format';
import type { SearchDetail, SearchStatus, SearchSummary, TrialSummary } from '../../../src-core/api/contract';
import { TASK_METRICS } from '../../../src-core/vocabulary';
import { statusWord } from '../../../src-core/api/trialText';

/** The colour a status tag gets. */
export type Tone = 'success' | 'info' | 'warning' | 'error' | 'default';

/** What the search header shows and which controls apply, all read from one state. */
export interface SearchStatusText {
  /** The tag: a word or two. */
  label: string;
  tone: Tone;
  /** One sentence: what happened and what the user can do next. */
  sentence: string;
  canPause: boolean;
  canResume: boolean;
  canStop: boolean;
  /** Trials a resume would run: interrupted ones again, then the rest of the budget. */
  left: number;
  /** What the resume button says: Start for a search that never ran. */
  resumeLabel: 'Resume' | 'Start';
}

/** A trial is under way while it trains or waits for a worker; every other status has ended. */
export const underway = (t: Pick<TrialSummary, 'status'>): boolean => t.status === 'running' || t.status === 'queued';

/** "1 trial", "2 trials". */
export { plural };

/**
 * Trials finished with a result (or a failure; the engine counts them: SearchSummary.finished),
 * trials under way (`running`: training, or handed out and waiting for a worker), those training,
 * and trials a resume would (re-)run.
 */
export function trialTally(s: Pick<SearchSummary, 'counts' | 'plannedTrials' | 'finished'>): { finished: number; interrupted: number; cancelled: number; running: number; training: number; left: number } {
  const c = s.counts;
  const finished = s.finished;
  const interrupted = c.interrupted ?? 0;
  const cancelled = c.cancelled ?? 0;
  const training = c.running ?? 0;
  const running = training + (c.queued ?? 0);
  return { finished, interrupted, cancelled, running, training, left: Math.max(0, s.plannedTrials - finished) };
}

/**
 * The header of a search from its one state (status, counts, stop reason): a running search never
 * shows an old stop reason, a stopped or paused one says how many trials a resume would run.
 * `readOnly`: the database is open read-only (Resume is turned off), so it says what is left and
 * that a writable copy can run it.
 */
export function describeSearch(s: Pick<SearchSummary, 'status' | 'counts' | 'plannedTrials' | 'finished' | 'stopReason' | 'runElsewhere'>, opts: { readOnly?: boolean } = {}): SearchStatusText {
  const t = trialTally(s);
  const cut = t.interrupted + t.cancelled > 0 ? ` (${t.interrupted + t.cancelled} cut short, again from the start)` : '';
  const rest = t.left === 0 ? 'Every planned trial has run.'
    : opts.readOnly ? `${plural(t.left, 'trial')} left${cut}: a writable copy of the database can resume ${t.left === 1 ? 'it' : 'them'}.`
      : `Resume runs the ${plural(t.left, 'trial')} left${cut}.`;
  const never = t.finished + t.interrupted + t.cancelled + t.running === 0;
  const byStatus: Record<SearchStatus, () => Omit<SearchStatusText, 'resumeLabel'>> = {
    queued: () => (never
      ? { label: 'not started', tone: 'default', sentence: opts.readOnly ? `Not started: ${plural(s.plannedTrials, 'trial')} planned; a writable copy of the database can start it.` : `Not started: Start runs its ${plural(s.plannedTrials, 'trial')}.`, canPause: false, canResume: true, canStop: false, left: t.left }
      : { label: 'starting', tone: 'info', sentence: 'Starting: the data set loads and the workers warm up.', canPause: false, canResume: false, canStop: true, left: t.left }),
    running: () => (s.runElsewhere === null
      ? {
        label: 'running', tone: 'info',
        // Training, not "in progress": a trial handed out and waiting for a worker is not yet running
        // (the progress line under it counts those as queued).
        sentence: `Running: ${plural(t.finished, 'trial')} of ${s.plannedTrials} finished, ${t.training} training.`,
        canPause: true, canResume: false, canStop: true, left: t.left,
      }
      : {
        // Another process (a `knobs run` in a terminal) runs it: only that process can pause or stop it.
        label: 'running', tone: 'info',
        sentence: `Running in another process (pid ${s.runElsewhere}, such as "knobs run" in a terminal): ${plural(t.finished, 'trial')} of ${s.plannedTrials} finished, ${t.training} training. Pause it there with Ctrl+C.`,
        canPause: false, canResume: false, canStop: false, left: t.left,
      }),
    paused: () => ({ label: 'paused', tone: 'warning', sentence: `Paused after ${plural(t.finished, 'trial')}. ${rest}`, canPause: false, canResume: t.left > 0, canStop: false, left: t.left }),
    cancelled: () => ({ label: 'stopped', tone: 'warning', sentence: `Stopped by you after ${plural(t.finished, 'trial')}. ${rest}`, canPause: false, canResume: t.left > 0, canStop: false, left: t.left }),
    interrupted: () => ({
      label: 'interrupted', tone: 'warning', sentence: `Interrupted: Knobs was closed while it ran. ${rest}`, canPause: false, canResume: t.left > 0, canStop: false, left: t.left,
    }),
    complete: () => ({ label: 'complete', tone: 'success', sentence: `Complete: ${s.stopReason || `${plural(t.finished, 'trial')} run`}.`, canPause: false, canResume: false, canStop: false, left: 0 }),
    failed: () => ({ label: 'failed', tone: 'error', sentence: `Failed: ${s.stopReason || 'an error stopped it'}. ${rest}`, canPause: false, canResume: t.left > 0, canStop: false, left: t.left }),
  };
  return { ...(byStatus[s.status] ?? byStatus.failed)(), resumeLabel: s.status === 'queued' && never ? 'Start' : 'Resume' };
}

/** A trial status tag's colour. */
export function trialTone(status: string): Tone {
  if (status === 'complete') return 'success';
  if (status === 'running') return 'info';
  if (status === 'failed' || status === 'diverged') return 'error';
  if (status === 'early_stopped' || status === 'interrupted' || status === 'cancelled') return 'warning';
  return 'default';
}

/** A trial status tag's extra class: pruned has a colour of its own (the charts' purple), which no naive-ui tag type gives. */
export function trialTagClass(status: string): string | undefined {
  return status === 'pruned' ? 'tag-pruned' : undefined;
}

// How a trial ended, in words: shared with the CLI (`knobs trial`), so both say it alike.
export { statusWord, stopReasonText, stopSentence } from '../../../src-core/api/trialText';
/**
 * Why trials give no value of the metric to show, or null when one has: none has ended ("None
 * finished yet."), or every one that ended has none, with how they ended: "No trial has a val_loss
 * (2 diverged)." ("… yet (…)" while others still run). A search whose every trial diverged is
 * complete, not waiting, and the panels that would draw or rank values say so in these words.
 */
export function noValueSentence(trials: readonly Pick<TrialSummary, 'status' | 'objective'>[], metric: string): string | null {
  if (trials.some((t) => t.objective !== null && Number.isFinite(t.objective))) return null;
  const ended = trials.filter((t) => !underway(t));
  if (ended.length === 0) return 'None finished yet.';
  const counts = new Map<string, number>();
  for (const t of ended) counts.set(statusWord(t.status), (counts.get(statusWord(t.status)) ?? 0) + 1);
  const how = [...counts].map(([word, n]) => `${n} ${word}`).join(', ');
  return `No trial has a ${metric}${trials.length > ended.length ? ' yet' : ''} (${how}).`;
}

/**
 * Whether a search shows validation accuracy (the trials table's column, the drawer's figure):
 * not for a regression search (its metric is one only a regression target reports, or trials have
 * ended and none reported an accuracy), where it would be dashes.
 */
export function reportsAccuracy(d: Pick<SearchDetail, 'metric'>, trials: readonly TrialSummary[]): boolean {
  if (d.metric === 'val_accuracy') return true;
  if (!(TASK_METRICS.classification as readonly string[]).includes(d.metric)) return false;
  const ended = trials.filter((t) => t.bestEpoch !== null);
  return ended.length === 0 || ended.some((t) => t.valAccuracy !== null);
}

/** Balanced accuracy is said beside the accuracy once the two differ by this much (on evenly split classes they are one number). */
const BALANCED_APART = 0.005;

/** Whether a trial's balanced accuracy says something its accuracy does not: the classes' sizes differ enough to part the two. */
export function balancedApart(t: Pick<TrialSummary, 'valAccuracy' | 'valBalancedAccuracy'>): boolean {
  return t.valBalancedAccuracy !== null && t.valAccuracy !== null && Math.abs(t.valBalancedAccuracy - t.valAccuracy) >= BALANCED_APART;
}
