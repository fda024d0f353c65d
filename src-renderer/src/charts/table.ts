/**
 * The data of a chart option as tables, one per series, so a chart's numbers can be read without
 * seeing the chart (Chart.vue's "Show data as table"). Reads the option the chart draws (axes,
 * parallel axes, series data in any of ECharts' forms: numbers, arrays, { value } items, flat
 * polylines), so the table always shows what the chart shows.
 */

/** One series as a table. */
export interface SeriesTable {
  caption: string;
  columns: string[];
  rows: (string | number | null)[][];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]);
const cell = (x: unknown): string | number | null => (typeof x === 'number' || typeof x === 'string' ? x : x === null || x === undefined ? null : String(x));
const axisName = (axis: unknown, fallback: string): string => (isObj(axis) && typeof axis.name === 'string' && axis.name ? axis.name : fallback);

/** Values of one data item: [x, y, …] for arrays and { value } items, [v] for a plain number. */
function valuesOf(item: unknown): unknown[] {
  if (isObj(item)) return 'value' in item ? list(item.value) : 'coords' in item ? [] : [];
  return Array.isArray(item) ? item : [item];
}

/** The polylines of a lines series: { coords } items, or ECharts' flat typed-array form [n, x, y, …]. */
function polylines(data: unknown): { name: string | null; trial: number | null; coords: number[][] }[] {
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const a = data as unknown as ArrayLike<number>;
    const out: { name: null; trial: null; coords: number[][] }[] = [];
    for (let i = 0; i < a.length; ) {
      const n = a[i++];
      const coords: number[][] = [];
      for (let k = 0; k < n; k++, i += 2) coords.push([a[i], a[i + 1]]);
      out.push({ name: null, trial: null, coords });
    }
    return out;
  }
  return list(data).filter(isObj).map((l) => ({
    name: typeof l.name === 'string' ? l.name : null,
    trial: typeof l.trial === 'number' ? l.trial : null,
    coords: list(l.coords).map((c) => list(c) as number[]),
  }));
}

/** Every series of the option that has data, as a table (areas and empty series left out), then the lines marked across the chart, named, as one table. */
export function optionTables(option: object): SeriesTable[] {
  const o = option as Obj;
  const xAxes = list(o.xAxis);
  const yAxes = list(o.yAxis);
  const parallelAxes = list(o.parallelAxis).filter(isObj).sort((a, b) => Number(a.dim ?? 0) - Number(b.dim ?? 0));
  const tables: SeriesTable[] = [];
  const all = list(o.series).filter(isObj);
  all.forEach((s, index) => {
    // The ink of another series' marks (pathMarks: a silent custom series of its name) is no data of its own.
    if (s.type === 'custom' && s.silent === true && all.some((x) => x !== s && x.name === s.name)) return;
    const caption = typeof s.name === 'string' && s.name ? s.name : `series ${index + 1}`;
    const xAxis = xAxes[Number(s.xAxisIndex ?? 0)] ?? xAxes[0];
    const yAxis = yAxes[Number(s.yAxisIndex ?? 0)] ?? yAxes[0];
    if (s.type === 'lines') {
      const lines = polylines(s.data);
      if (lines.length === 0) return;
      const labelled = lines.some((l) => l.name !== null || l.trial !== null);
      const columns = [labelled ? 'line' : 'line #', axisName(xAxis, 'x'), axisName(yAxis, 'y')];
      const rows = lines.flatMap((l, i) => l.coords.map((c) => [l.name ?? (l.trial !== null ? `trial ${l.trial}` : i + 1), cell(c[0]), cell(c[1])]));
      tables.push({ caption, columns, rows });
      return;
    }
    let data = list(s.data);
    if (data.length === 0) return;
    // A series drawn by a value of its own (`encode.x` past [x, y]: where a strip plot spreads a dot) shows what the dot stands for, not where it is drawn.
    const drawnAt = isObj(s.encode) && typeof s.encode.x === 'number' && s.encode.x >= 2 ? s.encode.x : null;
    if (drawnAt !== null) data = data.map((d) => (isObj(d) && 'value' in d ? { ...d, value: list(d.value).filter((_, i) => i !== drawnAt) } : Array.isArray(d) ? d.filter((_, i) => i !== drawnAt) : d));
    const named = data.some((d) => isObj(d) && typeof d.name === 'string');
    const width = Math.max(...data.map((d) => valuesOf(d).length));
    let columns: string[];
    if (s.type === 'parallel') columns = Array.from({ length: width }, (_, i) => axisName(parallelAxes[i], `axis ${i + 1}`));
    else {
      const categories = isObj(xAxis) && xAxis.type === 'category' && Array.isArray(xAxis.data) ? xAxis.data : null;
      if (categories && width === 1) {
        const rows = data.map((d, i) => [...(named ? [isObj(d) ? cell(d.name) : null] : []), cell(categories[i]), cell(valuesOf(d)[0])]);
        tables.push({ caption, columns: [...(named ? ['name'] : []), axisName(xAxis, 'category'), axisName(yAxis, 'value')], rows });
        return;
      }
      columns = [axisName(xAxis, 'x'), axisName(yAxis, 'y'), ...Array.from({ length: Math.max(0, width - 2) }, (_, i) => `value ${i + 3}`)];
      if (width === 1) columns = [axisName(yAxis, 'value')];
    }
    // Names the series gives its dimensions win over the axes' names.
    list(s.dimensions).forEach((d, i) => {
      const name = typeof d === 'string' ? d : isObj(d) && typeof d.name === 'string' ? d.name : null;
      if (name && i < columns.length) columns[i] = name;
    });
    const rows = data.map((d) => [...(named ? [isObj(d) ? cell(d.name) : null] : []), ...Array.from({ length: width }, (_, i) => cell(valuesOf(d)[i]))]);
    tables.push({ caption, columns: [...(named ? ['name'] : []), ...columns], rows });
  });
  // One series drawn in several (the pair chart's colour bands) reads as one table.
  const merged = tables.reduce<SeriesTable[]>((out, t) => {
    const last = out[out.length - 1];
    if (last && last.caption === t.caption && last.columns.join('\u0000') === t.columns.join('\u0000')) last.rows.push(...t.rows);
    else out.push(t);
    return out;
  }, []);
  const marked = markedLines(all, xAxes, yAxes);
  return marked.length > 0 ? [...merged, { caption: 'lines marked on the chart', columns: ['line', 'axis', 'at'], rows: marked }] : merged;
}

/** The named lines series mark across the chart (a coarse-to-fine round's start, the chance level): each with its axis and where it crosses it. */
function markedLines(series: Obj[], xAxes: unknown[], yAxes: unknown[]): (string | number | null)[][] {
  return series.flatMap((s) => {
    const mark = isObj(s.markLine) ? s.markLine : null;
    // An axis without a name (a knob's chart names its objective only in the series' dimensions) goes by the dimension's.
    const dims = list(s.dimensions).map((d) => (typeof d === 'string' ? d : isObj(d) && typeof d.name === 'string' ? d.name : null));
    return list(mark?.data).filter(isObj).flatMap((d) => {
      if (typeof d.name !== 'string') return [];
      if (typeof d.xAxis === 'number') return [[d.name, axisName(xAxes[Number(s.xAxisIndex ?? 0)] ?? xAxes[0], dims[0] ?? 'x'), d.xAxis]];
      if (typeof d.yAxis === 'number') return [[d.name, axisName(yAxes[Number(s.yAxisIndex ?? 0)] ?? yAxes[0], dims[1] ?? 'y'), d.yAxis]];
      return [];
    });
  });
}
