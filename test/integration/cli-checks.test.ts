// What the `knobs` command checks before it does anything, as a user types it: real processes, real
// files in a temporary folder. KNOBS_KERNELS, integer flags, --workers and a spec's workers are
// refused up front (exit 2, naming the value and what is valid) before any database is made; a spec
// with a byte-order mark reads; a file that is not a Knobs database is bad input naming it; and the
// help and output read as the rest of the CLI does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused, type Ran } from '../helpers/cli';
import { dbFilesHash } from '../fuzz/fuzz-helpers';
import { caller } from '../helpers/call';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function knobs(args: string[], env: Record<string, string> = {}): Ran {
  // A bound on a hang (serve serving when it should have refused), not a measure of speed.
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const base = {
  project: 'checks', name: 'tiny', dataset: { synthetic: 'moons', n: 120, noise: 0.2 }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
  space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, strategy: { kind: 'random' }, budget: { trials: 2 }, workers: 1, seed: 3,
};
/** A spec whose data set is a CSV that is not there: a check that comes first answers before the data is read (and no worker starts). */
const missingCsv = { ...base, dataset: { csv: 'not-there.csv', target: 'y' } };
/** A database with one complete search (1), for the commands that need one. */
const db = join(dir, 'k.db');
const spec = file('tiny.json', base);
beforeAll(() => {
  const r = knobs(['run', spec, '--quiet', '--db', db]);
  expect([r.code, r.stderr]).toEqual([0, '']);
});

describe('KNOBS_KERNELS is checked before a command trains', () => {
  const bogus = /^knobs: KNOBS_KERNELS is "bogus", not a kernel path; use one of (relaxed-simd, )?simd, scalar \(any letter case\), or leave it unset for the fastest\n$/;

  it.each([
    ['train', () => [spec]],
    ['run', () => [spec, '--db', join(dir, 'kernels-new.db')]],
    ['resume', () => ['1', '--db', db]],
    ['rerun', () => ['1', '--seeds', '2', '--db', db]],
    ['replay', () => ['1', '0', '--db', db]],
    ['serve', () => ['--db', join(dir, 'kernels-serve.db')]],
  ] as const)('knobs %s refuses a kernel path that does not exist (exit 2, one line), storing nothing', (command, args) => {
    const before = dbFilesHash(db);
    refused(knobs([command, ...args()], { KNOBS_KERNELS: 'bogus' }), bogus);
    expect(dbFilesHash(db)).toBe(before);
    expect(existsSync(join(dir, 'kernels-new.db'))).toBe(false);
    expect(existsSync(join(dir, 'kernels-serve.db'))).toBe(false);
  });

  it('takes a path in any letter case, in the main thread and in the workers', () => {
    const train = knobs(['train', spec], { KNOBS_KERNELS: 'SIMD' });
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/ simd kernels\]/);
    const runDb = join(dir, 'kernels-upper.db');
    expect(knobs(['run', spec, '--quiet', '--db', runDb], { KNOBS_KERNELS: 'Scalar' }).code).toBe(0);
    const d = new Database(runDb, { readonly: true });
    const paths = (d.prepare('SELECT status, kernel_path FROM trials').all() as { status: string; kernel_path: string }[]);
    d.close();
    expect(paths).toEqual([{ status: 'complete', kernel_path: 'scalar' }, { status: 'complete', kernel_path: 'scalar' }]);
  });
});

describe('a spec file', () => {
  it('that starts with a UTF-8 byte-order mark (Windows Notepad) reads like one without', () => {
    const p = join(dir, 'bom.json');
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(base))]));
    const r = knobs(['train', p]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(knobs(['run', p, '--quiet', '--db', join(dir, 'bom.db')]).code).toBe(0);
  });
});

