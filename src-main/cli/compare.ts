import type { Command } from 'commander';
import type { ObjectiveMetric, SearchComparison } from '../../src-core/api/contract';
import { BadInputError } from '../../src-core/errors';
import { choiceList } from '../../src-core/spec/errors';
import { OBJECTIVE_METRICS } from '../../src-core/vocabulary';
import { durationText } from '../../src-core/format';
import { median } from '../../src-core/prune/median';
import { Workbench } from '../../src-core/service/workbench';
import { packageVersion } from '../../src-core/util/paths';
import type { Register } from './index';
import { openExistingStore } from './output';
import { dbOption, findSearch, fmt } from './search';

/** A value of a spec's settings as one cell: numbers and words as they are, anything else as JSON; "–" where the spec has none. */
const cell = (v: unknown): string => (v === undefined ? '–' : typeof v === 'string' ? v : typeof v === 'number' ? fmt(v) : JSON.stringify(v));

/**
 * Searches side by side as the app's Compare view says them: what they are drawn by (and the notes
 * on it), a row per search (its objective, trials ended, best and median of the compared value,
 * running time), then the settings their specs differ in.
 */
export function compareLines(c: SearchComparison): string[] {
  const out: string[] = [];
  out.push(c.metric ? `compared by ${c.metric.metric} (${c.metric.direction})` : 'not compared on one value: each search\'s best and median by its own objective');
  for (const note of [c.mismatch, c.basisNote, c.otherData, c.otherRows]) if (note) out.push(`  ${note}`);
  if (!c.metric && c.comparable.length > 0) out.push(`  --by ${c.comparable.join(' | ')} compares them on one`);
  const names = c.searches.map((s) => s.summary.name);
  const w = Math.min(40, Math.max(6, ...names.map((n) => n.length)));
  const cut = (s: string): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  out.push(`  ${'id'.padStart(4)}  ${'search'.padEnd(w)}  ${'objective'.padEnd(28)}  ${'ended'.padStart(9)}  ${'best'.padStart(10)}  ${'trial'.padStart(5)}  ${'median'.padStart(10)}  running`);
  for (const s of c.searches) {
    const values = s.trials.filter((t) => t.status !== 'pruned' && t.objective !== null).map((t) => t.objective as number);
    const mid = values.length > 0 ? median(Float64Array.from(values)) : null;
    const objective = `${s.summary.metric} (${s.summary.direction === 'minimize' ? 'min' : 'max'})`;
    out.push(`  ${String(s.summary.id).padStart(4)}  ${cut(s.summary.name)}  ${objective.padEnd(28)}  ${`${s.trials.length}/${s.summary.plannedTrials}`.padStart(9)}  ${fmt(s.best?.objective).padStart(10)}  ${String(s.best?.number ?? '-').padStart(5)}  ${fmt(mid).padStart(10)}  ${s.runningSeconds === null ? '-' : durationText(s.runningSeconds)}`);
  }
  const keys = [...new Set(c.searches.flatMap((s) => Object.keys(s.settings)))].sort();
  const differ = keys.filter((k) => new Set(c.searches.map((s) => JSON.stringify(s.settings[k]))).size > 1);
  if (differ.length > 0) {
    out.push('settings that differ:');
    // Each value once, with the searches that have it: "seed: 0 (searches 1, 2) · 3 (search 3)".
    for (const k of differ) {
      const by = new Map<string, number[]>();
      for (const s of c.searches) by.set(cell(s.settings[k]), [...(by.get(cell(s.settings[k])) ?? []), s.summary.id]);
      out.push(`  ${k}: ${[...by].map(([v, ids]) => `${v} (${ids.length === 1 ? 'search' : 'searches'} ${ids.join(', ')})`).join(' · ')}`);
    }
  } else out.push('no setting differs (their names, budgets and objectives are in the rows above)');
  return out;
}

/** knobs compare A B [C …] [--by METRIC]: the app's Compare view from the command line. */
export const registerCompare: Register = (program: Command, io) => {
  program
    .command('compare')
    .description('2 to 6 searches side by side, as the app\'s Compare view: their best and median by their shared objective, or --by a metric they all report, and the settings they differ in')
    .argument('<searches...>', '2 to 6 search ids or names')
    .option('--by <metric>', 'compare by this metric instead of their shared objective (one they all report on equal terms)')
    .option('--json', 'print the comparison as one JSON object')
    .option(...dbOption)
    .action(async (refs: string[], opts: { by?: string; json?: boolean; db?: string }) => {
      if (opts.by !== undefined && !(OBJECTIVE_METRICS as readonly string[]).includes(opts.by)) {
        throw new BadInputError(`--by: expected one of ${choiceList(OBJECTIVE_METRICS)}, got "${opts.by}"`, [{ path: 'by', message: 'not a metric' }]);
      }
      if (refs.length < 2 || refs.length > 6) {
        throw new BadInputError(`knobs compare takes 2 to 6 searches (ids or names); got ${refs.length}`, [{ path: 'searches', message: '2 to 6' }]);
      }
      const store = openExistingStore(opts.db);
      // The app's own service answers, as it answers the Compare view; it writes nothing.
      const wb = new Workbench({ store, version: packageVersion(), backups: false, watchMs: 0 });
      try {
        const ids = refs.map((r) => findSearch(store, r).id);
        // The same search named twice (by its id and its name, say): said in the words it was given, not the contract's.
        const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
        if (twice >= 0) {
          const first = refs[ids.indexOf(ids[twice])];
          const as = first === refs[twice] ? `"${first}" twice` : `"${first}" and "${refs[twice]}", both search ${ids[twice]}`;
          throw new BadInputError(`knobs compare takes 2 to 6 different searches; it was given ${as}`, [{ path: 'searches', message: 'each search once' }]);
        }
        const c = (await wb.call('searches.compare', { ids, ...(opts.by ? { metric: opts.by as ObjectiveMetric } : {}) })) as SearchComparison;
        io.out(opts.json ? JSON.stringify(c) : compareLines(c).join('\n'));
      } finally {
        await wb.shutdown();
        store.close();
      }
    });
};
