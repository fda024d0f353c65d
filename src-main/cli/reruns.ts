import type { Command } from 'commander';
import type { SeedSpread } from '../../src-core/api/contract';
import { createRerun, rerunsOf, seedSpread, unfinishedState } from '../../src-core/search/seeds';
import { replayTrial } from '../../src-core/service/replay';
import { BadInputError } from '../../src-core/errors';
import { checkSpecWorkers, counted, EXIT, intOption, workerLimit, workersOption } from './common';
import { openExistingForWriting, openExistingStore } from './output';
import { dbOption, findSearch, findTrial, fmt, runStudy, specWorkers } from './search';
import type { Register } from './index';
import type { Io } from './train';

/** The limits of a re-run (those of createRerun): the top configurations, and seeds per configuration. */
const MAX_TOP = 50;
const MAX_SEEDS = 100;

/** A re-run's configurations as a table, ranked by mean, then its sentences. */
export function printSpread(s: SeedSpread, io: Io): void {
  io.out(`${s.metric} (${s.direction}) of each configuration over ${s.seeds} ${s.splitSeeds ? 'model and split seeds' : 'model seeds'}, ranked by mean; * the original best`);
  io.out(`${'rank'.padStart(4)}  ${'trial'.padStart(6)}  ${'mean'.padStart(10)}  ${'sd'.padStart(10)}  ${'95% interval'.padEnd(23)}  ${'original'.padStart(10)}  per seed`);
  for (const c of s.configs) {
    const ci = c.ci ? `[${fmt(c.ci[0])}, ${fmt(c.ci[1])}]` : '-';
    const seeds = c.objectives.map((o) => fmt(o)).join(' ');
    const mark = c.trial === s.originalBest ? '*' : ' ';
    io.out(`${String(c.rank ?? '-').padStart(4)}  ${String(c.trial).padStart(5)}${mark}  ${fmt(c.mean).padStart(10)}  ${fmt(c.sd).padStart(10)}  ${ci.padEnd(23)}  ${fmt(c.originalObjective).padStart(10)}  ${seeds}${c.failed ? `  (${c.failed} failed)` : ''}`);
  }
  for (const line of s.sentences) io.out(line);
}

