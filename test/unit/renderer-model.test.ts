import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary, SearchSummary, TrialSummary } from '../../src-core/api/contract';
import { drawableFeatures, firstFoldText, searchDataset } from '../../src-renderer/src/model/searchDataset';
import { fieldIssues, issuesAt } from '../../src-renderer/src/model/issues';
import { serialReads } from '../../src-renderer/src/model/serial';
import { DATASET_UNCHOSEN, defaultForm, formIssues, movingKnobs, overriddenBy, parseWidths, startForm, toSpec } from '../../src-renderer/src/model/specForm';
import { TRIAL_STATUSES } from '../../src-core/vocabulary';
import { durationText } from '../../src-core/format';
import { describeSearch, noValueSentence, plural, statusWord, stopSentence, trialTally, underway } from '../../src-renderer/src/model/status';
import { importanceNote, MIN_STEP_TRIALS, OFFERED_STEPS, offeredSteps } from '../../src-renderer/src/model/importance';
import { MIN_TRIALS } from '../../src-core/analysis/importance';
import { confusionTable, recallsByClass, shareCell, shareText } from '../../src-renderer/src/model/confusion';
import { shortNames } from '../../src-renderer/src/model/classNames';
import { answersText, caseVariantsText, loneClassesText, mojibakeText, numberClassesText, orderedScalesText } from '../../src-core/columns';
import { importProblems, isMissingCell, leftOutText, MISSING_CELLS, missingRowsOf, missingText, missingWordText, unitNumbersText } from '../../src-renderer/src/model/importPreview';
import { numberText, parseNumberText } from '../../src-renderer/src/model/numberText';
import { previewCsv, readCsv } from '../../src-core/data';
import { APP_SECTIONS, SEARCH_TABS, editorLink, intOf, intsOf, searchLink, tabOf, unknownTab } from '../../src-renderer/src/routes';
import { APP_PATH } from '../../src-main/server/server';
import { finishedCount } from '../../src-core/vocabulary';

/** A summary as the engine sends it: `finished` counted from `counts` as the Workbench counts it. */
const summary = (over: Partial<SearchSummary>): Pick<SearchSummary, 'status' | 'counts' | 'plannedTrials' | 'stopReason' | 'finished' | 'runElsewhere'> => {
  const s = { status: 'running' as const, counts: {}, plannedTrials: 20, stopReason: null, runElsewhere: null, ...over };
  return { ...s, finished: finishedCount(s.counts) };
};

