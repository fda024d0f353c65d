import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { specValueLabel } from '../../src-core/api/labels';
import { dataCautions, specCautions } from '../../src-core/search/cautions';
import { createSearch, Study } from '../../src-core/search/study';
import { checkedSpec } from '../../src-core/search/validate';
import { checkDataUnchanged } from '../../src-core/store/datahash';
import { Store, type SearchRow } from '../../src-core/store/store';
import type { TrialRow } from '../../src-core/store/rows';
import { trialNumbersText } from '../../src-core/api/trialText';
import { BadInputError, issueText, NotFoundError } from '../../src-core/errors';
import { figure } from '../../src-core/format';
import { busyText, workTime } from '../../src-core/stretches';
import { everyFailedSentence, failedWord, failureRules, failureSentences, type FailureTrial } from '../../src-core/analysis/failures';
import { bestTrials, bestValueNote, type Ranked } from '../../src-core/analysis/best';
import { chanceNote } from '../../src-core/analysis/chance';
import type { KnobInfo, ObjectiveChance } from '../../src-core/api/contract';
import { searchChances } from '../../src-core/service/insight';
import { knobInfo } from '../../src-core/service/workbench';
import { checkSpecWorkers, EXIT, intOption, onInterrupt, readSpecFile, workerLimit, workersOption } from './common';
import { checkDatabaseAt, checkFolderExists, databasePath, openExistingForWriting } from './output';
import { CLOSED_SEARCH_STATUSES, FINISHED_TRIAL_STATUSES, finishedCount, METRIC_RANGES } from '../../src-core/vocabulary';
import type { Io } from './train';
import type { Register } from './index';
import type { Box } from '../../src-core/search/space';
import { parseStoredSpec, type Spec } from '../../src-core/spec/spec';

export const dbOption = ['--db <file>', 'database file (default: KNOBS_DB, else the desktop app\'s)'] as const;

/**
 * The database a command that writes works on (`knobs COMMAND`): --db, else KNOBS_DB, else the
 * desktop app's (made when not there; a file that is not a Knobs database, one that cannot be
 * written, and a --db or KNOBS_DB in a folder that does not exist are refused).
 */
export function openStore(db: string | undefined, command: string): Store {
  const { path, source } = databasePath(db);
  checkDatabaseAt(path, { mustExist: false });
  checkFolderExists(path, source);
  return Store.open(path, { writer: `"knobs ${command}"` });
}

/**
 * Run `use` on the database (made when not there, as openStore), and close it. A database this made
 * is removed again when `use` fails and left it empty (no project, no data set): a refused spec or
 * bundle leaves no empty file behind, as none would have been there before.
 */
export async function withStore<T>(db: string | undefined, command: string, use: (store: Store) => Promise<T> | T): Promise<T> {
  const made = !existsSync(databasePath(db).path);
  const store = openStore(db, command);
  const { path } = store;
  let empty = false;
  try {
    return await use(store);
  } catch (e) {
    empty = made && store.projects.list().length === 0 && store.datasets.list().length === 0;
    throw e;
  } finally {
    store.close();
    if (empty) for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  }
}

/** A search by id or name, or a NotFoundError that says where to look. */
export function findSearch(store: Store, ref: string): SearchRow {
  const s = store.searches.get(ref);
  if (!s) throw new NotFoundError(`No search "${ref}" in ${store.path}; "knobs list" shows the searches (use an id or a name)`);
  // Digits are an id first; a search with another id named so (a search named "1") makes them name two searches.
  if (s.name !== ref) {
    const also = store.searches.list().filter((x) => x.name === ref && x.id !== s.id).sort((a, b) => a.id - b.id);
    if (also.length > 0) {
      const them = also.map((x) => `search ${x.id} (project "${x.project}")`);
      throw new BadInputError(`"${ref}" names two searches: search ${s.id} by its id ("${s.name}", project "${s.project}") and ${them.join(', ')} by ${also.length === 1 ? 'its' : 'their'} name; give search ${s.id} by its name or ${also.length === 1 ? `search ${also[0].id}` : 'the one you mean'} by its id`, [{ path: 'search', message: 'both an id and a name' }]);
    }
  }
  // A name is unique within a project only: one used in two projects (an imported bundle) names no search for sure.
  const named = s.name === ref ? store.searches.list().filter((x) => x.name === ref) : [s];
  if (named.length > 1) {
    const which = named.sort((a, b) => a.id - b.id).map((x) => `${x.id} (project "${x.project}")`);
    throw new BadInputError(`${named.length} searches are named "${ref}": ${which.slice(0, -1).join(', ')} and ${which[which.length - 1]}; name the one you mean by its id`);
  }
  return s;
}

