import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { builtinDatasets } from '../../src-core/data';
import { BadInputError, NotFoundError } from '../../src-core/errors';
import { datasetsDirOf } from '../../src-core/store/location';
import { dbOption, withStore } from './search';
import { counted } from './common';
import { packageVersion } from '../../src-core/util/paths';
import type { Register } from './index';
import { checkOutputs, openExistingStore, writeError } from './output';

const kb = (n: number): string => `${(n / 1024).toFixed(0)} kB`;

/** `knobs bundle export PROJECT --out FILE.knobs` and `knobs bundle import FILE`: a whole project as one file. */
export const registerBundle: Register = (program: Command, io) => {
  const bundle = program.command('bundle').description('carry a whole project (searches, trials, curves, diagnostics, notes, its data sets) as one file');
  bundle
    .command('export')
    .description('write a project to a bundle file')
    .argument('<project>', 'a project id or name')
    .requiredOption('--out <file>', 'the bundle to write (FILE.knobs)')
    .option(...dbOption)
    .action((ref: string, opts: { out: string; db?: string }) => {
      const store = openExistingStore(opts.db);
      try {
        const byId = /^\d+$/.test(ref) ? store.projects.get(Number(ref)) : undefined;
        const byName = store.projects.named(ref);
        // Digits are an id first; a project with another id named so (a project named "2") makes them name two projects.
        if (byId && byName && byId.id !== byName.id) {
          throw new BadInputError(`"${ref}" names two projects: project ${byId.id} by its id ("${byId.name}") and project ${byName.id} by its name; give project ${byId.id} by its name or project ${byName.id} by its id`, [{ path: 'project', message: 'both an id and a name' }]);
        }
        const p = byId ?? byName;
        if (!p) throw new NotFoundError(`No project "${ref}" in ${store.path} (projects: ${store.projects.list().map((x) => `${x.id} ${x.name}`).join(', ') || 'none'})`);
        // Never over the database (or its -wal/-shm), a folder, or into a folder that is not there.
        checkOutputs([{ option: '--out', path: opts.out, example: `${p.name.replace(/[^\w.-]+/g, '-')}.knobs` }], store.path);
        let r;
        try {
          r = store.bundles.exportProject(p.id, opts.out, { knobsVersion: packageVersion() });
        } catch (e) {
          // The export removes its temporary file; a failure to write it reads "Cannot write FILE: reason".
          throw writeError(opts.out, e);
        }
        io.out(`wrote ${r.file} (${kb(r.bytes)}): project "${r.project}", ${counted(r.rows.searches ?? 0, 'search', 'searches')}, ${counted(r.rows.trials ?? 0, 'trial')}, ${counted(r.files.length, 'data file')}`);
        for (const m of r.missing) io.err(`knobs: warning: the data set file ${m} was not found; the bundle carries the results without it`);
      } finally {
        store.close();
      }
    });
  bundle
    .command('import')
    .description('add the project in a bundle file to the database as a new project (nothing here is overwritten)')
    .argument('<file>', 'a bundle written by "knobs bundle export" or Export project…')
    .option(...dbOption)
    .action((file: string, opts: { db?: string }) =>
      withStore(opts.db, 'bundle import', (store) => {
        const r = store.bundles.importFile(resolve(file), { datasetsDir: datasetsDirOf(store.path), reservedDatasetNames: builtinDatasets().map((d) => d.name) });
        io.out(`imported project "${r.project}" (id ${r.projectId}): ${counted(r.rows.searches ?? 0, 'search', 'searches')}, ${counted(r.rows.trials ?? 0, 'trial')}, ${counted(r.datasets.length, 'data set')}` +
          (r.files.length > 0 ? `; ${counted(r.files.length, 'data file')} written to ${dirname(r.files[0])}` : ''));
        for (const m of r.messages) io.out(m);
      }));
};