describe('integer flags take plain decimal integers only', () => {
  it.each([
    [['train', 'SPEC', '--seed', ''], '--seed', '', 'from 0 to 4294967295'],
    [['train', 'SPEC', '--seed', '0x10'], '--seed', '0x10', 'from 0 to 4294967295'],
    [['train', 'SPEC', '--model-seed', '1e3'], '--model-seed', '1e3', 'from 0 to 4294967295'],
    [['run', 'SPEC', '--seed', '1e3', '--db', 'NEW'], '--seed', '1e3', 'from 0 to 4294967295'],
    [['run', 'SPEC', '--workers', '0x2', '--db', 'NEW'], '--workers', '0x2', '≥ 1'],
    [['rerun', '1', '--top', '0x2', '--db', 'DB'], '--top', '0x2', 'from 1 to 50'],
    [['rerun', '1', '--seeds', '1e1', '--db', 'DB'], '--seeds', '1e1', 'from 2 to 100'],
    [['serve', '--port', '0x50', '--db', 'NEW'], '--port', '0x50', 'from 0 to 65535'],
    [['train', 'SPEC', '--seed', '1.5'], '--seed', '1.5', 'from 0 to 4294967295'],
  ])('%j: exit 2 naming the flag, the value and what is valid', (args, flag, value, range) => {
    const fill = (a: string): string => (a === 'SPEC' ? spec : a === 'DB' ? db : a === 'NEW' ? join(dir, 'ints-new.db') : a);
    const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    refused(knobs(args.map(fill)), new RegExp(`^knobs: ${esc(flag)} must be an integer ${esc(range)}, written in decimal digits \\(got "${esc(value)}"\\)\\n$`));
    expect(existsSync(join(dir, 'ints-new.db'))).toBe(false);
  });

  it('a trial is its number in decimal digits, or "best"', () => {
    for (const given of ['1e0', '0x1', ' 1', '-1']) refused(knobs(['replay', '1', given, '--db', db]), new RegExp(`^knobs: TRIAL takes a trial number of search 1 "tiny", or "best" \\(got "${given}"; its trials are numbered 0 to 1\\)\n$`));
  });

  it('a value out of range says so; only too few seeds adds that one seed shows no spread', () => {
    refused(knobs(['rerun', '1', '--seeds', '1000', '--db', db]), /^knobs: --seeds must be an integer from 2 to 100 \(got "1000"\)\n$/);
    refused(knobs(['rerun', '1', '--seeds', '1', '--db', db]), /^knobs: --seeds must be an integer from 2 to 100 \(got "1"\); one seed shows no spread\n$/);
    refused(knobs(['rerun', '1', '--top', '51', '--db', db]), /^knobs: --top must be an integer from 1 to 50 \(got "51"\)\n$/);
    refused(knobs(['train', spec, '--seed', '-1']), /^knobs: --seed must be an integer from 0 to 4294967295 \(got "-1"\)\n$/);
  });
});

describe('--workers and a spec\'s workers are capped at twice the cores (never fewer than 4)', () => {
  const cores = availableParallelism();
  const limit = Math.max(4, 2 * cores);
  const tooMany = (value: number): RegExp => new RegExp(`^knobs: --workers ${value} is too many: at most ${limit} worker threads on this machine \\(twice its ${cores} cores?, never fewer than 4\\)\\n$`);

  it('run, resume and rerun refuse more, before anything is stored', () => {
    const newDb = join(dir, 'workers-new.db');
    refused(knobs(['run', file('workers-csv.json', missingCsv), '--workers', '500', '--db', newDb]), tooMany(500));
    refused(knobs(['run', spec, '--workers', String(limit + 1), '--db', newDb]), tooMany(limit + 1));
    expect(existsSync(newDb)).toBe(false);
    const before = dbFilesHash(db);
    refused(knobs(['resume', '1', '--workers', '500', '--db', db]), tooMany(500));
    refused(knobs(['rerun', '1', '--workers', '500', '--db', db]), tooMany(500));
    expect(dbFilesHash(db)).toBe(before);
  });

  it('the limit itself is fine, and the help says it', () => {
    expect(knobs(['run', spec, '--quiet', '--workers', String(limit), '--db', join(dir, 'workers-limit.db')]).code).toBe(0);
    expect(knobs(['run', '--help']).stdout).toContain(`up to ${limit} here`);
  });

  it('a spec asking for more is refused naming its "workers", unless --workers says how many', () => {
    const newDb = join(dir, 'workers-spec.db');
    const many = file('workers-many.json', { ...missingCsv, workers: 256 });
    refused(knobs(['run', many, '--db', newDb]), new RegExp(`^knobs: The spec .*workers-many\\.json asks for "workers": 256, too many: at most ${limit} worker threads on this machine .*; give --workers N \\(up to ${limit}\\) to run it with fewer\\n$`));
    expect(existsSync(newDb)).toBe(false);
    // With --workers the spec's number is not used: the next check (the missing CSV) answers.
    expect(knobs(['run', many, '--workers', '1', '--db', newDb]).stderr).toMatch(/not-there\.csv/);
  });
});

