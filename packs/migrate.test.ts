/**
 * `yifa pack migrate` on every pack: the resolved pack is identical before and after. The
 * regional packs are committed in metamodel 2 already, so each is first turned back into
 * the version-1 form (every array it touches restated whole, as packs were written before
 * keyed overlays), which must resolve the same, then migrated again.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  differences,
  loadPackDir,
  metamodelVersion,
  migratePackDir,
  restateOverride,
  validatePackDir,
} from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { packFolders } from './index.ts';

const packs = packFolders();

/** A temp packs root holding copies of the pack and its bases. */
function copyWithBases(id: string): string {
  const root = mkdtempSync(join(tmpdir(), 'yifa-migrate-'));
  const { pack } = validatePackDir(packs.find((p) => p.id === id)?.dir as string);
  for (const layer of pack.layers) {
    cpSync(packs.find((p) => p.id === layer.id)?.dir as string, join(root, layer.id), { recursive: true });
  }
  return root;
}

/** Rewrites a metamodel-2 pack folder into its version-1 form. */
function toVersion1(dir: string): number {
  const source = loadPackDir(dir);
  const { pack } = validatePackDir(dir);
  let restated = 0;
  for (const item of source.items.filter((i) => i.override)) {
    const data = restateOverride(pack.items[item.kind].get(item.code), item.data);
    writeFileSync(join(dir, item.file), stringify(data, { lineWidth: 0 }));
    if (JSON.stringify(data) !== JSON.stringify(item.data)) restated++;
  }
  const manifest = join(dir, 'pack.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^metamodel:.*$/m, 'metamodel: "1"'));
  return restated;
}

describe.each(packs)('yifa pack migrate $id', ({ id, dir }) => {
  it('gives the same resolved pack before and after', () => {
    const original = validatePackDir(dir);
    expect(original.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const root = copyWithBases(id);
    const copy = join(root, id);
    const regional = original.pack.layers.length > 1;
    if (metamodelVersion(original.pack.manifest) === '2') {
      const restated = toVersion1(copy);
      if (regional) expect(restated).toBeGreaterThan(0);
      const v1 = validatePackDir(copy);
      expect(v1.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(differences(original.pack, v1.pack)).toEqual([]);
    }
    const report = migratePackDir(copy);
    expect(report.problems).toEqual([]);
    expect(report.outcome).toBe('migrated');
    // Every regional pack restates an array (at least its org-types codelist): its overrides are rewritten.
    const overrides = report.files.filter((f) => f.file.startsWith('overrides/'));
    if (regional) expect(overrides.length).toBeGreaterThan(0);
    const after = validatePackDir(copy);
    expect(after.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(after.pack.manifest.metamodel).toBe('2');
    expect(differences(original.pack, after.pack)).toEqual([]);
  });
});