/**
 * A trial of a search as a command names it: its number, or "best" (the best by the search's
 * objective, as Best trials ranks them: pruned trials and those with no finite value left out).
 * `option` names where it was given ("--around"); a positional TRIAL gives none.
 */
export function findTrial(store: Store, s: SearchRow, given: string, option?: string): TrialRow {
  const trials = store.trials.list(s.id);
  const where = option ?? 'TRIAL';
  if (given.toLowerCase() === 'best') {
    const { metric, direction } = specOfSearch(s).objective;
    const [best] = bestTrials(trials, direction, 1);
    if (best) return best;
    throw new BadInputError(`${where} "best": search ${s.id} "${s.name}" has no trial with a ${metric}${trials.length > 0 ? ` (${trialNumbersText(trials.map((x) => x.number))}); give one by its number` : ' yet'}`, [{ path: option?.slice(2) ?? 'trial', message: 'no best trial' }]);
  }
  const t = /^\d+$/.test(given) ? trials.find((x) => x.number === Number(given)) : undefined;
  if (t) return t;
  const numbers = trialNumbersText(trials.map((x) => x.number));
  if (option === undefined && /^\d+$/.test(given)) throw new BadInputError(`Search ${s.id} "${s.name}" has no trial ${Number(given)}; ${numbers}`, [{ path: 'trial', message: 'no such trial' }]);
  throw new BadInputError(`${where} takes a trial number of search ${s.id} "${s.name}", or "best" (got "${given}"; ${numbers})`, [{ path: option?.slice(2) ?? 'trial', message: 'a trial number or "best"' }]);
}

/** A round's box in words: "lr 0.0001–0.03 (log), hiddenUnits 16–64, activation relu | tanh". */
export function boxText(box: Box, space: Spec['space']): string {
  const end = (x: number): string => String(Number(x.toPrecision(3)));
  return Object.entries(box)
    .map(([k, b]) => {
      const p = space[k];
      if ('values' in b) return `${k} ${b.values.map(specValueLabel).join(' | ')}`;
      return `${k} ${end(b.low)}–${end(b.high)}${p && 'log' in p && p.log ? ' (log)' : ''}`;
    })
    .join(', ');
}

export { trialNumbersText };

/** A stored search's spec, or a refusal naming the search when this version cannot read it. */
export function specOfSearch(s: SearchRow): Spec {
  try {
    return parseStoredSpec(s.spec);
  } catch (e) {
    throw new BadInputError(`Search ${s.id} has a spec this version cannot read: ${(e as Error).message}`);
  }
}

/** A figure as the CLI prints it: as the app does (`figure`), '-' when missing or not finite. */
export const fmt = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : figure(x));

/**
 * How long a search's trials ran and how busy its workers were, as the dashboard's timeline says it:
 * "36 trials ran 1.0 s in all over 0.56 s of running time: the 2 workers were busy 93% of it"
 * (running time: when at least one trial ran; a pause or a stop before a resume left out). Null
 * before a trial has ended.
 */
export function workText(store: Store, searchId: number, workers: number): string | null {
  const ran = store.trials.list(searchId).filter((t) => t.status !== 'queued' && t.started_at && t.finished_at);
  if (ran.length === 0) return null;
  const { running, busy } = workTime(ran.map((t) => [Date.parse(t.started_at!), Date.parse(t.finished_at!)]));
  return `${ran.length === 1 ? '1 trial' : `${ran.length} trials`} ${busyText(busy / 1000, running / 1000, workers)}`;
}

/**
 * What a search's trials say beyond its best value, as the dashboard's overview says it: a tie at
 * the best value or the metric's own limit reached (bestValueNote), a best no better than chance
 * (chanceNote), then where the failed trials lie (failureRules; everyFailedSentence where every one
 * failed). The end of `knobs run` and `knobs trials` print these.
 */
export function searchNotes(trials: readonly (Ranked & FailureTrial)[], knobs: KnobInfo[], metric: string, direction: 'minimize' | 'maximize', chance: ObjectiveChance | null = null): string[] {
  const range = (METRIC_RANGES as Record<string, readonly [number, number]>)[metric];
  const note = bestValueNote(trials, direction, metric, range ? { low: range[0], high: range[1] } : undefined);
  const atChance = chanceNote(bestTrials(trials, direction, 1)[0]?.objective ?? null, chance, metric, direction);
  const everyFailed = everyFailedSentence(trials, knobs);
  return [...(note ? [note] : []), ...(atChance ? [atChance] : []), ...(everyFailed ? [everyFailed] : failureSentences(failureRules(trials, knobs), failedWord(trials)))];
}

