// The `knobs` command when things around it go wrong: a reader that closes the pipe early, a port in
// use, no command at all, a strategy kind that does not exist, a replay of a trial that diverged.
// Each through the real command (bin/knobs.mjs), real files in a temporary folder and real workers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { STRATEGY_CHOICES } from '../helpers/kinds';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'knobs.mjs');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran { code: number | null; stdout: string; stderr: string }

function knobs(...args: string[]): Ran {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run knobs with its stdout read by nobody: the pipe's read end is closed before the command writes its first line (`knobs … | head -0`). */
function knobsIntoClosedPipe(...args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function specFile(name: string, spec: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(spec));
  return p;
}

const moons = { synthetic: 'moons', n: 200, noise: 0.2 };

describe('a reader that closes the pipe early (knobs … | head -1)', () => {
  it('run: writes nothing more, keeps training and stores every trial to the end, exit 0 without a stack', async () => {
    const db = join(dir, 'pipe-run.db');
    const spec = specFile('pipe-run.json', {
      project: 'pipe', name: 'piped', dataset: moons, train: { epochs: 5, hiddenLayers: [8], earlyStopping: false },
      space: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } }, strategy: { kind: 'random' }, budget: { trials: 6 }, seed: 4,
    });
    const r = await knobsIntoClosedPipe('run', spec, '--db', db, '--workers', '1');
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    const c = new Database(db, { readonly: true });
    const search = c.prepare(`SELECT status FROM searches WHERE name = 'piped'`).get() as { status: string };
    const trials = c.prepare(`SELECT status FROM trials`).all() as { status: string }[];
    c.close();
    expect(search.status).toBe('complete');
    expect(trials.map((t) => t.status)).toEqual(Array(6).fill('complete'));

    // replay prints two lines into the same closed pipe, --json one.
    for (const json of [[], ['--json']]) {
      const replay = await knobsIntoClosedPipe('replay', 'piped', '0', '--db', db, ...json);
      expect(replay.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
      expect(replay.code).toBe(0);
    }
  });

  it('train: quiet on the closed pipe, exit code of the training itself', async () => {
    const spec = specFile('pipe-train.json', { dataset: moons, train: { epochs: 6, hiddenLayers: [8], lr: 0.01, earlyStopping: false }, seed: 2 });
    for (const json of [[], ['--json']]) {
      const r = await knobsIntoClosedPipe('train', spec, ...json);
      expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
      expect(r.code).toBe(0);
    }
  });
});

describe('knobs serve on a port in use', () => {
  // serve checks the built renderer before it listens; `npm run build` makes it.
  it.skipIf(!existsSync(join(root, 'out', 'renderer', 'index.html')))('exits 2 naming the port and how to pick another, without a stack', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const r = await new Promise<Ran>((resolve) => {
        const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--db', join(dir, 'serve.db')], { cwd: dir });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        // Were it to serve after all, stop it rather than hang the test.
        const guard = setTimeout(() => child.kill('SIGINT'), 20_000);
        child.on('close', (code) => {
          clearTimeout(guard);
          resolve({ code, stdout, stderr });
        });
      });
      expect(r.stderr).toBe(`knobs: port ${port} is in use on 127.0.0.1; pick another with --port, or use --port 0 for a free one\n`);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('knobs serve on IPv6 loopback', () => {
  it.skipIf(!existsSync(join(root, 'out', 'renderer', 'index.html')))('prints a URL with the address it listens on ([::1]), which answers', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--host', '::1', '--port', '0', '--db', join(dir, 'serve6.db')], { cwd: dir });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const m = out.match(/http:\/\/\S+\?token=\S+/);
          if (m) resolve(m[0]);
        });
        child.on('close', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/\[::1\]:\d+\/\?token=/);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const closed = new Promise((resolve) => child.once('close', resolve));
        child.kill('SIGINT');
        await closed;
      }
    }
  });
});