/** rerun, spread, replay. */
export const registerRerunCommands: Register = (program: Command, io, setExit) => {
  program
    .command('rerun')
    .description('run the top configurations of a search again with several seeds (a child search of the same project), then show their spread')
    .argument('<search>', 'a search id or name')
    .option('--top <k>', `how many of its best configurations, 1 to ${MAX_TOP}`, (v) => intOption(v, '--top', 1, MAX_TOP), 5)
    .option('--seeds <n>', `seeds per configuration, 2 to ${MAX_SEEDS}`, (v) => intOption(v, '--seeds', 2, MAX_SEEDS, (n) => (n < 2 ? 'one seed shows no spread' : undefined)), 5)
    .option('--split-seeds', 'also draw the training and validation rows again with each seed (the test rows stay)')
    .option('--workers <n>', `worker threads, up to ${workerLimit().limit} here (default: the search's, else the number of cores)`, workersOption)
    .option('--json', 'print the spread as one JSON object at the end (and no progress)')
    .option('--quiet', 'print nothing but errors and the spread')
    .option(...dbOption)
    .action(async (ref: string, opts: { top: number; seeds: number; splitSeeds?: boolean; workers?: number; json?: boolean; quiet?: boolean; db?: string }) => {
      const store = openExistingForWriting(opts.db, 'rerun');
      try {
        const parent = findSearch(store, ref);
        checkSpecWorkers(specWorkers(parent), opts.workers, `Search ${parent.id}'s spec`);
        const { id, name, configs } = createRerun(store, parent.id, { top: opts.top, seeds: opts.seeds, splitSeeds: opts.splitSeeds ?? false });
        if (!opts.json && !opts.quiet) {
          io.out(`re-run ${id} "${name}" of search ${parent.id} "${parent.name}" (resume it with "knobs resume ${id}", export it with "knobs export ${id}")`);
          if (configs < opts.top) io.out(`search ${parent.id} has only ${counted(configs, 'trial')} with a result (complete or early-stopped), so the re-run takes ${configs === 1 ? 'it' : `those ${configs}`}, not the top ${opts.top} asked for`);
        }
        const code = await runStudy(store, id, io, { workers: opts.workers, quiet: opts.json || opts.quiet });
        const spread = seedSpread(store, id);
        if (opts.json) io.out(JSON.stringify(spread));
        else if (spread) printSpread(spread, io);
        setExit(code);
      } finally {
        store.close();
      }
    });

  program
    .command('spread')
    .description('the seed spread of a re-run (or of a search\'s latest finished re-run)')
    .argument('<search>', 'a re-run, or a search that has one')
    .option('--json', 'print one JSON object')
    .option(...dbOption)
    .action((ref: string, opts: { json?: boolean; db?: string }) => {
      const store = openExistingStore(opts.db);
      try {
        const s = findSearch(store, ref);
        const spread = seedSpread(store, s.id);
        if (!spread) {
          // Only re-runs that have not finished (or none): their partial figures are not shown as the search's spread.
          const { unfinished } = rerunsOf(store, s.id);
          if (unfinished.length === 0) throw new BadInputError(`Search ${s.id} "${s.name}" has no seed re-run with a result yet; "knobs rerun ${s.id}" makes one`);
          const which = unfinished.map((u) => `re-run ${u.searchId} ${unfinishedState(u.status, u.done, u.total)}`).join(', ');
          const last = unfinished[unfinished.length - 1];
          const finish = last.status === 'running' ? 'it finishes by itself' : `"knobs resume ${last.searchId}" ${last.status === 'queued' ? 'starts' : 'finishes'} it`;
          throw new BadInputError(`Search ${s.id} "${s.name}" has no finished seed re-run: ${which}; ${finish} ("knobs spread ${last.searchId}" shows its partial spread)`);
        }
        if (opts.json) io.out(JSON.stringify(spread));
        else {
          const state = spread.status === 'complete' ? '' : ` (${spread.status}: partial figures)`;
          const newer = spread.unfinished.map((u) => `re-run ${u.searchId} is ${u.status}`).join(', ');
          io.out(`re-run ${spread.searchId} of search ${spread.parentId ?? '(deleted)'}${state}: ${spread.done}/${spread.total} trials ended${newer ? ` (the latest finished; ${newer}, left out)` : ''}`);
          printSpread(spread, io);
        }
      } finally {
        store.close();
      }
    });

  program
    .command('replay')
    .description('train a stored trial again from its configuration and seeds, and check the curve is identical (bit for bit on the same kernel path)')
    .argument('<search>', 'a search id or name')
    .argument('<trial>', 'the trial\'s number in that search, or "best"')
    .option('--json', 'print the answer as one JSON object')
    .option(...dbOption)
    .action(async (ref: string, trial: string, opts: { json?: boolean; db?: string }) => {
      const store = openExistingStore(opts.db);
      try {
        const s = findSearch(store, ref);
        const { number } = findTrial(store, s, trial);
        const r = await replayTrial(store, s.id, number);
        if (opts.json) io.out(JSON.stringify(r));
        else {
          io.out(r.message);
          const objective = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'none (no finite value)' : fmt(x));
          io.out(`objective ${objective(r.objective.stored)} stored, ${objective(r.objective.replayed)} replayed; ${counted(r.epochs.replayed, 'epoch')} replayed`);
        }
        if (!r.identical) io.err(`knobs: trial ${number} of search ${s.id} did not replay identically`);
        setExit(r.identical ? EXIT.ok : EXIT.failed);
      } finally {
        store.close();
      }
    });
};
