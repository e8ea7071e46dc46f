/**
 * Reads a pack folder: `pack.yaml`, one file per item in a folder per kind, and partial
 * items under `overrides/<kind folder>/`. The folder is walked here (links, special files,
 * the file limit); what the files say is read by `loadPackFiles` (load-files.ts), the same
 * reader the studio's working copies use. Reading never throws for bad content: every
 * problem becomes an issue naming the file, and the rest of the pack is still read. A file
 * that is refused (see read-file.ts, parse-file.ts) contributes nothing; a pack over the
 * limits of limits.ts is refused whole (`refused`), before its content is read.
 */
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { IssueKey } from '../issues.ts';
import { kindOfFolder, MANIFEST_FILE, OVERRIDES_FOLDER } from '../kinds.ts';
import { type Entry, listEntries, reasonOf } from './fs.ts';
import { type LoadLimits, limitsWith } from './limits.ts';
import { loadPackFiles, MANIFEST_MISSING, type PackFileEntry } from './load-files.ts';
import { readPackText } from './read-file.ts';
import type { PackSource } from './source.ts';

const ITEM_FILE = /\.(ya?ml|json)$/;
const IGNORED = new Set(['README.md', 'CHANGELOG.md', 'node_modules']);

/** Options for reading a pack folder. */
export interface LoadOptions {
  /** Bounds other than the defaults (limits.ts), e.g. for a test. */
  limits?: Partial<LoadLimits>;
}

/** Reads the pack in a folder: walks it and reads each file's text through `loadPackFiles`. */
export function loadPackDir(dir: string, options: LoadOptions = {}): PackSource {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (e) {
    return loadPackFiles(
      [{ path: MANIFEST_FILE, problem: { code: 'file.unreadable', params: { reason: reasonOf(e) } } }],
      {
        ...options,
        dir,
        fallbackId: basename(dir),
      },
    );
  }
  return loadPackFiles(walk(root, limitsWith(options.limits)), { ...options, dir, fallbackId: basename(dir) });
}

/**
 * The entries of a pack folder in reading order — the manifest first, then each folder and its
 * files by name — each file read only when the loader asks for the next entry, so texts are not
 * all alive at once (lines are looked up later by reading the file again).
 */
function* walk(root: string, limits: LoadLimits): Generator<PackFileEntry> {
  let files = 0;
  /** Once the folders listed hold more entries than the limit, the pack is refused. */
  const tooMany: PackFileEntry = { path: '', over: { code: 'pack.too-many-files', limit: limits.maxFiles } };
  const problem = (path: string, code: IssueKey, params: Record<string, unknown>, line?: number): PackFileEntry => ({
    path,
    problem: { code, params, ...(line ? { line } : {}) },
  });
  /** The entries of a folder, counted against the file limit; links that leave the pack are reported and dropped. */
  function* list(relative: string, path: string): Generator<PackFileEntry, Entry[]> {
    const entries = listEntries(path, root);
    if ('error' in entries) {
      yield problem(relative, 'file.unreadable', { reason: entries.error });
      return [];
    }
    files += entries.length;
    for (const e of entries)
      if (e.type === 'outside')
        yield problem(relative ? `${relative}/${e.name}` : e.name, 'file.symlink-outside', { target: e.target });
    return entries.filter((e) => e.type !== 'outside');
  }
  function file(entry: Entry, path: string): PackFileEntry {
    if (entry.type === 'special') return problem(path, 'file.special', { what: entry.what });
    if (entry.type === 'unreadable') return problem(path, 'file.unreadable', { reason: entry.reason });
    const read = readPackText(entry.path, limits.maxFileBytes);
    if (!read.ok) return problem(path, read.issue, read.params, read.line);
    const reread = () => {
      const again = readPackText(entry.path, limits.maxFileBytes);
      return again.ok ? again.text : undefined;
    };
    return { path, text: read.text, bytes: read.bytes, reread };
  }
  function* folder(entry: Entry, relative: string): Generator<PackFileEntry> {
    yield { path: relative, folder: true };
    if (!kindOfFolder(entry.name)) return;
    const entries = yield* list(relative, entry.path);
    if (files > limits.maxFiles) yield tooMany;
    for (const e of entries) if (e.type !== 'dir' && ITEM_FILE.test(e.name)) yield file(e, `${relative}/${e.name}`);
  }

  const top = yield* list('', root);
  const manifest = top.find((e) => e.name === MANIFEST_FILE);
  yield manifest ? file(manifest, MANIFEST_FILE) : MANIFEST_MISSING;
  // The manifest is read even then, so that the refusal names the pack by its id.
  if (files > limits.maxFiles) yield tooMany;
  for (const entry of top) {
    if (entry.name.startsWith('.') || IGNORED.has(entry.name) || entry.name === MANIFEST_FILE) continue;
    if (entry.type !== 'dir') continue;
    if (entry.name !== OVERRIDES_FOLDER) yield* folder(entry, entry.name);
    else {
      const subs = yield* list(entry.name, entry.path);
      if (files > limits.maxFiles) yield tooMany;
      for (const sub of subs) if (sub.type === 'dir') yield* folder(sub, `${entry.name}/${sub.name}`);
    }
  }
}