describe('a file that is not a Knobs database is bad input naming it', () => {
  it('a CSV given as --db: list, export and run refuse it (exit 2) and leave it as it was', () => {
    const csv = file('out1.csv', 'trial,objective\n1,0.5\n');
    const not = /^knobs: .*out1\.csv is not a Knobs database \(it is not an SQLite database file\); give --db FILE or set KNOBS_DB/;
    refused(knobs(['list', '--db', csv]), not);
    refused(knobs(['export', '1', '--out', join(dir, 'x.csv'), '--db', csv]), not);
    refused(knobs(['run', spec, '--db', csv]), not);
    expect(readFileSync(csv, 'utf8')).toBe('trial,objective\n1,0.5\n');
  });

  it('restore: another program\'s SQLite database as the backup is refused (exit 2), the database left as it was', () => {
    const other = join(dir, 'other.sqlite');
    const d = new Database(other);
    d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    d.close();
    const before = dbFilesHash(db);
    refused(knobs(['restore', other, '--db', db]), /^knobs: .*other\.sqlite is not a Knobs database or a backup of one \(another program's SQLite database: its tables are "notes"\); "knobs backup list" shows the backups\n$/);
    const blank = join(dir, 'blank.sqlite');
    const empty = new Database(blank);
    empty.exec('CREATE TABLE t (x); DROP TABLE t'); // an SQLite file of one page and no tables
    empty.close();
    refused(knobs(['restore', blank, '--db', db]), /blank\.sqlite is not a Knobs database or a backup of one \(an empty SQLite database\)/);
    expect(dbFilesHash(db)).toBe(before);
  });

  it("another program's SQLite database as --db: every command refuses it (exit 2) and adds no table to it", () => {
    const other = join(dir, 'notes.sqlite');
    const d = new Database(other);
    d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    d.close();
    const before = readFileSync(other);
    const not = /^knobs: .*notes\.sqlite is not a Knobs database \(another program's SQLite database: its tables are "notes"\); name a Knobs database, or a new or empty file to make one\. The file was left untouched\.\n$/;
    refused(knobs(['list', '--db', other]), not);
    refused(knobs(['export', '1', '--out', join(dir, 'notes.csv'), '--db', other]), not);
    refused(knobs(['run', spec, '--db', other]), not);
    refused(knobs(['serve', '--db', other]), not);
    expect(readFileSync(other).equals(before)).toBe(true);
    expect(existsSync(`${other}-wal`)).toBe(false);
  });

  it('restore: a backup that is junk, empty, or the database itself is refused (exit 2), and so is a --db that is not a database', () => {
    const before = dbFilesHash(db);
    refused(knobs(['restore', file('junk.db', 'junk junk junk'), '--db', db]), /^knobs: .*junk\.db is not a Knobs database or a backup of one \(it is not an SQLite database file\); "knobs backup list" shows the backups\n$/);
    refused(knobs(['restore', file('empty.db', ''), '--db', db]), /empty\.db is not a Knobs database or a backup of one \(empty file\)/);
    refused(knobs(['restore', db, '--db', db]), /^knobs: .*k\.db is the database itself; name one of its backups \("knobs backup list" shows them\)\n$/);
    refused(knobs(['restore', join(dir, '.', 'k.db'), '--db', db]), /is the database itself/);
    expect(dbFilesHash(db)).toBe(before);
    const csv = file('target.csv', 'a,b\n1,2\n');
    refused(knobs(['restore', db, '--db', csv]), /target\.csv is not a Knobs database \(it is not an SQLite database file\)/);
    expect(readFileSync(csv, 'utf8')).toBe('a,b\n1,2\n');
  });
});

describe('help and output read as the rest of the CLI', () => {
  it('rerun --help gives each default once and the limits', () => {
    const help = knobs(['rerun', '--help']).stdout;
    expect(help).not.toMatch(/\(default \d+\)/);
    expect(help).toMatch(/--top <k> +how many of its best configurations, 1 to 50 \(default: 5\)/);
    expect(help).toMatch(/--seeds <n> +seeds per configuration, 2 to 100 \(default: 5\)/);
  });

  it('--version and -V print the version in package.json and nothing else (exit 0); the help lists it', () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) expect(knobs([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(knobs(['--help']).stdout).toMatch(/-V, --version +print Knobs' version/);
  });

  it('restore --help names its argument; serve --help words --db as every other command does', () => {
    expect(knobs(['restore', '--help']).stdout).toMatch(/Arguments:\n +backup +a backup file/);
    const dbLine = (command: string): string | undefined => knobs([command, '--help']).stdout.split('\n').find((l) => l.trim().startsWith('--db'));
    expect(dbLine('serve')).toBe(dbLine('run'));
    expect(dbLine('serve')).toMatch(/default: KNOBS_DB, else the desktop app's/);
  });

  it('train counts folds in words and prints figures as the rest of the CLI (no fixed decimals)', () => {
    const one = knobs(['train', file('train-lr.json', { ...base, train: { ...base.train, lr: 0.001 } })]).stdout;
    expect(one).toMatch(/; 1 fold, /);
    expect(one).not.toMatch(/fold\(s\)|0\.00100|lr=/);
    expect(one).toMatch(/adam lr 0\.001, batch/);
    expect(one).toMatch(/^epoch +1 .* lr 0\.001 /m);
    const kfold = knobs(['train', file('train-kfold.json', { ...base, split: { kind: 'kfold', k: 3, test: 0.2 } })]).stdout;
    expect(kfold).toMatch(/; 3 folds, /);
  });

  it('datasets names IDX files beside synthetic and CSV data', () => {
    expect(knobs(['datasets']).stdout).toMatch(/\{ "idx": "train-images-idx3-ubyte\.gz", "labels": "train-labels-idx1-ubyte\.gz" \}/);
    expect(knobs(['datasets', '--help']).stdout).toMatch(/IDX files/);
  });

  it('datasets lists the data sets imported in the app with the "dataset" a spec names them by, which knobs train reads; a database not there is refused before anything is printed', async () => {
    const at = join(dir, 'imported.db');
    const store = Store.open(at);
    const wb = new Workbench({ store, version: 'test', workers: 1 });
    const text = readFileSync(join(root, 'test', 'fixtures', 'csv', 'passengers.csv'), 'utf8');
    await caller(() => wb)('datasets.importCsv', { name: 'passengers', text, target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin'], missing: 'drop' });
    await wb.shutdown();
    store.close();
    const out = knobs(['datasets', '--db', at]);
    expect(out.code).toBe(0);
    const line = out.stdout.split('\n').find((l) => l.startsWith('passengers'))!;
    expect(line).toMatch(/^passengers +49 rows +9 features 2 classes  imported: "dataset": \{"csv":".*passengers-\d+\.csv","target":"Survived"\}$/);
    const dataset = JSON.parse(line.slice(line.indexOf('"dataset": ') + 11)) as unknown;
    const trained = knobs(['train', file('imported.json', { ...base, dataset, train: { epochs: 2, hiddenLayers: [4] } })]);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^passengers-\d+: 49 rows × 9 features, classification/);
    const missing = knobs(['datasets', '--db', join(dir, 'not-there.db')]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/^knobs: No Knobs database at .*not-there\.db/);
    // Named, an imported data set's columns: the 49 rows kept, its target as its classes.
    const described = knobs(['datasets', 'passengers', '--db', at]);
    expect(described.code).toBe(0);
    expect(described.stdout.split('\n')[0]).toBe('passengers: 49 rows, 7 columns; the target "Survived" (classification, 2 classes)');
    expect(described.stdout).toMatch(/^Survived ◎ +2 classes +2 +- +0 55% · 1 45%$/m);
    expect(described.stdout).toMatch(/^Sex +text, 2 features +2 +- +male 53% · female 47%$/m);
  });

  it('datasets NAME|FILE: what each column holds, as NumPy reads it; a bad name or target refused, naming what would do', () => {
    // iris: sepal length 4.3 to 7.9, mean 5.843, population sd 0.8253 (NumPy); its histogram np.histogram(x, 20) in pairs of bins:
    // 9 23 14 27 16 26 18 6 5 6 of 150, each ⌈8·n/27⌉ eighths of the tallest.
    const iris = knobs(['datasets', 'iris']);
    expect(iris.code).toBe(0);
    const lines = iris.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('iris: 150 rows, 5 columns; the target "target" (classification, 3 classes)');
    expect(lines[1]).toMatch(/^column +holds +distinct +missing +min +max +mean ± sd +values$/);
    expect(lines[2]).toMatch(/^target ◎ +3 classes +3 +- +setosa 33% · versicolor 33% · virginica 33%$/);
    expect(lines[3]).toMatch(/^sepal length \(cm\) +numbers +35 +- +4\.3 +7\.9 +5\.843 ± 0\.8253 +▃▇▅█▅█▆▂▂▂$/);
    const json = JSON.parse(knobs(['datasets', 'iris', '--json']).stdout) as { rows: number; target: string; task: string; columns: { name: string; histogram: number[] }[] };
    expect([json.rows, json.target, json.task]).toEqual([150, 'target', 'classification']);
    expect(json.columns[0].histogram).toEqual([4, 5, 7, 16, 9, 5, 13, 14, 10, 6, 10, 16, 7, 11, 4, 2, 4, 1, 5, 1]);
    // A CSV file: its target proposed (and said so) unless --target names one.
    const csv = file('money.csv', 'plan,fee\nbasic,"$1,000.00"\npremium,"$2,000.00"\nbasic,"$1,500.00"\n');
    expect(knobs(['datasets', csv]).stdout.split('\n')[0]).toBe(`${csv}: 3 rows, 2 columns; the target "fee" (regression; proposed, as no --target was given (a column named target, label, class, y, … of two values or more, else the last such column))`);
    const byPlan = knobs(['datasets', csv, '--target', 'plan']).stdout;
    expect(byPlan).toMatch(/^fee +numbers +3 +- +1000 +2000 +1500 ± 408\.2 +█    █   █$/m);
    refused(knobs(['datasets', 'nope']), /^knobs: No data set "nope": name a built-in or imported one \(digits, iris, wine, breast_cancer\) or a CSV file/);
    refused(knobs(['datasets', csv, '--target', 'price']), /^knobs: There is no column "price" in .*money\.csv to use as the target; the columns are: "plan", "fee"$/m);
    refused(knobs(['datasets', join(dir, 'gone.csv')]), /^knobs: Cannot read the CSV file ".*gone\.csv": no such file\.$/m);
    refused(knobs(['datasets', '--json']), /^knobs: --target, --not-missing and --json go with a data set/);
    // A class named "none": missing by default, a class with --not-missing (as the spec's "notMissing").
    const symptoms = file('symptoms.csv', 'dose,symptoms\n0.5,none\n2.5,mild\n4,severe\n1,none\n');
    expect(knobs(['datasets', symptoms]).stdout).toMatch(/^symptoms ◎ +2 classes +2 +2 \(50%\) +mild 25% · severe 25%$/m);
    expect(knobs(['datasets', symptoms, '--not-missing', 'None']).stdout).toMatch(/^symptoms ◎ +3 classes +3 +- +none 50% · mild 25% · severe 25%$/m);
    // A rare class: what it means for a search on it, as the data set's page says (19 of 20 rows "ok").
    const rare = file('rare.csv', `x,label\n${Array.from({ length: 20 }, (_, i) => `${i},${i === 7 ? 'fraud' : 'ok'}`).join('\n')}\n`);
    expect(knobs(['datasets', rare]).stdout).toContain('“fraud” is 5% of the rows (1 of 20): a model that always answers “ok” is right on 95.0% of them without finding one. A search on it can rank its trials by val_balanced_accuracy');
    expect(knobs(['datasets', 'iris']).stdout).not.toContain('balanced');
    refused(knobs(['datasets', symptoms, '--not-missing', 'unknown']), /^knobs: --not-missing: expected a spelling Knobs reads as missing \(NA, N\/A, #N\/A, <NA>, NaN, -NaN, null, None or \?, any case\), got "unknown"/m);
  });

  it('datasets FILE.csv ends with what the import would propose: the columns to leave out and why, the rows a spec refuses, and the spec\'s "dataset"', () => {
    // An id running 1 to 6, a missing height in row 3 (and the target of row 6), semicolons and decimal commas.
    const csv = file('people.csv', 'id;height;city;label\n1;1,75;Paris;yes\n2;;Lyon;no\n3;1,80;Nice;yes\n4;1,62;Paris;no\n5;1,70;Lyon;NA\n6;1,90;Paris;yes\n');
    const r = knobs(['datasets', csv]);
    expect(r.code).toBe(0);
    const tail = r.stdout.trimEnd().split('\n').slice(-4);
    expect(tail).toEqual([
      'Numbers written with a decimal comma are read as numbers (1,5 as 1.5) in column “height”.',
      'Proposed to leave out of the features: “id” (a different value in every row, like an identifier: it tells the model nothing about a new row).',
      '2 of 6 rows miss a value in “height” or the target: a spec refuses them unless it says "missing": "drop" (Knobs does not fill values in).',
      `In a spec: "dataset": { "csv": ${JSON.stringify(csv)}, "target": "label", "exclude": ["id"], "missing": "drop" }`,
    ]);
    // The "dataset" printed is one a spec takes: knobs train reads the file with it.
    const dataset = JSON.parse(tail[3].replace(/^In a spec: "dataset": /, '')) as Record<string, unknown>;
    writeFileSync(join(dir, 'people.json'), JSON.stringify({ dataset, split: { kind: 'holdout', val: 0.25, test: 0, stratify: false }, train: { epochs: 1, hiddenLayers: [2] } }));
    const trained = knobs(['train', join(dir, 'people.json')]);
    // Its 4 rows validate on 1: said, and nothing else.
    expect([trained.code, trained.stderr.split('\n').filter((l) => l && !l.startsWith('caution: split.val: the hold-out validates on 1 row of 4'))]).toEqual([0, []]);
    // Dollars read as numbers, said as the dialog says it.
    expect(knobs(['datasets', file('fees.csv', 'plan,fee\nbasic,"$1,000.00"\npremium,"$2,000.00"\nbasic,"$1,500.00"\n')]).stdout).toMatch(/^Read as numbers, their signs and separators dropped: “fee” \(\$1,000\.00 as 1000\.00\)\.$/m);
    // A ledger's negatives in parentheses: read as minus (they had been 3 texts, then left out as an identifier), a negative the example.
    const ledger = knobs(['datasets', file('ledger.csv', 'flag,amount\ny,"1,470.10"\nn,"(2,781.43)"\nn,(266.32)\n')]).stdout;
    expect(ledger).toMatch(/^Read as numbers, their signs and separators dropped: “amount” \(\(2,781\.43\) as -2781\.43; parentheses read as minus\)\.$/m);
    expect(ledger).toMatch(/^amount ◎ +numbers +3 +- +-2781 +1470 /m);
    // A duration as the target: 12 classes in 12 rows, said just above the spec's "dataset".
    const took = knobs(['datasets', file('took.csv', `age,took\n${Array.from({ length: 12 }, (_, i) => `${20 + i},0:${String(i).padStart(2, '0')}:00`).join('\n')}\n`), '--target', 'took']).stdout.trimEnd().split('\n');
    expect(took.at(-2)).toMatch(/^“took” holds 12 classes in 12 rows, each in a single row: .* write it as numbers and read it as a regression \("task": "regression" in the spec's "dataset"\)\.$/);
    // A clean file: only the spec's "dataset"; a built-in says nothing of the kind.
    const clean = file('clean.csv', 'a,b,y\n1,2,0\n5,1,1\n2,2,0\n');
    expect(knobs(['datasets', clean]).stdout.trimEnd().split('\n').at(-1)).toBe(`In a spec: "dataset": { "csv": ${JSON.stringify(clean)}, "target": "y" }`);
    expect(knobs(['datasets', 'iris']).stdout).not.toMatch(/In a spec|Proposed/);
    // 1,001 customers are names, not classes: not proposed (the last column that could be learned is); named with --target,
    // the import would refuse them, and it says why in place of a spec that would fail.
    const customers = file('customers.csv', `spend,visits,customer\n${Array.from({ length: 1001 }, (_, i) => `${i % 13},${i % 5},Customer ${i}`).join('\n')}\n`);
    const proposal = knobs(['datasets', customers]).stdout.trimEnd().split('\n');
    expect(proposal[0]).toMatch(/the target "visits" \(classification, 5 classes; proposed, as no --target was given \(a column named target, label, class, y, … of two values or more, else the last such column\)\)$/);
    expect(proposal.at(-1)).toMatch(/^In a spec: "dataset": \{ "csv": .*"target": "visits", "exclude": \["customer"\] \}$/);
    // Visits of 0 to 4 read as classes: said, with the spec's key that reads them as a quantity.
    expect(proposal.at(-2)).toBe('“visits” holds 5 numbers from 0 to 4, read as 5 classes: classes have no order, so an answer one off counts as wrong as one far off. ' +
      'If their order matters (a rating, a count, a score), "task": "regression" in the spec\'s "dataset" reads them as a quantity.');
    const told = knobs(['datasets', customers, '--target', 'customer']).stdout.trimEnd().split('\n');
    expect(told.at(-1)).toBe('An import with the target "customer" would be refused: The target column "customer" has 1001 classes; at most 1000 are supported (its 1001 different texts in 1001 rows read more like names or identifiers than classes to learn: choose another target). Name another with --target.');
    expect(told.join('\n')).not.toMatch(/In a spec/);
    // Numbers with text in a few cells: said as such (once read as an identifier, or as 6 categories the import then refused),
    // left out in the spec; as the target, a regression whose import names the cell (once 30 classes, trained without a word).
    const sheet = file('sheet.csv', `x,rooms,price,n\n${Array.from({ length: 30 }, (_, i) => `${i === 4 ? 'inf' : i * 1.5},${i === 2 ? 'seven' : 1 + (i % 5)},${i === 6 ? '#VALUE!' : 100 + i * 2.5},${i % 4}`).join('\n')}\n`);
    const mixed = knobs(['datasets', sheet, '--target', 'x']).stdout.trimEnd().split('\n');
    expect(mixed.find((l) => l.startsWith('rooms'))).toMatch(/^rooms +numbers, 1 text +6 +- /);
    expect(mixed.slice(-2)).toEqual([
      'Proposed to leave out of the features: “rooms” (numbers but for “seven” in row 4), “price” (numbers but for “#VALUE!” in row 8): write those cells as numbers, or empty them, to use them.',
      'An import with the target "x" would be refused: Row 6, column "x": "inf" is not a number, but a regression target must be numeric (29 of 30 values are numbers); write it as a plain number (3.5, -2e-3), or empty it and drop the rows that miss a value ("missing": "drop"). Name another with --target.',
    ]);
    expect(mixed[0]).toMatch(/the target "x" \(regression\)$/);
    // A file saved without a header row (UCI's iris.data): its first row is read as names, and said to read like data.
    const bare = file('iris.data', '5.1,3.5,1.4,0.2,Iris-setosa\n4.9,3.0,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.6,6.0,2.5,Iris-virginica\n');
    expect(knobs(['datasets', bare]).stdout).toContain('Row 1 (5.1, 3.5, 1.4, 0.2, Iris-setosa) is read as the column names, but it reads like data: its numbers lie among their columns\' values. ' +
      'If the file has no header row, add one (a name for each column) above it; otherwise that row is not trained on and the columns are named by its values.');
    // A file whose first 20 rows were saved twice: said before the spec's "dataset", as a search on it is cautioned.
    const lines = Array.from({ length: 100 }, (_, i) => `${i},${(i * 7) % 13},${i % 2}`);
    const twice = knobs(['datasets', file('twice.csv', ['a,b,y', ...lines, ...lines.slice(0, 20)].join('\n'))]).stdout.trimEnd().split('\n');
    expect(twice.at(-2)).toBe('20 of 120 rows (17%) repeat another row exactly (every feature and the target): a split puts copies on both sides, so validation rows score data the model trained on and flatter every trial. ' +
      'Remove the copies from the file (pandas: df.drop_duplicates()) unless each is an event of its own.');
    // "yes" and "Yes": two classes, said.
    const survey = file('survey.csv', `age,answer\n${Array.from({ length: 12 }, (_, i) => `${20 + i},${i === 3 ? 'Yes' : i % 2 ? 'yes' : 'no'}`).join('\n')}\n`);
    expect(knobs(['datasets', survey]).stdout).toMatch(/^Texts that differ only in case are different values: “yes” \(5 rows\) and “Yes” \(1\) in “answer” \(the target: each a class\)\. If they are one, write them alike in the file\.$/m);
  });
});
