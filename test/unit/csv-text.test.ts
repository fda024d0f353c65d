// The CSV the renderer writes for the tables it holds (src-renderer/src/model/csvText.ts), read back by hand.
import { describe, expect, it } from 'vitest';
import type { ColumnSummary, SeedConfig, SeedSpread } from '../../src-core/api/contract';
import { csvFilename, csvText, datasetColumnsCsv, searchesCsv, seedSpreadCsv, tablesCsv } from '../../src-renderer/src/model/csvText';
import { searchSummary } from '../helpers/trials';

describe('CSV of the tables a page holds', () => {
  it('RFC 4180 quoting; every digit; nothing for a missing or non-finite value; objects as JSON', () => {
    expect(csvText([['a', 'b'], [1, 'x, "y"'], [NaN, null], [0.1 + 0.2, { k: 1 }], [-Infinity, 'line\nbreak']]))
      .toBe('a,b\n1,"x, ""y"""\n,\n0.30000000000000004,"{""k"":1}"\n,"line\nbreak"\n');
  });

  it('a chart of one series as its table; of several, long form with a series column and the union of their columns', () => {
    expect(tablesCsv([{ caption: 'rows', columns: ['class', 'rows'], rows: [['a', 3], ['b', 4]] }])).toBe('class,rows\na,3\nb,4\n');
    expect(tablesCsv([
      { caption: 'finished', columns: ['trial', 'val_loss'], rows: [[0, 0.5], [1, 0.25]] },
      { caption: 'pruned', columns: ['trial', 'epoch'], rows: [[2, 7]] },
    ])).toBe('series,trial,val_loss,epoch\nfinished,0,0.5,\nfinished,1,0.25,\npruned,2,,7\n');
  });

  it('file names from what the table shows', () => {
    expect(csvFilename('Search 12 · lr × width', 'Parameter importance')).toBe('search-12-lr-width-parameter-importance.csv');
    expect(csvFilename('Ålesund prices', 'columns')).toBe('alesund-prices-columns.csv');
    expect(csvFilename('···')).toBe('table.csv');
  });

  it("a data set's columns: the target first, as its classes; numbers with every digit; text by its values' counts", () => {
    const col = (name: string, over: Partial<ColumnSummary>): ColumnSummary => ({ name, kind: 'numeric', missing: 0, distinct: 3, min: null, max: null, mean: null, sd: null, histogram: [], top: [], ...over });
    const csv = datasetColumnsCsv([
      col('age', { missing: 2, min: 2, max: 69, mean: 28.918367346938776, sd: 18.9, histogram: [1, 2] }),
      col('sex', { kind: 'categorical', distinct: 2, top: [{ value: 'male', count: 26 }, { value: 'female', count: 23 }] }),
      col('survived', { distinct: 2, min: 0, max: 1, mean: 0.45, sd: 0.5 }),
    ], 'survived', ['no', 'yes'], [27, 22]);
    expect(csv).toBe([
      'column,role,holds,distinct,missing,min,max,mean,sd,commonest',
      'survived,target,classes,2,0,,,,,no: 27; yes: 22',
      'age,feature,numbers,3,2,2,69,28.918367346938776,18.9,',
      'sex,feature,text,2,0,,,,,male: 26; female: 23',
      '',
    ].join('\n'));
  });

  it('a seed spread: a row per configuration with its knobs as param_ columns and its interval', () => {
    const config = (trial: number, over: Partial<SeedConfig>): SeedConfig => ({
      config: 0, trial, knobs: {}, originalObjective: null, objectives: [], trials: [], failed: 0, n: 0, mean: null, sd: null, ci: null, rank: null, ...over,
    });
    const spread = {
      seeds: 3, configs: [
        config(4, { knobs: { lr: 0.003, act: 'relu' }, n: 3, mean: 0.1, sd: 0.01, ci: [0.075, 0.125], rank: 1, originalObjective: 0.09 }),
        config(7, { knobs: { lr: 0.1, act: 'tanh' }, n: 2, failed: 1, mean: 0.2, sd: 0.05, ci: [0, 0.65], rank: 2, originalObjective: 0.15 }),
      ],
    } as unknown as SeedSpread;
    expect(seedSpreadCsv(spread)).toBe([
      'rank,trial,param_lr,param_act,mean,sd,ci95_low,ci95_high,seeds_finished,seeds,failed,original_objective',
      '1,4,0.003,relu,0.1,0.01,0.075,0.125,3,3,0,0.09',
      '2,7,0.1,tanh,0.2,0.05,0,0.65,2,3,1,0.15',
      '',
    ].join('\n'));
  });

  it("a project's searches", () => {
    const s = searchSummary(3, { name: 'lr, wide', status: 'complete', stopReason: 'budget reached', strategy: 'tpe', dataset: 'moons (synthetic, 400 rows)', finished: 40, plannedTrials: 40, best: 0.0661, createdAt: '2026-12-05T08:00:00.000Z', tags: ['wide', 'final'] });
    expect(searchesCsv([s]).split('\n').slice(0, 2)).toEqual([
      'search,name,status,stop_reason,strategy,dataset,metric,direction,trials_ended,trials_planned,best,created_at,started_at,finished_at,rerun_of,tags',
      `3,"lr, wide",complete,budget reached,tpe,"moons (synthetic, 400 rows)",val_loss,minimize,40,40,0.0661,2026-12-05T08:00:00.000Z,${s.startedAt ?? ''},${s.finishedAt ?? ''},,wide final`,
    ]);
  });
});
