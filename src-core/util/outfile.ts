import { chmodSync, chownSync, closeSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { BadInputError } from '../errors';

/**
 * Where an output file (an export, a bundle) is written, and how. A regular file (or a path not
 * there yet) is replaced whole: written to a temporary file beside it, given the existing file's
 * mode (and owner, when allowed), then renamed over it, so a failure leaves it as it was. A
 * symbolic link is followed: its target is the file replaced, and the link stays. A path that is
 * not a regular file (a device such as /dev/full, a FIFO, /dev/stdout) is written through, never
 * replaced.
 */
export interface OutputTarget {
  /** The path to write: the regular file itself (links resolved), or the path as given when written through. */
  path: string;
  /** Written through (not a regular file): open it and write, no temporary file or rename. */
  direct: boolean;
  /** The regular file's mode, owner and group, when it exists. */
  keep?: { mode: number; uid: number; gid: number };
}

/**
 * How `file` is written (see OutputTarget). A symbolic link to nothing is refused (BadInputError
 * naming the link and where it points): writing through it would make a file somewhere unexpected.
 */
export function outputTarget(file: string, option = '--out'): OutputTarget {
  const abs = resolve(file);
  let link = false;
  try {
    link = lstatSync(abs).isSymbolicLink();
  } catch {
    return { path: abs, direct: false };
  }
  let st;
  try {
    st = statSync(abs);
  } catch {
    let to = '?';
    try {
      to = readlinkSync(abs);
    } catch {
      // gone meanwhile
    }
    throw new BadInputError(`Cannot write ${file}: it is a symbolic link to ${to}, which does not exist; give ${option} the file itself, or make the link's target first`, [{ path: option, message: 'a broken symbolic link' }]);
  }
  if (!st.isFile()) return { path: abs, direct: true };
  const keep = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  return { path: link ? realpathSync.native(abs) : abs, direct: false, keep };
}

/** Give `tmp` the mode (and, where allowed, the owner) of the file it will replace, then rename it over that file. */
export function replaceWith(tmp: string, target: OutputTarget): void {
  if (target.keep) {
    chmodSync(tmp, target.keep.mode);
    try {
      chownSync(tmp, target.keep.uid, target.keep.gid);
    } catch {
      // only root may give a file away; the mode is kept either way
    }
  }
  renameSync(tmp, target.path);
}

/**
 * This process's own descriptor a path names (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N),
 * or null. Such a path is written on the descriptor itself: opening it again fails when it is a
 * socket (ENXIO), as a parent process's pipe often is.
 */
function ownDescriptor(path: string): number | null {
  const abs = resolve(path);
  if (abs === '/dev/stdout') return 1;
  if (abs === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(abs);
  return m ? Number(m[1]) : null;
}

/** Write all of `bytes` to `fd`, waiting out a full non-blocking pipe (EAGAIN). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** Write `data` through to a path that is not a regular file (a device, a FIFO, /dev/stdout); errors (ENOSPC…) are thrown. */
export function writeThrough(path: string, data: string | Buffer): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const own = ownDescriptor(path);
  if (own !== null) {
    writeAll(own, bytes);
    return;
  }
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, bytes);
  } finally {
    closeSync(fd);
  }
}
