import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { builtinDatasets, builtinDir, importCsv, previewCsv, readCsvFile, valueCounts, type CsvPreview, type CsvRead, type Dataset } from '../../src-core/data';
import { repeatsCaution } from '../../src-core/search/cautions';
import { DataError } from '../../src-core/data/errors';
import type { ImportedDataset } from '../../src-core/store/rows';
import { columnsLines, csvAdviceLines, oneLine } from './columns';
import { rareClassNote } from '../../src-core/analysis/classes';
import { BadInputError } from '../../src-core/errors';
import { notMissingSchema } from '../../src-core/api/schemas';
import { sharesLabel, stepWords } from '../../src-core/api/labels';
import { plural } from '../../src-core/format';
import { bestNearText } from '../../src-core/analysis/marginal';
import { bestTrials } from '../../src-core/analysis/best';
import { surfaceKnobsProblem } from '../../src-core/analysis/surface';
import { spaceAround } from '../../src-core/search/around';
import { trainCommandOf, trainSpecOf } from '../../src-core/search/trialSpec';
import { searchImportance, searchSurface } from '../../src-core/service/analysis';
import { watchedValues } from '../../src-core/search/pruning';
import { surfaceLines } from './surface';
import { confusionCsv, curvesCsv, diagnosticsCsv, trialsCsv } from '../../src-core/service/export';
import { storedSpecInput, type DatasetSpec } from '../../src-core/spec/spec';
import { datasetNameOf } from '../../src-core/search/study';
import { backupsDir, listBackups, restoreBackup } from '../../src-core/store/backup';
import { defaultDirection, FINISHED_TRIAL_STATUSES } from '../../src-core/vocabulary';
import type { Register } from './index';
import { checkDatabaseAt, checkFolderExists, checkOutputs, databasePath, noDatabase, openExistingForWriting, openExistingStore, readHint, sameFile, writeAllOrNone } from './output';
import { dbOption, findSearch, findTrial, fmt, specOfSearch } from './search';
import { counted, intOption } from './common';

/** A stored search's data set by name, as the dashboard's header says it ("digits", an imported CSV by its name in the app, else its file); null when the stored spec names none this version reads. */
function datasetText(spec: { dataset?: DatasetSpec }, importedName: (file: string) => string | undefined): string | null {
  const d = spec.dataset;
  if (!d || typeof d !== 'object' || !['builtin', 'synthetic', 'csv', 'idx'].some((k) => k in d)) return null;
  // Two moons searches, one with a rare class: the shares tell them apart.
  const shares = 'synthetic' in d ? sharesLabel(d.classShares) : '';
  return shares ? `${datasetNameOf(d, importedName)} (${shares})` : datasetNameOf(d, importedName);
}

