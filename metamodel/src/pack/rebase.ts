/**
 * Rebase of a region onto a new version of its base, as data: every override, removal and
 * addition of the region is compared three ways — the old base, the new base, the region —
 * and gets one of four outcomes. Applied: the base did not change what the region changes
 * (or now agrees with it). Conflict: the base changed the same field, element or item; the
 * region's value is kept and the report shows base old → base new against it. Target removed:
 * the new base no longer has what the region changes or removes. New in base: items the new
 * base adds, which the region may want. Nothing is decided silently.
 */
import { ITEM_KINDS, type ItemKind } from '../kinds.ts';
import { metamodelVersion } from './layer.ts';
import { mergeOverride } from './merge.ts';
import { same } from './migrate.ts';
import { type OverlayPath, pathLabel, valueAt } from './overlay-path.ts';
import type { ResolvedPack } from './resolved.ts';
import type { PackSource } from './source.ts';

/** One finding of a rebase. */
export interface RebaseEntry {
  outcome: 'applied' | 'conflict' | 'target-removed' | 'new-in-base';
  kind: ItemKind;
  code: string;
  /** Where in the item (`/fields[name=x]/title`), or '' for the whole item. */
  path: string;
  /** The region's file it concerns (an override, an added item, or pack.yaml for a removal). */
  file: string;
  baseOld?: unknown;
  baseNew?: unknown;
  region?: unknown;
  /** What the region does here and what the rebase did about it. */
  note: string;
}

/** The findings, and what to rewrite: removals the new base made moot. */
export interface RebasePlan {
  entries: RebaseEntry[];
  /** Items the region removes that the new base no longer has: dropped from `remove`. */
  mootRemovals: { kind: ItemKind; code: string }[];
  /** Pointers, per override file, of `$remove` elements whose target the new base no longer has. */
  mootElements: Map<string, string[]>;
}

/** Compares a region's layer with its old and new base. */
export function planRebase(region: PackSource, oldBase: ResolvedPack, newBase: ResolvedPack): RebasePlan {
  const keyed = metamodelVersion(region.manifest) === '2';
  const entries: RebaseEntry[] = [];
  const mootRemovals: RebasePlan['mootRemovals'] = [];
  const mootElements = new Map<string, string[]>();
  const add = (e: RebaseEntry) => entries.push(e);

  for (const r of (region.manifest?.remove ?? []) as { kind: ItemKind; code: string }[]) {
    const was = oldBase.items[r.kind]?.get(r.code);
    const now = newBase.items[r.kind]?.get(r.code);
    const at = { kind: r.kind, code: r.code, path: '', file: 'pack.yaml' };
    if (now === undefined) {
      mootRemovals.push(r);
      add({ ...at, outcome: 'target-removed', note: 'removed by the new base too: the removal is dropped' });
    } else if (was !== undefined && !same(was, now))
      add({
        ...at,
        outcome: 'conflict',
        note: 'the region removes an item the new base changed',
        baseOld: was,
        baseNew: now,
      });
    else add({ ...at, outcome: 'applied', note: 'removal' });
  }

  for (const item of region.items) {
    const was = oldBase.items[item.kind].get(item.code);
    const now = newBase.items[item.kind].get(item.code);
    const at = { kind: item.kind, code: item.code, file: item.file };
    if (!item.override) {
      if (now !== undefined && was === undefined)
        add({ ...at, path: '', outcome: 'conflict', note: 'the new base adds an item with the code the region adds' });
      continue;
    }
    if (now === undefined) {
      add({
        ...at,
        path: '',
        outcome: 'target-removed',
        note: 'the new base has no such item: the override is kept as written',
      });
      continue;
    }
    const merged = mergeOverride(was, item.data, { kind: item.kind, keyed });
    for (const path of merged.paths) compareSet(path, was, now, merged.value, at, add);
    merged.removedPaths.forEach((path) => {
      const before = valueAt(was, path);
      const after = valueAt(now, path);
      const p = pathLabel(path);
      if (after === undefined)
        add({ ...at, path: p, outcome: 'target-removed', note: 'removed by the new base too: the $remove is dropped' });
      else if (!same(before, after))
        add({
          ...at,
          path: p,
          outcome: 'conflict',
          note: 'the region removes an element the new base changed',
          baseOld: before,
          baseNew: after,
        });
      else add({ ...at, path: p, outcome: 'applied', note: 'element removal' });
    });
    // What no longer fits the new base: moot removals are dropped, anything else is reported and kept.
    for (const problem of mergeOverride(now, item.data, { kind: item.kind, keyed }).problems) {
      if (problem.code === 'layer.element-missing') {
        mootElements.set(item.file, [...(mootElements.get(item.file) ?? []), problem.pointer]);
      } else if (problem.code === 'layer.element-position-missing')
        add({
          ...at,
          path: problem.pointer,
          outcome: 'target-removed',
          note: `${problem.message.en}: kept as written`,
        });
    }
  }

  for (const { kind } of ITEM_KINDS) {
    for (const code of newBase.items[kind].keys()) {
      if (!oldBase.items[kind].has(code))
        add({ kind, code, path: '', file: '', outcome: 'new-in-base', note: 'added by the new base' });
    }
  }
  return { entries, mootRemovals, mootElements };
}

function compareSet(
  path: OverlayPath,
  was: unknown,
  now: unknown,
  regionItem: unknown,
  at: { kind: ItemKind; code: string; file: string },
  add: (e: RebaseEntry) => void,
): void {
  const p = pathLabel(path);
  const before = valueAt(was, path);
  const after = valueAt(now, path);
  const region = valueAt(regionItem, path);
  // An element the region changes that the new base dropped: the override would add a partial element.
  const gone = path.some(
    (s, i) => typeof s !== 'string' && i < path.length - 1 && valueAt(now, path.slice(0, i + 1)) === undefined,
  );
  if (gone && before !== undefined) {
    add({
      ...at,
      path: p,
      outcome: 'target-removed',
      note: 'the new base has no such element: kept as written',
      baseOld: before,
      region,
    });
  } else if (same(before, after) || same(region, after)) {
    add({
      ...at,
      path: p,
      outcome: 'applied',
      note: same(before, after) ? 'override' : "the new base has the region's value",
    });
  } else
    add({
      ...at,
      path: p,
      outcome: 'conflict',
      note: "the base changed what the region overrides: the region's value is kept",
      baseOld: before,
      baseNew: after,
      region,
    });
}
