/**
 * Reads a pack folder: `pack.yaml`, one file per item in a folder per kind, and partial
 * items under `overrides/<kind folder>/`. Reading never throws for bad content: every
 * problem becomes an issue naming the file, and the rest of the pack is still read. A file
 * that is refused (see read-file.ts, parse-file.ts) contributes nothing; a pack over the
 * limits of limits.ts is refused whole (`refused`), before its content is read.
 */
import { realpathSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { type IssueKey, messageFor } from '../issues.ts';
import { ITEM_KINDS, kindOfFolder, MANIFEST_FILE, OVERRIDES_FOLDER } from '../kinds.ts';
import { type Entry, listEntries, reasonOf } from './fs.ts';
import { type LoadLimits, limitsWith } from './limits.ts';
import { parsePackFile } from './parse-file.ts';
import { lazyLineLookup } from './positions.ts';
import { readPackText } from './read-file.ts';
import type { PackSource, SourceItem } from './source.ts';

const ITEM_FILE = /\.(ya?ml|json)$/;
const IGNORED = new Set(['README.md', 'CHANGELOG.md', 'node_modules']);

/** Options for reading a pack folder. */
export interface LoadOptions {
  /** Bounds other than the defaults (limits.ts), e.g. for a test. */
  limits?: Partial<LoadLimits>;
}

/** Reads the pack in a folder. */
export function loadPackDir(dir: string, options: LoadOptions = {}): PackSource {
  const limits = limitsWith(options.limits);
  const source: PackSource = { dir, manifest: undefined, items: [], issues: [], lines: new Map() };
  const packId = () => (typeof source.manifest?.id === 'string' ? source.manifest.id : basename(dir));
  const issue = (file: string, code: IssueKey, params: Record<string, unknown>, line?: number, pointer = '') =>
    source.issues.push({
      code,
      severity: 'error',
      pack: packId(),
      file,
      pointer,
      message: messageFor(code, params),
      params,
      ...(line ? { line } : {}),
    });
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (e) {
    issue(MANIFEST_FILE, 'file.unreadable', { reason: reasonOf(e) });
    return source;
  }
  let files = 0;
  let bytes = 0;
  let over: { code: IssueKey; limit: number } | undefined;

  /** Reads and parses one file, or reports why not; undefined when refused. */
  const readData = (entry: Entry, file: string): Record<string, unknown> | undefined => {
    if (entry.type === 'special') issue(file, 'file.special', { what: entry.what });
    else if (entry.type === 'unreadable') issue(file, 'file.unreadable', { reason: entry.reason });
    if (entry.type !== 'file') return undefined;
    const read = readPackText(entry.path, limits.maxFileBytes);
    if (!read.ok) return void issue(file, read.issue, read.params, read.line);
    bytes += read.bytes;
    if (bytes > limits.maxPackBytes) over ??= { code: 'pack.too-large', limit: limits.maxPackBytes };
    const parsed = parsePackFile(read.text, limits);
    if (!parsed.ok) return void issue(file, parsed.issue, parsed.params, parsed.line, parsed.pointer);
    if (!isObject(parsed.data)) return void issue(file, 'file.not-an-object', {});
    // Lines are wanted for few files, if any: re-read the file then instead of keeping every text
    // alive (it would double what the garbage collector copies and marks while a big pack loads).
    const path = entry.path;
    source.lines.set(
      file,
      lazyLineLookup(() => {
        const again = readPackText(path, limits.maxFileBytes);
        return again.ok ? again.text : undefined;
      }),
    );
    return parsed.data;
  };

  /**
   * The entries of a folder, counted against the file limit (the callers stop once it is
   * passed); links that leave the pack are reported and dropped.
   */
  const list = (relative: string, path: string): Entry[] => {
    const entries = listEntries(path, root);
    if ('error' in entries) {
      issue(relative, 'file.unreadable', { reason: entries.error });
      return [];
    }
    files += entries.length;
    if (files > limits.maxFiles) over ??= { code: 'pack.too-many-files', limit: limits.maxFiles };
    for (const e of entries) {
      if (e.type === 'outside')
        issue(relative ? `${relative}/${e.name}` : e.name, 'file.symlink-outside', { target: e.target });
    }
    return entries.filter((e) => e.type !== 'outside');
  };

  const top = list('', root);
  const manifestEntry = top.find((e) => e.name === MANIFEST_FILE);
  if (!manifestEntry) issue(MANIFEST_FILE, 'manifest.missing', {});
  else source.manifest = readData(manifestEntry, MANIFEST_FILE);

  const readKindFolder = (folder: Entry, relative: string, override: boolean) => {
    const kind = kindOfFolder(folder.name);
    if (!kind) {
      const expected = ITEM_KINDS.map((k) => k.folder).join(', ');
      issue(relative, 'file.unknown-folder', { folder: folder.name, expected });
      return;
    }
    for (const entry of list(relative, folder.path)) {
      const file = `${relative}/${entry.name}`;
      if (over) break;
      if (!ITEM_FILE.test(entry.name) || entry.type === 'dir') continue;
      const data = readData(entry, file);
      if (!data) continue;
      const stem = basename(entry.name, extname(entry.name));
      const code = override ? stem : typeof data.code === 'string' ? data.code : stem;
      if (code !== stem || (override && data.code !== undefined && data.code !== stem)) {
        issue(file, 'file.code-mismatch', { file: entry.name, code: data.code });
      }
      const item: SourceItem = { kind, code, file, data, override };
      source.items.push(item);
    }
  };

  for (const entry of top) {
    if (over) break;
    if (entry.name.startsWith('.') || IGNORED.has(entry.name) || entry.name === MANIFEST_FILE) continue;
    if (entry.type !== 'dir') continue;
    if (entry.name !== OVERRIDES_FOLDER) readKindFolder(entry, entry.name, false);
    else
      for (const sub of list(entry.name, entry.path))
        if (sub.type === 'dir') readKindFolder(sub, `${entry.name}/${sub.name}`, true);
  }
  if (over) return refuse(source, over.code, over.limit, packId());
  // Issues found before the manifest was read name the pack by its id too.
  for (const i of source.issues) i.pack = packId();
  return source;
}

/** The pack refused whole: nothing of it is kept but the one issue saying why. */
function refuse(source: PackSource, code: IssueKey, limit: number, pack: string): PackSource {
  const params = { limit };
  const issue = {
    code,
    severity: 'error' as const,
    pack,
    file: '',
    pointer: '',
    message: messageFor(code, params),
    params,
  };
  return { ...source, items: [], lines: new Map(), issues: [issue], refused: true };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
