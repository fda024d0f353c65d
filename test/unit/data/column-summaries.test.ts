// What each column of a CSV holds, for the data set's page (src-core/data/csv.ts columnSummaries), worked by hand.
import { describe, expect, it } from 'vitest';
import { columnSummaries, readCsv } from '../../../src-core/data';

const csv = [
  'age,fee,plan,tie,flat',
  '20,"$1,000.00",basic,b,5',
  '30,"$2,000.00",premium,a,5',
  '40,,basic,a,5',
  'NA,"$1,500.00",basic,b,5',
].join('\n');

describe('column summaries', () => {
  const [age, fee, plan, tie, flat] = columnSummaries(readCsv(csv), 4);

  it('numbers: range, mean and population sd over the values present; a missing cell counted and left out', () => {
    // age 20, 30, 40 (NA missing): mean 30, sd √((100 + 0 + 100) / 3) = 8.165.
    // Three distinct values: a missing cell is no value.
    expect(age).toMatchObject({ name: 'age', kind: 'numeric', missing: 1, distinct: 3, min: 20, max: 40, mean: 30, top: [] });
    expect(age.sd).toBeCloseTo(Math.sqrt(200 / 3), 12);
    // Four bins of width 5 from 20 to 40: 20 in the first, 30 in the third, 40 (the max) in the last.
    expect(age.histogram).toEqual([1, 0, 1, 1]);
    // Money read as numbers: 1000, 2000, 1500; bins of 250 from 1000: 1000 → 0, 1500 → 2, 2000 → 3.
    expect(fee).toMatchObject({ kind: 'numeric', missing: 1, min: 1000, max: 2000, mean: 1500, histogram: [1, 0, 1, 1] });
    expect(fee.sd).toBeCloseTo(Math.sqrt(500_000 / 3), 9);
  });

  it('a long tail above 0 (skewness ≥ 2, the largest 100× the smallest or more) gets its bins over log10 too; NumPy\'s skewness and histograms', () => {
    const [tail, zero] = columnSummaries(readCsv(['price,count', ...[1, 1, 1, 1, 1, 10, 10, 100, 1000, 10000].map((v, i) => `${v},${i === 0 ? 0 : v}`)].join('\n')), 4);
    // np.histogram(y, bins=4) and np.histogram(np.log10(y), bins=4); the population skewness ((y − m)³).mean() / ((y − m)²).mean()^1.5.
    expect(tail.histogram).toEqual([9, 0, 0, 1]);
    expect(tail.logHistogram).toEqual([5, 2, 1, 2]);
    expect(tail.skew).toBeCloseTo(2.620247661632053, 12);
    // The same tail with a 0 has no log10 of every value: no log bins.
    expect(zero.logHistogram).toBeUndefined();
    // Symmetric: skewness 0 and no log bins; a constant column has no skewness.
    expect(age.skew).toBeCloseTo(0, 12);
    expect(age.logHistogram).toBeUndefined();
    expect(flat.skew).toBeNull();
  });

  it('a constant column has one bin holding every row and sd 0', () => {
    expect(flat).toMatchObject({ kind: 'numeric', missing: 0, distinct: 1, min: 5, max: 5, mean: 5, sd: 0, histogram: [4] });
  });

  it('text: the commonest values with their counts, ties in the order the file first has them', () => {
    expect(plan).toMatchObject({ kind: 'categorical', distinct: 2, min: null, mean: null, sd: null, histogram: [], top: [{ value: 'basic', count: 3 }, { value: 'premium', count: 1 }] });
    expect(tie.top).toEqual([{ value: 'b', count: 2 }, { value: 'a', count: 2 }]);
  });

  it('at most five values listed; every value of a numeric column lands in a bin', () => {
    const many = ['c', ...Array.from({ length: 9 }, (_, i) => `v${i % 7}`)].join('\n');
    const [c] = columnSummaries(readCsv(`${many}\n`));
    expect(c.top).toEqual([{ value: 'v0', count: 2 }, { value: 'v1', count: 2 }, { value: 'v2', count: 1 }, { value: 'v3', count: 1 }, { value: 'v4', count: 1 }]);
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e6);
    const [x] = columnSummaries(readCsv(`x\n${xs.join('\n')}\n`));
    expect(x.histogram).toHaveLength(20);
    expect(x.histogram.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(x.min).toBe(Math.min(...xs));
    expect(x.max).toBe(Math.max(...xs));
  });

  it('numbers near the float64 limit give a finite mean, sd and skewness (the sums run over the largest magnitude)', () => {
    // −3e200, 1e200, 2e200: mean 0; sd √((9 + 1 + 4) / 3) × 1e200 = 2.160e200 (squared, each value overflowed to Infinity);
    // skewness ((−27 + 1 + 8) / 3) / (14 / 3)^1.5 = −0.5952.
    const [big] = columnSummaries(readCsv('big\n-3e200\n1e200\n2e200\n'));
    expect(big.mean).toBeCloseTo(0, -185);
    expect(big.sd! / 1e200).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(big.skew).toBeCloseTo(-6 / (14 / 3) ** 1.5, 12);
  });

  it('numbers with text in some cells: a text column that counts those cells (notNumbers); text of few numbers has none', () => {
    const [mixed, words] = columnSummaries(readCsv('mixed,words\n1.5,a\ninf,b\n2,3\n#DIV/0!,c\n4,d\n'));
    // Its texts, not its commonest numbers, are its values to see.
    expect(mixed).toMatchObject({ kind: 'categorical', notNumbers: 2, sd: null, top: [{ value: 'inf', count: 1 }, { value: '#DIV/0!', count: 1 }] });
    expect(words.kind).toBe('categorical');
    expect(words.notNumbers).toBeUndefined();
  });
});
