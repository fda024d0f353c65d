import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { builtinDatasets } from '../../src-core/data';
import { createSearch, Study } from '../../src-core/search/study';
import { curvesCsv, diagnosticsCsv, trialsCsv } from '../../src-core/service/export';
import { listBackups, restoreBackup } from '../../src-core/store/backup';
import { searchImportance } from '../../src-core/service/analysis';
import { parseSpec } from '../../src-core/spec/spec';
import { defaultDatabasePath } from '../../src-core/store/location';
import { Store, type SearchRow } from '../../src-core/store/store';
import { BadInputError, NotFoundError } from '../../src-core/errors';
import { EXIT, readSpecFile } from './common';
import { CLOSED_SEARCH_STATUSES, defaultDirection, FINISHED_TRIAL_STATUSES, finishedCount } from '../../src-core/vocabulary';
import type { Io } from './train';
import type { Register } from './index';

const dbOption = ['--db <file>', 'database file (default: KNOBS_DB, else the desktop app\'s)'] as const;

/** The database a command works on: --db, else KNOBS_DB, else the desktop app's. */
export function openStore(db?: string): Store {
  return Store.open(resolve(db ?? defaultDatabasePath()));
}

/** A search by id or name, or a NotFoundError that says where to look. */
export function findSearch(store: Store, ref: string): SearchRow {
  const s = store.searches.get(ref);
  if (!s) throw new NotFoundError(`No search "${ref}" in ${store.path}; "knobs list" shows the searches (use an id or a name)`);
  return s;
}

/** A figure as the CLI prints it: 4 significant digits, exponent below 1e-3, '-' when missing. */
export const fmt = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x === 0 ? '0' : Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));

/** Run a study with a progress bar on a terminal, plain lines otherwise, nothing with --quiet. */
export async function runStudy(store: Store, searchId: number, io: Io, opts: { workers?: number; quiet?: boolean; baseDir?: string }): Promise<number> {
  const study = new Study(store, searchId, { workers: opts.workers, baseDir: opts.baseDir });
  const row = store.searches.need(searchId);
  const total = row.planned_trials;
  const counts = store.trials.countByStatus(searchId);
  let done = finishedCount(counts);
  let pruned = counts.pruned ?? 0;
  let running = 0;
  let best: number | null = null;
  const dir = study.spec.objective.direction;
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
  study.on('roundStarted', (r) => say(`round ${r.round} starts: box ${JSON.stringify(r.box)}`));
  study.on('trialStarted', () => {
    running++;
    bar?.update(done, { running, best: fmt(best) });
  });
  study.on('trialFinished', (t) => {
    running--;
    if ((FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status)) done++;
    if (t.status === 'pruned') pruned++;
    if (t.status !== 'pruned' && t.objective !== null && (best === null || (dir === 'minimize' ? t.objective < best : t.objective > best))) best = t.objective;
    bar?.update(done, { running, best: fmt(best) });
    say(`trial ${t.number} ${t.status}: objective ${fmt(t.objective)}${t.error ? ` (${t.error})` : ''} | ${done}/${total} done${pruned ? ` (${pruned} pruned)` : ''}, ${running} running, best ${fmt(best)}, ETA ${eta()}`);
  });
  const onSignal = (): void => study.pause();
  process.once('SIGINT', onSignal);
  let status;
  try {
    status = await study.run();
  } finally {
    process.removeListener('SIGINT', onSignal);
    bar?.stop();
  }
  const final = store.searches.need(searchId);
  if (!opts.quiet) io.out(`search ${searchId} ${status}: ${final.stop_reason}; best ${study.spec.objective.metric} ${fmt(best)}`);
  return status === 'complete' ? EXIT.ok : EXIT.failed;
}

