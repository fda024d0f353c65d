import { describe, expect, it } from 'vitest';
import { optionTables } from '../../src-renderer/src/charts/table';

describe('optionTables (a chart\'s data as tables)', () => {
  it('names columns after the axes and keeps one row per point, series by series', () => {
    const tables = optionTables({
      xAxis: { type: 'value', name: 'trial' },
      yAxis: { type: 'log', name: 'val_loss' },
      series: [
        { type: 'scatter', name: 'trial', data: [[0, 0.5], [1, 0.3], [2, 0.4]] },
        { type: 'line', name: 'best so far', data: [[0, 0.5], [1, 0.3], [2, 0.3]] },
        { type: 'line', name: 'nothing yet', data: [] },
      ],
    });
    expect(tables).toEqual([
      { caption: 'trial', columns: ['trial', 'val_loss'], rows: [[0, 0.5], [1, 0.3], [2, 0.4]] },
      { caption: 'best so far', columns: ['trial', 'val_loss'], rows: [[0, 0.5], [1, 0.3], [2, 0.3]] },
    ]);
  });

  it('ends with the lines marked across the chart, by name, axis and where they cross it (a round\'s start, the chance level)', () => {
    const tables = optionTables({
      xAxis: { type: 'value', name: 'trial' },
      yAxis: { type: 'value', name: 'val_loss' },
      series: [
        { type: 'scatter', name: 'trial', data: [[0, 0.7], [1, 0.68]], markLine: { data: [{ xAxis: 0.5, name: 'round 2' }] } },
        { type: 'line', name: 'best so far', data: [[0, 0.7], [1, 0.68]], markLine: { data: [{ yAxis: 0.6931, name: 'chance (always predicting the class frequencies)' }, { yAxis: 1 }] } },
      ],
    });
    expect(tables[2]).toEqual({
      caption: 'lines marked on the chart', columns: ['line', 'axis', 'at'],
      rows: [['round 2', 'trial', 0.5], ['chance (always predicting the class frequencies)', 'val_loss', 0.6931]],
    });
    expect(tables).toHaveLength(3);
  });

  it('reads { value, name } items, picks each series\' own axes, and lets series dimensions name extra values', () => {
    const tables = optionTables({
      xAxis: [{ name: 'lr' }, { name: 'epoch' }],
      yAxis: [{ name: 'val_loss' }, { name: 'loss' }],
      series: [
        { type: 'scatter', name: 'round 1', xAxisIndex: 1, yAxisIndex: 1, dimensions: ['x', 'y', 'objective', 'round'], data: [{ value: [0.01, 0.2, 0.2, 1], trial: 4, name: 'trial 4' }, { value: [0.1, null, 0.9, 1], trial: 5, name: 'trial 5' }] },
      ],
    });
    expect(tables).toEqual([{ caption: 'round 1', columns: ['name', 'x', 'y', 'objective', 'round'], rows: [['trial 4', 0.01, 0.2, 0.2, 1], ['trial 5', 0.1, null, 0.9, 1]] }]);
  });

  it('unpacks flat polylines ([n, x, y, …]) and { coords } lines into one row per point', () => {
    const flat = optionTables({
      xAxis: { name: 'epoch' }, yAxis: { name: 'val_loss' },
      series: [{ type: 'lines', name: 'all trials', polyline: true, data: new Float64Array([2, 1, 0.9, 2, 0.8, 1, 1, 0.7]) }],
    });
    expect(flat).toEqual([{ caption: 'all trials', columns: ['line #', 'epoch', 'val_loss'], rows: [[1, 1, 0.9], [1, 2, 0.8], [2, 1, 0.7]] }]);
    const named = optionTables({
      xAxis: { name: 'epoch' }, yAxis: { name: 'val_loss' },
      series: [{ type: 'lines', polyline: true, data: [{ coords: [[1, 0.5]], trial: 7 }, { coords: [[1, 0.6], [2, 0.4]], name: 'trial 8' }] }],
    });
    expect(named).toEqual([{ caption: 'series 1', columns: ['line', 'epoch', 'val_loss'], rows: [['trial 7', 1, 0.5], ['trial 8', 1, 0.6], ['trial 8', 2, 0.4]] }]);
  });

  it('uses parallel axes in their dim order and category axes for bars', () => {
    const parallel = optionTables({
      parallelAxis: [{ dim: 1, name: 'hiddenUnits' }, { dim: 0, name: 'lr' }, { dim: 2, name: 'val_loss' }],
      series: [{ type: 'parallel', name: 'trials', data: [[0.01, 64, 0.3]] }],
    });
    expect(parallel).toEqual([{ caption: 'trials', columns: ['lr', 'hiddenUnits', 'val_loss'], rows: [[0.01, 64, 0.3]] }]);
    const bars = optionTables({
      xAxis: { type: 'category', name: 'class', data: ['setosa', 'versicolor'] }, yAxis: { name: 'rows' },
      series: [{ type: 'bar', name: 'rows', data: [50, 48] }],
    });
    expect(bars).toEqual([{ caption: 'rows', columns: ['class', 'rows'], rows: [['setosa', 50], ['versicolor', 48]] }]);
  });
});
