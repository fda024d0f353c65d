import { describe, expect, it } from 'vitest';
import { issueText } from '../../../src-core/errors';
import { INPUTS } from '../../../src-core/api/schemas';
import { checkedSpec, validateSpace } from '../../../src-core/search/validate';
import { checkSpec } from '../../../src-core/service/workbench';
import { nameProblem } from '../../../src-core/api/names';
import { SpecError } from '../../../src-core/spec/errors';
import { parseSpec } from '../../../src-core/spec/spec';

/** The issues validateSpace (a new search's check) finds, as lines; [] when the spec passes. */
function issuesOf(input: Record<string, unknown>): string[] {
  try {
    validateSpace(parseSpec({ dataset: { builtin: 'digits' }, ...input }));
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).issues.map(issueText);
  }
}

describe('a network too big for WebAssembly\'s memory', () => {
  const tooBig = 'the network (layers 64-20000-20000-10, 401,520,010 parameters) needs 6.1 GiB for its weights, gradients, optimizer state (adam) and activations for 256 rows at a time; ' +
    'WebAssembly allows at most 4 GiB: use fewer or narrower hidden layers';

  it('is refused when the spec is validated, with the network\'s size and the limit, for a search and in the editor', () => {
    expect(issuesOf({ train: { hiddenLayers: [20000, 20000] } })).toEqual([`train: ${tooBig}`]);
    // A knob that does not change the network leaves the train block's network to blame.
    expect(issuesOf({ train: { hiddenLayers: [20000, 20000] }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } } })).toEqual([`train: ${tooBig}`]);
    const check = checkSpec({ dataset: { builtin: 'digits' }, train: { hiddenLayers: [20000, 20000] } });
    expect(check.ok).toBe(false);
    expect(check.issues).toEqual([{ path: 'train', message: tooBig }]);
    expect(issuesOf({ train: { hiddenLayers: [2000, 2000] } })).toEqual([]);
  });

  it('is refused when even the smallest network of the space cannot fit; a space where only some trials are too big is accepted', () => {
    expect(issuesOf({ train: { hiddenLayers: [8, 8] }, space: { hiddenUnits: { type: 'int', low: 30000, high: 60000 } } }))
      .toEqual([expect.stringMatching(/^space: even the smallest network the space allows \(layers 64-30000-30000-10, 902,\d{3},\d{3} parameters\) needs 13\.\d GiB .*WebAssembly allows at most 4 GiB/)]);
    expect(issuesOf({ train: { hiddenLayers: [20000, 20000] }, space: { hiddenLayers: { type: 'categorical', values: [[30000, 30000], [64]] } } })).toEqual([]);
    expect(issuesOf({ train: { hiddenLayers: [8, 8] }, space: { hiddenUnits: { type: 'int', low: 8, high: 60000 } } })).toEqual([]);
    // A smaller optimizer state or batch is also a smaller network.
    expect(issuesOf({ train: { hiddenLayers: [22000, 22000] }, space: { optimizer: { type: 'categorical', values: ['adam', 'sgd'] } } })).toEqual([]);
  });

  it('counts the rows of a data set the spec names, and is a lower bound for a file it does not', () => {
    // 20,000 rows passed at once through 4 × 4096 units are most of the memory: a smaller batch is advised.
    expect(issuesOf({ dataset: { synthetic: 'moons', n: 100000 }, split: { kind: 'holdout', val: 0.1, test: 0.1 }, train: { hiddenLayers: [4096, 4096, 4096, 4096], batchSize: 60000, optimizer: 'sgd' } }))
      .toEqual([expect.stringMatching(/^train: the network \(layers 2-4096-4096-4096-4096-2, [\d,]+ parameters\) needs [\d.]+ GiB .* activations for 60000 rows at a time; .*or a smaller batch$/)]);
    expect(issuesOf({ dataset: { csv: 'data.csv', target: 'y' }, train: { hiddenLayers: [20000, 20000] } }))
      .toEqual([expect.stringMatching(/^train: the network \(hidden layers 20000-20000, [\d,]+ parameters\) needs at least 6 GiB for its weights, gradients and optimizer state \(adam\); WebAssembly allows at most 4 GiB/)]);
  });
});