describe('knobs with no command', () => {
  it('prints the usage on stderr and exits 2 (bad input); --help and "knobs help" print it on stdout and exit 0', () => {
    const bare = knobs();
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: knobs \[options\] \[command\]/);
    expect(bare.code).toBe(2);

    const group = knobs('bundle');
    expect(group.stderr).toMatch(/^Usage: knobs bundle/);
    expect(group.code).toBe(2);

    // A mistyped command: its error, a suggestion where one is close, and one line pointing to the usage (60 lines had scrolled the error away).
    const typo = knobs('trail', '5');
    expect(typo.stderr).toBe('error: unknown command \'trail\'\n(Did you mean one of train, trial?)\nRun "knobs --help" for the commands.\n');
    expect(typo.code).toBe(2);
    expect(knobs('show').stderr).toBe('error: unknown command \'show\'\nRun "knobs --help" for the commands.\n');
    // A command's own mistake still shows that command's usage.
    const run = knobs('run');
    expect(run.stderr).toMatch(/^error: missing required argument 'spec'\n\nUsage: knobs run \[options\] <spec>/);
    expect(run.code).toBe(2);

    for (const asked of [['--help'], ['help']]) {
      const help = knobs(...asked);
      expect(help.stderr).toBe('');
      expect(help.stdout).toMatch(/^Usage: knobs \[options\] \[command\]/);
      expect(help.code).toBe(0);
    }
  });
});

describe('a strategy kind in a spec', () => {
  const spec = (strategy: unknown): string => specFile('strategy.json', {
    project: 'kinds', name: 'k', dataset: moons, space: { lr: { type: 'float', low: 0.001, high: 0.1 } }, strategy, budget: { trials: 2 },
  });
  const db = join(dir, 'kinds.db');

  it('an unknown kind lists the kinds a spec is written with, not the re-run\'s', () => {
    const r = knobs('run', spec({ kind: 'bayes' }), '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`knobs: Invalid spec:\n  - strategy.kind: expected one of ${STRATEGY_CHOICES}, got "bayes"\n`);
    expect(r.stderr).not.toContain('rerun');
    const missing = knobs('run', spec({}), '--db', db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`strategy.kind: missing: expected one of ${STRATEGY_CHOICES}\n`);
  });

  it('a hand-written "rerun" says that a seed re-run writes it', () => {
    const r = knobs('run', spec({ kind: 'rerun' }), '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/strategy\.configs: list at least one configuration to run again; a seed re-run writes this strategy for you \("knobs rerun SEARCH"/);
    expect(r.stderr).not.toMatch(/missing: expected (array|a list)/);
  });
});

describe('knobs replay of a trial that diverged', () => {
  it('compares objectives the way the search counted them: none on either side is identical, a stored one the replay lacks is a difference', () => {
    const db = join(dir, 'diverged.db');
    // Plain SGD at learning rates of 5 to 50 on moons blows up in the second epoch or so: a finite, huge
    // loss at the first epoch, then a diverged stop. The search stores no objective for such a trial.
    const spec = specFile('diverged.json', {
      project: 'div', name: 'diverged', dataset: moons, train: { epochs: 10, hiddenLayers: [8], optimizer: 'sgd', earlyStopping: false },
      space: { lr: { type: 'float', low: 5, high: 50, log: true } }, strategy: { kind: 'random' }, budget: { trials: 3 }, seed: 1,
    });
    expect(knobs('run', spec, '--quiet', '--workers', '1', '--db', db).code).toBe(0);
    const c = new Database(db);
    const t = c.prepare(`SELECT id, number, objective, stopped_epoch FROM trials WHERE status = 'diverged' AND stopped_epoch >= 2 ORDER BY number LIMIT 1`)
      .get() as { id: number; number: number; objective: number | null; stopped_epoch: number };
    c.close();
    expect(t).toBeDefined();
    expect(t.objective).toBeNull();

    const json = knobs('replay', 'diverged', String(t.number), '--json', '--db', db);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ identical: true, differing: 0, firstDifference: null, objective: { stored: null, replayed: null } });

    const text = knobs('replay', 'diverged', String(t.number), '--db', db);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Trial ${t.number} replays bit for bit .*\\nobjective none \\(no finite value\\) stored, none \\(no finite value\\) replayed; ${t.stopped_epoch} epochs? replayed\\n$`));

    // A stored objective the replay cannot reach (the row was edited): every epoch matches, the result does not.
    const w = new Database(db);
    w.prepare(`UPDATE trials SET objective = 0.5 WHERE id = ?`).run(t.id);
    w.close();
    const edited = knobs('replay', 'diverged', String(t.number), '--json', '--db', db);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(new RegExp(`trial ${t.number} of search 1 did not replay identically`));
    const answer = JSON.parse(edited.stdout);
    expect(answer).toMatchObject({
      identical: false, differing: 0, objective: { stored: 0.5, replayed: null },
      firstDifference: { epoch: t.stopped_epoch, metric: 'objective (val_loss)', stored: 0.5, replayed: null },
    });
    expect(answer.message).toMatch(/epochs match bit for bit, but its objective does not \(stored 0\.5, replayed none/);
  });
});