describe('search status: one state, one text', () => {
  it('a resumed search says running, never its old "paused" stop reason', () => {
    const st = describeSearch(summary({ status: 'running', stopReason: 'paused', counts: { complete: 6, running: 2, queued: 2 } }));
    expect(st.label).toBe('running');
    expect(st.sentence).toBe('Running: 6 trials of 20 finished, 2 training.');
    expect(st.sentence).not.toMatch(/paused/);
    expect([st.canPause, st.canResume, st.canStop]).toEqual([true, false, true]);
  });

  it('a search another process runs says which and where to pause it, and offers no pause or stop of its own', () => {
    const st = describeSearch(summary({ status: 'running', counts: { complete: 6, running: 1 }, runElsewhere: 4242 }));
    expect(st.label).toBe('running');
    expect(st.sentence).toBe('Running in another process (pid 4242, such as "knobs run" in a terminal): 6 trials of 20 finished, 1 training. Pause it there with Ctrl+C.');
    expect([st.canPause, st.canResume, st.canStop]).toEqual([false, false, false]);
    expect([plural(1, 'trial'), plural(0, 'trial'), plural(2, 'epoch')]).toEqual(['1 trial', '0 trials', '2 epochs']);
  });

  it('a stopped (cancelled) search can be resumed: it says how many trials are left and that cut ones run again', () => {
    const st = describeSearch(summary({ status: 'cancelled', stopReason: 'stopped by the user', counts: { complete: 5, failed: 1, cancelled: 2 } }));
    expect(st.label).toBe('stopped');
    expect(st.sentence).toBe('Stopped by you after 6 trials. Resume runs the 14 trials left (2 cut short, again from the start).');
    expect([st.canPause, st.canResume, st.canStop]).toEqual([false, true, false]);
    expect(st.left).toBe(14);
    // Read-only, Resume is turned off: the sentence says what is left and who can run it.
    const ro = describeSearch(summary({ status: 'cancelled', stopReason: 'stopped by the user', counts: { complete: 5, failed: 1, cancelled: 2 } }), { readOnly: true });
    expect(ro.sentence).toBe('Stopped by you after 6 trials. 14 trials left (2 cut short, again from the start): a writable copy of the database can resume them.');
    expect(describeSearch(summary({ status: 'queued', counts: {} }), { readOnly: true }).sentence).toBe('Not started: 20 trials planned; a writable copy of the database can start it.');
    expect(describeSearch(summary({ status: 'interrupted', counts: { complete: 19 } }), { readOnly: true }).sentence).toBe('Interrupted: Knobs was closed while it ran. 1 trial left: a writable copy of the database can resume it.');
  });

  it('paused, interrupted and failed searches resume; complete ones do not; counts of queued trials are not "finished"', () => {
    expect(describeSearch(summary({ status: 'paused', counts: { complete: 3, interrupted: 1 } }))).toMatchObject({ label: 'paused', canResume: true, left: 17 });
    expect(describeSearch(summary({ status: 'interrupted', counts: { complete: 3, interrupted: 2 } })).sentence).toMatch(/^Interrupted: Knobs was closed while it ran\. Resume runs the 17 trials left \(2 cut short/);
    expect(describeSearch(summary({ status: 'failed', stopReason: 'disk full', counts: { complete: 3 } }))).toMatchObject({ label: 'failed', canResume: true });
    expect(describeSearch(summary({ status: 'complete', stopReason: 'budget of 20 trials reached', counts: { complete: 20 } }))).toMatchObject({
      label: 'complete', sentence: 'Complete: budget of 20 trials reached.', canResume: false, canStop: false, canPause: false,
    });
    expect(trialTally(summary({ counts: { complete: 2, diverged: 1, early_stopped: 1, failed: 1, queued: 3, running: 2 } }))).toEqual({ finished: 5, interrupted: 0, cancelled: 0, running: 5, training: 2, left: 15 });
    // Under way: training or waiting for a worker; every other trial status has ended.
    expect(TRIAL_STATUSES.filter((status) => underway({ status }))).toEqual(['queued', 'running']);
    // A search created without starting it: Start.
    expect(describeSearch(summary({ status: 'queued', counts: {} }))).toMatchObject({ label: 'not started', resumeLabel: 'Start', canResume: true, canStop: false });
    expect(describeSearch(summary({ status: 'queued', counts: { queued: 2 } }))).toMatchObject({ label: 'starting', resumeLabel: 'Resume', canResume: false });
    // A paused search with every trial done has nothing to resume.
    expect(describeSearch(summary({ status: 'paused', counts: { complete: 20 } })).canResume).toBe(false);
  });

  it('trial statuses and stop reasons in words; a trial with no finite loss has no best epoch, and says so', () => {
    expect(['early_stopped', 'complete', 'max_epochs', 'early_stopping'].map(statusWord)).toEqual(['early stopped', 'complete', 'max epochs', 'early stopping']);
    const t = { bestEpoch: 9, status: 'early_stopped', objective: 0.3, valLoss: 0.3, trainLoss: 0.2, stoppedEpoch: 12, stopReason: 'early_stopping', prune: null } as const;
    expect(stopSentence(t)).toBe('stopped at epoch 12 (early stopping), best epoch 9');
    expect(stopSentence({ ...t, stopReason: 'max_epochs', stoppedEpoch: 20 })).toBe('stopped at epoch 20 (max epochs), best epoch 9');
    // Search 1 trial 10 of the audit: diverged at epoch 1, so the engine records no best epoch.
    const diverged = { ...t, status: 'diverged', objective: null, valLoss: null, trainLoss: null, bestEpoch: null, stoppedEpoch: 1, stopReason: 'diverged' } as const;
    expect(stopSentence(diverged)).toBe('stopped at epoch 1 (diverged), no epoch with a finite loss');
    expect(stopSentence({ ...diverged, trainLoss: 4.2 })).toBe('stopped at epoch 1 (diverged), no epoch with a finite validation loss');
    // A trial that diverged later kept the best of its finite epochs.
    expect(stopSentence({ ...diverged, bestEpoch: 3, stoppedEpoch: 5 })).toBe('stopped at epoch 5 (diverged), best epoch 3');
  });

  it('why no trial has a value to show: none ended yet, or how each ended (a search whose every trial diverged is complete, not waiting)', () => {
    const t = (status: TrialSummary['status'], objective: number | null = null) => ({ status, objective });
    expect(noValueSentence([t('diverged'), t('diverged')], 'val_loss')).toBe('No trial has a val_loss (2 diverged).');
    expect(noValueSentence([t('diverged'), t('failed'), t('running')], 'val_loss')).toBe('No trial has a val_loss yet (1 diverged, 1 failed).');
    expect(noValueSentence([t('running'), t('queued')], 'val_accuracy')).toBe('None finished yet.');
    expect(noValueSentence([], 'val_loss')).toBe('None finished yet.');
    expect(noValueSentence([t('diverged'), t('complete', 0.4)], 'val_loss')).toBeNull();
    expect(noValueSentence([t('pruned', 0.4)], 'val_loss')).toBeNull();
  });

  it('durations as every view and the CLI write them (src-core/format.ts durationText): ms under a second, seconds, minutes, hours', () => {
    expect([durationText(42), durationText(200), durationText(3840)]).toEqual(['42 s', '3 min 20 s', '1 h 4 min']);
    expect([durationText(0.2134), durationText(3.44), durationText(9.96), durationText(Infinity)]).toEqual(['213 ms', '3.4 s', '10 s', '–']);
    expect([durationText(0.0123), durationText(0.4), durationText(3.21), durationText(42.4), durationText(125), durationText(null)]).toEqual(['12 ms', '400 ms', '3.2 s', '42 s', '2 min 5 s', '–']);
  });

  it('a trial faster than the clock reads "< 1 ms", never "0 ms"; no rounding up to "1000 ms" or "60 s"', () => {
    expect([durationText(0), durationText(0.0001), durationText(0.0004999), durationText(0.0005), durationText(0.0012)]).toEqual(['< 1 ms', '< 1 ms', '< 1 ms', '1 ms', '1 ms']);
    expect([durationText(0.9996), durationText(9.97), durationText(59.7), durationText(119.7)]).toEqual(['1.0 s', '10 s', '1 min 0 s', '2 min 0 s']);
    expect(durationText(null)).toBe('–');
    // Past an hour the minutes round: 7,170 s is never "1 h 60 min", 7,229 s not "2 h 0 min 29 s".
    expect([durationText(3599.4), durationText(3600), durationText(7529), durationText(7170), durationText(7229), durationText(39_700)]).toEqual(['59 min 59 s', '1 h 0 min', '2 h 5 min', '2 h 0 min', '2 h 0 min', '11 h 2 min']);
  });
});

describe('the editor form: one template, knobs that move, precise messages', () => {
  it('every entry point starts from the same template: lr and hidden units move, the budget follows the strategy', () => {
    const plain = startForm();
    const onData = startForm({ dataset: { builtin: 'wine' }, project: 'p' });
    expect(onData.knobs).toEqual(plain.knobs);
    expect(plain.knobs.map((k) => k.key)).toEqual(['lr', 'hiddenUnits']);
    expect(onData.dataset).toMatchObject({ kind: 'builtin', name: 'wine' });
    expect(onData.project).toBe('p');
    expect(plain.budget.trials).toBeNull();
    expect(movingKnobs(plain)).toEqual(['lr', 'hiddenUnits']);
    const csv = startForm({ dataset: { csv: '/data/rings.csv', target: 'label', task: 'classification' } });
    expect(csv.dataset).toMatchObject({ kind: 'csv', csv: '/data/rings.csv', target: 'label', task: 'classification' });
    expect(toSpec(csv).dataset).toEqual({ csv: '/data/rings.csv', target: 'label', task: 'classification' });
  });

  it('knobs that do not move: none, low = high, one value', () => {
    const f = defaultForm();
    f.knobs = [
      { key: 'lr', type: 'float', low: 0.01, high: 0.01, log: true, values: '' },
      { key: 'optimizer', type: 'categorical', low: null, high: null, log: false, values: 'adam' },
      { key: 'dropout', type: 'float', low: 0, high: 0.5, log: false, values: '0.2, 0.2' },
      { key: '', type: 'float', low: 0, high: 1, log: false, values: '' },
    ];
    expect(movingKnobs(f)).toEqual([]);
    f.knobs[1].values = 'adam, sgd';
    expect(movingKnobs(f)).toEqual(['optimizer']);
  });

  it('"64, abc" in hidden layers names the bad word and what is valid, at train.hiddenLayers', () => {
    expect(parseWidths('64, 64')).toEqual({ widths: [64, 64], error: null });
    expect(parseWidths('64, abc').error).toBe('“abc” is not a width: write whole numbers of units, one per layer, e.g. 64, 64');
    expect(parseWidths('0 1.5').error).toMatch(/^“0”, “1.5” are not widths/);
    const f = defaultForm();
    f.train.hiddenLayers = '64, abc';
    expect(formIssues(f)).toEqual([{ path: 'train.hiddenLayers', message: '“abc” is not a width: write whole numbers of units, one per layer, e.g. 64, 64' }]);
  });

  it('source "imported" with none chosen: one plain issue at dataset, none once chosen', () => {
    const f = defaultForm();
    f.dataset = { ...f.dataset, kind: 'csv', csv: '', target: '' };
    expect(formIssues(f)).toEqual([{ path: 'dataset', message: DATASET_UNCHOSEN }]);
    f.dataset = { ...f.dataset, kind: 'csv', csv: '/data/rings.csv', target: 'label' };
    expect(formIssues(f)).toEqual([]);
    f.dataset = { ...f.dataset, kind: 'builtin', csv: '' };
    expect(formIssues(f)).toEqual([]);
  });

  it('a fixed field a knob moves is marked with that knob', () => {
    const f = defaultForm();
    expect(overriddenBy(f, 'lr')).toBe('lr');
    expect(overriddenBy(f, 'hiddenLayers')).toBe('hiddenUnits');
    expect(overriddenBy(f, 'epochs')).toBeNull();
    f.knobs = [{ key: 'earlyStopping', type: 'categorical', low: null, high: null, log: false, values: 'true, false' }];
    expect(overriddenBy(f, 'patience')).toBe('earlyStopping');
  });

  it('issue strings carry their field path; structured issues pass through', () => {
    const issues = fieldIssues([
      'space.lr: a log knob needs low > 0 (got 0)',
      'strategy.keepTop (5) must not exceed trialsPerRound (3)',
      'train.hiddenLayers[1]: expected number, received null',
      'strategy: the grid would have 90000 points',
      'Knobs is not reachable',
      { path: 'budget.trials', message: 'must be at least 1' },
    ]);
    expect(issues).toEqual([
      { path: 'space.lr', message: 'a log knob needs low > 0 (got 0)' },
      { path: 'strategy.keepTop', message: 'strategy.keepTop (5) must not exceed trialsPerRound (3)' },
      { path: 'train.hiddenLayers[1]', message: 'expected number, received null' },
      { path: 'strategy', message: 'the grid would have 90000 points' },
      { path: '', message: 'Knobs is not reachable' },
      { path: 'budget.trials', message: 'must be at least 1' },
    ]);
    expect(issuesAt(issues, 'train.hiddenLayers').map((i) => i.path)).toEqual(['train.hiddenLayers[1]']);
    expect(issuesAt(issues, 'strategy').map((i) => i.path)).toEqual(['strategy.keepTop', 'strategy']);
    expect(issuesAt(fieldIssues(['trainer: x']), 'train')).toEqual([]);
  });
});

describe('routes: every place has a path the server answers', () => {
  it('links to a search tab, a trial drawer, a compare set and the editor entry points', () => {
    expect(searchLink(12, 'space', { trial: 7 })).toEqual({ name: 'search', params: { id: '12', tab: 'space' }, query: { trial: '7' } });
    expect(searchLink(12)).toEqual({ name: 'search', params: { id: '12', tab: '' }, query: {} });
    expect(searchLink(3, 'compare', { trials: [1, 4] })).toMatchObject({ query: { trials: '1,4' } });
    expect(editorLink({ dataset: 'digits' })).toEqual({ name: 'editor', query: { dataset: 'digits' } });
    expect(editorLink({ from: 5 })).toEqual({ name: 'editor', query: { from: '5' } });
    expect([tabOf('curves'), tabOf('nope'), tabOf(undefined)]).toEqual(['curves', 'overview', 'overview']);
    // A word that names no tab is told apart from no word at all (the search's overview, no note).
    expect([unknownTab('bogus'), unknownTab(['seedz']), unknownTab('trials'), unknownTab(''), unknownTab(undefined)]).toEqual(['bogus', 'seedz', null, null, null]);
    expect([intOf('12'), intOf('1e3'), intOf(['4']), intOf(undefined)]).toEqual([12, null, 4, null]);
    expect(intsOf('3,x,7')).toEqual([3, 7]);
  });

  it('knobs serve answers every place of the router with the page, and nothing else', () => {
    const places: Record<(typeof APP_SECTIONS)[number], string[]> = {
      projects: ['/projects/3'],
      // A word that is no tab gets the page too, which names the tabs there are.
      searches: ['/searches/12', ...SEARCH_TABS.map((t) => `/searches/12/${t}`), '/searches/12/bogus', '/searches/12/seed-spread'],
      datasets: ['/datasets/digits', '/datasets/my%20rings.v2'],
      compare: ['/compare'], import: ['/import'], new: ['/new'], experiments: ['/experiments'], playground: ['/playground'],
    };
    for (const s of APP_SECTIONS) for (const p of places[s]) expect(APP_PATH.test(p), p).toBe(true);
    for (const p of ['/', '/index.html', '/assets/index.js', '/api/projects.list', '//etc/passwd', '/..%2fsecret.txt', '/searchesX/1', '/searches/12/assets/x.js', '/searches/12/x.js', '/searches/12/a/b', '/projects/x', '/datasets/a/b', '/favicon.ico']) {
      expect(APP_PATH.test(p), p).toBe(false);
    }
  });
});

describe('serial reads: one at a time, the last asked always applied', () => {
  it('never overlaps reads, reads once more for any number of asks during one, and resolves after a read begun after the ask', async () => {
    const log: string[] = [];
    let gate: () => void = () => {};
    let reads = 0;
    let inFlight = 0;
    const read = serialReads(async () => {
      const n = ++reads;
      inFlight++;
      expect(inFlight).toBe(1);
      log.push(`begin ${n}`);
      await new Promise<void>((r) => (gate = r));
      log.push(`end ${n}`);
      inFlight--;
    });
    const first = read();
    await Promise.resolve();
    const second = read();
    const third = read();
    expect(second).toBe(third);
    expect(log).toEqual(['begin 1']);
    gate();
    await new Promise((r) => setTimeout(r, 0));
    // The asks made during read 1 are answered by one read begun after them.
    expect(log).toEqual(['begin 1', 'end 1', 'begin 2']);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(secondDone).toBe(false);
    gate();
    await Promise.all([first, second]);
    expect(secondDone).toBe(true);
    expect(log).toEqual(['begin 1', 'end 1', 'begin 2', 'end 2']);
    // Idle again: the next ask reads at once; a read that throws still frees the next one.
    const fourth = read();
    expect(log.at(-1)).toBe('begin 3');
    gate();
    await fourth;
    const failing = serialReads(async () => {
      throw new Error('refused');
    });
    await expect(failing()).rejects.toThrow('refused');
    await expect(failing()).rejects.toThrow('refused');
  });
});

describe('numbers typed in the editor: small bounds kept as typed', () => {
  it('1e-7, 0.0000001, 1E-10 and 2.5e-8 are those numbers, never 0', () => {
    expect(['1e-7', '0.0000001', '1E-10', '2.5e-8', ' 1e-8 ', '.5', '-3', '+4', '1e+3', '0.000001'].map(parseNumberText)).toEqual([1e-7, 1e-7, 1e-10, 2.5e-8, 1e-8, 0.5, -3, 4, 1000, 0.000001]);
  });
  it('an empty box is null; a half-typed or wrong one is no number yet', () => {
    expect(parseNumberText('')).toBeNull();
    expect(parseNumberText('  ')).toBeNull();
    for (const t of ['1e-', '-', '.', 'e5', 'abc', '0x10', 'Infinity', '1,5', '1e-7x', '1e400']) expect(parseNumberText(t), t).toBeUndefined();
  });
  it('shown back as JavaScript writes them: what the JSON holds', () => {
    expect([1e-7, 1e-10, 0.0001, 256, null].map(numberText)).toEqual(['1e-7', '1e-10', '0.0001', '256', '']);
    for (const v of [1e-7, 3.3e-9, 0.000123, 1e-10]) expect(parseNumberText(numberText(v))).toBe(v);
  });
});

describe('the importance panel\'s words', () => {
  const imp = { trials: 12, leftOut: 0, transform: 'rank' as const };
  it('says which values ranking keeps from deciding, per metric', () => {
    expect(importanceNote(imp, 'val_loss', 'minimize')).toBe('Over 12 trials; the objective enters by its rank, so a few huge losses do not decide it.');
    expect(importanceNote(imp, 'val_rmse', 'minimize')).toBe('Over 12 trials; the objective enters by its rank, so a few huge errors do not decide it.');
    expect(importanceNote(imp, 'val_accuracy', 'maximize')).toBe('Over 12 trials; the objective enters by its rank, so a few trials with a very low accuracy do not decide it.');
    expect(importanceNote(imp, 'val_r2', 'maximize')).toBe('Over 12 trials; the objective enters by its rank, so a few trials with an R² far below 0 do not decide it.');
    for (const m of ['val_accuracy', 'val_r2']) expect(importanceNote(imp, m, 'maximize')).not.toMatch(/loss/);
    expect(importanceNote({ ...imp, transform: 'none' }, 'val_loss', 'minimize')).toBe('Over 12 trials; the objective enters as measured.');
  });
  it('counts in the right number: 1 trial that did not run to its end, 2 that did not run to their end', () => {
    expect(importanceNote({ ...imp, trials: 1, leftOut: 1 }, 'val_loss', 'minimize')).toMatch(/^Over 1 trial \(1 trial that did not run to its end — failed, diverged or pruned — left out\);/);
    expect(importanceNote({ ...imp, leftOut: 2 }, 'val_loss', 'minimize')).toMatch(/^Over 12 trials \(2 trials that did not run to their end — /);
  });
  it('at a pruner\'s step: the trials that reached it, pruned or not, by their best value there; a k-fold search\'s fold named, the first too', () => {
    expect(importanceNote({ ...imp, trials: 25, leftOut: 35, step: { step: 3, fold: 0, folds: 1, epoch: 3, trials: 25 } }, 'val_loss', 'minimize')).toBe(
      'At epoch 3: over the 25 trials that reached it, pruned or not, each by its best val_loss so far there (35 other trials left out: stopped before it, failed or diverged); ' +
      'the objective enters by its rank, so a few huge losses do not decide it. The Search space tab\'s lines stay those of the trials that ran to their end.');
    expect(importanceNote({ ...imp, trials: 9, leftOut: 1, step: { step: 16, fold: 1, folds: 3, epoch: 8, trials: 9 } }, 'val_accuracy', 'maximize')).toMatch(/^At epoch 8 of fold 2: over the 9 trials that reached it, pruned or not, each by its best val_accuracy so far there \(1 other trial left out: /);
    expect(importanceNote({ ...imp, trials: 9, leftOut: 1, step: { step: 3, fold: 0, folds: 3, epoch: 3, trials: 9 } }, 'val_accuracy', 'maximize')).toMatch(/^At epoch 3 of fold 1: over the 9 trials/);
    expect(importanceNote({ ...imp, step: null }, 'val_loss', 'minimize')).toMatch(/^Over 12 trials;/);
  });
  it('offers the steps more trials reached than ran to their end (at least 4), at most five spread evenly, the first and last kept', () => {
    const step = (s: number, trials: number) => ({ step: s, fold: 0, folds: 1, epoch: s, trials });
    // ASHA: rungs 1, 3, 9, 27; 6 trials ran to their end, 8 reached rung 27, 6 would say nothing new.
    expect(offeredSteps([step(1, 60), step(3, 25), step(9, 12), step(27, 8)], 6).map((s) => s.step)).toEqual([1, 3, 9, 27]);
    expect(offeredSteps([step(1, 60), step(3, 25), step(9, 12), step(27, 6)], 6).map((s) => s.step)).toEqual([1, 3, 9]);
    expect(offeredSteps([step(1, 3), step(3, 2)], 0)).toEqual([]);
    // A median pruner watching every epoch from 3 to 99: five of them, evenly.
    const every = Array.from({ length: 97 }, (_, i) => step(i + 3, 100 - i));
    expect(offeredSteps(every, 2).map((s) => s.step)).toEqual([3, 27, 51, 75, 99]);
    expect(OFFERED_STEPS).toBe(5);
    expect(MIN_STEP_TRIALS).toBe(MIN_TRIALS);
  });
});

describe('the import preview marks the cells the engine reads as missing', () => {
  const variants = (): string[] => MISSING_CELLS.flatMap((m) => [m, m.toUpperCase()]).filter((m) => m !== '');
  it('each spelling it marks (in any case) is one the engine counts as missing; ordinary cells are not', () => {
    for (const v of variants()) {
      expect(isMissingCell(v), v).toBe(true);
      expect(previewCsv(`a,b\n${v.includes(',') ? `"${v}"` : v},1\n2,3\n`).missing[0], `the engine reads "${v}" as missing`).toBe(1);
    }
    expect(previewCsv('a,b\n,1\n2,3\n').missing[0]).toBe(1);
    expect(isMissingCell('')).toBe(true);
    for (const v of ['0', 'x', '-', 'n', 'nana', 'none1', '0.0']) {
      expect(isMissingCell(v), v).toBe(false);
      expect(previewCsv(`a,b\n${v},1\n2,3\n`).missing[0], v).toBe(0);
    }
  });

  it('a word the file means as a value (notMissing) is marked as the engine reads it; the empty cell stays missing', () => {
    for (const v of variants()) {
      const asValue = isMissingCell(v, [v.toLowerCase()]);
      expect(asValue, v).toBe(false);
      expect(previewCsv(`a,b\n${v},1\n2,3\n`, 20, {}).missing[0]).toBe(1);
      expect(readCsv(`a,b\n${v},1\n2,3\n`, { notMissing: [v] }).missing[0], `the engine reads "${v}" as a value`).toBe(0);
    }
    expect(isMissingCell('', ['none'])).toBe(true);
    expect(isMissingCell('NA', ['none'])).toBe(true);
  });

  it('each word is said with its cells and up to three columns', () => {
    expect(missingWordText({ written: 'none', cells: 1, columns: ['symptoms'] })).toBe('“none” (1 cell, in “symptoms”)');
    expect(missingWordText({ written: 'NA', cells: 12000, columns: ['a', 'b', 'c', 'd', 'e'] })).toBe('“NA” (12000 cells, in “a”, “b”, “c” and 2 more)');
  });
});

describe('the import preview\'s words on columns left out and rows missing a value, from the engine\'s preview', () => {
  const text = readFileSync(join(__dirname, '../fixtures/csv/passengers.csv'), 'utf8');

  it('groups the columns left out by why, the unticked ones last; says nothing when every column is used', () => {
    const p = previewCsv(text, 5, { target: 'Survived' });
    expect(leftOutText(p, p.exclude)).toBe('Left out of the features: “PassengerId”, “Name”, “Ticket” (each a different value in every row, like an identifier: it tells the model nothing about a new row); ' +
      '“Cabin” (missing in 45 of 60 rows). Tick a column in the table to use it.');
    expect(leftOutText(p, ['Name', 'Fare'])).toBe('Left out of the features: “Name” (a different value in every row, like an identifier: it tells the model nothing about a new row); “Fare” (unticked). Tick a column in the table to use it.');
    expect(leftOutText(p, [])).toBeNull();
    // A wide file: eight names per reason, the rest counted.
    const header = ['t', ...Array.from({ length: 30 }, (_, c) => `s${c}`), ...Array.from({ length: 3 }, (_, c) => `x${c}`)];
    const wide = { ...p, header, totalRows: 100, missing: header.map((h) => (h.startsWith('s') ? 80 : 0)), leaveOut: header.map((h) => (h.startsWith('s') ? 'mostly-missing' as const : null)) };
    expect(leftOutText(wide, header.slice(1))).toBe('Left out of the features: “s0”, “s1”, “s2”, “s3”, “s4”, “s5”, “s6”, “s7” and 22 more (each missing in more than half of the 100 rows); “x0”, “x1”, “x2” (unticked). Tick a column in the table to use it.');
  });

  it('names the columns still used that miss values, and the rows that miss one, as the engine counts them', () => {
    const p = previewCsv(text, 5, { target: 'Survived' });
    expect(missingText(p, p.exclude)).toBe('Missing values in columns “Age” (9, the first in row 4), “Embarked” (2, the first in row 13): 11 of 60 rows miss a value. ' +
      'Knobs does not fill values in: drop those rows, or untick a column in the table to leave it out; otherwise Import refuses the file.');
    const fewer = previewCsv(text, 5, { target: 'Survived', exclude: [...p.exclude, 'Age'] });
    expect(missingText(fewer, fewer.exclude)).toMatch(/^Missing values in column “Embarked” \(2, the first in row 13\): 2 of 60 rows miss a value\./);
    const none = previewCsv(text, 5, { target: 'Survived', exclude: [...p.exclude, 'Age', 'Embarked'] });
    expect([missingText(none, none.exclude), none.missingRows]).toEqual([null, 0]);
    // Thirty columns with gaps: six named, the rest counted.
    const wide = previewCsv(['t,' + Array.from({ length: 30 }, (_, c) => `f${c}`).join(','), ...Array.from({ length: 40 }, (_, r) => `${r % 2},` + Array.from({ length: 30 }, (_, c) => (r === c ? 'NA' : '1')).join(','))].join('\n'), 1, { target: 't' });
    expect(missingText(wide, [])).toMatch(/^Missing values in columns “f0” \(1, the first in row 2\), “f1” .* “f5” \(1, the first in row 7\) and 24 more: 30 of 40 rows miss a value\./);
  });

  it('numbers with text in some cells: left out with their texts and rows; used (ticked, or a regression\'s target), a problem before Import', () => {
    const mixed = 'x,rooms,price,t\n' + Array.from({ length: 12 }, (_, i) =>
      `${i === 1 ? 'inf' : i === 4 ? '#DIV/0!' : i === 6 ? 'x' : i === 9 ? 'inf' : i},${i === 2 ? 'seven' : 1 + (i % 4)},${i === 3 ? '#VALUE!' : 10 + i / 4},${i % 2}`).join('\n');
    const p = previewCsv(mixed, 5, { target: 't' });
    expect(leftOutText(p, p.exclude)).toBe('Left out of the features: “x” (numbers but for 4 cells, the first “inf” in row 3, “#DIV/0!” in row 6 and “x” in row 8), ' +
      '“rooms” (numbers but for “seven” in row 4), “price” (numbers but for “#VALUE!” in row 5): write those cells as numbers, or empty them, to use them. Tick a column in the table to use it.');
    expect(importProblems(p, 't', 'classification', p.exclude)).toEqual([]);
    // "rooms" ticked again: Import would refuse it, said before.
    expect(importProblems(p, 't', 'classification', ['x', 'price'])).toEqual([
      '“rooms” holds numbers but for “seven” in row 4: as a feature it must hold numbers only, so Import refuses it. Write those cells as numbers, or empty them and drop their rows, or untick the column.',
    ]);
    // "price" as a regression's target; as classes its texts are classes, and nothing is said.
    const q = previewCsv(mixed, 5, { target: 'price' });
    expect(q.task).toBe('regression');
    expect(importProblems(q, 'price', 'regression', q.exclude)).toEqual([
      '“price” holds numbers but for “#VALUE!” in row 5: as the target of a regression it must hold numbers only, so Import refuses it. Write those cells as numbers, or empty them and drop their rows.',
    ]);
    expect(importProblems(q, 'price', 'classification', q.exclude)).toEqual([]);
  });

  it('a target of nearly as many classes as rows: at least 2·classes − rows alone in their class, said under the task; not for a regression or a few classes', () => {
    const took = previewCsv('age,took\n' + Array.from({ length: 40 }, (_, i) => `${20 + i},${i < 36 ? `0:${String(i).padStart(2, '0')}:00` : 'long'}`).join('\n'), 1, { target: 'took' });
    const column = took.columns.find((c) => c.name === 'took');
    expect(loneClassesText(column, took.totalRows, 'classification', '')).toBe('“took” holds 37 classes in 40 rows, at least 34 in a single row: a validation row whose class no training row has cannot be answered right, so no trial can do well. ' +
      'A different text in nearly every row (a name, a time, a code) is no class to learn: choose another target, or, if it is a quantity, write it as numbers.');
    expect(loneClassesText({ name: 'id', distinct: 30, missing: 0 }, 30, 'classification', '"task": "regression"')).toMatch(/^“id” holds 30 classes in 30 rows, each in a single row: .* write it as numbers and read it as a regression \("task": "regression"\)\.$/);
    expect(loneClassesText(column, took.totalRows, 'regression', '')).toBeNull();
    expect(loneClassesText({ name: 'c', distinct: 12, missing: 0 }, 100, 'classification', '')).toBeNull();
  });

  it('answers of an ordered scale in words: the columns, the scale, the numbers that keep its order', () => {
    const agree = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];
    expect(orderedScalesText([{ column: 'q1', levels: agree }, { column: 'q2', levels: agree }], 't')).toBe('“q1”, “q2” hold answers of an ordered scale (Strongly disagree … Strongly agree): ' +
      'read as text, each answer is a feature of its own and their order is lost. Written as numbers in the file (1 for “Strongly disagree”, 2 for “Disagree”, 3 for “Neutral”, 4 for “Agree”, 5 for “Strongly agree”), a model reads the order.');
    expect(orderedScalesText([{ column: 'pain', levels: ['never', 'sometimes', 'often'] }, { column: 'q1', levels: agree }], 'q1'))
      .toBe('“pain”, “q1” (the target) hold answers of an ordered scale (“pain”: never … often): read as text, each answer is a class or feature of its own and their order is lost. ' +
        'Written as numbers in the file (“pain”: 1 for “never”, 2 for “sometimes”, 3 for “often”), a model reads the order.');
    expect(orderedScalesText([], 't')).toBeNull();
  });

  it('mojibake in words: a cell with how many more of its column, or a column name', () => {
    expect(mojibakeText({ column: 'city', written: 'MÃ¼nchen', meant: 'München', cells: 20 })).toBe('“MÃ¼nchen” in “city” (and 19 more cells of it) reads as “München” garbled: ' +
      'UTF-8 text that a program took for Windows-1252 and saved again, so each such text is a value of its own beside one written right. Export the file again from where it came from, as UTF-8, or open it as UTF-8 before saving it.');
    expect(mojibakeText({ column: 'city', written: 'MÃ¼nchen', meant: 'München', cells: 2 })).toMatch(/^“MÃ¼nchen” in “city” \(and 1 more cell of it\) reads/);
    expect(mojibakeText({ column: 'GrÃ¶ÃŸe', written: 'GrÃ¶ÃŸe', meant: 'Größe', cells: 0 })).toMatch(/^“GrÃ¶ÃŸe” as a column name reads as “Größe” garbled: .* saved again, and the file's cells may be so too\./);
    expect(mojibakeText(null)).toBeNull();
  });

  it('times of day and durations left out, said with what to make of them', () => {
    const p = previewCsv('visit,took,t\n08:15,1:02:00,0\n08:20,0:17:31,1\n13:05,2:35:44,0\n', 1, { target: 't' });
    expect(leftOutText(p, p.exclude)).toBe('Left out of the features: “visit”, “took” (times of day or durations: as text each is a category of its own, which says nothing of the order of 08:15 and 08:20; ' +
      'to use them, add a column of numbers made from each, such as the minutes since midnight or a duration\'s seconds). Tick a column in the table to use it.');
  });

  it('values beyond a limit of measure ("<0.5", "> 100") in a column of numbers: the number often written for them is said', () => {
    const lab = 'crp,alt,mixed,t\n' + Array.from({ length: 10 }, (_, i) => `${i % 3 === 0 ? '<0.5' : 1 + i},${i === 4 ? '> 100' : 20 + i},${i === 1 ? '<1' : i === 2 ? '≥50' : i},${i % 2}`).join('\n');
    const p = previewCsv(lab, 5, { target: 't' });
    expect(leftOutText(p, p.exclude)).toBe('Left out of the features: “crp” (numbers but for 4 cells, the first “<0.5” in row 2, ' +
      'values below a limit of measure, for which half the limit, 0.25, is often written), “alt” (numbers but for “> 100” in row 6, a value above a limit of measure, for which the limit, 100, is often written), ' +
      '“mixed” (numbers but for “<1” in row 3 and “≥50” in row 4, values beyond limits of measure, for which half a lower limit or an upper limit itself is often written): ' +
      'write those cells as numbers, or empty them, to use them. Tick a column in the table to use it.');
    // A text that is no limit among them: nothing of the kind said.
    expect(leftOutText(previewCsv('a,t\n<0.5,0\nn/a?,1\n3,0\n4,1\n5,0\n', 5, { target: 't' }), ['a'])).not.toMatch(/limit/);
  });

  it('a text column of more different values than one-hot encoding takes: left out with its count and the limit; ticked again, a problem before Import, as the import would refuse it', () => {
    // 150 cities over 600 rows (each 4 times, so no identifier), and one missing cell, which is no city.
    const text = ['city,size,price', ...Array.from({ length: 600 }, (_, i) => `${i === 7 ? '' : `City ${i % 150}`},${30 + (i % 17)},${1000 + i}`)].join('\n');
    const p = previewCsv(text, 5, { target: 'price' });
    expect(p.exclude).toEqual(['city']);
    expect(leftOutText(p, p.exclude)).toBe('Left out of the features: “city” (150 different texts, more than the 100 one-hot encoding takes). Tick a column in the table to use it.');
    expect(importProblems(p, 'price', 'regression', p.exclude)).toEqual([]);
    expect(importProblems(p, 'price', 'regression', [])).toContain(
      '“city” holds 150 different texts: one-hot encoding takes at most 100, so Import refuses it as a feature. Group the rarer ones into one (such as “other”) in the file, or untick the column.');
    // 100 cities are taken: neither left out nor a problem.
    const hundred = previewCsv(['city,size,price', ...Array.from({ length: 400 }, (_, i) => `City ${i % 100},${30 + (i % 17)},${1000 + i}`)].join('\n'), 5, { target: 'price' });
    expect(hundred.exclude).toEqual([]);
    expect(importProblems(hundred, 'price', 'regression', [])).toEqual([]);
  });

  it('columns that tell the target exactly: named, kept, and what to do if they are the answer written another way', () => {
    const text = ['status,plan,churn', ...Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? 'churned' : 'active'},${['basic', 'pro', 'team'][i % 4 === 0 ? 0 : i % 2 ? 1 : 2]},${i % 3 === 0 ? 'yes' : 'no'}`)].join('\n');
    const p = previewCsv(text, 3, { target: 'churn' });
    expect(answersText(p.answers, p.task)).toBe('“status” tells the target exactly: each of its values goes with one class in every row. If it is the answer written another way (known only once the answer is), ' +
      'leave it out: a new row would not have it, and a model trained on it learns it and nothing else.');
    expect(answersText(['cents', 'dollars'], 'regression')).toMatch(/^“cents”, “dollars” each tell the target exactly: their numbers lie on a straight line with the target's\. If they are/);
    expect(answersText([], 'classification')).toBeNull();
  });

  it('a target of whole numbers read as classes (a rating of 1 to 5): that classes lose their order, and where to read them as a quantity; not for two values, text classes, or a regression', () => {
    const ratings = ['age,rating', ...Array.from({ length: 40 }, (_, i) => `${20 + i},${1 + (i % 5)}`)].join('\n');
    const p = previewCsv(ratings, 3, { target: 'rating' });
    expect(p.task).toBe('classification');
    const column = p.columns.find((c) => c.name === 'rating');
    expect(numberClassesText(column, p.task, 'choosing “regression”')).toBe('“rating” holds 5 numbers from 1 to 5, read as 5 classes: classes have no order, so an answer one off counts as wrong as one far off. ' +
      'If their order matters (a rating, a count, a score), choosing “regression” reads them as a quantity.');
    expect(numberClassesText(column, 'regression', 'x')).toBeNull();
    // Half-star ratings the person chose to read as classes: numbers, not whole ones.
    expect(numberClassesText({ name: 'stars', kind: 'numeric', distinct: 9, min: 1, max: 5 }, 'classification', 'x')).toMatch(/^“stars” holds 9 numbers from 1 to 5, read as 9 classes: /);
    const yesNo = previewCsv(['age,churn', ...Array.from({ length: 40 }, (_, i) => `${20 + i},${i % 2}`)].join('\n'), 3, { target: 'churn' });
    expect(numberClassesText(yesNo.columns.find((c) => c.name === 'churn'), yesNo.task, 'x')).toBeNull();
    const words = previewCsv(['age,size', ...Array.from({ length: 40 }, (_, i) => `${20 + i},${['s', 'm', 'l'][i % 3]}`)].join('\n'), 3, { target: 'size' });
    expect(numberClassesText(words.columns.find((c) => c.name === 'size'), words.task, 'x')).toBeNull();
  });

  it('dates left out: what as text they are, and what to make of them to use them', () => {
    const p = previewCsv('opened,closed,t\n2023-01-02,2023-02-01,0\n2023-01-05,2023-03-01,1\n2023-01-09,2023-03-08,0\n', 3, { target: 't' });
    expect(leftOutText(p, p.exclude)).toBe('Left out of the features: “opened”, “closed” (dates: as text each date is a category of its own, which says nothing of a date not in the file; ' +
      'to use them, add columns of numbers made from each, such as the month, the weekday or the days since the first). Tick a column in the table to use it.');
  });

  it('says which texts differ only in case, the target\'s first (each a class), up to four groups', () => {
    const groups = [
      { column: 'city', spellings: [{ value: 'Paris', count: 59 }, { value: 'paris', count: 2 }, { value: 'PARIS', count: 1 }] },
      { column: 'subscribed', spellings: [{ value: 'yes', count: 93 }, { value: 'Yes', count: 3 }] },
    ];
    expect(caseVariantsText(groups, 'subscribed')).toBe('Texts that differ only in case are different values: “yes” (93 rows) and “Yes” (3) in “subscribed” (the target: each a class); ' +
      '“Paris” (59 rows), “paris” (2) and “PARIS” (1) in “city”. If they are one, write them alike in the file.');
    expect(caseVariantsText([], 'y')).toBeNull();
    const many = Array.from({ length: 6 }, (_, i) => ({ column: `c${i}`, spellings: [{ value: 'a', count: 1 }, { value: 'A', count: 1 }] }));
    expect(caseVariantsText(many, 'y')).toMatch(/in “c3”, and 2 more\. If they are one/);
  });

  it('says which columns of money, shares and thousands were read as numbers, from the engine\'s preview', () => {
    const p = previewCsv('price,rate,count,y\n"$1,234.50",45%,"1,200",a\n$3,5%,7,b\n');
    expect(unitNumbersText(p.unitNumbers)).toBe('Read as numbers, their signs and separators dropped: “price” ($1,234.50 as 1234.50), “rate” (45% as 45; percent points), “count” (1,200 as 1200).');
    // Accounting negatives: said with a negative as the example, and how it was read.
    const ledger = previewCsv('net;sap;y\n"1.470,10";12,5;a\n(2.781,43);1.234,50-;b\n');
    expect(unitNumbersText(ledger.unitNumbers)).toBe('Read as numbers, their signs and separators dropped: “net” ((2.781,43) as -2781.43; parentheses read as minus), “sap” (1.234,50- as -1234.50; a minus after it read as before it).');
    expect(unitNumbersText([])).toBeNull();
    const many = Array.from({ length: 10 }, (_, i) => ({ column: `c${i}`, sign: '$', written: '$1', read: '1' }));
    expect(unitNumbersText(many)).toMatch(/“c7” \(\$1 as 1\) and 2 more\.$/);
  });

  it('counts the rows missing a value for any columns left out as the engine does, from the first preview alone', () => {
    const p = previewCsv(text, 5, { target: 'Survived' });
    for (const exclude of [[], ['Age'], ['Cabin'], ['Cabin', 'Age'], ['Cabin', 'Embarked'], ['Age', 'Cabin', 'Embarked'], ['Name', 'Fare']]) {
      expect(missingRowsOf(p, exclude), exclude.join('+')).toBe(previewCsv(text, 5, { target: 'Survived', exclude }).missingRows);
    }
    // The target's own gaps always count (it cannot be left out).
    const gaps = previewCsv('a,b,t\n1,NA,x\n2,3,\n4,5,y\n6,7,x\n', 5, { target: 't' });
    expect([missingRowsOf(gaps, ['b']), missingRowsOf(gaps, [])]).toEqual([1, 2]);
    expect(missingRowsOf({ ...p, missingPatterns: null }, [])).toBeNull();
  });
});

describe('the trial drawer\'s confusion table', () => {
  it('recall by row, precision by column, the tint as the row\'s share, and the pair most often confused, as worked by hand', () => {
    // cat: 8 of 10 right, 2 called dog; dog: 3 of 5, 2 called cat; bird: its one row called dog, never answered.
    const t = confusionTable({ classes: ['cat', 'dog', 'bird'], counts: [[8, 2, 0], [2, 3, 0], [0, 1, 0]] });
    expect(t.rows.map((r) => r.recall)).toEqual([0.8, 0.6, 0]);
    expect(t.precision).toEqual([0.8, 0.5, null]);
    expect(t.rows[1].cells.map((c) => c.share)).toEqual([0.4, 0.6, 0]);
    expect([t.total, t.correct]).toEqual([16, 11]);
    // The largest count off the diagonal; the first found wins a tie (cat→dog and dog→cat both 2).
    expect(t.confused).toBe('“cat” taken for “dog” in 2 rows of 10');
    expect(confusionTable({ classes: ['a', 'b'], counts: [[3, 0], [0, 0]] })).toMatchObject({ confused: null, precision: [1, null], rows: [{ recall: 1 }, { recall: null }] });
  });

  it('headers leave out the words every class name shares, cut between words, where each keeps something', () => {
    const species = Array.from({ length: 50 }, (_, i) => `species number ${String(i).padStart(2, '0')} of the catalogue`);
    const t = confusionTable({ classes: species, counts: species.map((_, i) => species.map((__, j) => (i === j ? 1 : 0))) });
    expect(t.rows.slice(0, 3).map((r) => [r.name, r.short])).toEqual([[species[0], '00'], [species[1], '01'], [species[2], '02']]);
    expect(t.shared).toBe('species number … of the catalogue');
    expect(shortNames(['class_1', 'class_2', 'class_10'])).toEqual({ short: ['1', '2', '10'], shared: 'class_…' });
    expect(shortNames(['low risk', 'high risk'])).toEqual({ short: ['low', 'high'], shared: '… risk' });
    // Nothing shared, a share inside a word ("ap"), fewer than 4 letters ("x "), or a name that would be left empty: as they are.
    for (const names of [['cat', 'dog', 'bird'], ['apple', 'apricot'], ['x y', 'x z'], ['a b', 'a b c d'], ['0', '1', '2'], ['only one']]) {
      expect(shortNames(names)).toEqual({ short: names, shared: null });
    }
    expect(confusionTable({ classes: ['cat', 'dog'], counts: [[1, 0], [0, 1]] }).shared).toBeNull();
  });

  it('compares each class\'s recall across trials, marking the best; none unless every trial has a matrix over the same classes', () => {
    const a = { classes: ['cat', 'dog'], counts: [[8, 2], [1, 4]] };
    const b = { classes: ['cat', 'dog'], counts: [[9, 1], [3, 2]] };
    expect(recallsByClass([a, b])).toEqual([{ name: 'cat', values: [0.8, 0.9], best: 0.9 }, { name: 'dog', values: [0.8, 0.4], best: 0.8 }]);
    expect(recallsByClass([a, a])!.map((r) => r.best)).toEqual([null, null]);
    expect(recallsByClass([a, null])).toBeNull();
    expect(recallsByClass([a])).toBeNull();
    expect(recallsByClass([a, { classes: ['dog', 'cat'], counts: b.counts }])).toBeNull();
  });

  it('writes the margins in whole percents where only all is 100% and only none 0%', () => {
    expect([1, 0, 0.996, 0.004, 0.9722, null].map(shareCell)).toEqual(['100%', '0%', '99%', '1%', '97%', '–']);
    expect(shareText(0.9639)).toBe('96.39%');
  });
});

describe("the data set a search's header names", () => {
  const listed = [
    { name: 'digits', kind: 'builtin', ref: { builtin: 'digits' } },
    { name: 'houses', kind: 'csv', id: 1, ref: { csv: '/data/datasets/houses-17.csv', target: 'price' } },
    { name: 'mnist', kind: 'idx', id: 2, ref: { idx: '/data/datasets/mnist-images.idx', labels: '/data/datasets/mnist-labels.idx' } },
  ] as unknown as DatasetSummary[];

  it('a listed one by its name and page; the others as the spec says them, with no page', () => {
    expect(searchDataset({ dataset: { builtin: 'digits' } }, listed)).toEqual({ label: 'digits', page: 'digits' });
    // Which fold the curves draw: the first, said where there are several.
    expect(firstFoldText({ split: { kind: 'kfold', k: 5, test: 0.2 } })).toBe('fold 1 of 5');
    expect(firstFoldText({ split: { kind: 'loo', test: 0 } })).toBe('fold 1 of the leave-one-out folds');
    expect(firstFoldText({ split: { kind: 'holdout', val: 0.2, test: 0.2 } })).toBeNull();
    expect(firstFoldText(null)).toBeNull();
    expect(searchDataset({ dataset: { csv: '/data/datasets/houses-17.csv', target: 'price', numbers: 'plain' } }, listed)).toEqual({ label: 'houses', page: 'houses' });
    expect(searchDataset({ dataset: { idx: '/data/datasets/mnist-images.idx', labels: 'x' } }, listed)).toEqual({ label: 'mnist', page: 'mnist' });
    expect(searchDataset({ dataset: { csv: '/home/me/prices.csv', target: 'price' } }, listed)).toEqual({ label: 'prices.csv (CSV file)', page: null });
    expect(searchDataset({ dataset: { synthetic: 'moons', n: 300 } }, listed)).toEqual({ label: 'moons (synthetic, 300 rows)', page: null });
    expect(searchDataset({ dataset: { synthetic: 'moons', n: 3000, classShares: [0.95, 0.05] } }, listed)).toEqual({ label: 'moons (synthetic, 3000 rows, classes 95% / 5%)', page: null });
    expect(searchDataset({ dataset: { synthetic: 'blobs', n: 500, classes: 3, classShares: [0.7, 0.25, 0.05] } }, listed)!.label).toBe('blobs (synthetic, 500 rows, classes 70% / 25% / 5%)');
    // A data set removed since (its page is gone): its name, no link.
    expect(searchDataset({ dataset: { builtin: 'iris' } }, listed)).toEqual({ label: 'iris', page: null });
    expect(searchDataset({}, listed)).toBeNull();
    expect(searchDataset(null, listed)).toBeNull();
  });

  it("a trial's model is drawn for data of one or two features: synthetic sets by their kind, listed sets by their features", () => {
    const plane = [
      ...listed,
      { name: 'surface', kind: 'csv', id: 3, features: 2, ref: { csv: '/data/datasets/surface.csv', target: 'h' } },
      { name: 'dose', kind: 'csv', id: 4, features: 1, ref: { csv: '/data/datasets/dose.csv', target: 'response' } },
    ] as unknown as DatasetSummary[];
    for (const synthetic of ['moons', 'circles', 'spirals', 'xor', 'blobs']) expect(drawableFeatures({ dataset: { synthetic } }, plane)).toBe(2);
    expect(drawableFeatures({ dataset: { synthetic: 'sine' } }, plane)).toBe(1);
    expect(drawableFeatures({ dataset: { synthetic: 'swirl' } }, plane)).toBeNull();
    expect(drawableFeatures({ dataset: { csv: '/data/datasets/surface.csv', target: 'h' } }, plane)).toBe(2);
    expect(drawableFeatures({ dataset: { csv: '/data/datasets/dose.csv', target: 'response' } }, plane)).toBe(1);
    expect(drawableFeatures({ dataset: { builtin: 'digits' } }, [{ name: 'digits', kind: 'builtin', features: 64, ref: { builtin: 'digits' } }] as unknown as DatasetSummary[])).toBeNull();
    // A CSV outside the app: its features are unknown until it is loaded, so none is offered.
    expect(drawableFeatures({ dataset: { csv: '/home/me/two.csv', target: 'y' } }, plane)).toBeNull();
    expect(drawableFeatures(null, plane)).toBeNull();
  });
});
