import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { ExperimentOutcome } from '../../src-core/api/contract';
import { EXPERIMENTS, type Experiment } from '../../src-core/experiments/builtin';
import { createSearch } from '../../src-core/search/study';
import { experimentById, experimentChance, experimentOutcomeOf, experimentRunName } from '../../src-core/service/insight';
import type { Store } from '../../src-core/store/store';
import { workerLimit, workersOption } from './common';
import type { Register } from './index';
import { databasePath, openExistingStore } from './output';
import { dbOption, runStudy, withStore } from './search';
import type { Io } from './train';

/** The latest run's searches and, once every one has ended, what it shows; or how to run it. */
function outcomeLines(e: Experiment, o: ExperimentOutcome | null): string[] {
  if (!o) return [`Not run in this database yet: "knobs experiments ${e.id} --run" runs it.`];
  const out = ['Latest run:'];
  for (const s of o.searches) {
    const left = s.status === 'complete' || s.done >= s.total ? '' : `; "knobs resume ${s.id}" finishes it`;
    out.push(`  search ${s.id} "${s.name}": ${s.status}, ${s.done}/${s.total} trials${left}`);
  }
  if (!o.finished) {
    out.push(o.searches.length < e.specs.length
      ? `Only ${o.searches.length} of its ${e.specs.length} searches are in this database: "knobs experiments ${e.id} --run" runs it again, whole.`
      : 'What it shows is written once every search of the run has ended.');
    return out;
  }
  if (o.sentences.length === 0) return [...out, 'No trial of the run has a result to compare.'];
  return [...out, '', 'What this run shows:', ...o.sentences.map((x) => `- ${x}`)];
}

/** One experiment as the app's card says it: what it runs, what usually happens, where to look, then its latest run. */
function printExperiment(e: Experiment, o: ExperimentOutcome | null, io: Io): void {
  io.out(`${e.title} (${e.id})`);
  io.out('');
  io.out(e.description);
  io.out('');
  io.out('What usually happens:');
  io.out(e.usually);
  io.out('');
  io.out(`Where to look (in the app, "knobs serve"): ${e.lookAt}`);
  io.out('');
  for (const line of outcomeLines(e, o)) io.out(line);
}

/** The latest run of an experiment in the database the options name, without making one; null where there is none yet. */
function storedOutcome(db: string | undefined, e: Experiment): ExperimentOutcome | null {
  // The default database before the first search, or a file not made yet: nothing run there, and nothing is created.
  if (!existsSync(databasePath(db).path)) return null;
  const store = openExistingStore(db);
  try {
    return experimentOutcomeOf(store, e, experimentChance(e));
  } finally {
    store.close();
  }
}

/** knobs experiments [id] [--run]: the built-in experiments, one in full, or one run headless. */
export const registerExperimentCommand: Register = (program: Command, io, setExit) => {
  program
    .command('experiments')
    .description('the built-in experiments (as the app\'s Learn → Experiments); with an id, what it runs, what usually happens and what its latest run showed; with --run, run it here and say what this run shows')
    .argument('[id]', `an experiment: ${EXPERIMENTS.map((x) => x.id).join(', ')}`)
    .option('--run', 'run the experiment\'s searches (named apart from earlier runs, as the app does), then say what this run shows')
    .option('--workers <n>', `worker threads, up to ${workerLimit().limit} here (default: each spec's, else the number of cores)`, workersOption)
    .option('--json', 'print the experiment (or the list) and its latest run as one JSON object, and no progress')
    .option('--quiet', 'no progress while --run trains')
    .option(...dbOption)
    .action(async (id: string | undefined, opts: { run?: boolean; workers?: number; json?: boolean; quiet?: boolean; db?: string }) => {
      if (id === undefined) {
        if (opts.run) {
          io.err(`knobs: --run needs an experiment: one of ${EXPERIMENTS.map((x) => x.id).join(', ')}`);
          setExit(2);
          return;
        }
        if (opts.json) {
          io.out(JSON.stringify(EXPERIMENTS.map((e) => ({ id: e.id, title: e.title, searches: e.specs.map((s) => s.name ?? e.title) }))));
          return;
        }
        const width = Math.max(...EXPERIMENTS.map((e) => e.id.length));
        for (const e of EXPERIMENTS) io.out(`${e.id.padEnd(width)}  ${e.specs.length} ${(e.specs.length === 1 ? 'search' : 'searches').padEnd(8)}  ${e.title}`);
        io.out('"knobs experiments ID" says what one runs and what usually happens; "knobs experiments ID --run" runs it.');
        return;
      }
      const e = experimentById(id);
      if (!opts.run) {
        const o = storedOutcome(opts.db, e);
        if (opts.json) io.out(JSON.stringify({ id: e.id, title: e.title, description: e.description, usually: e.usually, lookAt: e.lookAt, latest: o }));
        else printExperiment(e, o, io);
        return;
      }
      await withStore(opts.db, 'experiments', async (store: Store) => {
        const quiet = opts.json || opts.quiet;
        const ids: number[] = [];
        // Made all at once, as the app does, so the run's searches share one suffix ("name (2)").
        for (const [i, spec] of e.specs.entries()) ids.push(createSearch(store, { ...spec, name: experimentRunName(store, e, i) }).id);
        if (!quiet) io.out(`${e.title}: ${ids.length === 1 ? `search ${ids[0]}` : `searches ${ids.join(', ')}`} in project "${e.specs[0].project}"`);
        let code = 0;
        for (const searchId of ids) {
          code = Math.max(code, await runStudy(store, searchId, io, { workers: opts.workers, quiet }));
          // Ctrl+C paused this one: the searches after it wait too (the lines below say how to go on).
          if (store.searches.need(searchId).status === 'paused') break;
        }
        const o = experimentOutcomeOf(store, e, experimentChance(e));
        if (opts.json) io.out(JSON.stringify({ id: e.id, title: e.title, latest: o }));
        else {
          io.out('');
          for (const line of outcomeLines(e, o)) io.out(line);
        }
        setExit(code);
      });
    });
};
