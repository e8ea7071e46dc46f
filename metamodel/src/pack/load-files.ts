/**
 * Reads a pack from its files' text: `pack.yaml`, one file per item in a folder per kind, and
 * partial items under `overrides/<kind folder>/`, each given by its path relative to the pack
 * folder. The studio keeps a working copy as such texts (#14); `loadPackDir` (load.ts) walks a
 * folder and hands its files here one by one, so a folder and its texts read the same. Reading
 * never throws for bad content: every problem becomes an issue naming the file, and the rest of
 * the pack is still read. A pack over the limits of limits.ts is refused whole (`refused`).
 */
import { type IssueKey, messageFor } from '../issues.ts';
import { ITEM_KINDS, kindOfFolder, MANIFEST_FILE, OVERRIDES_FOLDER } from '../kinds.ts';
import { type LoadLimits, limitsWith } from './limits.ts';
import { type ParsedFile, parsePackFile } from './parse-file.ts';
import { lazyLineLookup } from './positions.ts';
import type { PackSource, SourceItem } from './source.ts';

/** One entry of a pack, by its path relative to the pack folder (`/` separated). */
export type PackFileEntry =
  /** A file's text; `reread` gives it again for line lookups instead of keeping it alive. */
  | { path: string; text: string; bytes?: number; reread?: () => string | undefined }
  /** A file that could not be read, and why. */
  | { path: string; problem: { code: IssueKey; params: Record<string, unknown>; line?: number } }
  /** A folder (so that an unknown one is reported even when empty). */
  | { path: string; folder: true }
  /** The pack is over a limit: nothing of it is kept. */
  | { path: string; over: { code: IssueKey; limit: number } };

/** Options for reading a pack from texts. */
export interface FilesOptions {
  /** Bounds other than the defaults (limits.ts). */
  limits?: Partial<LoadLimits>;
  /** The folder the texts came from, if any (kept as the source's `dir`). */
  dir?: string;
  /** The pack's name when its manifest has no id (a folder's base name). */
  fallbackId?: string;
  /**
   * Texts parsed before, by text, to reuse (the studio re-reads a working copy after each edit,
   * and most of its files have not changed); the texts parsed now are added. Parsed data is
   * shared, so it must not be changed (layering and validation only read it).
   */
  parsed?: Map<string, ParsedFile>;
}

const ITEM_FILE = /\.(ya?ml|json)$/;
const IGNORED = new Set(['README.md', 'CHANGELOG.md', 'node_modules']);

/** Where a path sits in a pack: the manifest, an item file, a folder, or nothing the loader reads. */
export type PackPlace =
  | { place: 'manifest' }
  | { place: 'folder'; folder: string; kindFolder: string; override: boolean }
  | { place: 'item'; folder: string; kindFolder: string; override: boolean; name: string }
  | { place: 'ignored' };

/** Where a path (relative to the pack folder) sits in the pack layout; `folder` when the path is a folder. */
export function packPlace(path: string, folder = false): PackPlace {
  const parts = path.split('/');
  const first = parts[0] ?? '';
  if (!folder && parts.length === 1) return first === MANIFEST_FILE ? { place: 'manifest' } : { place: 'ignored' };
  if (first.startsWith('.') || IGNORED.has(first)) return { place: 'ignored' };
  const override = first === OVERRIDES_FOLDER;
  const depth = override ? 3 : 2;
  if (parts.length !== depth && !(folder && parts.length === depth - 1)) return { place: 'ignored' };
  const at = { folder: parts.slice(0, depth - 1).join('/'), kindFolder: parts[depth - 2] as string, override };
  if (parts.length === depth - 1) return { place: 'folder', ...at };
  const name = parts[depth - 1] as string;
  return ITEM_FILE.test(name) ? { place: 'item', ...at, name } : { place: 'ignored' };
}

