import type { Api, Channel } from './contract';

type Methods = { readonly [D in keyof Api]: readonly (keyof Api[D])[] };

const METHODS = {
  app: ['info', 'backups', 'backupNow', 'vocabulary'],
  datasets: ['list', 'preview', 'previewCsv', 'importCsv', 'importIdx', 'images', 'delete'],
  projects: ['list', 'create', 'rename', 'setNotes', 'setTags', 'delete', 'exportBundle', 'importBundle'],
  searches: ['list', 'get', 'validate', 'create', 'start', 'stop', 'pause', 'rename', 'setNotes', 'setTags', 'delete', 'importance', 'densities', 'rerun', 'seedSpread', 'compare'],
  trials: ['changes', 'overlay', 'get', 'setNotes', 'setTags', 'replay', 'evaluateTest', 'diagnostics'],
  experiments: ['list', 'run', 'outcome'],
  notes: ['find'],
  playground: ['surfaces', 'path'],
  export: ['trialsCsv', 'curvesCsv'],
} as const satisfies Methods;

type Listed = { [D in keyof typeof METHODS]: `${D}.${(typeof METHODS)[D][number]}` }[keyof typeof METHODS];
/** Fails to compile when a method of the contract is missing from METHODS. */
type Exhaustive = Exclude<Channel, Listed> extends never ? true : ['missing channels:', Exclude<Channel, Listed>];
const exhaustive: Exhaustive = true;
void exhaustive;

/** Every channel of the contract ("domain.method"), for hosts and the preload to check names against. */
export const CHANNELS: readonly Channel[] = Object.entries(METHODS).flatMap(([d, ms]) => (ms as readonly string[]).map((m) => `${d}.${m}` as Channel));

/** Whether a string names a channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** IPC channel names the Electron host and preload share (derived, never typed twice). */
export const IPC = { call: 'knobs:call', push: 'knobs:push', menu: 'knobs:menu', openCsv: 'knobs:dialog:openCsv', saveText: 'knobs:dialog:saveText', saveBytes: 'knobs:dialog:saveBytes', openBundle: 'knobs:dialog:openBundle' } as const;
