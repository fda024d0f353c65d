// knobs compare: searches side by side from the command line, through the real command and a real
// SQLite file: the rare-class experiment's two searches (accuracy against balanced accuracy with
// class weights), not comparable on their objectives, then by the balanced accuracy both report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refused, runKnobs, type Ran } from '../helpers/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchComparison } from '../../src-core/api/contract';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'k.db');

const knobs = (...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd: dir });

beforeAll(() => {
  expect(knobs('experiments', 'rare-class', '--run', '--quiet').code).toBe(0);
}, 120_000);

/** The comparison as the app's service answers it. */
async function asTheAppSays(metric?: 'val_balanced_accuracy'): Promise<SearchComparison> {
  const store = Store.open(db, { readonly: true });
  const wb = new Workbench({ store, version: 'test', backups: false, watchMs: 0 });
  try {
    return (await wb.call('searches.compare', { ids: [1, 2], ...(metric ? { metric } : {}) })) as SearchComparison;
  } finally {
    await wb.shutdown();
    store.close();
  }
}

describe('knobs list', () => {
  it('names a generator\'s class shares beside its name, so a rare-class moons search stands apart from a plain one', () => {
    const r = knobs('list');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/ random on moons \(classes 95% \/ 5%\) /);
    expect((JSON.parse(knobs('list', '--json').stdout) as { dataset: string }[]).map((s) => s.dataset)).toEqual(['moons (classes 95% / 5%)', 'moons (classes 95% / 5%)']);
  });
});

describe('knobs compare', () => {
  it('says why searches with different objectives are not compared on one value, and which metric would', async () => {
    const r = knobs('compare', '1', 'rare class, weighted, ranked by balanced accuracy');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('not compared on one value: each search\'s best and median by its own objective');
    expect(lines[1]).toMatch(/^ {2}These searches optimize different objectives/);
    expect(lines[2]).toBe('  --by val_accuracy | val_balanced_accuracy compares them on one');
    const c = await asTheAppSays();
    // No shared metric, no shared chance level.
    expect(c.chance).toBeNull();
    const row = (id: number): string => lines.find((l) => l.startsWith(`  ${String(id).padStart(4)}  `))!;
    expect(row(1)).toContain(`${Number(c.searches[0].best!.objective.toPrecision(4))}`);
    expect(row(1)).toContain('val_accuracy (max)');
    expect(lines.slice(-2)).toEqual(['settings that differ:', '  train.classWeights: – (search 1) · balanced (search 2)']);
  });

  it('--by a metric both report: each best re-ranked by it, the note saying what the values are; --json is the app\'s answer', async () => {
    const r = knobs('compare', '1', '2', '--by', 'val_balanced_accuracy');
    expect(r.code).toBe(0);
    const c = await asTheAppSays('val_balanced_accuracy');
    // One data set and split: one chance level of balanced accuracy for both, a half (two classes), for the best-so-far chart's line.
    expect(c.chance).toEqual({ value: 0.5, what: 'always answering the same class (of 2)' });
    expect(r.stdout).toMatch(/^compared by val_balanced_accuracy \(maximize\)\n {2}Compared by val_balanced_accuracy, which “rare class, ranked by accuracy” does not optimize/);
    for (const s of c.searches) expect(r.stdout).toMatch(new RegExp(`^ {2}${String(s.summary.id).padStart(4)}  .* ${Number(s.best!.objective.toPrecision(4))} +${s.best!.number} `, 'm'));
    expect(JSON.parse(knobs('compare', '1', '2', '--by', 'val_balanced_accuracy', '--json').stdout)).toEqual(JSON.parse(JSON.stringify(c)));
  });

  it('refuses a metric they cannot share, and fewer than 2 searches, naming what would do', () => {
    const loss = knobs('compare', '1', '2', '--by', 'val_loss');
    expect(loss.code).toBe(2);
    expect(loss.stderr).toContain('Cannot compare by val_loss: not every one of these searches reports "val_loss" on equal terms; they can be compared by "val_accuracy", "val_balanced_accuracy"');
    const one = knobs('compare', '1');
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('knobs compare takes 2 to 6 searches (ids or names); got 1');
    expect(knobs('compare', '1', 'nope').stderr).toMatch(/No search "nope"/);
    refused(knobs('compare', '1', '2', '--by', 'accuracy'), /^knobs: --by: expected one of "val_loss", "val_accuracy", "val_balanced_accuracy", "val_rmse", "val_mae", "val_r2" or "train_loss", got "accuracy"$/m);
    // One search twice, by the same word or by its id and its name: said in the words given, not the contract's.
    refused(knobs('compare', '1', '2', '1'), /^knobs: knobs compare takes 2 to 6 different searches; it was given "1" twice$/m);
    const name = JSON.parse(knobs('compare', '1', '2', '--json').stdout).searches[0].summary.name as string;
    refused(knobs('compare', '1', name), new RegExp(`^knobs: knobs compare takes 2 to 6 different searches; it was given "1" and "${name.replace(/[()]/g, '\\$&')}", both search 1$`, 'm'));
  });

  it('two runs of one spec: no setting differs, said without claiming their budgets or objectives do', () => {
    const twice = join(dir, 'twice.db');
    const spec = join(dir, 'iris.json');
    writeFileSync(spec, JSON.stringify({ project: 'p', name: 'iris', dataset: { builtin: 'iris' }, train: { epochs: 2 }, space: {}, budget: { trials: 1 }, seed: 1 }));
    for (let i = 0; i < 2; i++) expect(runKnobs(['run', spec, '--db', twice], { cwd: dir }).code).toBe(0);
    const r = runKnobs(['compare', '1', '2', '--db', twice], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('no setting differs (their names, budgets and objectives are in the rows above)');
  });
});
