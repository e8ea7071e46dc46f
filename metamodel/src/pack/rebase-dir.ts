/**
 * `yifa pack rebase`: moves a region folder from one version of its base to another. The
 * bases are read from folders (resolved with their own bases) or bundles; the region is
 * compared three ways (rebase.ts), then its files are rewritten: `extends` pins the new base
 * (and widens its range when the new version is outside it), and removals the new base made
 * moot are dropped. Overrides in conflict are kept as the region wrote them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { parseDocument } from 'yaml';
import { MANIFEST_FILE } from '../kinds.ts';
import { validatePackDir } from '../validate-dir.ts';
import { readBundle } from './bundle.ts';
import { loadPackDir } from './load.ts';
import { styleOf } from './migrate-dir.ts';
import { pinFor } from './pin.ts';
import { planRebase, type RebaseEntry } from './rebase.ts';
import type { ResolvedPack } from './resolved.ts';

/** What a rebase found and did. */
export interface RebaseReport {
  region: string;
  from: { id: string; version: string; hash: string };
  onto: { id: string; version: string; hash: string };
  entries: RebaseEntry[];
  /** Files rewritten (or, in a dry run, that would be). */
  files: { file: string; before: string; after: string }[];
  /** Conflicts and kept overrides whose target is gone: while there are any, the rebase needs a person. */
  blocking: number;
}

/** A base read from a folder or a bundle, or why it could not be read. */
export function loadBase(path: string): { ok: true; pack: ResolvedPack } | { ok: false; reason: string } {
  if (path.endsWith('.json')) {
    const read = readBundle(readFileSync(path, 'utf8'));
    return read.ok ? { ok: true, pack: read.pack } : { ok: false, reason: read.error.message.en };
  }
  const report = validatePackDir(resolve(path));
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  return report.ok ? { ok: true, pack: report.pack } : { ok: false, reason: `${path} has ${errors} errors` };
}

/** Rebases the region in `dir` from the base `from` onto `onto` (written unless `dryRun`). */
export function rebasePackDir(
  dir: string,
  from: ResolvedPack,
  onto: ResolvedPack,
  options: { dryRun?: boolean } = {},
): RebaseReport {
  const region = loadPackDir(dir);
  const plan = planRebase(region, from, onto);
  const pin = pinFor(onto);
  const files: RebaseReport['files'] = [];

  const manifestText = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  const manifest = parseDocument(manifestText);
  manifest.setIn(['extends', 'pinned'], manifest.createNode(pin));
  const range = String(manifest.getIn(['extends', 'version']) ?? '*');
  if (!semver.satisfies(pin.version, range)) manifest.setIn(['extends', 'version'], `^${pin.version}`);
  const removals = (region.manifest?.remove ?? []) as { kind: string; code: string }[];
  const moot = removals
    .map((r, i) => (plan.mootRemovals.some((m) => m.kind === r.kind && m.code === r.code) ? i : -1))
    .filter((i) => i >= 0)
    .reverse();
  for (const i of moot) manifest.deleteIn(['remove', i]);
  if (moot.length > 0 && moot.length === removals.length) manifest.delete('remove');
  files.push({
    file: MANIFEST_FILE,
    before: manifestText,
    after: manifest.toString({ lineWidth: 0, ...styleOf(manifestText) }),
  });

  for (const [file, pointers] of plan.mootElements) {
    const before = readFileSync(join(dir, file), 'utf8');
    const doc = parseDocument(before);
    const paths = pointers.map((p) =>
      p
        .split('/')
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    );
    // Last index first, so the earlier indexes still point where they did.
    for (const path of paths.sort((a, b) => Number(b.at(-1)) - Number(a.at(-1)))) {
      doc.deleteIn(path);
      const list = doc.getIn(path.slice(0, -1)) as { items?: unknown[] } | undefined;
      if (list?.items?.length === 0) doc.deleteIn(path.slice(0, -1));
    }
    files.push({ file, before, after: doc.toString({ lineWidth: 0, ...styleOf(before) }) });
  }
  if (!options.dryRun) for (const f of files) writeFileSync(join(dir, f.file), f.after);

  const kept = (e: RebaseEntry) =>
    e.outcome === 'conflict' || (e.outcome === 'target-removed' && e.note.includes('kept'));
  return {
    region: String(region.manifest?.id ?? dir),
    from: { id: from.manifest.id, ...pinFor(from) },
    onto: { id: onto.manifest.id, ...pin },
    entries: plan.entries,
    files,
    blocking: plan.entries.filter(kept).length,
  };
}
