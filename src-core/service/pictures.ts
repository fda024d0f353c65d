import type { DecisionBoundary } from '../api/contract';
import type { Dataset } from '../data';
import { BadInputError } from '../errors';
import type { Store, TrialRow } from '../store/store';
import { boundaryFrom, boundaryGrid, checkDrawable, type Grid } from './boundary';
import { answeringEpoch, replayRun } from './replay';
import { answersFrom, checkClasses, type TrialAnswers } from './threshold';

/** What a replay's data set is, known once it has loaded and before the trial trains: what a request checks. */
export type Loaded = Pick<Dataset, 'name' | 'nFeatures' | 'task' | 'targetName'>;

/**
 * What one replay of a trial gives its drawer: its model drawn over its one or two features
 * (`boundary`, null for more) and its answers on its validation rows (`answers`, null for a
 * regression), with the replay's verdict. One training for both pictures: a trial of moons drew
 * its boundary and its precision–recall curve from two.
 */
export interface DrawerPictures {
  boundary: DecisionBoundary | null;
  answers: TrialAnswers | null;
  replay: { identical: boolean; message: string };
}

/**
 * Train a trial again as a replay trains it and ask its models for every picture its data set
 * allows: the first fold's over a grid of its one or two features (`boundaryGrid`, `steps` a side)
 * and every fold's on the rows it held out. `loaded` sees the data set before the trial trains and
 * may refuse it (throw), so a refusal costs no training.
 */
export async function drawerPictures(
  store: Store, searchId: number, number: number, opts: { baseDir?: string; steps?: number; load?: () => Dataset; loaded?: (ds: Loaded) => void } = {},
): Promise<DrawerPictures> {
  const t = store.trials.need(searchId, number);
  let asked: Grid | undefined;
  const { result, predictions, valAnswers, folds, dataset: ds, split } = await replayRun(store, searchId, number, {
    baseDir: opts.baseDir,
    load: opts.load,
    check: opts.loaded,
    predictOn: (loaded) => {
      if (loaded.nFeatures > 2) return undefined;
      asked = boundaryGrid(loaded, opts.steps);
      return asked.rows;
    },
    predictVal: true,
  });
  const replay = { identical: result.identical, message: result.message };
  const at = { searchId, number, modelEpoch: answeringEpoch(store, searchId, t), bestEpoch: t.best_epoch, replay };
  return {
    boundary: asked && predictions ? boundaryFrom(at, ds, split, asked, predictions) : null,
    answers: ds.task === 'classification' && valAnswers ? answersFrom(at, ds, split, folds, valAnswers) : null,
    replay,
  };
}

/** The two pictures a drawer asks for: how each refuses a trial, checks its data set and takes its part of the replay. */
export interface Picture<T> {
  /** Refuses a trial that has not finished or diverged, in the picture's words. */
  status: (t: TrialRow) => void;
  check: (number: number, ds: Loaded) => void;
  pick: (p: DrawerPictures, number: number) => T;
}

export const BOUNDARY: Picture<DecisionBoundary> = {
  status: (t) => {
    if (t.status === 'queued' || t.status === 'running') throw new BadInputError(`Trial ${t.number} has not finished (${t.status}); its boundary is drawn once it has`, [{ path: 'number', message: t.status }]);
    if (t.status === 'diverged') throw new BadInputError(`Trial ${t.number} diverged: its model's outputs are not numbers, so there is nothing of it to draw`, [{ path: 'number', message: 'diverged' }]);
  },
  check: (_number, ds) => checkDrawable(ds),
  pick: (p, number) => {
    if (!p.boundary) throw new BadInputError(`Trial ${number} could not be trained again to draw its boundary (${p.replay.message})`, [{ path: 'number', message: 'no model' }]);
    return p.boundary;
  },
};

