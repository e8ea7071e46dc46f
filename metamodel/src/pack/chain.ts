/**
 * Finds the chain of packs a pack folder stands on: its `extends` base, that base's
 * base and so on, looked up by manifest id among the folders of a packs root (by
 * default the folder's parent), each checked against the version range asked for.
 */
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { type IssueKey, messageFor, type PackIssue } from '../issues.ts';
import { MANIFEST_FILE } from '../kinds.ts';
import { listEntries } from './fs.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { type LoadOptions, loadPackDir } from './load.ts';
import { parsePackFile } from './parse-file.ts';
import { readPackText } from './read-file.ts';
import { type PackSource, sourceId } from './source.ts';

/** Options for finding base packs (and for reading every pack of the chain). */
export interface ChainOptions extends LoadOptions {
  /** Folder holding pack folders to look bases up in; defaults to the pack folder's parent. */
  packsRoot?: string;
}

/** The packs from the base up to the pack in `dir`, and any problem finding them. */
export function loadPackChain(dir: string, options: ChainOptions = {}): { chain: PackSource[]; issues: PackIssue[] } {
  const root = options.packsRoot ?? dirname(resolve(dir));
  const index = indexPacks(root);
  const chain: PackSource[] = [];
  const issues: PackIssue[] = [];
  const visited: string[] = [];
  let current: PackSource | undefined = loadPackDir(dir, options);
  while (current) {
    const here: PackSource = current;
    chain.unshift(here);
    const id = sourceId(here);
    visited.push(id);
    const ext = here.manifest?.extends as { id?: unknown; version?: unknown } | undefined;
    if (!ext || typeof ext.id !== 'string') break;
    const report = (issue: IssueKey, params: Record<string, unknown>) =>
      issues.push({
        code: issue,
        severity: 'error',
        pack: id,
        file: MANIFEST_FILE,
        pointer: '/extends',
        message: messageFor(issue, params),
        params,
        ...lineOf(here, '/extends'),
      });
    if (visited.includes(ext.id)) {
      report('layer.cycle', { chain: [...visited, ext.id].join(' → ') });
      break;
    }
    const found = index.get(ext.id);
    if (!found) {
      const known = [...index.keys()].join(', ') || '-';
      report('layer.base-not-found', { base: ext.id, root, known });
      break;
    }
    const range = typeof ext.version === 'string' ? ext.version : '*';
    if (!semver.satisfies(found.version, range))
      report('layer.base-version', { base: ext.id, version: found.version, range });
    current = loadPackDir(found.dir, options);
  }
  return { chain, issues };
}

function lineOf(source: PackSource, pointer: string): { line?: number } {
  const line = source.lines.get(MANIFEST_FILE)?.(pointer);
  return line ? { line } : {};
}

/**
 * Pack folders under a root, by manifest id. Only real sub-folders of the root are looked
 * at, and only their `pack.yaml`, read with the same limits as any pack file.
 */
export function indexPacks(root: string): Map<string, { dir: string; version: string }> {
  const index = new Map<string, { dir: string; version: string }>();
  let real: string;
  try {
    real = realpathSync(root);
  } catch {
    return index;
  }
  const entries = listEntries(real, real);
  if ('error' in entries) return index;
  for (const entry of entries) {
    if (entry.type !== 'dir') continue;
    // Opened without following a link and refused unless a regular file (read-file.ts).
    const read = readPackText(join(entry.path, MANIFEST_FILE), DEFAULT_LIMITS.maxFileBytes);
    const parsed = read.ok ? parsePackFile(read.text) : undefined;
    if (!parsed?.ok || typeof parsed.data !== 'object' || parsed.data === null) continue;
    const { id, version } = parsed.data as { id?: unknown; version?: unknown };
    if (typeof id === 'string' && !index.has(id))
      index.set(id, { dir: join(root, entry.name), version: String(version ?? '0.0.0') });
  }
  return index;
}