/** Reads a pack from its files: a map of path → text, or entries as a folder walk yields them. */
export function loadPackFiles(
  files: Readonly<Record<string, string>> | Iterable<PackFileEntry>,
  options: FilesOptions = {},
): PackSource {
  const limits = limitsWith(options.limits);
  const source: PackSource = {
    ...(options.dir ? { dir: options.dir } : {}),
    manifest: undefined,
    items: [],
    issues: [],
    lines: new Map(),
  };
  const fallback = options.fallbackId ?? options.dir ?? '(unknown pack)';
  const packId = () => (typeof source.manifest?.id === 'string' ? source.manifest.id : fallback);
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
  const entries = isEntries(files) ? files : entriesOf(files);
  const unknown = new Set<string>();
  let bytes = 0;
  let fileCount = 0;
  let over: { code: IssueKey; limit: number } | undefined;

  const folderKnown = (folder: string, kindFolder: string): boolean => {
    if (kindOfFolder(kindFolder)) return true;
    if (!unknown.has(folder)) {
      unknown.add(folder);
      const expected = ITEM_KINDS.map((k) => k.folder).join(', ');
      issue(folder, 'file.unknown-folder', { folder: kindFolder, expected });
    }
    return false;
  };

  for (const entry of entries) {
    if ('over' in entry) {
      over = entry.over;
      break;
    }
    // A file the walk could not read is reported wherever it is (a link leaving the pack, a FIFO).
    if ('problem' in entry) {
      issue(entry.path, entry.problem.code, entry.problem.params, entry.problem.line);
      continue;
    }
    const where = packPlace(entry.path, 'folder' in entry);
    if (where.place === 'ignored') continue;
    if (where.place === 'folder') {
      folderKnown(where.folder, where.kindFolder);
      continue;
    }
    if (where.place === 'item' && !folderKnown(where.folder, where.kindFolder)) continue;
    if ('folder' in entry) continue;
    if (!isEntries(files) && ++fileCount > limits.maxFiles)
      over ??= { code: 'pack.too-many-files', limit: limits.maxFiles };
    const size = entry.bytes ?? utf8Length(entry.text);
    if (size > limits.maxFileBytes) {
      issue(entry.path, 'file.too-large', { size, limit: limits.maxFileBytes });
      continue;
    }
    bytes += size;
    if (bytes > limits.maxPackBytes) over ??= { code: 'pack.too-large', limit: limits.maxPackBytes };
    const parsed = options.parsed?.get(entry.text) ?? parsePackFile(entry.text, limits);
    options.parsed?.set(entry.text, parsed);
    if (!parsed.ok) {
      issue(entry.path, parsed.issue, parsed.params, parsed.line, parsed.pointer);
      continue;
    }
    if (!isObject(parsed.data)) {
      issue(entry.path, 'file.not-an-object', {});
      continue;
    }
    source.lines.set(entry.path, entry.reread ? lazyLineLookup(entry.reread) : parsed.lineOf);
    if (where.place === 'manifest') {
      source.manifest = parsed.data;
      continue;
    }
    const kind = kindOfFolder(where.kindFolder);
    if (!kind) continue;
    const data = parsed.data;
    const stem = where.name.replace(/\.[^.]*$/, '');
    const code = where.override ? stem : typeof data.code === 'string' ? data.code : stem;
    if (code !== stem || (where.override && data.code !== undefined && data.code !== stem)) {
      issue(entry.path, 'file.code-mismatch', { file: where.name, code: data.code });
    }
    const item: SourceItem = { kind, code, file: entry.path, data, override: where.override };
    source.items.push(item);
    if (over) break;
  }
  if (over) return refuse(source, over.code, over.limit, packId());
  // Issues found before the manifest was read name the pack by its id too.
  for (const i of source.issues) i.pack = packId();
  return source;
}

/** The entry a walk yields first when the pack has no manifest. */
export const MANIFEST_MISSING: PackFileEntry = {
  path: MANIFEST_FILE,
  problem: { code: 'manifest.missing', params: {} },
};

/** Map entries in the order a folder walk gives them: the manifest first, then by path. */
function* entriesOf(files: Readonly<Record<string, string>>): Iterable<PackFileEntry> {
  const paths = Object.keys(files).sort((a, b) => (a === MANIFEST_FILE ? -1 : b === MANIFEST_FILE ? 1 : compare(a, b)));
  if (files[MANIFEST_FILE] === undefined) yield MANIFEST_MISSING;
  const folders = new Set<string>();
  for (const path of paths) {
    const where = packPlace(path);
    if ((where.place === 'item' || where.place === 'folder') && !folders.has(where.folder)) {
      folders.add(where.folder);
      yield { path: where.folder, folder: true };
    }
    yield { path, text: files[path] as string };
  }
}

function isEntries(files: unknown): files is Iterable<PackFileEntry> {
  return typeof (files as Iterable<unknown>)[Symbol.iterator] === 'function';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

const ENCODER = new TextEncoder();

/** The UTF-8 size of a text (TextEncoder, so this reader runs in a browser too). */
function utf8Length(text: string): number {
  return ENCODER.encode(text).length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