export const ANSWERS: Picture<TrialAnswers> = {
  status: (t) => {
    if (t.status === 'queued' || t.status === 'running') throw new BadInputError(`Trial ${t.number} has not finished (${t.status}); its precision and recall are worked out once it has`, [{ path: 'number', message: t.status }]);
    if (t.status === 'diverged') throw new BadInputError(`Trial ${t.number} diverged: its model's outputs are not numbers, so it has no probabilities to set a threshold on`, [{ path: 'number', message: 'diverged' }]);
  },
  check: checkClasses,
  pick: (p, number) => {
    if (!p.answers) throw new BadInputError(`Trial ${number} could not be trained again to work out its thresholds (${p.replay.message})`, [{ path: 'number', message: 'no model' }]);
    return p.answers;
  },
};

/** One picture of a trial from a replay of its own (no pictures kept). */
export async function trialPicture<T>(store: Store, searchId: number, number: number, picture: Picture<T>, opts: { baseDir?: string; steps?: number } = {}): Promise<T> {
  picture.status(store.trials.need(searchId, number));
  return picture.pick(await drawerPictures(store, searchId, number, { ...opts, loaded: (ds) => picture.check(number, ds) }), number);
}

/** A trial's decision boundary (or fitted curve, for one feature), from a replay of its own. */
export const trialBoundary = (store: Store, searchId: number, number: number, opts: { baseDir?: string; steps?: number } = {}): Promise<DecisionBoundary> => trialPicture(store, searchId, number, BOUNDARY, opts);

/** A classification trial's answers on its validation rows, from a replay of its own. */
export const trialAnswers = (store: Store, searchId: number, number: number, opts: { baseDir?: string } = {}): Promise<TrialAnswers> => trialPicture(store, searchId, number, ANSWERS, opts);

/** A replay started for a request whose data set it refused, which a later request then found: that one starts its own. */
class NotWanted extends Error {}

/**
 * Every trial's drawer pictures, each made by one replay (`drawerPictures`) as the trial ended and
 * kept, the last `keep` of them: a drawer that asks for its boundary and its precision–recall curve
 * trains the trial once. A request while the replay is under way waits for it; a refusal (the data
 * set cannot give the picture asked for) is made as soon as the data set has loaded, before any
 * training, and is not kept.
 */
export class DrawerReplays {
  private readonly kept = new Map<string, { loaded: Promise<Loaded>; run: Promise<DrawerPictures> }>();

  /** `load`: a search's data set as the caller keeps it loaded (a big CSV is not read again for each replay). */
  constructor(private readonly store: Store, private readonly load?: (searchId: number) => Dataset, private readonly keep = 24) {}

  async get<T>(searchId: number, number: number, picture: Picture<T>): Promise<T> {
    const t = this.store.trials.need(searchId, number);
    picture.status(t);
    const key = `${searchId}:${t.id}:${t.finished_at ?? ''}`;
    for (;;) {
      const entry = this.kept.get(key) ?? this.start(key, searchId, number, picture);
      picture.check(number, await entry.loaded);
      try {
        return picture.pick(await entry.run, number);
      } catch (e) {
        // The replay was started for a request its data set refused: start one for this request.
        if (!(e instanceof NotWanted)) throw e;
      }
    }
  }

  private start<T>(key: string, searchId: number, number: number, picture: Picture<T>): { loaded: Promise<Loaded>; run: Promise<DrawerPictures> } {
    let loadedIs!: (ds: Loaded) => void;
    let failed!: (e: unknown) => void;
    const loaded = new Promise<Loaded>((resolve, reject) => {
      loadedIs = resolve;
      failed = reject;
    });
    const load = this.load;
    const run = drawerPictures(this.store, searchId, number, {
      ...(load ? { load: () => load(searchId) } : {}),
      loaded: (ds) => {
        loadedIs(ds);
        try {
          picture.check(number, ds);
        } catch {
          throw new NotWanted(`trial ${number}'s data set refused the picture asked for`);
        }
      },
    });
    const entry = { loaded, run };
    this.kept.set(key, entry);
    // A data set that did not load: every waiting request gets why. Either promise may go unawaited.
    run.catch((e: unknown) => {
      failed(e);
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    loaded.catch(() => undefined);
    if (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
    return entry;
  }
}
