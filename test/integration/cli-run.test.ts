// `knobs run` and `knobs resume` through the real CLI on real files: bad data is refused before a
// search is stored, a metric the task does not report is refused, a search where nothing trained
// to a result exits 1, Ctrl+C pauses with sane counts, and resume reports the search's own best.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-run-'));
const bin = join(root, 'bin', 'knobs.mjs');

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const moons = { synthetic: 'moons', n: 200, noise: 0.2 };
const base = { train: { epochs: 3, hiddenLayers: [8], earlyStopping: false }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 2 }, workers: 1, seed: 1 };

/** Search rows in a database file. */
function searchRows(db: string): number {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (d.prepare('SELECT COUNT(*) AS n FROM searches').get() as { n: number }).n;
  } finally {
    d.close();
  }
}

describe('knobs run refuses bad data before it stores anything', () => {
  it('a CSV with a header and no rows: exit 2, the reason, and no search (nor project) left behind', () => {
    const db = join(dir, 'csv.db');
    file('empty.csv', 'a,b,label\n');
    const r = knobs('run', file('csv.json', { ...base, project: 'p', dataset: { csv: 'empty.csv', target: 'label' } }), '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.csv.*header row but no data rows/);
    // The database was made for this run: refused, it is removed again (no empty file left behind).
    expect(existsSync(db)).toBe(false);
  });

  it('an objective or early-stopping metric the task does not report: exit 2 naming the valid ones', () => {
    const db = join(dir, 'metric.db');
    const rmse = knobs('run', file('rmse.json', { ...base, dataset: moons, objective: { metric: 'val_rmse' } }), '--db', db);
    expect(rmse.code).toBe(2);
    expect(rmse.stderr).toContain('objective.metric: "val_rmse" is not reported for classification data (moons); use one of "val_loss", "val_accuracy", "val_balanced_accuracy", "train_loss"');
    const sine = { synthetic: 'sine', n: 200, noise: 0.1 };
    const acc = knobs('run', file('acc.json', { ...base, dataset: sine, objective: { metric: 'val_accuracy' } }), '--db', db);
    expect(acc.code).toBe(2);
    expect(acc.stderr).toMatch(/objective\.metric: "val_accuracy" is not reported for regression data \(sine\); use one of "val_loss", "val_rmse", "val_mae", "val_r2", "train_loss"/);
    const monitor = knobs('run', file('monitor.json', { ...base, dataset: sine, train: { ...base.train, earlyStopping: { monitor: 'val_accuracy', patience: 2 } } }), '--db', db);
    expect(monitor.code).toBe(2);
    expect(monitor.stderr).toMatch(/train\.earlyStopping\.monitor: "val_accuracy" is not reported for regression data \(sine\); use one of "val_loss", "val_rmse", "val_mae", "val_r2"$/m);
    expect(existsSync(db)).toBe(false);
    // A database already there keeps what it has, and gets no search.
    expect(knobs('run', file('ok.json', { ...base, dataset: moons }), '--quiet', '--db', db).code).toBe(0);
    expect(knobs('run', file('rmse.json', { ...base, dataset: moons, objective: { metric: 'val_rmse' } }), '--db', db).code).toBe(2);
    expect(searchRows(db)).toBe(1);
  });

  it('--seed outside the spec\'s range is named as the flag', () => {
    const r = knobs('run', file('seed.json', { ...base, dataset: moons }), '--db', join(dir, 'seed.db'), '--seed', '99999999999');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed must be an integer from 0 to 4294967295 (got "99999999999")');
  });
});

describe('knobs run and resume report what the search found', () => {
  it('a search name used in two projects is refused with both ids, not resolved to one of them silently', () => {
    const db = join(dir, 'twins.db');
    for (const project of ['alpha', 'beta']) expect(knobs('run', file(`twin-${project}.json`, { ...base, project, name: 'twin', dataset: moons }), '--quiet', '--db', db).code).toBe(0);
    const r = knobs('export', 'twin', '--out', join(dir, 'twin.csv'), '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('knobs: 2 searches are named "twin": 1 (project "alpha") and 2 (project "beta"); name the one you mean by its id\n');
    expect(knobs('export', '2', '--out', join(dir, 'twin.csv'), '--db', db).code).toBe(0);
  });

  it('names each coarse-to-fine round\'s box in words, and prints no rounds for a strategy without boxes', () => {
    const db = join(dir, 'rounds.db');
    const space = { lr: { type: 'float', low: 1e-3, high: 0.1, log: true }, activation: { type: 'categorical', values: ['relu', 'tanh'] } };
    const c2f = knobs('run', file('c2f.json', { ...base, dataset: moons, space, budget: { trials: 4 }, strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 2, keepTop: 1 } }), '--db', db);
    expect(c2f.code).toBe(0);
    expect(c2f.stdout).toMatch(/^round 1 starts: lr 0\.001–0\.1 \(log\), activation relu \| tanh$/m);
    expect(c2f.stdout).toMatch(/^round 2 starts: lr \S+–\S+ \(log\), activation [a-z |]+$/m);
    expect(c2f.stdout).not.toContain('{');
    // A choice that is an object (an initializer with its scale) is printed as JSON, not [object Object].
    const inits = { ...space, init: { type: 'categorical', values: [{ init: 'normal', initScale: 0.01 }, 'he_normal'] } };
    const objects = knobs('run', file('c2f-init.json', { ...base, name: 'c2f-init', dataset: moons, space: inits, budget: { trials: 4 }, strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 2, keepTop: 1 } }), '--db', db);
    expect(objects.code).toBe(0);
    expect(objects.stdout).toMatch(/^round 1 starts: .*init \{"init":"normal","initScale":0\.01\} \| he_normal$/m);
    expect(objects.stdout).not.toContain('[object Object]');
    const random = knobs('run', file('random.json', { ...base, dataset: moons, space, strategy: { kind: 'random' } }), '--db', db);
    expect(random.code).toBe(0);
    expect(random.stdout).toMatch(/^trial 1 complete/m);
    expect(random.stdout).not.toMatch(/round|box/);
    // Its last lines: the best by its trial, the trials' time, the running time and how busy the one worker was, and how to see the best in full.
    const [done, work, pointer] = random.stdout.trim().split('\n').slice(-3);
    expect(done).toMatch(/^search \d+ complete: budget of 2 trials reached; best val_loss [\d.e-]+ \(trial (\d)\)$/);
    expect(work).toMatch(/^2 trials ran (\d+ ms|[\d.]+ s) in all over (\d+ ms|[\d.]+ s) of running time: the worker was busy \d+% of it$/);
    expect(pointer).toBe(`"knobs trial ${/^search (\d+)/.exec(done)![1]} best" shows trial ${/\(trial (\d)\)$/.exec(done)![1]} in full, with its diagnostics.`);
  });

  it('says its cautions before the first trial and runs anyway: TPE whose startup takes the budget, accuracy minimized; --quiet says none', () => {
    const db = join(dir, 'cautions.db');
    const spec = file('cautions.json', { ...base, dataset: moons, strategy: { kind: 'tpe' }, objective: { metric: 'val_accuracy', direction: 'minimize' } });
    const r = knobs('run', spec, '--db', db);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('caution: '))).toEqual([
      'caution: strategy.startupTrials: TPE models the trials once 10 have finished, and this search runs 2: every trial will be random (lower startupTrials or raise the budget)',
      'caution: objective.direction: minimizes val_accuracy, which is better higher: the "best" trial will be the worst model (leave direction out to maximize it)',
    ]);
    expect(r.stdout).toMatch(/search 1 complete/);
    expect(knobs('run', spec, '--db', db, '--quiet').stderr).not.toContain('caution');
    expect(knobs('run', file('plain.json', { ...base, dataset: moons }), '--db', db).stderr).not.toContain('caution');
    // A budget that cuts the strategy's own plan says what it leaves out, as the editor's Budget note does.
    const grid = knobs('run', file('grid-cut.json', { ...base, dataset: moons, strategy: { kind: 'grid', points: 3 } }), '--db', db);
    expect(grid.code).toBe(0);
    expect(grid.stderr.split('\n').filter((l) => l.startsWith('caution: '))).toEqual([
      'caution: budget.trials: a budget of 2 runs 2 of the grid\'s 3 points (3 lr). The grid runs in order, the last knob fastest, so lr = 0.1 is never tried. Clear the budget to run the whole grid, or use fewer points.',
    ]);
  });

  it('a CSV whose features hold an id and a name per row: run and train say so, naming the columns and the "exclude" that leaves them out with those already left out; --quiet says nothing', () => {
    const db = join(dir, 'ids.db');
    const csv = join(__dirname, '..', 'fixtures', 'csv', 'passengers.csv');
    const dataset = { csv, target: 'Survived', exclude: ['Ticket', 'Cabin'], missing: 'drop' };
    const spec = file('ids.json', { ...base, dataset });
    const expected = 'caution: dataset.exclude: "PassengerId", "Name" hold a different value in every row, as an identifier does, and are read as features that tell the model nothing about a new row; ' +
      'leave them out with "exclude": ["Ticket","Cabin","PassengerId","Name"]';
    // 49 rows: 10 of them validate, and that is said too.
    const few = /^caution: split\.val: the hold-out validates on 10 rows of 49, so trials differ by which rows they get right/;
    const r = knobs('run', spec, '--db', db);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('caution: dataset'))).toEqual([expected]);
    expect(r.stderr.split('\n').filter((l) => few.test(l))).toHaveLength(1);
    expect(knobs('run', spec, '--db', db, '--quiet').stderr).not.toContain('caution');
    const t = knobs('train', spec);
    expect(t.code).toBe(0);
    expect(t.stderr.split('\n').filter((l) => l.startsWith('caution: dataset'))).toEqual([expected]);
    expect(t.stderr.split('\n').filter((l) => few.test(l))).toHaveLength(1);
    expect(t.stdout).toMatch(/^passengers: 49 rows \(11 rows with a missing value dropped\) × 59 features/m);
    // Left out as it says: no caution.
    const clean = file('ids-clean.json', { ...base, dataset: { ...dataset, exclude: ['Ticket', 'Cabin', 'PassengerId', 'Name'] } });
    expect(knobs('train', clean).stderr).not.toContain('caution: dataset');
  });

  it('every trial diverged: the search completes, but the command exits 1 and says so', () => {
    const db = join(dir, 'diverged.db');
    const r = knobs('run', file('diverge.json', { ...base, dataset: moons, train: { ...base.train, optimizer: 'sgd' }, space: { lr: { type: 'float', low: 1e5, high: 1e6, log: true } } }), '--db', db);
    expect(r.stdout).toMatch(/search 1 complete: .*best val_loss -/);
    expect(r.stderr).toMatch(/no trial of search 1 has a val_loss \(2 diverged\); "knobs trial 1 0" says why trial 0 blew up and what to try/);
    expect(r.code).toBe(1);
    // No rule tells the failures apart from trials that trained, as none did: one sentence with the space they covered.
    expect(r.stdout).not.toContain('none of the 0 others');
    expect(r.stdout).toMatch(/^Both trials diverged, all over the space tried \(lr [\d.e+]+ to [\d.e+]+\): no knob's value tells them from a trial that trained\.$/m);
    const listed = knobs('trials', '1', '--db', db).stdout;
    expect(listed).toMatch(/^Both trials diverged, all over the space tried/m);
    // The search has ended: no "yet" (before: "none has a val_loss yet").
    expect(listed).toContain('search 1 "random search": 2 trials (2 diverged); none has a val_loss\n');
  });

  it('says where the failed trials lie: the learning rates at which plain SGD blew up, against those that trained', () => {
    const db = join(dir, 'where.db');
    const spec = { ...base, dataset: moons, train: { ...base.train, optimizer: 'sgd' }, space: { lr: { type: 'float', low: 0.01, high: 1e6, log: true, values: [0.01, 0.1, 1e5, 1e6] } }, strategy: { kind: 'grid' }, budget: { trials: 4 } };
    const r = knobs('run', file('where.json', spec), '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(-2)).toEqual(['Both diverged trials had lr ≥ 100000, and none of the 2 others.', expect.stringMatching(/^"knobs trial 1 best" shows trial [01] in full, with its diagnostics\.$/)]);
    expect(knobs('run', file('where.json', spec), '--db', db, '--quiet').stdout).toBe('');
  });

  it('Ctrl+C pauses with no negative counts; resume finishes and prints the best over every trial, not only its own', async () => {
    const db = join(dir, 'resume.db');
    const spec = file('resume.json', { ...base, dataset: { synthetic: 'moons', n: 600, noise: 0.25 }, train: { ...base.train, epochs: 200, batchSize: 4 }, budget: { trials: 10 }, workers: 2, seed: 4 });
    const child = spawn(process.execPath, [bin, 'run', spec, '--db', db], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if ((out.match(/^trial \d+ (complete|early_stopped)/gm) ?? []).length >= 5 && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toMatch(/search 1 paused/);
    expect(code).toBe(1);
    expect(out).not.toMatch(/-\d+ running/);
    // list counts the trials done, not those cut short by the pause (they run again on resume).
    const paused = new Database(db, { readonly: true });
    const done = (paused.prepare("SELECT COUNT(*) AS n FROM trials WHERE search_id = 1 AND status IN ('complete', 'early_stopped', 'pruned', 'diverged', 'failed')").get() as { n: number }).n;
    // Cut short (interrupted), or sent ahead to a worker and not started (queued).
    const cut = (paused.prepare("SELECT COUNT(*) AS n FROM trials WHERE search_id = 1 AND status IN ('interrupted', 'queued')").get() as { n: number }).n;
    paused.close();
    expect(cut).toBeGreaterThan(0);
    expect(knobs('list', '--db', db).stdout).toMatch(new RegExp(`paused  ${done}/10 trials`));
    const resumed = knobs('resume', '1', '--db', db);
    expect(resumed.code).toBe(0);
    const d = new Database(db, { readonly: true });
    const objectives = (d.prepare("SELECT objective FROM trials WHERE search_id = 1 AND status IN ('complete', 'early_stopped')").all() as { objective: number }[]).map((t) => t.objective);
    d.close();
    expect(objectives).toHaveLength(10);
    expect(resumed.stdout).toContain(`best val_loss ${Math.min(...objectives).toPrecision(4)}`);
  }, 120_000);
});

describe('Ctrl+C while a pause is under way', () => {
  // A pause waits for the mini-batch under way (and the epoch's validation): one batch of 4000 rows through
  // layers of 1024 units takes a good part of a second, so the first signal finds the pause still under
  // way 50 ms later; through three layers of 2048 units, seconds (the test ends it after 3 s).
  const spec = (hiddenLayers: number[]): unknown => ({
    dataset: { synthetic: 'moons', n: 5000, noise: 0.2 }, split: { kind: 'holdout', val: 0.1, test: 0.1 },
    train: { epochs: 3, hiddenLayers, batchSize: 4000, earlyStopping: false }, space: base.space, budget: { trials: 2 }, workers: 1, seed: 1,
  });

  /** `knobs run` on the slow spec; once its first line is out (the pause handler is set), `signals` sends SIGINT as it likes. */
  async function interrupted(db: string, hiddenLayers: number[], signals: (kill: () => void, alive: () => boolean) => Promise<void>): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string; aliveAtLast: boolean }> {
    const child = spawn(process.execPath, [bin, 'run', file(`slow-${hiddenLayers.join('x')}.json`, spec(hiddenLayers)), '--db', db], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const alive = (): boolean => child.exitCode === null && child.signalCode === null;
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])));
    await new Promise<void>((resolve) => child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/^search 1 /m.test(out)) resolve();
    }));
    let aliveAtLast = false;
    await signals(() => child.kill('SIGINT'), () => (aliveAtLast = alive()));
    const [code, signal] = await ended;
    return { code, signal, out, err, aliveAtLast };
  }
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const status = (db: string): string => {
    const d = new Database(db, { readonly: true });
    try {
      return (d.prepare('SELECT status FROM searches WHERE id = 1').get() as { status: string }).status;
    } finally {
      d.close();
    }
  };

  it('one press delivered twice 50 ms apart (timeout -s INT signals the process and its group) pauses as one press does', async () => {
    const db = join(dir, 'twice.db');
    const r = await interrupted(db, [1024, 1024], async (kill) => {
      await sleep(1500);
      kill();
      await sleep(50);
      kill();
    });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^search 1 paused by Ctrl\+C \("knobs resume 1" goes on with it\); best val_loss /m);
    expect(r.err).toBe('');
    expect(status(db)).toBe('paused');
    expect(knobs('list', '--db', db).stdout).toMatch(/ paused  0\/2 trials/);
  }, 120_000);
});
