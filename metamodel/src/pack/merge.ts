/**
 * Merge of an override into a base item: objects merge key by key and `null` deletes an
 * optional field. What an array does depends on the metamodel version of the overriding
 * pack: in version 1 every array replaces the base value whole; in version 2 the arrays
 * of KEYED_ARRAYS merge element by element by their key (keyed-merge.ts) and only the
 * others are replaced whole. It records the path of everything the override set.
 */
import { pointerOf } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { keyFieldsAt } from './keyed-arrays.ts';
import { type MergeAt, type MergeProblem, type MergeState, mergeKeyedArray } from './keyed-merge.ts';
import { isPlainObject, type OverlayPath, pathLabel, pointersIn } from './overlay-path.ts';

export type { MergeProblem } from './keyed-merge.ts';

/** How to merge: the kind of the item (it names the keyed arrays) and whether arrays merge by key. */
export interface MergeOptions {
  kind?: ItemKind;
  /** Version 2: keyed arrays merge by key. Default false (version 1: arrays replace whole). */
  keyed?: boolean;
}

/** The merged value and what the override set. */
export interface MergeResult {
  value: unknown;
  /** JSON pointers into the merged value of every field and element the override set. */
  pointers: string[];
  /** The same as paths, elements named by key, to place them again once later layers moved them. */
  paths: OverlayPath[];
  /** Elements the override removed, as text (`/fields[name=x]`). */
  removed: string[];
  /** The same as paths. */
  removedPaths: OverlayPath[];
  problems: MergeProblem[];
}

/** Merges an override into a base item. */
export function mergeOverride(base: unknown, patch: unknown, options: MergeOptions = {}): MergeResult {
  const state: MergeState = { kind: options.kind, keyed: options.keyed ?? false, paths: [], removed: [], problems: [] };
  const value = mergeValue(base, patch, { schema: [], out: [], patch: [], record: true }, state);
  return {
    value,
    pointers: pointersIn(value, state.paths),
    paths: state.paths,
    removed: state.removed.map(pathLabel),
    removedPaths: state.removed,
    problems: state.problems,
  };
}

/** Merges one value of the patch into the base value at `at`. */
export function mergeValue(base: unknown, patch: unknown, at: MergeAt, state: MergeState): unknown {
  if (isPlainObject(patch) && (isPlainObject(base) || (state.keyed && base === undefined))) {
    return mergeObject(isPlainObject(base) ? base : {}, patch, at, state);
  }
  const fields = state.keyed && state.kind && Array.isArray(patch) ? keyFieldsAt(state.kind, at.schema) : undefined;
  if (fields && Array.isArray(patch) && (Array.isArray(base) || base === undefined)) {
    return mergeKeyedArray(base ?? [], patch, fields, at, state, mergeValue);
  }
  if (at.record) state.paths.push(at.out);
  return structuredClone(patch);
}

function mergeObject(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
  at: MergeAt,
  state: MergeState,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    // The item keeps its code: an override's own `code` only names what it overrides.
    if (at.out.length === 0 && key === 'code') continue;
    const here: MergeAt = {
      schema: [...at.schema, key],
      out: [...at.out, key],
      patch: [...at.patch, key],
      record: at.record,
    };
    if (value === null) {
      delete out[key];
      if (at.record) state.paths.push(here.out);
    } else if (base[key] === undefined) {
      if (at.record) state.paths.push(here.out);
      out[key] = mergeValue(undefined, value, { ...here, record: false }, state);
    } else out[key] = mergeValue(base[key], value, here, state);
  }
  return out;
}

const DIRECTIVES = new Set(['$remove', '$after', '$before']);

/** Pointers of the overlay directives in a patch (elements of arrays that carry `$remove`, `$after` or `$before`). */
export function directivePointers(patch: unknown, path: (string | number)[] = []): string[] {
  if (Array.isArray(patch)) return patch.flatMap((e, i) => directivePointers(e, [...path, i]));
  if (!isPlainObject(patch)) return [];
  const inElement = typeof path.at(-1) === 'number';
  return Object.entries(patch).flatMap(([k, v]) =>
    inElement && DIRECTIVES.has(k) ? [pointerOf(...path, k)] : directivePointers(v, [...path, k]),
  );
}
