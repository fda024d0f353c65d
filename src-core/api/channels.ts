import type { Api, Channel } from './contract';

type Methods = { readonly [D in keyof Api]: readonly (keyof Api[D])[] };

const METHODS = {
  app: ['info', 'backups', 'backupNow', 'vocabulary'],
  datasets: ['list', 'preview', 'previewCsv', 'importCsv', 'importIdx', 'images', 'delete'],
  projects: ['list', 'create', 'rename', 'setNotes', 'setTags', 'delete', 'exportBundle', 'importBundle'],
  searches: ['list', 'get', 'validate', 'create', 'start', 'stop', 'pause', 'rename', 'setNotes', 'setTags', 'delete', 'importance', 'densities', 'surface', 'rerun', 'seedSpread', 'compare'],
  trials: ['changes', 'overlay', 'get', 'setNotes', 'setTags', 'replay', 'boundary', 'threshold', 'evaluateTest', 'diagnostics'],
  experiments: ['list', 'run', 'outcome'],
  notes: ['find'],
  playground: ['surfaces', 'path'],
  export: ['trialsCsv', 'curvesCsv', 'confusionCsv'],
} as const satisfies Methods;

type Listed = { [D in keyof typeof METHODS]: `${D}.${(typeof METHODS)[D][number]}` }[keyof typeof METHODS];
/** Fails to compile when a method of the contract is missing from METHODS. */
type Exhaustive = Exclude<Channel, Listed> extends never ? true : ['missing channels:', Exclude<Channel, Listed>];
const exhaustive: Exhaustive = true;
void exhaustive;

/** Every channel of the contract ("domain.method"), for hosts and the preload to check names against. */
export const CHANNELS: readonly Channel[] = Object.entries(METHODS).flatMap(([d, ms]) => (ms as readonly string[]).map((m) => `${d}.${m}` as Channel));

/**
 * What each request would change, as the words of a refusal ("create a project"), or null for a
 * request that only reads. A database open read-only (`knobs serve --read-only`, or a file that
 * cannot be written) refuses every request with words here before it runs (Workbench.call); the
 * renderer turns off the actions that send them. Typed by channel, so a new request must say
 * whether it writes. Backups count as writes: they make files beside the database.
 */
export const WRITES: { readonly [C in Channel]: string | null } = {
  'app.info': null,
  'app.backups': null,
  'app.backupNow': 'back up the database',
  'app.vocabulary': null,
  'datasets.list': null,
  'datasets.preview': null,
  'datasets.previewCsv': null,
  'datasets.importCsv': 'import a data set',
  'datasets.importIdx': 'import a data set',
  'datasets.images': null,
  'datasets.delete': 'delete a data set',
  'projects.list': null,
  'projects.create': 'create a project',
  'projects.rename': 'rename a project',
  'projects.setNotes': "change a project's notes",
  'projects.setTags': "change a project's tags",
  'projects.delete': 'delete a project',
  'projects.exportBundle': null,
  'projects.importBundle': 'import a project',
  'searches.list': null,
  'searches.get': null,
  'searches.validate': null,
  'searches.create': 'create a search',
  'searches.start': 'start or resume a search',
  'searches.stop': 'stop a search',
  'searches.pause': 'pause a search',
  'searches.rename': 'rename a search',
  'searches.setNotes': "change a search's notes",
  'searches.setTags': "change a search's tags",
  'searches.delete': 'delete a search',
  'searches.importance': null,
  'searches.densities': null,
  'searches.surface': null,
  'searches.rerun': 're-run trials with other seeds',
  'searches.seedSpread': null,
  'searches.compare': null,
  'trials.changes': null,
  'trials.overlay': null,
  'trials.get': null,
  'trials.setNotes': "change a trial's notes",
  'trials.setTags': "change a trial's tags",
  'trials.replay': null,
  'trials.boundary': null,
  'trials.threshold': null,
  'trials.evaluateTest': 'evaluate a trial on the test split',
  'trials.diagnostics': null,
  'experiments.list': null,
  'experiments.run': 'run an experiment',
  'experiments.outcome': null,
  'notes.find': null,
  'playground.surfaces': null,
  'playground.path': null,
  'export.trialsCsv': null,
  'export.curvesCsv': null,
  'export.confusionCsv': null,
};

/** Whether a string names a channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** IPC channel names the Electron host and preload share (derived, never typed twice). */
export const IPC = { call: 'knobs:call', push: 'knobs:push', menu: 'knobs:menu', openCsv: 'knobs:dialog:openCsv', saveText: 'knobs:dialog:saveText', saveBytes: 'knobs:dialog:saveBytes', openBundle: 'knobs:dialog:openBundle' } as const;
