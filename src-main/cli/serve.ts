import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { Workbench } from '../../src-core/service/workbench';
import { dbOption, openStore } from './search';
import { databasePath, openExistingStore } from './output';
import { unwritable } from '../../src-core/store/connection';
import type { Store } from '../../src-core/store/store';
import { packageVersion, resourcesDir } from '../../src-core/util/paths';
import { rendererDir, serve } from '../server/server';
import { BadInputError } from '../../src-core/errors';
import { EXIT, intOption, onInterrupt } from './common';
import type { Register } from './index';

/**
 * `knobs serve [--db FILE] [--read-only] [--host 127.0.0.1] [--port P] [--open]`: the browser UI on
 * loopback with a per-launch token. With --read-only, or when the database exists but cannot be
 * written (said on stderr), the database is opened for reading only: every view that reads works,
 * every request that would write is refused, and the page says so.
 */
export const registerServe: Register = (program: Command, io, setExit) => {
  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 (a per-launch token is in the printed URL)')
    .option(...dbOption)
    .option('--read-only', 'open the database for reading only: nothing in it can be changed (automatic when it cannot be written)')
    .option('--host <host>', 'address to listen on (loopback only)', '127.0.0.1')
    .option('--port <port>', 'port, 0 to 65535 (0 picks a free one)', (v) => intOption(v, '--port', 0, 65535), 0)
    .option('--open', 'open the URL in the default browser')
    .action(async (opts: { db?: string; readOnly?: boolean; host: string; port: number; open?: boolean }) => {
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        throw new BadInputError(`--host must be a loopback address (127.0.0.1, localhost or ::1), got "${opts.host}": Knobs never listens on a network`);
      }
      const port = opts.port;
      const root = dirname(resourcesDir());
      const staticDir = rendererDir(root);
      if (!existsSync(join(staticDir, 'index.html'))) {
        // Not the user's input, nor a fault worth a stack: the app's pages were never built here.
        io.err(`knobs: the browser UI is not built (${staticDir} is missing): run "npm run build" once (npm start does it for you)`);
        setExit(EXIT.failed);
        return;
      }
      const { store, readOnlyReason } = openServed(opts.db, opts.readOnly ?? false, io.err);
      const workbench = new Workbench({ store, version: packageVersion(), host: 'browser', readOnlyReason });
      let served: Awaited<ReturnType<typeof serve>>;
      try {
        served = await serve(workbench, { host: opts.host, port, staticDir });
      } catch (e) {
        // Nothing is serving: let go of the database before saying why.
        await workbench.shutdown();
        store.close();
        throw listenError(e, opts.host, port);
      }
      io.out(`Knobs is serving on ${served.url}`);
      io.out('Open that URL in a browser (it carries this launch\'s token). Press Ctrl+C to stop.');
      if (opts.open) {
        const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
        const child = spawn(opener, [served.url], { stdio: 'ignore', detached: true });
        child.on('error', () => io.out('(Could not open a browser automatically; open the URL above yourself.)'));
        child.unref();
      }
      let stopListening = (): void => {};
      await new Promise<void>((resolveStop) => {
        const stop = (): void => {
          // Say what a stop that takes long is waiting for (running trials stop within a mini-batch).
          let stage = 'running searches to pause';
          const slow = setTimeout(() => {
            io.err(`knobs serve: still stopping after 10 s, waiting for ${stage} (active: ${process.getActiveResourcesInfo().join(', ')})`);
          }, 10_000);
          slow.unref();
          workbench
            .shutdown()
            .then(() => ((stage = 'connections to close'), served.close()))
            .then(() => ((stage = 'the database to close'), store.close()))
            .then(() => {
              clearTimeout(slow);
              resolveStop();
            });
        };
        // The same press delivered twice (`timeout -s INT`) stops once; a later one exits at once.
        stopListening = onInterrupt(stop, io.err, 'searches it was running will read as interrupted', { signals: ['SIGINT', 'SIGTERM'] });
      });
      stopListening();
      setExit(EXIT.ok);
    });
};

/**
 * The database `knobs serve` shows: for writing (made when not there), or read-only when asked
 * (--read-only) or when it exists but cannot be written (said on stderr, with why). A database that
 * is not there is never made for reading only: there would be nothing to show.
 */
function openServed(db: string | undefined, readOnly: boolean, err: (line: string) => void): { store: Store; readOnlyReason?: string } {
  const { path } = databasePath(db);
  if (readOnly) {
    if (!existsSync(path)) {
      throw new BadInputError(
        `No Knobs database at ${path}, and --read-only shows one that exists (there is nothing to show, and none is made): give --db FILE naming a Knobs database, or leave out --read-only to make a new one there`,
        [{ path: 'db', message: 'no such file' }],
      );
    }
    return { store: openExistingStore(db), readOnlyReason: 'started with --read-only' };
  }
  const denied = existsSync(path) ? unwritable(path) : null;
  if (!denied) return { store: openStore(db, 'serve') };
  const store = openExistingStore(db);
  err(`knobs serve: ${path} cannot be written (${denied}), so it is open read-only: every view works, and creating, running, changing or deleting anything is turned off. To change it, copy it to a folder you can write and run "knobs serve --db COPY"`);
  return { store, readOnlyReason: denied.replace(/ \(.*\)$/, '') };
}

/** Why listening failed, as bad input the user can fix with --port or --host (other failures unchanged). */
function listenError(e: unknown, host: string, port: number): unknown {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'EADDRINUSE':
      return new BadInputError(`port ${port} is in use on ${host}; pick another with --port, or use --port 0 for a free one`);
    case 'EACCES':
      return new BadInputError(`port ${port} needs privileges this user lacks (ports below 1024 usually do); pick one from 1024 to 65535 with --port, or use --port 0 for a free one`);
    case 'EADDRNOTAVAIL':
      return new BadInputError(`${host} is not an address this machine has; use --host 127.0.0.1 (or localhost)`);
    default:
      return e;
  }
}
