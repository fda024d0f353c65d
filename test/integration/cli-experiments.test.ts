// knobs experiments: the built-in experiments listed, one shown in full, and one run headless through
// the real command, a real SQLite file and real workers, its sentences those the app's card shows.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKnobs, type Ran } from '../helpers/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src-core/experiments/builtin';
import { experimentOutcomeOf } from '../../src-core/service/insight';
import { Store } from '../../src-core/store/store';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-experiments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'k.db');

const knobs = (...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd: dir });

describe('knobs experiments', () => {
  it('lists every built-in experiment, and shows one in full without making a database', () => {
    const list = knobs('experiments');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines.slice(0, EXPERIMENTS.length).map((l) => l.split(/\s+/)[0])).toEqual(EXPERIMENTS.map((e) => e.id));
    expect(lines[EXPERIMENTS.findIndex((e) => e.id === 'rare-class')]).toMatch(/^rare-class\s+2 searches {2}A rare class: accuracy against balanced accuracy$/);
    const one = knobs('experiments', 'rare-class');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('What usually happens:\nAlways answering “0” already scores 95% accuracy');
    expect(one.stdout).toContain('Not run in this database yet: "knobs experiments rare-class --run" runs it.');
    expect(existsSync(db), 'showing an experiment makes no database').toBe(false);
  });

  it('refuses an unknown experiment, and --run without one, naming the valid ids', () => {
    const bad = knobs('experiments', 'rare');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/No experiment "rare" \(valid: init-comparison, .*, rare-class\)/);
    const none = knobs('experiments', '--run');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--run needs an experiment: one of init-comparison, /);
  });

  it('runs the rare-class experiment headless and prints what this run shows, as the app computes it; a second run is named apart', () => {
    const r = knobs('experiments', 'rare-class', '--run', '--workers', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^A rare class: accuracy against balanced accuracy: searches 1, 2 in project "experiments"/);
    expect(r.stdout).toContain('  search 1 "rare class, ranked by accuracy": complete, 16/16 trials');
    const store = Store.open(db, { readonly: true });
    const o = experimentOutcomeOf(store, EXPERIMENTS.find((e) => e.id === 'rare-class')!);
    store.close();
    expect(o!.finished).toBe(true);
    expect(o!.sentences.length).toBeGreaterThanOrEqual(5);
    expect(r.stdout).toContain(`What this run shows:\n${o!.sentences.map((s) => `- ${s}`).join('\n')}`);
    // Shown again later, from the database: the same sentences.
    expect(knobs('experiments', 'rare-class').stdout).toContain(o!.sentences.map((s) => `- ${s}`).join('\n'));
    const json = knobs('experiments', 'rare-class', '--json');
    expect(JSON.parse(json.stdout).latest.sentences).toEqual(o!.sentences);
    const again = knobs('experiments', 'rare-class', '--run', '--quiet');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  search 3 "rare class, ranked by accuracy (2)": complete, 16/16 trials');
    expect(again.stdout).toContain('  search 4 "rare class, weighted, ranked by balanced accuracy (2)": complete, 16/16 trials');
  }, 120_000);

  it('Ctrl+C pauses the search under way and leaves the next one waiting; resuming both writes what the run shows', async () => {
    const paused = join(dir, 'paused.db');
    const child = spawn(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'experiments', 'tpe-vs-random', '--run', '--workers', '2', '--db', paused], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if ((out.match(/^trial \d+ (complete|early_stopped)/gm) ?? []).length >= 3 && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(out).toMatch(/search 1 paused by Ctrl\+C/);
    // The second search never started: no line of its own, and the run says how to go on with each.
    expect(out).not.toMatch(/^search 2 "random search, 40 trials" \(project experiments\)/m);
    expect(out).toMatch(/^ {2}search 1 "TPE, 40 trials": paused, \d+\/40 trials; "knobs resume 1" finishes it$/m);
    expect(out).toMatch(/^ {2}search 2 "random search, 40 trials": \w+, 0\/40 trials; "knobs resume 2" finishes it$/m);
    expect(out).toContain('What it shows is written once every search of the run has ended.');
    for (const id of ['1', '2']) expect(runKnobs(['resume', id, '--quiet', '--db', paused], { cwd: dir }).code).toBe(0);
    const shown = runKnobs(['experiments', 'tpe-vs-random', '--db', paused], { cwd: dir }).stdout;
    expect(shown).toContain('What this run shows:\n- Both searches drew the same first');
  }, 300_000);
});