/** Run a study with a progress bar on a terminal, plain lines otherwise, nothing with --quiet. */
export async function runStudy(store: Store, searchId: number, io: Io, opts: { workers?: number; quiet?: boolean; baseDir?: string }): Promise<number> {
  const study = new Study(store, searchId, { workers: opts.workers, baseDir: opts.baseDir });
  const row = store.searches.need(searchId);
  const total = row.planned_trials;
  const counts = store.trials.countByStatus(searchId);
  let done = finishedCount(counts);
  let pruned = counts.pruned ?? 0;
  let running = 0;
  const dir = study.spec.objective.direction;
  const better = (a: number, b: number | null): boolean => b === null || (dir === 'minimize' ? a < b : a > b);
  // A resumed search's best so far counts the trials stored before (pruned ones never count).
  let best: number | null = null;
  for (const t of store.trials.list(searchId)) if (t.status !== 'pruned' && t.objective !== null && Number.isFinite(t.objective) && better(t.objective, best)) best = t.objective;
  // Trials a worker started: a pause also ends trials still waiting in a worker's queue, which never started.
  const started = new Set<number>();
  const t0 = Date.now();
  const doneAtStart = done;
  const tty = Boolean(process.stdout.isTTY) && !opts.quiet;
  const bar = tty
    ? new cliProgress.SingleBar({ format: 'trials {bar} {value}/{total} | running {running} | best {best} | ETA {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(total, done, { running, best: '-' });
  const eta = (): string => {
    const rate = (done - doneAtStart) / ((Date.now() - t0) / 1000);
    return rate > 0 ? `${Math.round((total - done) / rate)} s` : '?';
  };
  const say = (line: string): void => {
    if (!opts.quiet && !tty) io.out(line);
  };
  say(`search ${searchId} "${row.name}" (project ${row.project}): ${total} trials, ${study.spec.strategy.kind}, objective ${study.spec.objective.metric} (${dir})`);
  // Only a strategy that narrows a box has rounds worth a line (random, grid and TPE draw from the whole space in one round).
  study.on('roundStarted', (r) => {
    if (r.narrowed) say(`round ${r.round} starts: ${boxText(r.box, study.spec.space)}`);
  });
  study.on('trialStarted', (t) => {
    started.add(t.number);
    running = started.size;
    bar?.update(done, { running, best: fmt(best) });
  });
  study.on('trialFinished', (t) => {
    started.delete(t.number);
    running = started.size;
    // Taken by a worker just as the search was paused or stopped or ran out of time: it never ran (it stays queued).
    if (t.status === 'queued') {
      bar?.update(done, { running, best: fmt(best) });
      return;
    }
    if ((FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status)) done++;
    if (t.status === 'pruned') pruned++;
    if (t.status !== 'pruned' && t.objective !== null && better(t.objective, best)) best = t.objective;
    bar?.update(done, { running, best: fmt(best) });
    say(`trial ${t.number} ${t.status}: objective ${fmt(t.objective)}${t.error ? ` (${t.error})` : ''} | ${done}/${total} done${pruned ? ` (${pruned} pruned)` : ''}, ${running} running, best ${fmt(best)}, ETA ${eta()}`);
  });
  // Ctrl+C pauses (running trials become interrupted, and resume runs them again); pressed again while
  // a slow pause is under way, it exits at once. The one press `timeout -s INT` delivers twice is one.
  const stopListening = onInterrupt(() => study.pause(), io.err, `the search will read as interrupted ("knobs resume ${searchId}" goes on with it)`);
  let status;
  try {
    status = await study.run();
  } finally {
    stopListening();
    bar?.stop();
  }
  const final = store.searches.need(searchId);
  // The stop reason of a pause is the pause itself: say what asked for it, and how to go on.
  const ended = status === 'paused' && (final.stop_reason === 'paused' || !final.stop_reason)
    ? `search ${searchId} paused by Ctrl+C ("knobs resume ${searchId}" goes on with it)`
    : `search ${searchId} ${status}: ${final.stop_reason}`;
  if (!opts.quiet) {
    const { metric, direction } = study.spec.objective;
    const trials = store.trials.list(searchId).map((t) => ({ number: t.number, status: t.status, objective: t.objective, knobs: JSON.parse(t.knobs) as Record<string, unknown> }));
    // The best by name, as Best trials ranks them (over every trial of the search, a resumed one's earlier ones too).
    const [top] = bestTrials(trials, direction, 1);
    io.out(`${ended}; best ${metric} ${fmt(best)}${top && top.objective === best ? ` (trial ${top.number})` : ''}`);
    const work = workText(store, searchId, final.runner_workers ?? opts.workers ?? 1);
    if (work) io.out(work);
    // What the best value does not say (a tie, the metric's limit) and where the failed trials lie, as the dashboard's overview says them.
    for (const line of searchNotes(trials, knobInfo(study.spec), metric, direction, searchChances(store, searchId, study.spec)[metric] ?? null)) io.out(line);
    if (top) io.out(`"knobs trial ${searchId} best" shows trial ${top.number} in full, with its diagnostics.`);
  }
  if (status === 'complete' && best === null) {
    // Every trial failed or diverged (or was pruned): the search ran, but it found nothing.
    const counts = store.trials.countByStatus(searchId);
    const what = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
    const first = store.trials.list(searchId).find((t) => t.status === 'failed' || t.status === 'diverged');
    const why = first ? `"knobs trial ${searchId} ${first.number}" says why trial ${first.number} ${first.status === 'diverged' ? 'blew up' : 'failed'} and what to try` : `"knobs export ${searchId} --out FILE" lists every trial`;
    io.err(`knobs: no trial of search ${searchId} has a ${study.spec.objective.metric} (${what}); ${why}`);
    return EXIT.failed;
  }
  return status === 'complete' ? EXIT.ok : EXIT.failed;
}

/** run, resume. */
export const registerSearchCommands: Register = (program: Command, io, setExit) => {
  program
    .command('run')
    .description('run a search from a spec and store every trial and epoch')
    .argument('<spec>', 'a spec JSON file')
    .option(...dbOption)
    .option('--workers <n>', `worker threads, up to ${workerLimit().limit} here (default: the spec's, else the number of cores)`, workersOption)
    .option('--seed <n>', 'override the spec\'s seed (0 to 4294967295)', (v) => intOption(v, '--seed', 0, 2 ** 32 - 1))
    .option('--quiet', 'print nothing but errors')
    .action(async (specPath: string, opts: { db?: string; workers?: number; seed?: number; quiet?: boolean }) => {
      // Checked whole before anything is stored: every knob's issue at once, not in two rounds.
      const { spec, baseDir } = readSpecFile(specPath, checkedSpec);
      checkSpecWorkers(spec.workers, opts.workers, `The spec ${specPath}`);
      const raw = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
      if (opts.seed !== undefined) raw.seed = opts.seed;
      // Data files are stored with absolute paths (relative ones are read from the spec's folder), so
      // resume, replay, rerun and bundle export find them from any folder.
      const dataset = raw.dataset as Record<string, unknown> | undefined;
      if (dataset && typeof dataset === 'object') {
        for (const key of ['csv', 'idx', 'labels']) if (typeof dataset[key] === 'string') dataset[key] = resolve(baseDir, dataset[key] as string);
      }
      await withStore(opts.db, 'run', async (store) => {
        const { id, dataset: loaded } = createSearch(store, raw, { checkData: true, baseDir });
        // Valid settings that will not do what they seem to: said once, before the first trial (the search still runs).
        if (!opts.quiet) for (const c of [...specCautions(spec), ...(loaded ? dataCautions(loaded, spec) : [])]) io.err(`caution: ${issueText(c)}`);
        setExit(await runStudy(store, id, io, { workers: opts.workers, quiet: opts.quiet, baseDir }));
      });
    });

  program
    .command('resume')
    .description('re-run interrupted trials with their knobs and seed, then finish the budget')
    .argument('<search>', 'a search id or name')
    .option(...dbOption)
    .option('--workers <n>', `worker threads, up to ${workerLimit().limit} here (default: the spec's, else the number of cores)`, workersOption)
    .option('--quiet', 'print nothing but errors')
    .action(async (ref: string, opts: { db?: string; workers?: number; quiet?: boolean }) => {
      const store = openExistingForWriting(opts.db, 'resume');
      try {
        const s = findSearch(store, ref);
        if ((CLOSED_SEARCH_STATUSES as readonly string[]).includes(s.status)) {
          io.out(`search ${s.id} "${s.name}" is already ${s.status}; nothing to resume`);
          setExit(EXIT.ok);
          return;
        }
        checkSpecWorkers(specWorkers(s), opts.workers, `Search ${s.id}'s spec`);
        // Its remaining trials must train on the data its finished ones did.
        checkDataUnchanged(s);
        setExit(await runStudy(store, s.id, io, { workers: opts.workers, quiet: opts.quiet }));
      } finally {
        store.close();
      }
    });
};

/** The `workers` a stored search's spec asks for (undefined when it does not, or cannot be read). */
export function specWorkers(s: SearchRow): number | undefined {
  try {
    const w = (JSON.parse(s.spec) as { workers?: unknown }).workers;
    return typeof w === 'number' ? w : undefined;
  } catch {
    return undefined;
  }
}
