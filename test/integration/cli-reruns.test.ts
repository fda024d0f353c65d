// knobs rerun, spread and replay (issue #15) through the real command, a real SQLite file and real workers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRerun } from '../../src-core/search/seeds';
import { createSearch, Study } from '../../src-core/search/study';
import { Store } from '../../src-core/store/store';
import { refused } from '../helpers/cli';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-reruns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'k.db');

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args, '--db', db], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('knobs rerun, spread and replay', () => {
  it('re-runs the top configurations with seeds, prints their spread, and replays a trial bit for bit until its knobs are changed', () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({
      project: 'cli', name: 'moons', dataset: { synthetic: 'moons', n: 240, noise: 0.3 },
      train: { epochs: 4, hiddenLayers: [8], earlyStopping: false, dropout: 0.1 },
      space: { lr: { type: 'float', low: 0.003, high: 0.1, log: true } }, strategy: { kind: 'random' }, budget: { trials: 4 }, seed: 8,
    }));
    expect(knobs('run', spec, '--quiet', '--workers', '2').code).toBe(0);

    const r = knobs('rerun', 'moons', '--top', '2', '--seeds', '3', '--workers', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^re-run 2 "moons · top 2 × 3 seeds" of search 1 "moons"/);
    expect(r.stdout).not.toContain('has only');
    expect(r.stdout).toMatch(/val_loss \(minimize\) of each configuration over 3 model seeds, ranked by mean/);
    const table = r.stdout.split('\n').filter((l) => /^\s+[12]\s+\d+\*?\s/.test(l));
    expect(table).toHaveLength(2);
    expect(r.stdout).toMatch(/The original best, trial \d+, (keeps the best mean|is beaten on average)/);

    const json = knobs('spread', '1', '--json');
    expect(json.code).toBe(0);
    const spread = JSON.parse(json.stdout);
    expect(spread).toMatchObject({ searchId: 2, parentId: 1, seeds: 3, done: 6, total: 6 });
    expect(spread.configs.map((c: { objectives: number[] }) => c.objectives.length)).toEqual([3, 3]);

    const again = knobs('rerun', '1', '--top', '2', '--seeds', '3', '--json', '--workers', '1');
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout.trim().split('\n').at(-1)!);
    expect(second.configs.map((c: { objectives: number[] }) => c.objectives)).toEqual(spread.configs.map((c: { objectives: number[] }) => c.objectives));
    expect(second.sentences).toEqual(spread.sentences);

    const ok = knobs('replay', '2', '4');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Trial 4 replays bit for bit on the same kernel path \((relaxed-simd|simd|scalar)\): 4 epochs/);

    const c = new Database(db);
    const t = c.prepare(`SELECT id, knobs FROM trials WHERE search_id = 2 AND number = 4`).get() as { id: number; knobs: string };
    const k = JSON.parse(t.knobs);
    c.prepare(`UPDATE trials SET knobs = ? WHERE id = ?`).run(JSON.stringify({ ...k, lr: k.lr * 2 }), t.id);
    c.close();
    const bad = knobs('replay', '2', '4', '--json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/trial 4 of search 2 did not replay identically/);
    expect(JSON.parse(bad.stdout)).toMatchObject({ identical: false, samePath: true, differing: 4, firstDifference: { epoch: 1 } });

    expect(knobs('rerun', '1', '--seeds', '1').stderr).toMatch(/--seeds must be an integer from 2 to 100 \(got "1"\); one seed shows no spread/);
    expect(knobs('replay', '1', '99').stderr).toMatch(/trial 99/i);
    expect(knobs('spread', '9').code).toBe(2);
  });

  it('spread of a search whose latest re-run is paused: the latest finished re-run, the paused one named with how to resume it; none finished: refused, saying so', async () => {
    // A re-run paused after its first trial, made here as the app would (the command's Ctrl+C pauses the same way).
    const store = Store.open(db);
    const pausedRerun = async (parent: number): Promise<number> => {
      const { id } = createRerun(store, parent, { top: 2, seeds: 3 });
      const study = new Study(store, id, { workers: 1 });
      study.once('trialFinished', () => study.pause());
      expect(await study.run()).toBe('paused');
      return id;
    };
    const finished = Math.max(...store.searches.children(1).map((c) => c.id));
    const paused = await pausedRerun(1);
    const r = knobs('spread', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^re-run ${finished} of search 1: \\d+/\\d+ trials ended \\(the latest finished; re-run ${paused} is paused, left out\\)\n`));
    expect(r.stdout).toMatch(new RegExp(`^Re-run ${paused} is paused after \\d of 6 trials and is left out until it finishes \\(Resume on its page, or "knobs resume ${paused}"\\); the spread shown is re-run ${finished}'s, the latest finished\\.$`, 'm'));
    const own = knobs('spread', String(paused));
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(new RegExp(`^re-run ${paused} of search 1 \\(paused: partial figures\\): \\d/6 trials ended\n`));
    expect(own.stdout).toMatch(new RegExp(`^Re-run ${paused} is paused after \\d of 6 trials: these figures are partial until it finishes`, 'm'));

    // A search whose only re-run is paused has no spread to show as its own.
    const { id: lone } = createSearch(store, { ...JSON.parse(store.searches.need(1).spec), name: 'lone' });
    expect(await new Study(store, lone, { workers: 2 }).run()).toBe('complete');
    const only = await pausedRerun(lone);
    store.close();
    refused(knobs('spread', String(lone)), new RegExp(`Search ${lone} "lone" has no finished seed re-run: re-run ${only} is paused after \\d of 6 trials; "knobs resume ${only}" finishes it \\("knobs spread ${only}" shows its partial spread\\)`));
  });

  it('says so when the search has fewer trials with a result than the top asked for', () => {
    const r = knobs('rerun', '1', '--top', '10', '--seeds', '2', '--quiet', '--workers', '2');
    expect(r.code).toBe(0);
    const loud = knobs('rerun', '1', '--top', '10', '--seeds', '2', '--workers', '2');
    expect(loud.code).toBe(0);
    expect(loud.stdout).toMatch(/^search 1 has only 4 trials with a result \(complete or early-stopped\), so the re-run takes those 4, not the top 10 asked for$/m);
    expect(r.stdout).not.toContain('has only');
  });
});
