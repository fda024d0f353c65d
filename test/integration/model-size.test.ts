// A network too big for WebAssembly's memory (4 GiB): refused before training with its size and the
// limit (knobs train, knobs run: exit code 2, no stack), and in a search whose space lets only some
// trials be too big, those trials fail saying so while the others train.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createSearch, Study } from '../../src-core/search/study';
import { trialsCsv } from '../../src-core/service/export';
import { Store } from '../../src-core/store/store';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-model-size-'));

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TOO_BIG = 'network (layers 64-20000-20000-10, 401,520,010 parameters) needs 6.1 GiB for its weights, gradients, optimizer state (adam) and activations for 256 rows at a time; ' +
  'WebAssembly allows at most 4 GiB: use fewer or narrower hidden layers';

describe('a model too big for memory', () => {
  const spec = join(dir, 'big.json');
  writeFileSync(spec, JSON.stringify({ project: 'big', dataset: { builtin: 'digits' }, train: { hiddenLayers: [20000, 20000], epochs: 2 } }));

  it('knobs train exits with 2 before training, naming the network\'s size and the limit, without a stack', () => {
    const r = knobs('train', spec);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`knobs: The ${TOO_BIG}\n`);
    expect(r.stdout).not.toMatch(/^epoch /m);
  });

  it('knobs run refuses the spec (exit code 2) and stores nothing', () => {
    const db = join(dir, 'run.db');
    const r = knobs('run', spec, '--db', db, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`knobs: Invalid spec:\n  - train: the ${TOO_BIG}\n`);
  });

  it('in a search whose space allows networks too big and networks that fit, the big ones fail with the reason in the trials CSV', async () => {
    const store = Store.open(join(dir, 'space.db'));
    const { id } = createSearch(store, {
      project: 'big', dataset: { builtin: 'digits' }, train: { hiddenLayers: [8, 8], epochs: 2 },
      space: { hiddenUnits: { type: 'categorical', values: [8, 20000] } }, strategy: { kind: 'grid' }, seed: 1,
    });
    expect(await new Study(store, id, { workers: 1 }).run()).toBe('complete');
    const trials = store.trials.list(id);
    expect(trials.map((t) => [JSON.parse(t.knobs).hiddenUnits, t.status])).toEqual([[8, 'complete'], [20000, 'failed']]);
    expect(trials[1].error).toBe(`The ${TOO_BIG}`);
    const rows = parse(trialsCsv(store, id), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.error)).toEqual(['', `The ${TOO_BIG}`]);
    store.close();
  });
});
