import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src-core/data';
import { IdxError, parseIdx } from '../../../src-core/data/idx';
import { BadInputError, CancelledError, errorData, errorKind, isBadInput, isUserError, KnobsError, NotFoundError, StoreError } from '../../../src-core/errors';
import { SpecError } from '../../../src-core/spec/errors';
import { reportError } from '../../../src-main/cli/common';

describe('errors by type', () => {
  it('a data error is bad input: it keeps its row and column, crosses a host as { error, kind, issues }, and the CLI exits with 2', () => {
    const e = new DataError('Row 3, column "b": bad', 3, 'b');
    expect([e.row, e.column]).toEqual([3, 'b']);
    expect(e).toBeInstanceOf(BadInputError);
    expect(structuredClone(errorData(e))).toEqual({ error: 'Row 3, column "b": bad', kind: 'bad-input', issues: [] });
    expect(JSON.parse(JSON.stringify(errorData(e)))).toEqual(errorData(e));
    const lines: string[] = [];
    expect(reportError(e, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual(['knobs: Row 3, column "b": bad']);
  });

  it('each kind is told apart by its kind, not by its name: user errors, store errors, cancellations and bugs', () => {
    const spec = new SpecError([{ path: 'train.lr', message: 'expected a number > 0' }, { path: '', message: 'bad' }]);
    expect(spec.message).toBe('Invalid spec:\n  - train.lr: expected a number > 0\n  - (top level): bad');
    expect(errorData(spec)).toEqual({ error: spec.message, kind: 'bad-input', issues: [{ path: 'train.lr', message: 'expected a number > 0' }, { path: '', message: 'bad' }] });
    const cases: [unknown, string, boolean, boolean, number][] = [
      [spec, 'bad-input', true, true, 2],
      [new NotFoundError('No search 9'), 'not-found', true, true, 2],
      [new StoreError('The disk is full'), 'store', true, false, 1],
      [new CancelledError(), 'cancelled', false, false, 1],
      [new TypeError('x is undefined'), 'internal', false, false, 1],
      [Object.assign(new Error('renamed'), { name: 'BadInputError' }), 'internal', false, false, 1],
      ['a string', 'internal', false, false, 1],
    ];
    for (const [e, kind, user, bad, exit] of cases) {
      expect([errorKind(e), isUserError(e), isBadInput(e), reportError(e, () => {})], String(e)).toEqual([kind, user, bad, exit]);
    }
    expect(new StoreError('x')).toBeInstanceOf(KnobsError);
    expect(new StoreError('x').name).toBe('StoreError');
  });

  it('an unreadable IDX file is a DataError too', () => {
    let err: unknown;
    try {
      parseIdx(Uint8Array.of(1, 2, 3, 4, 5), 'x.idx');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IdxError);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(/^x\.idx: not an IDX file \(the first two bytes must be 0, got 1 and 2\)/);
  });
});
