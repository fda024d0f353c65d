import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src-core/data';
import { IdxError, parseIdx } from '../../../src-core/data/idx';

describe('data errors', () => {
  it('carry the row and column and are recognisable by name', () => {
    const e = new DataError('Row 3, column "b": bad', 3, 'b');
    expect([e.name, e.row, e.column, e.message]).toEqual(['DataError', 3, 'b', 'Row 3, column "b": bad']);
    expect(e).toBeInstanceOf(Error);
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
