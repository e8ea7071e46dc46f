/**
 * Looking at a pack folder without trusting it: what each entry is, judged from the
 * directory listing and `lstat`/`realpath`, never by opening it. A symbolic link is followed
 * only when its real path stays inside the pack folder; a FIFO, socket or device is named
 * and left alone (opening a FIFO would block until someone writes to it).
 */
import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** What an entry of a pack folder is. */
export type EntryType =
  | { type: 'file' | 'dir' }
  /** A FIFO, socket or device (`what` names it), followed or not through a link. */
  | { type: 'special'; what: string }
  /** A symbolic link whose real path leaves the pack folder. */
  | { type: 'outside'; target: string }
  /** A link to nothing, or an entry that could not be looked at. */
  | { type: 'unreadable'; reason: string };

/** One entry of a folder: its name, the path to read it at, and what it is. */
export type Entry = { name: string; path: string } & EntryType;

/** The entries of a folder inside `root`, sorted by name, or why the folder cannot be listed. */
export function listEntries(dir: string, root: string): Entry[] | { error: string } {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    return { error: reasonOf(e) };
  }
  return dirents
    .map((d) => ({ name: d.name, ...entryAt(d, join(dir, d.name), root) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function entryAt(d: Dirent, path: string, root: string): { path: string } & EntryType {
  if (d.isFile()) return { path, type: 'file' };
  if (d.isDirectory()) return { path, type: 'dir' };
  if (!d.isSymbolicLink()) return { path, type: 'special', what: specialName(d) };
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    return { path, type: 'unreadable', reason: reasonOf(e) };
  }
  if (!isInside(real, root)) return { path, type: 'outside', target: real };
  try {
    const st = statSync(real);
    if (st.isFile()) return { path: real, type: 'file' };
    if (st.isDirectory()) return { path: real, type: 'dir' };
    return { path: real, type: 'special', what: specialName(st) };
  } catch (e) {
    return { path, type: 'unreadable', reason: reasonOf(e) };
  }
}

/** Whether a real path is the root or below it. */
export function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

function specialName(d: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (d.isFIFO()) return 'FIFO';
  if (d.isSocket()) return 'socket';
  if (d.isCharacterDevice()) return 'character device';
  if (d.isBlockDevice()) return 'block device';
  return 'special file';
}

/** The message of a thrown file-system error, without the stack. */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}` : String(err.message ?? e);
}
