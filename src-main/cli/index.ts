import { Command, CommanderError } from 'commander';
import { packageVersion } from '../../src-core/util/paths';
import { registerBundle } from './bundle';
import { checkKernelsEnv, EXIT, intOption, reportError } from './common';
import { registerCompare } from './compare';
import { registerExperimentCommand } from './experiments';
import { registerRerunCommands } from './reruns';
import { registerSearchCommands } from './search';
import { registerStoredCommands } from './stored';
import { registerTrialCommand } from './trial';
import { registerServe } from './serve';
import { trainCommand, type Io } from './train';

/**
 * A line writer on a standard stream that goes quiet once the reader is gone: `knobs run spec.json | head -1`
 * closes the pipe after one line, and the next write fails with EPIPE. Like other Unix tools, Knobs then
 * stops writing there instead of crashing on the stream's unhandled 'error' event; the command itself
 * carries on (a search still trains and stores every trial to its end) and exits with its own code.
 */
function quietOnClose(stream: NodeJS.WriteStream): (line: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    closed = true;
    // A reader that left is ordinary; any other failure of the stream is said once on stderr (if it is not the one failing).
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED' && stream !== process.stderr && !process.stderr.destroyed) {
      process.stderr.write(`knobs: cannot write the output any more (${e.code ?? e.message}); carrying on without it\n`);
    }
  });
  return (line) => {
    // A failed write destroys the stream at once while its 'error' event comes later: check both.
    if (closed || stream.destroyed || stream.writableEnded) return;
    stream.write(line + '\n');
  };
}

let defaultIoMade: Io | null = null;
/** stdout and stderr, each quiet once its reader is gone (made on first use, so importing this module adds no listeners). */
function defaultIo(): Io {
  defaultIoMade ??= { out: quietOnClose(process.stdout), err: quietOnClose(process.stderr) };
  return defaultIoMade;
}

/** Adds commands to the program; each command module exports one (run, resume, list, export, datasets; rerun, spread, replay; experiments; serve). */
export type Register = (program: Command, io: Io, setExit: (code: number) => void) => void;

/** Every command module's registrar, in help order. */
const registrars: Register[] = [registerSearchCommands, registerStoredCommands, registerTrialCommand, registerRerunCommands, registerCompare, registerExperimentCommand, registerBundle, registerServe];

/** Run the `knobs` command line; resolves to the process exit code (0 done, 1 failed, 2 bad input). */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const setExit = (c: number): void => {
    code = c;
  };
  const program = new Command('knobs')
    .description('Knobs: tune a neural network\'s hyperparameters, offline.')
    .version(packageVersion(), '-V, --version', 'print Knobs\' version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();

  program
    .command('train')
    .description('train one configuration (no search) and print per-epoch metrics')
    .argument('<spec>', 'a spec JSON file (its "space" is ignored)')
    .option('--json', 'print one JSON object per epoch, then a summary object')
    .option('--test', 'also evaluate the final model once on the test split')
    .option('--seed <n>', 'override the spec\'s seed (the split, and the model unless --model-seed is given)', (v) => intOption(v, '--seed', 0, MAX_SEED))
    .option('--model-seed <n>', 'seed of the model alone (initial weights, batch order, dropout); the split keeps --seed', (v) => intOption(v, '--model-seed', 0, MAX_SEED))
    .action((spec: string, opts: { json?: boolean; test?: boolean; seed?: number; modelSeed?: number }) => {
      code = trainCommand(spec, opts, io);
    });

  for (const r of registrars) r(program, io, setExit);
  // A mistyped command gets its error and one line, not the 60 lines of usage that scrolled the error away; each
  // command (made above, with the setting as it was then) still follows its own error with its own short usage.
  program.showHelpAfterError('Run "knobs --help" for the commands.');
  // The commands that train check KNOBS_KERNELS before they do anything (a search stored with every trial failing, a stack).
  program.hook('preAction', (_, action) => {
    if (TRAINING_COMMANDS.has(action.name())) checkKernelsEnv();
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and `knobs help` asked for the usage (stdout, 0); a missing command shows it instead (stderr, bad input).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return EXIT.badInput;
    }
    return reportError(e, io.err);
  }
  return code;
}

/** The largest seed (the spec's range). */
const MAX_SEED = 2 ** 32 - 1;

/** The commands that train a network (and so pick a kernel path). */
const TRAINING_COMMANDS = new Set(['train', 'run', 'resume', 'rerun', 'replay', 'experiments', 'serve']);
