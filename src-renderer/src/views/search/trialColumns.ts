import { durationText } from '../../../../src-core/format';
import { NCheckbox, NTag, NTooltip, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { SearchDetail, TrialSummary } from '../../../../src-core/api/contract';
import { isFailed } from '../../charts/options';
import { fmtColumn } from '../../charts/trials';
import { balancedApart, reportsAccuracy, statusWord, stopReasonText, trialTagClass, trialTone } from '../../model/status';

/** Roughly how wide a header's words are (px), so a column is never narrower than its title and no word breaks inside. */
const titleWidth = (title: string, sortable = true): number => Math.round(title.length * 7.6 + (sortable ? 46 : 30));

/** The trials table's columns: compare box, number, round (a strategy with rounds: `traits.rounds`), status, the objective (first click: best first, the arrow the way the values go; pruned trials after those that ran their course, later epochs first; before the knobs, so it shows however many knobs there are), each knob, the mean over seeds once re-run, metrics, time, when it started. */
/** The table's sort: the column's key and its order (the table is controlled, so a first click can put the best first). */
export type TrialSort = { key: string; order: 'ascend' | 'descend' | false } | null;

/**
 * The order a column's first click sorts in: best first for the objective and the mean over seeds
 * (named for the way the values go: 'ascend' minimized, 'descend' maximized), Naive UI's 'descend'
 * for the others. Naive UI itself starts every column it was not sorting by at 'descend', whatever
 * the column's customNextSortOrder says: the table's sorter update goes through this instead.
 */
export function firstSortOrder(d: Pick<SearchDetail, 'direction'>, key: string): 'ascend' | 'descend' {
  if (key === 'objective' || key === 'seedMean') return d.direction === 'maximize' ? 'descend' : 'ascend';
  return 'descend';
}

/** The sort after the table asks for `next` (a header clicked): a column newly sorted starts at its first order; the same column steps on. */
export function nextTrialSort(d: Pick<SearchDetail, 'direction'>, current: TrialSort, next: { columnKey: string | number; order: 'ascend' | 'descend' | false } | null): TrialSort {
  if (!next) return null;
  const key = String(next.columnKey);
  if (current?.key !== key || current.order === false) return { key, order: firstSortOrder(d, key) };
  return { key, order: next.order };
}

/**
 * The columns for the search `d` whose trials are `trials` (every one of them, whatever the filter
 * shows: a column's number format, fmtColumn's, is the same for all its values and does not change
 * as rows are filtered).
 */
export function trialColumns(d: SearchDetail, trials: readonly TrialSummary[], compare: number[], toggleCompare: (n: number) => void, seedMeans: Map<number, { mean: number; sd: number | null; n: number }> = new Map(), sort?: TrialSort): DataTableColumns<TrialSummary> {
  /** Badness: ascending puts the best first in either direction; no value sorts last. */
  const bad = (v: number | null | undefined): number => (v === null || v === undefined ? Infinity : d.direction === 'minimize' ? v : -v);
  const rank = (t: TrialSummary): number => bad(t.objective);
  /** Ascending badness; two missing values are equal (Infinity − Infinity would be NaN and scramble the sort). */
  const cmp = (x: number, y: number): number => (x === y ? 0 : x - y);
  const tier = (t: TrialSummary): number => (t.objective === null ? 2 : t.status === 'pruned' ? 1 : 0);
  /** The sort order that puts the best first, named for the way the values then go, and its reverse. */
  const bestFirst = d.direction === 'maximize' ? ('descend' as const) : ('ascend' as const);
  const worstFirst = bestFirst === 'ascend' ? ('descend' as const) : ('ascend' as const);
  /** The table multiplies the sorter by −1 for 'descend': a sorter read in bestFirst's order is the best-first comparison. */
  const sign = bestFirst === 'ascend' ? 1 : -1;
  /** A column of numbers: one format for the column (fmtColumn), right-aligned in tabular figures so the decimals line up. */
  const numbers = { align: 'right' as const, titleAlign: 'right' as const, className: 'num' };
  const objectiveText = fmtColumn(trials.map((t) => t.objective));
  const knobText = new Map(d.knobs.map((k) => [k.name, fmtColumn(trials.map((t) => t.knobs[k.name]))]));
  const meanText = fmtColumn([...seedMeans.values()].map((m) => m.mean));
  const accuracyText = fmtColumn(trials.map((t) => t.valAccuracy));
  const balancedText = fmtColumn(trials.map((t) => t.valBalancedAccuracy));
  // Balanced accuracy beside accuracy where it says something accuracy does not (classes of unequal sizes: on evenly split
  // classes the two are the same number) and it is not already the objective's column.
  const balanced = d.metric !== 'val_balanced_accuracy' && trials.some(balancedApart);
  const epochText = fmtColumn(trials.flatMap((t) => [t.bestEpoch, t.stoppedEpoch]));
  /** Trials started on more than one day (a search resumed the next morning): each start says its date too. */
  const startedOnDays = new Set(trials.flatMap((t) => (t.startedAt === null ? [] : [new Date(t.startedAt).toDateString()]))).size > 1;
  const cols: DataTableColumns<TrialSummary> = [
    {
      title: 'compare', key: 'compare', width: titleWidth('compare', false), align: 'center',
      render: (t) => h(NCheckbox, {
        checked: compare.includes(t.number), disabled: !compare.includes(t.number) && compare.length >= 4, 'aria-label': `compare trial ${t.number}`,
        onClick: (e: MouseEvent) => e.stopPropagation(), 'onUpdate:checked': () => toggleCompare(t.number),
      }),
    },
    { title: 'trial', key: 'number', sorter: (a, b) => a.number - b.number, width: titleWidth('trial'), ...numbers },
  ];
  if (d.traits.rounds) cols.push({ title: 'round', key: 'round', width: titleWidth('round'), sorter: (a, b) => a.round - b.round, ...numbers });
  cols.push(
    {
      title: 'status', key: 'status', width: 136,
      render: (t) => {
        const tag = h(NTag, { size: 'small', bordered: false, type: trialTone(t.status), class: trialTagClass(t.status) }, { default: () => statusWord(t.status) });
        return t.error ? h(NTooltip, { style: 'max-width: 420px' }, { trigger: () => tag, default: () => t.error }) : tag;
      },
    },
    {
      title: d.metric, key: 'objective', width: Math.max(104, titleWidth(d.metric)), ...numbers,
      // The first click sorts the best first, the second the worst first; the table's arrow shows the way the values go:
      // ↑ (ascend) for a minimized metric, ↓ (descend) for a maximized one, whose best-first order runs down from the largest.
      // The table reverses the sorter for 'descend', so a maximized metric's sorter is the best-first order reversed.
      customNextSortOrder: (order) => (!order ? bestFirst : order === bestFirst ? worstFirst : false),
      sorter: (a, b) => sign * (tier(a) - tier(b) || (b.prune?.step ?? 0) - (a.prune?.step ?? 0) || cmp(rank(a), rank(b))),
      render: (t) => (t.objective === null ? h('span', { class: isFailed(t) ? 'failed' : 'muted' }, isFailed(t) ? t.status : '–') : t.status === 'pruned' ? h('span', { class: 'muted', title: 'pruned: its best value before it was stopped' }, objectiveText(t.objective)) : h('b', objectiveText(t.objective))),
    },
    ...d.knobs.map((k) => {
      const title = k.name + (k.log ? ' (log)' : '');
      const text = knobText.get(k.name)!;
      return {
        title, key: `knob:${k.name}`, width: Math.max(96, titleWidth(title)), ...(k.type === 'float' || k.type === 'int' ? numbers : {}),
        sorter: (a: TrialSummary, b: TrialSummary) => (typeof a.knobs[k.name] === 'number' ? (a.knobs[k.name] as number) - (b.knobs[k.name] as number) : String(a.knobs[k.name]).localeCompare(String(b.knobs[k.name]))),
        render: (t: TrialSummary) => text(t.knobs[k.name]),
      };
    }),
    ...(seedMeans.size === 0 ? [] : [{
      title: 'mean over seeds', key: 'seedMean', width: titleWidth('mean over seeds'), ...numbers,
      // As the objective: the first click puts the best mean first (the trials without a re-run last), the arrow the way the means go.
      customNextSortOrder: (order: 'ascend' | 'descend' | false) => (!order ? bestFirst : order === bestFirst ? worstFirst : false),
      sorter: (a: TrialSummary, b: TrialSummary) => sign * cmp(bad(seedMeans.get(a.number)?.mean), bad(seedMeans.get(b.number)?.mean)),
      render: (t: TrialSummary) => {
        const m = seedMeans.get(t.number);
        return m ? h('span', { title: `over ${m.n} seed${m.n === 1 ? '' : 's'}` }, `${meanText(m.mean)}${m.sd !== null ? ` ± ${meanText(m.sd)}` : ''}`) : '';
      },
    }]),
    // Not beside an objective column that already is the validation accuracy.
    ...(!reportsAccuracy(d, trials) || d.metric === 'val_accuracy' ? [] : [{
      title: 'val acc', key: 'valAccuracy', width: titleWidth('val acc'), render: (t: TrialSummary) => accuracyText(t.valAccuracy),
      sorter: (a: TrialSummary, b: TrialSummary) => (a.valAccuracy ?? -1) - (b.valAccuracy ?? -1), ...numbers,
    }]),
    ...(!balanced ? [] : [{
      title: 'bal acc', key: 'valBalancedAccuracy', width: titleWidth('bal acc'), render: (t: TrialSummary) => h('span', { title: 'balanced accuracy: the mean over classes of the share of each class\'s validation rows answered right' }, balancedText(t.valBalancedAccuracy)),
      sorter: (a: TrialSummary, b: TrialSummary) => (a.valBalancedAccuracy ?? -1) - (b.valBalancedAccuracy ?? -1), ...numbers,
    }]),
    { title: 'best epoch', key: 'bestEpoch', width: titleWidth('best epoch', false), render: (t) => epochText(t.bestEpoch), ...numbers },
    { title: 'stopped', key: 'stoppedEpoch', width: titleWidth('stopped', false), render: (t) => epochText(t.stoppedEpoch), ...numbers },
    { title: 'stop reason', key: 'stopReason', width: 130, render: (t) => stopReasonText(t) },
    { title: 'time', key: 'durationS', width: 88, render: (t) => (t.durationS === null ? '' : durationText(t.durationS)), sorter: (a, b) => (a.durationS ?? 0) - (b.durationS ?? 0), ...numbers },
    {
      title: 'started', key: 'startedAt', width: startedOnDays ? 150 : titleWidth('started'), ...numbers,
      sorter: (a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''),
      render: (t) => (t.startedAt === null ? '' : h('span', { title: new Date(t.startedAt).toLocaleString() }, startedText(t.startedAt, startedOnDays))),
    },
  );
  // Controlled: every sortable column shows the table's one sort (given), none when there is none.
  if (sort !== undefined) for (const c of cols) if ('sorter' in c && c.sorter) (c as { sortOrder?: 'ascend' | 'descend' | false }).sortOrder = sort?.key === c.key ? sort.order : false;
  return cols;
}


/** When a trial started, in local time: "09:41:07", or with its date where the search ran on more than one day ("20 Nov 09:41:07"). */
export function startedText(iso: string, withDate: boolean): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return withDate ? `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}` : time;
}

/** The table's natural width: the sum of its columns (it scrolls sideways rather than squeeze them). */
export const columnsWidth = (cols: DataTableColumns<TrialSummary>): number => cols.reduce((n, c) => n + (('width' in c && typeof c.width === 'number' ? c.width : 100)), 0);