/** The commands that read or copy what is stored: backup, restore, upgrade, list, export, spec, importance, datasets. */
export const registerStoredCommands: Register = (program: Command, io) => {
  const backup = program.command('backup').description('rolling copies of the database (backups/ beside it, newest 5 kept)');
  backup
    .command('now', { isDefault: true })
    .description('copy the database now (safe while searches run)')
    .option(...dbOption)
    .action(async (opts: { db?: string }) => {
      // Read-only: a copy is a copy, whatever the file's schema (an older one is kept as it is, before an upgrade).
      const store = openExistingStore(opts.db, { olderSchema: 'allow' });
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
      const { path, chosen } = databasePath(opts.db);
      const list = listBackups(path);
      if (existsSync(path)) {
        checkDatabaseAt(path, { mustExist: true, filled: true, emptyHint: readHint(path) });
      } else if (list.length > 0) {
        // The database gone, its backups still there: what restoring one needs.
        io.err(`knobs: no database at ${path} (no such file); its backups are listed below ("knobs restore FILE --db ${path}" puts one back)`);
      } else if (chosen) {
        throw noDatabase(path, `no backups of it in ${backupsDir(path)} either`);
      } else {
        io.out(`No backups (no database at ${path} yet; "knobs run SPEC" makes one).`);
        return;
      }
      if (list.length === 0) io.out(`No backups of ${path} yet ("knobs backup" makes one).`);
      for (const b of list) io.out(`${b.createdAt.slice(0, 19).replace('T', ' ')}  ${(b.bytes / 1024).toFixed(0).padStart(8)} kB  ${b.file}`);
    });
  program
    .command('restore')
    .description('replace the database with a backup (quit Knobs first; the current file is kept beside it)')
    .argument('<backup>', 'a backup file ("knobs backup list" shows them), or another Knobs database file')
    .option(...dbOption)
    .action((file: string, opts: { db?: string }) => {
      const { path: db, source } = databasePath(opts.db);
      // A mistyped --db folder is refused, as run refuses it; the app's own folder is made (a new machine).
      checkFolderExists(db, source);
      const src = resolve(file);
      if (existsSync(src) && sameFile(src, db)) {
        throw new BadInputError(`${src} is the database itself; name one of its backups ("knobs backup list" shows them)`, [{ path: 'backup', message: 'the database itself' }]);
      }
      if (existsSync(src) && statSync(src).isFile()) {
        checkDatabaseAt(src, { mustExist: true, filled: true, what: 'a Knobs database or a backup of one', hint: '"knobs backup list" shows the backups' });
      }
      // What is replaced must be a Knobs database too (a CSV given as --db is not overwritten).
      if (existsSync(db) && statSync(db).isFile()) checkDatabaseAt(db, { mustExist: true, hint: 'give --db the Knobs database to replace' });
      const r = restoreBackup(db, file);
      io.out(`Restored ${r.restored} from ${src}${r.kept ? `; the previous database is kept as ${r.kept}` : ''}`);
    });

  program
    .command('upgrade')
    .description('bring a database an older Knobs wrote up to this version (the commands that only read refuse it until then)')
    .option(...dbOption)
    .action((opts: { db?: string }) => {
      const store = openExistingForWriting(opts.db, 'upgrade');
      try {
        const [from, to] = [store.openedAtSchema, store.schemaVersion()];
        io.out(from === to ? `${store.path} is up to date (schema ${to}); nothing to upgrade.` : `Upgraded ${store.path} from schema ${from} to ${to}.`);
      } finally {
        store.close();
      }
    });

  program
    .command('list')
    .description('projects and searches, with status and best value')
    .option(...dbOption)
    .option('--json', 'print the searches as one JSON array (newest first)')
    .action((opts: { db?: string; json?: boolean }) => {
      const { path, chosen } = databasePath(opts.db);
      if (!chosen && !existsSync(path)) {
        // The default database before the first search: nothing to list, and nothing is created.
        io.out(opts.json ? '[]' : `No searches yet (no database at ${path} yet; "knobs run SPEC" makes one).`);
        return;
      }
      const store = openExistingStore(opts.db);
      try {
        const searches = store.searches.list();
        if (searches.length === 0 && !opts.json) io.out(`No searches yet in ${store.path}.`);
        const imported = store.datasets.list();
        const importedName = (file: string): string | undefined => imported.find((d) => resolve(d.source) === resolve(file))?.name;
        const rows = searches.map((s) => {
          // Read-only, the file keeps "running" for a search whose process is gone: shown as the next writer will mark it.
          const status = store.orphaned(s.id) ? 'interrupted' : s.status;
          const trials = store.trials.list(s.id);
          const spec = JSON.parse(s.spec) as { objective?: { metric?: string; direction?: string }; strategy?: { kind?: string }; dataset?: DatasetSpec };
          const metric = spec.objective?.metric ?? 'val_loss';
          const direction = spec.objective?.direction === 'maximize' || spec.objective?.direction === 'minimize' ? spec.objective.direction : defaultDirection(metric);
          const best = bestTrials(trials, direction, 1)[0]?.objective ?? null;
          const pruned = trials.filter((t) => t.status === 'pruned').length;
          // Trials cut short are not among the done: interrupted ones run again on resume, cancelled ones never finished.
          const ended = trials.filter((t) => (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status)).length;
          const strategy = spec.strategy?.kind ?? 'random';
          const dataset = datasetText(spec, importedName);
          return {
            json: { id: s.id, project: s.project, name: s.name, status, strategy, dataset, metric, direction, best, trialsEnded: ended, trialsPruned: pruned, trialsPlanned: s.planned_trials, createdAt: s.created_at },
            cells: [String(s.id), `${s.project} / ${s.name}`, status, `${ended}/${s.planned_trials} trials${pruned ? ` (${ended - pruned} done · ${pruned} pruned)` : ''}`,
              `best ${metric} ${fmt(best)}`, dataset === null ? strategy : `${strategy} on ${dataset}`, s.created_at.slice(0, 16).replace('T', ' ')],
          };
        });
        if (opts.json) return void io.out(JSON.stringify(rows.map((r) => r.json), null, 2));
        // One column each, so many searches read down: the id right-aligned, the rest left.
        const cells = rows.map((r) => r.cells);
        const widths = cells.length > 0 ? cells[0].map((_, c) => Math.max(...cells.map((r) => [...r[c]].length))) : [];
        const pad = (v: string, w: number): string => v + ' '.repeat(w - [...v].length);
        for (const r of cells) io.out(`${r[0].padStart(Math.max(4, widths[0]))}  ${r.slice(1).map((v, i) => (i === r.length - 2 ? v : pad(v, widths[i + 1]))).join('  ')}`);
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
    .option('--confusion <file>', 'also write each classification trial\'s validation rows at its best epoch (one row per trial, true class and predicted class)')
    .option(...dbOption)
    .action((ref: string, opts: { out: string; curves?: string; diagnostics?: string; confusion?: string; db?: string }) => {
      const store = openExistingStore(opts.db);
      try {
        const s = findSearch(store, ref);
        const outputs = [
          { option: '--out', path: opts.out, example: 'trials.csv', text: () => trialsCsv(store, s.id) },
          ...(opts.curves !== undefined ? [{ option: '--curves', path: opts.curves, example: 'curves.csv', text: () => curvesCsv(store, s.id) }] : []),
          ...(opts.diagnostics !== undefined ? [{ option: '--diagnostics', path: opts.diagnostics, example: 'diagnostics.csv', text: () => diagnosticsCsv(store, s.id) }] : []),
          ...(opts.confusion !== undefined ? [{ option: '--confusion', path: opts.confusion, example: 'confusion.csv', text: () => confusionCsv(store, s.id) }] : []),
        ];
        // Every path is checked before any is written, and all are written or none.
        checkOutputs(outputs, store.path);
        writeAllOrNone(outputs.map((o) => ({ path: o.path, text: o.text() })));
        io.out(`wrote ${outputs.map((o) => o.path).join(', ')}`);
      } finally {
        store.close();
      }
    });

  program
    .command('spec')
    .description('print a search\'s spec as JSON (what knobs run takes); with --around, its space narrowed around one of its trials; with --trial, one trial\'s configuration as a spec for knobs train')
    .argument('<search>', 'a search id or name')
    .option('--around <trial>', 'a trial of the search (its number, or "best"): each numeric knob\'s range narrowed to a quarter of it, centred on the trial\'s value (the app\'s "New search around trial N")')
    .option('--trial <trial>', 'a trial of the search (its number, or "best"): its configuration as a spec for knobs train (the search\'s data, split and train block with the trial\'s knobs written in; the app\'s "Save as a training spec")')
    .option('--out <file>', 'write the spec to this file instead of printing it')
    .option(...dbOption)
    .action((ref: string, opts: { around?: string; trial?: string; out?: string; db?: string }) => {
      if (opts.around !== undefined && opts.trial !== undefined) throw new BadInputError('--around and --trial make different specs (a search around a trial, or that trial to train); give one of them', [{ path: 'trial', message: 'one of --around and --trial' }]);
      const store = openExistingStore(opts.db);
      try {
        const s = findSearch(store, ref);
        const stored = storedSpecInput(JSON.parse(s.spec)) as { space?: Record<string, unknown> } & Record<string, unknown>;
        let spec: Record<string, unknown> = stored;
        let after = '';
        if (opts.around !== undefined) {
          const t = findTrial(store, s, opts.around, '--around');
          spec = { ...stored, name: `${s.name} around trial ${t.number}`, space: spaceAround(stored.space ?? {}, JSON.parse(t.knobs) as Record<string, unknown>) };
        }
        if (opts.trial !== undefined) {
          const t = findTrial(store, s, opts.trial, '--trial');
          spec = trainSpecOf(stored, JSON.parse(t.knobs) as Record<string, unknown>, { name: `${s.name}, trial ${t.number}`, splitSeed: t.split_seed });
          after = `; "${trainCommandOf(opts.out ?? 'FILE', t.seed)}" trains it again as trial ${t.number} trained`;
        }
        const text = `${JSON.stringify(spec, null, 2)}\n`;
        if (opts.out === undefined) return void io.out(text.trimEnd());
        const outputs = [{ option: '--out', path: opts.out, example: 'spec.json', text: () => text }];
        checkOutputs(outputs, store.path);
        writeAllOrNone([{ path: opts.out, text }]);
        io.out(`wrote ${opts.out}${after}`);
      } finally {
        store.close();
      }
    });

  program
    .command('importance')
    .description('how much each knob explains the objective (fANOVA on a random forest over the finished trials); with --pair, where the good trials lie over two knobs')
    .argument('<search>', 'a search id or name')
    .option('--pair <knobs...>', 'two numeric knobs: the objective the forest predicts over them, the other knobs averaged (fANOVA\'s pairwise marginal), as a map')
    .option('--step <n>', 'a search with a pruner: read importance at one of the steps it judges at (epochs counted across folds), over every trial that reached it, pruned or not, by its best value so far there', (v) => intOption(v, '--step'))
    .option('--json', 'print the answer as one JSON object')
    .option(...dbOption)
    .action(async (ref: string, opts: { json?: boolean; db?: string; pair?: string[]; step?: number }) => {
      const store = openExistingStore(opts.db);
      try {
        const s = findSearch(store, ref);
        const spec = specOfSearch(s);
        const finished = store.trials.list(s.id).filter((t) => (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status));
        if (opts.pair) {
          if (opts.pair.length !== 2) throw new BadInputError(`--pair takes two knobs, such as --pair lr hiddenUnits (got ${opts.pair.length}: ${opts.pair.join(' ')})`, [{ path: 'pair', message: 'two knobs' }]);
          // Knobs typed wrong are bad input (exit 2), not an answer; too few trials is one.
          const problem = surfaceKnobsProblem(spec.space, opts.pair[0], opts.pair[1]);
          if (problem) throw new BadInputError(`--pair: ${problem}`, [{ path: 'pair', message: 'not two numeric knobs of the search' }]);
          const surface = await searchSurface(spec, finished, opts.pair[0], opts.pair[1]);
          if (opts.json) return void io.out(JSON.stringify({ search: s.id, name: s.name, metric: spec.objective.metric, ...surface }));
          io.out(`search ${s.id} "${s.name}": ${surfaceLines(surface, spec.objective.metric, spec.objective.direction).join('\n')}`);
          return;
        }
        const r = await searchImportance(spec, finished, watchedValues(spec, store, s.id, finished), opts.step ?? null);
        if (opts.json) {
          io.out(JSON.stringify({ search: s.id, name: s.name, metric: spec.objective.metric, ...r }));
          return;
        }
        const trials = `${r.trials} trial${r.trials === 1 ? '' : 's'}`;
        io.out(r.step
          ? `search ${s.id} "${s.name}": importance of each knob for ${spec.objective.metric} at ${stepWords(r.step)}, fANOVA over the ${trials} that reached it, pruned or not, each by its best ${spec.objective.metric} so far there` +
            `${r.leftOut ? ` (${r.leftOut} other trial${r.leftOut === 1 ? '' : 's'} left out: stopped before it, failed or diverged)` : ''}, objective by rank`
          : `search ${s.id} "${s.name}": importance of each knob for ${spec.objective.metric}, fANOVA over ${trials}` +
            `${r.leftOut ? ` (${r.leftOut} that did not run to ${r.leftOut === 1 ? 'its' : 'their'} end left out: failed, diverged or pruned)` : ''}, objective by rank`);
        if (!r.step && r.steps.some((x) => x.trials > r.trials)) {
          // A k-fold search's steps run on across its folds: each said as its fold's epoch too.
          const count = (x: (typeof r.steps)[number]): string => `${x.step}${x.folds > 1 ? ` = ${stepWords(x)}` : ''}: ${plural(x.trials, 'trial')}`;
          io.out(`its pruner stopped trials early: --step N reads every trial that reached step N (${r.steps.map(count).join(', ')})`);
        }
        if (r.reason) {
          io.out(r.reason);
          return;
        }
        const width = Math.max(...r.knobs.map((k) => k.name.length));
        for (const k of r.knobs) {
          const bar = '█'.repeat(Math.round(k.importance * 40)).padEnd(40);
          const best = bestNearText(k.marginal, spec.objective.direction, spec.space[k.name]?.type);
          io.out(`${k.name.padEnd(width)}  ${(k.importance * 100).toFixed(1).padStart(5)}%  ±${(k.std * 100).toFixed(1).padStart(4)}  ${bar}${best ? `  best ${best}` : ''}`.trimEnd());
        }
        io.out(`best: where the forest's marginal of the knob is best for ${spec.objective.metric}, the other knobs averaged (--json: the whole marginal)`);
        if (r.fixed.length) io.out(`not searched (one value): ${r.fixed.join(', ')}`);
      } finally {
        store.close();
      }
    });

  program
    .command('datasets')
    .description('the built-in data sets, those imported in the app (with the "dataset" a spec names them by), and the other data a spec\'s "dataset" can name (synthetic, a CSV file, IDX files); with a name or a CSV file, what each of its columns holds')
    .argument('[dataset]', 'a built-in or imported data set\'s name, or a CSV file: print what each column holds (range, mean ± sd and histogram of numbers, commonest values of text)')
    .option('--target <column>', 'with a CSV file: its target column (default: one named target, label, class, y, … else the last)')
    .option('--json', 'with a data set: print its columns as the contract\'s ColumnSummary list')
    .option('--not-missing <words...>', 'with a CSV file: words it means as values that Knobs reads as missing (none, NA, null, ?, …), as the spec\'s "notMissing"')
    .option(...dbOption)
    .action((name: string | undefined, opts: { db?: string; target?: string; json?: boolean; notMissing?: string[] }) => {
      // Imported in the app (or by a bundle): the copy kept beside the database, as a spec names it. No database yet: none, and none is made;
      // a database named that is not there is refused before anything is printed.
      const { path, chosen } = databasePath(opts.db);
      const imported = [];
      if (chosen || existsSync(path)) {
        const store = openExistingStore(opts.db, { olderSchema: 'allow' });
        try {
          imported.push(...store.datasets.list());
        } finally {
          store.close();
        }
      }
      if (name !== undefined) return void describeDataset(name, imported, opts);
      if (opts.target !== undefined || opts.json || opts.notMissing) {
        throw new BadInputError('--target, --not-missing and --json go with a data set: knobs datasets NAME|FILE.csv [--target COLUMN] [--not-missing WORD…] [--json]', [{ path: 'dataset', message: 'missing' }]);
      }
      for (const d of builtinDatasets()) io.out(`${d.name.padEnd(14)} ${String(d.rows).padStart(5)} rows ${String(d.features).padStart(3)} features ${d.target_names.length} classes  ${d.citation}`);
      for (const { name, source, meta: m } of imported) {
        const what = m.task === 'classification' ? `${m.classes.length} classes` : 'regression';
        const ref = m.kind === 'idx' && m.labels ? { idx: source, labels: m.labels } : { csv: source, target: m.target, ...(m.notMissing?.length ? { notMissing: m.notMissing } : {}) };
        io.out(`${name.padEnd(14)} ${String(m.rows).padStart(5)} rows ${String(m.features).padStart(3)} features ${what}  imported: "dataset": ${JSON.stringify(ref)}`);
      }
      io.out('Also: { "synthetic": "moons" | "circles" | "spirals" | "xor" | "blobs" | "sine", "n": 1000, "noise": 0.2 } (blobs and spirals also "classes": K; any with classes "classShares": [0.95, 0.05] for a rare class), { "csv": "file.csv", "target": "column" } ' +
        '(optional "exclude": ["id", …] leaves columns out, "missing": "drop" drops the rows with a missing value in a column used, "numbers": "plain" reads $1,234.50 and 45% as text, not numbers, ' +
        '"notMissing": ["none", "NA"] reads those words as values, not as missing) ' +
        'and IDX files (MNIST format, gzip or raw) { "idx": "train-images-idx3-ubyte.gz", "labels": "train-labels-idx1-ubyte.gz" }');
      io.out('Scaling, fitted on the training rows: "preprocess": "zscore" | "minmax" | "none" for the features; for a regression target ' +
        '"targetPreprocess": "zscore" (the default: trained on standardised, metrics in its own units) | "log" (the same on ln(1 + target), for values ≥ 0 spread over decades) | "none" (see docs/data.md)');
    });

  /** `knobs datasets NAME|FILE.csv`: the data set's columns, as its page in the app shows them. */
  function describeDataset(name: string, imported: ImportedDataset[], opts: { target?: string; json?: boolean; notMissing?: string[] }): void {
    const builtin = builtinDatasets().find((d) => d.name === name);
    const stored = imported.find((d) => d.name === name);
    let file: string;
    let target: string | undefined = opts.target;
    if (builtin) {
      file = join(builtinDir(), builtin.file);
      target ??= 'target';
    } else if (stored) {
      if (stored.meta.kind === 'idx') throw new BadInputError(`"${name}" holds IDX images: its columns are pixels, with nothing to describe one by one; its page in the app shows sample images`, [{ path: 'dataset', message: 'IDX images' }]);
      file = stored.source;
      target ??= stored.meta.target;
    } else if (/\.csv$/i.test(name) || existsSync(name)) {
      file = resolve(name);
    } else {
      const names = [...builtinDatasets().map((d) => d.name), ...imported.map((d) => d.name)];
      throw new BadInputError(`No data set "${name}": name a built-in or imported one (${names.join(', ')}) or a CSV file`, [{ path: 'dataset', message: 'no such data set' }]);
    }
    // Words the file means as values: as asked, else as the data set was imported.
    const words = notMissingSchema.safeParse(opts.notMissing ?? stored?.meta.notMissing ?? []);
    if (!words.success) throw new BadInputError(`--not-missing: ${words.error.issues[0].message}`, [{ path: 'notMissing', message: 'not a missing spelling' }]);
    const read = readCsvFile(file, { notMissing: words.data });
    const preview = previewCsv(read, 0, target === undefined ? {} : { target });
    if (target !== undefined && preview.target !== target) {
      throw new BadInputError(`There is no column "${target}" in ${file} to use as the target; the columns are: ${read.table.header.map((h) => `"${h}"`).join(', ')}`, [{ path: 'target', message: 'no such column' }]);
    }
    const { columns } = preview;
    if (opts.json) return void io.out(JSON.stringify({ name: builtin || stored ? name : file, rows: preview.totalRows, target: preview.target, task: preview.task, columns }, null, 2));
    // A built-in's classes by their names (its file holds their indices).
    const classes = preview.task !== 'classification' ? null
      : valueCounts(read, preview.target).map((v) => ({ value: builtin?.target_names[Number(v.value)] ?? v.value, count: v.count }));
    const proposed = target === undefined ? `; proposed, as no --target was given (a column named target, label, class, y, … of two values or more, else the last such column)` : '';
    io.out(`${builtin || stored ? name : file}: ${counted(preview.totalRows, 'row')}, ${counted(read.table.header.length, 'column')}; the target "${oneLine(preview.target)}" (${preview.task}${classes ? `, ${counted(classes.length, 'class', 'classes')}` : ''}${proposed})`);
    for (const l of columnsLines(columns, preview.target, preview.totalRows, classes)) io.out(l);
    // A rare class: what it means for a search, as the data set's page says it.
    const rare = classes ? rareClassNote(classes.map((c) => String(c.value)), classes.map((c) => c.count)) : '';
    if (rare) io.out(rare);
    // A file not yet imported: what the import dialog would propose, and the spec's dataset that says it.
    // The spec's "dataset" only where the import takes it (not a --target of 1,500 customers as classes, which the run would refuse).
    if (!builtin && !stored) {
      const imported = importAsProposed(read, preview);
      // Rows that repeat another exactly, as a search on the file would be cautioned.
      const repeats = 'dataset' in imported ? repeatsCaution(imported.dataset) : null;
      if (repeats) io.out(`${repeats.message}.`);
      for (const l of csvAdviceLines(preview, name, 'refusal' in imported ? imported.refusal : null)) io.out(l);
    }
  }
};

/** The file imported as proposed (its target, the columns left out, the rows missing a value dropped), or why the import would refuse it. */
function importAsProposed(read: CsvRead, p: Pick<CsvPreview, 'target' | 'exclude' | 'missingRows'>): { dataset: Dataset } | { refusal: string } {
  try {
    return { dataset: importCsv(read, { name: 'check', target: p.target, exclude: p.exclude, missing: p.missingRows > 0 ? 'drop' : 'refuse' }) };
  } catch (e) {
    if (e instanceof DataError) return { refusal: e.message };
    throw e;
  }
}
