/**
 * `yifa pack migrate`: rewrites a metamodel-1 pack folder into metamodel 2. Each override
 * is migrated against the resolved base (migrate.ts); the pack is then resolved both ways
 * and every item and removal must come out identical, else nothing is written and the
 * report names the overrides that differ. Files are edited in place through the YAML
 * document, so comments, key order and the untouched parts keep their form.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { ITEM_KINDS, MANIFEST_FILE } from '../kinds.ts';
import { type ChainOptions, loadPackChain } from './chain.ts';
import { metamodelVersion, resolveLayers } from './layer.ts';
import { migrateOverride, same } from './migrate.ts';
import type { ResolvedPack } from './resolved.ts';
import type { PackSource, SourceItem } from './source.ts';

/** What migrating a pack did, or would do. */
export interface MigrationReport {
  pack: string;
  /** already: the pack was version 2; migrated: it is (or, in a dry run, would be); failed: nothing written. */
  outcome: 'already' | 'migrated' | 'failed';
  /** Override files rewritten, with their text before and after. */
  files: { file: string; before: string; after: string }[];
  /** Why the migration could not be written, one line per override. */
  problems: string[];
}

/** Migrates the pack in `dir` (written unless `dryRun`). */
export function migratePackDir(dir: string, options: ChainOptions & { dryRun?: boolean } = {}): MigrationReport {
  const { chain } = loadPackChain(dir, options);
  const top = chain.at(-1) as PackSource;
  const pack = String(top.manifest?.id ?? dir);
  if (metamodelVersion(top.manifest) === '2') return { pack, outcome: 'already', files: [], problems: [] };
  const lower = chain.slice(0, -1);
  const base = resolveLayers(lower).pack;
  const problems: string[] = [];
  const items: SourceItem[] = top.items.map((item) => {
    const existing = base.items[item.kind].get(item.code);
    if (!item.override || existing === undefined) return item;
    const migrated = migrateOverride(item.kind, existing, item.data);
    if (migrated.ok) return { ...item, data: migrated.patch };
    problems.push(`${item.file}: ${migrated.reason}`);
    return item;
  });
  const next: PackSource = { ...top, manifest: { ...top.manifest, metamodel: '2' }, items };
  problems.push(...differences(resolveLayers(chain).pack, resolveLayers([...lower, next]).pack));
  if (problems.length > 0) return { pack, outcome: 'failed', files: [], problems };

  const files = items
    .map((item, i) => ({ item, old: top.items[i] as SourceItem }))
    .filter(({ item, old }) => !same(item.data, old.data))
    .map(({ item, old }) => {
      const before = readFileSync(join(dir, item.file), 'utf8');
      return { file: item.file, before, after: rewrite(before, item.file, old.data, item.data) };
    });
  const manifestText = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  // Only the version line changes, its quotes kept ("1" or '1': a number-like string needs them).
  const after = manifestText.replace(
    /^metamodel:(\s*)(['"]?)1\2/m,
    (_, space: string, q: string) => `metamodel:${space}${q || "'"}2${q || "'"}`,
  );
  files.push({ file: MANIFEST_FILE, before: manifestText, after });
  if (!options.dryRun) for (const f of files) writeFileSync(join(dir, f.file), f.after);
  return { pack, outcome: 'migrated', files, problems: [] };
}

/** The items and removals that differ between two resolutions of a pack. */
export function differences(a: ResolvedPack, b: ResolvedPack): string[] {
  const out: string[] = [];
  for (const { kind } of ITEM_KINDS) {
    const codes = new Set([...a.items[kind].keys(), ...b.items[kind].keys()]);
    for (const code of codes) {
      if (!same(a.items[kind].get(code), b.items[kind].get(code))) out.push(`${kind} ${code} resolves differently`);
    }
  }
  if (!same(a.removed, b.removed)) out.push('the removed items differ');
  return out;
}

/** The file's text with its changed top-level keys replaced, the rest as written. */
function rewrite(text: string, file: string, old: Record<string, unknown>, data: Record<string, unknown>): string {
  if (file.endsWith('.json')) return `${JSON.stringify(data, null, 2)}\n`;
  const doc: Document = parseDocument(text);
  for (const key of Object.keys(old)) if (!(key in data)) doc.delete(key);
  for (const [key, value] of Object.entries(data)) {
    if (!same(value, old[key])) doc.set(key, doc.createNode(value));
  }
  return doc.toString({ lineWidth: 0, ...styleOf(text) });
}

/** The list indentation and flow-map padding a YAML file was written with, to write it the same way. */
export function styleOf(text: string): { indentSeq: boolean; flowCollectionPadding: boolean } {
  return { indentSeq: !/\n- /.test(text), flowCollectionPadding: !/\{\S/.test(text) };
}