describe('names', () => {
  it('refuses control characters and blank names in the spec\'s project and name, naming the key and the character', () => {
    expect(issuesOf({ name: 'line1\nline2 \u001b[31mRED\u001b[0m' })).toEqual(['name: contains a line break (U+000A); a name is one line of printable text']);
    expect(issuesOf({ name: 'red \u001b[31m' })).toEqual(['name: contains an escape character (as in terminal colour codes) (U+001B); a name is one line of printable text']);
    expect(issuesOf({ project: 'a\tb' })).toEqual(['project: contains a tab (U+0009); a name is one line of printable text']);
    expect(issuesOf({ name: 'c1 \u0085' })).toEqual(['name: contains a line break (next line) (U+0085); a name is one line of printable text']);
    expect(issuesOf({ name: 'bell \u0007' })).toEqual(['name: contains a control character (U+0007); a name is one line of printable text']);
    expect(issuesOf({ name: '   ' })).toEqual(['name: must not be blank']);
    expect(issuesOf({ project: ' \u00a0 ' })).toEqual(['project: must not be blank']);
    expect(issuesOf({ project: 'digits 📈 ünïcödé', name: '"quoted" <b>, fine' })).toEqual([]);
    expect(checkSpec({ dataset: { builtin: 'iris' }, name: 'a\nb' }).issues).toEqual([{ path: 'name', message: 'contains a line break (U+000A); a name is one line of printable text' }]);
    // A search stored before names were checked can still be resumed.
    expect(() => validateSpace(parseSpec({ dataset: { builtin: 'iris' }, name: 'a\nb' }), { stored: true })).not.toThrow();
  });

  it('the contract refuses them in created, renamed and imported names too', () => {
    for (const [channel, other] of [['projects.create', {}], ['projects.rename', { id: 1 }], ['searches.rename', { id: 1 }]] as const) {
      const r = INPUTS[channel].safeParse({ ...other, name: 'line1\nline2' });
      expect(r.success, channel).toBe(false);
      expect(r.error!.issues.map((i) => i.message)).toEqual(['contains a line break (U+000A); a name is one line of printable text']);
      expect(INPUTS[channel].safeParse({ ...other, name: '   ' }).success).toBe(false);
      // A line break at either end is trimmed away, as spaces are.
      expect(INPUTS[channel].safeParse({ ...other, name: ' ok \n' }).data).toMatchObject({ name: 'ok' });
    }
    expect(INPUTS['datasets.importCsv'].safeParse({ name: 'esc\u001b[0m', text: 'a,y\n1,2\n', target: 'y' }).success).toBe(false);
    expect(nameProblem('\u009b')).toBe('contains a control character (U+009B); a name is one line of printable text');
    expect(nameProblem('x')).toBeNull();
  });
});

describe('every issue of a spec at once', () => {
  const space = {
    lr: { type: 'float', low: 0, high: 1, log: true },
    hiddenUnits: { type: 'int', low: 64, high: 8 },
    optimizer: { type: 'categorical', values: ['sgd', 'adamm'] },
    dropout: { type: 'float', low: 0, high: 1.2 },
  };
  const lines = (input: Record<string, unknown>): string[] => {
    try {
      checkedSpec({ dataset: { builtin: 'digits' }, ...input });
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      return (e as SpecError).issues.map(issueText);
    }
  };

  it('the knobs the schema refuses, and the values of the others that no configuration takes, in one answer', () => {
    expect(lines({ space })).toEqual([
      'space.lr.low: a log-scaled knob needs low > 0 (got 0)',
      'space.hiddenUnits.low: low (64) must be below high (8)',
      'space.optimizer.values[1]: "adamm" is not a valid value (train.optimizer: expected one of "sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam" or "adamw", got "adamm")',
      'space.dropout.high: 1.2 is not a valid value (train.dropout: expected below 1, got 1.2)',
    ]);
    // The editor's check says the same.
    expect(checkSpec({ dataset: { builtin: 'digits' }, space }).issues.map(issueText)).toEqual(lines({ space }));
  });

  it('with another part refused too, the schema\'s issues alone: the knobs\' values would be checked against a broken spec', () => {
    const broken = lines({ space, train: { epochs: 0 } });
    expect(broken.some((l) => l.startsWith('train.epochs'))).toBe(true);
    expect(broken.some((l) => l.includes('adamm'))).toBe(false);
    // A valid spec passes, and a value issue alone is found as before.
    expect(lines({ space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } } })).toEqual([]);
    expect(lines({ space: { optimizer: space.optimizer } })).toHaveLength(1);
  });
});