/** run, resume, list, export, importance, datasets. */
export const registerSearchCommands: Register = (program: Command, io, setExit) => {
  program
    .command('run')
    .description('run a search from a spec and store every trial and epoch')
    .argument('<spec>', 'a spec JSON file')
    .option(...dbOption)
    .option('--workers <n>', 'worker threads (default: the spec\'s, else the number of cores)', (v) => positiveInt(v, '--workers'))
    .option('--seed <n>', 'override the spec\'s seed', (v) => positiveInt(v, '--seed', 0))
    .option('--quiet', 'print nothing but errors')
    .action(async (specPath: string, opts: { db?: string; workers?: number; seed?: number; quiet?: boolean }) => {
      const { spec, baseDir } = readSpecFile(specPath);
      const raw = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
      if (opts.seed !== undefined) raw.seed = opts.seed;
      if (raw.dataset && typeof (raw.dataset as { csv?: string }).csv === 'string') {
        (raw.dataset as { csv: string }).csv = resolve(baseDir, (raw.dataset as { csv: string }).csv);
      }
      const store = openStore(opts.db);
      try {
        const { id } = createSearch(store, raw);
        setExit(await runStudy(store, id, io, { workers: opts.workers, quiet: opts.quiet, baseDir }));
      } finally {
        store.close();
      }
    });

  program
    .command('resume')
    .description('re-run interrupted trials with their knobs and seed, then finish the budget')
    .argument('<search>', 'a search id or name')
    .option(...dbOption)
    .option('--workers <n>', 'worker threads', (v) => positiveInt(v, '--workers'))
    .option('--quiet', 'print nothing but errors')
    .action(async (ref: string, opts: { db?: string; workers?: number; quiet?: boolean }) => {
      const store = openStore(opts.db);
      try {
        const s = findSearch(store, ref);
        if ((CLOSED_SEARCH_STATUSES as readonly string[]).includes(s.status)) {
          io.out(`search ${s.id} "${s.name}" is already ${s.status}; nothing to resume`);
          setExit(EXIT.ok);
          return;
        }
        setExit(await runStudy(store, s.id, io, { workers: opts.workers, quiet: opts.quiet }));
      } finally {
        store.close();
      }
    });

  const backup = program.command('backup').description('rolling copies of the database (backups/ beside it, newest 5 kept)');
  backup
    .command('now', { isDefault: true })
    .description('copy the database now (safe while searches run)')
    .option(...dbOption)
    .action(async (opts: { db?: string }) => {
      const store = openStore(opts.db);
      try {
        const b = await store.backups.now();
        io.out(`Backed up ${store.path} to ${b.file} (${(b.bytes / 1024).toFixed(0)} kB)`);
      } finally {
        store.close();
      }
    });
  backup
    .command('list')
    .description('the backups of the database, newest first')
    .option(...dbOption)
    .action((opts: { db?: string }) => {
      const path = resolve(opts.db ?? defaultDatabasePath());
      const list = listBackups(path);
      if (list.length === 0) io.out(`No backups of ${path} yet ("knobs backup" makes one).`);
      for (const b of list) io.out(`${b.createdAt.slice(0, 19).replace('T', ' ')}  ${(b.bytes / 1024).toFixed(0).padStart(8)} kB  ${b.file}`);
    });
  program
    .command('restore <backup>')
    .description('replace the database with a backup (quit Knobs first; the current file is kept beside it)')
    .option(...dbOption)
    .action((file: string, opts: { db?: string }) => {
      const r = restoreBackup(resolve(opts.db ?? defaultDatabasePath()), file);
      io.out(`Restored ${r.restored} from ${resolve(file)}${r.kept ? `; the previous database is kept as ${r.kept}` : ''}`);
    });

  program
    .command('list')
    .description('projects and searches, with status and best value')
    .option(...dbOption)
    .action((opts: { db?: string }) => {
      const store = openStore(opts.db);
      try {
        const searches = store.searches.list();
        if (searches.length === 0) io.out(`No searches yet in ${store.path}.`);
        for (const s of searches) {
          const trials = store.trials.list(s.id);
          const spec = JSON.parse(s.spec) as { objective?: { metric?: string; direction?: string } };
          const metric = spec.objective?.metric ?? 'val_loss';
          const maximize = (spec.objective?.direction ?? defaultDirection(metric)) === 'maximize';
          const values = trials.filter((t) => t.status !== 'pruned').map((t) => t.objective).filter((v): v is number => v !== null);
          const best = values.length ? (maximize ? Math.max(...values) : Math.min(...values)) : null;
          const pruned = trials.filter((t) => t.status === 'pruned').length;
          const ended = trials.filter((t) => t.finished_at).length;
          io.out(`${String(s.id).padStart(4)}  ${s.project} / ${s.name}  ${s.status}  ${ended}/${s.planned_trials} trials${pruned ? ` (${ended - pruned} done · ${pruned} pruned)` : ''}  best ${metric} ${fmt(best)}  ${s.created_at.slice(0, 16).replace('T', ' ')}`);
        }
      } finally {
        store.close();
      }
    });

  program
    .command('export')
    .description('write a search\'s trials (and optionally its curves) to CSV')
    .argument('<search>', 'a search id or name')
    .requiredOption('--out <file>', 'the trials CSV to write')
    .option('--curves <file>', 'also write every epoch (long format)')
    .option('--diagnostics <file>', 'also write the layer diagnostics (one row per trial, epoch and layer)')
    .option(...dbOption)
    .action((ref: string, opts: { out: string; curves?: string; diagnostics?: string; db?: string }) => {
      const store = openStore(opts.db);
      try {
        const s = findSearch(store, ref);
        writeAtomically(opts.out, trialsCsv(store, s.id));
        if (opts.curves) writeAtomically(opts.curves, curvesCsv(store, s.id));
        if (opts.diagnostics) writeAtomically(opts.diagnostics, diagnosticsCsv(store, s.id));
        io.out(`wrote ${[opts.out, opts.curves, opts.diagnostics].filter(Boolean).join(', ')}`);
      } finally {
        store.close();
      }
    });

  program
    .command('importance')
    .description('how much each knob explains the objective (fANOVA on a random forest over the finished trials)')
    .argument('<search>', 'a search id or name')
    .option('--json', 'print the answer as one JSON object')
    .option(...dbOption)
    .action(async (ref: string, opts: { json?: boolean; db?: string }) => {
      const store = openStore(opts.db);
      try {
        const s = findSearch(store, ref);
        let spec;
        try {
          spec = parseSpec(JSON.parse(s.spec));
        } catch (e) {
          throw new BadInputError(`Search ${s.id} has a spec this version cannot read: ${(e as Error).message}`);
        }
        const finished = store.trials.list(s.id).filter((t) => (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status));
        const r = await searchImportance(spec, finished);
        if (opts.json) {
          io.out(JSON.stringify({ search: s.id, name: s.name, metric: spec.objective.metric, ...r }));
          return;
        }
        io.out(`search ${s.id} "${s.name}": importance of each knob for ${spec.objective.metric}, fANOVA over ${r.trials} trial${r.trials === 1 ? '' : 's'}` +
          `${r.leftOut ? ` (${r.leftOut} without a result left out)` : ''}, objective by rank`);
        if (r.reason) {
          io.out(r.reason);
          return;
        }
        const width = Math.max(...r.knobs.map((k) => k.name.length));
        for (const k of r.knobs) {
          const bar = '█'.repeat(Math.round(k.importance * 40));
          io.out(`${k.name.padEnd(width)}  ${(k.importance * 100).toFixed(1).padStart(5)}%  ±${(k.std * 100).toFixed(1).padStart(4)}  ${bar}`);
        }
      } finally {
        store.close();
      }
    });

  program
    .command('datasets')
    .description('the built-in data sets')
    .action(() => {
      for (const d of builtinDatasets()) io.out(`${d.name.padEnd(14)} ${String(d.rows).padStart(5)} rows ${String(d.features).padStart(3)} features ${d.target_names.length} classes  ${d.citation}`);
      io.out('Also: { "synthetic": "moons" | "circles" | "spirals" | "xor" | "blobs" | "sine", "n": 1000, "noise": 0.2 } and { "csv": "file.csv", "target": "column" }');
    });
};

/** An integer option ≥ min, or a BadInputError naming the option. */
export function positiveInt(v: string, name: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new BadInputError(`${name} must be an integer ≥ ${min} (got "${v}")`);
  return n;
}

/** Write through a temporary file and rename, so a failed write never leaves half a file. */
function writeAtomically(path: string, text: string): void {
  if (!existsSync(dirname(resolve(path)))) throw new BadInputError(`Cannot write "${path}": the folder ${dirname(resolve(path))} does not exist`);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
