/**
 * Reads a pack folder: `pack.yaml`, one file per item in a folder per kind, and partial
 * items under `overrides/<kind folder>/`. Reading never throws for bad content: every
 * problem becomes an issue and the rest of the pack is still read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type IssueKey, messageFor } from '../issues.ts';
import { ITEM_KINDS, kindOfFolder, MANIFEST_FILE, OVERRIDES_FOLDER } from '../kinds.ts';
import { isDir, isFile } from './fs.ts';
import { parsePackFile } from './read-file.ts';
import type { PackSource, SourceItem } from './source.ts';

const ITEM_FILE = /\.(ya?ml|json)$/;
const IGNORED = new Set(['README.md', 'CHANGELOG.md', 'node_modules']);

/** Reads the pack in a folder. */
export function loadPackDir(dir: string): PackSource {
  const source: PackSource = { dir, manifest: undefined, items: [], issues: [], lines: new Map() };
  const packId = () => (typeof source.manifest?.id === 'string' ? source.manifest.id : basename(dir));
  const issue = (file: string, code: IssueKey, params: Record<string, unknown>, line?: number) =>
    source.issues.push({
      code,
      severity: 'error',
      pack: packId(),
      file,
      pointer: '',
      message: messageFor(code, params),
      params,
      ...(line ? { line } : {}),
    });

  const manifestPath = join(dir, MANIFEST_FILE);
  if (!isFile(manifestPath)) {
    issue(MANIFEST_FILE, 'manifest.missing', {});
  } else {
    const parsed = parsePackFile(readFileSync(manifestPath, 'utf8'));
    if (!parsed.ok) issue(MANIFEST_FILE, 'file.parse', { reason: parsed.reason }, parsed.line);
    else if (!isObject(parsed.data)) issue(MANIFEST_FILE, 'file.not-an-object', {});
    else {
      source.manifest = parsed.data;
      source.lines.set(MANIFEST_FILE, parsed.lineOf);
    }
  }

  const readKindFolder = (folder: string, relative: string, override: boolean) => {
    const kind = kindOfFolder(folder);
    if (!kind) {
      issue(relative, 'file.unknown-folder', { folder, expected: ITEM_KINDS.map((k) => k.folder).join(', ') });
      return;
    }
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const file = `${relative}/${name}`;
      if (!ITEM_FILE.test(name) || !isFile(join(dir, file))) continue;
      const parsed = parsePackFile(readFileSync(join(dir, file), 'utf8'));
      if (!parsed.ok) {
        issue(file, 'file.parse', { reason: parsed.reason }, parsed.line);
        continue;
      }
      if (!isObject(parsed.data)) {
        issue(file, 'file.not-an-object', {});
        continue;
      }
      const stem = basename(name, extname(name));
      const code = override ? stem : typeof parsed.data.code === 'string' ? parsed.data.code : stem;
      if (code !== stem || (override && parsed.data.code !== undefined && parsed.data.code !== stem)) {
        issue(file, 'file.code-mismatch', { file: name, code: parsed.data.code });
      }
      source.lines.set(file, parsed.lineOf);
      const item: SourceItem = { kind, code, file, data: parsed.data, override };
      source.items.push(item);
    }
  };

  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || IGNORED.has(entry) || !isDir(join(dir, entry))) continue;
    if (entry === OVERRIDES_FOLDER) {
      for (const sub of readdirSync(join(dir, entry)).sort()) {
        if (isDir(join(dir, entry, sub))) readKindFolder(sub, `${entry}/${sub}`, true);
      }
    } else readKindFolder(entry, entry, false);
  }
  return source;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
