/**
 * The smallest override that turns a base item into an edited one (#14): what the studio
 * writes when an implementer edits a base item, so that one changed field is a one-field
 * override and a changed element of a keyed array names only that element by its key.
 * It is the inverse of `mergeOverride` (merge.ts) in a metamodel-2 pack: objects become
 * nested patches, removed fields `null`, keyed arrays (KEYED_ARRAYS) lists of the elements
 * that change — `$remove: true` for a removed one, `$after` / `$before` for one added or
 * moved — and every other array the edited array whole. In a metamodel-1 pack (`keyed:
 * false`) every array is replaced whole, as that merge does.
 */
import type { ItemKind } from '../kinds.ts';
import { elementId, keyFieldsAt } from './keyed-arrays.ts';
import { isPlainObject } from './overlay-path.ts';

/** How the override will be merged: keyed arrays by key (metamodel 2, the default) or whole. */
export interface MinimalOverrideOptions {
  keyed?: boolean;
}

const SAME = Symbol('same');

/**
 * The smallest patch such that `mergeOverride(base, patch, { kind, keyed })` gives `edited`;
 * `{}` when they are equal. The item's `code` is not part of the patch (the merge ignores it;
 * the override file carries it). Keyed elements whose key is missing or repeated cannot be
 * named by key: their array is then written whole, which the merge reports — callers check
 * the patch merges back to `edited`.
 *
 * @example
 * minimalOverride('parameter', { code: 'x', versions: [{ effectiveFrom: '2021-07-15', value: 3000 }] },
 *   { code: 'x', versions: [{ effectiveFrom: '2021-07-15', value: 5000 }] })
 * // → { versions: [{ effectiveFrom: '2021-07-15', value: 5000 }] }
 */
export function minimalOverride(
  kind: ItemKind,
  base: unknown,
  edited: unknown,
  options: MinimalOverrideOptions = {},
): Record<string, unknown> {
  if (!isPlainObject(base) || !isPlainObject(edited)) return {};
  const { code: _baseCode, ...b } = base;
  const { code: _editedCode, ...e } = edited;
  const patch = diff(kind, b, e, [], options.keyed ?? true);
  return patch === SAME ? {} : (patch as Record<string, unknown>);
}

function diff(kind: ItemKind, base: unknown, edited: unknown, schema: string[], keyed: boolean): unknown {
  if (deepEqual(base, edited)) return SAME;
  if (isPlainObject(base) && isPlainObject(edited)) {
    const patch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(edited)) {
      const d = key in base ? diff(kind, base[key], value, [...schema, key], keyed) : structuredClone(value);
      if (d !== SAME) patch[key] = d;
    }
    for (const key of Object.keys(base)) if (!(key in edited)) patch[key] = null;
    return patch;
  }
  const fields = keyed && Array.isArray(base) && Array.isArray(edited) ? keyFieldsAt(kind, schema) : undefined;
  if (fields) {
    const elements = keyedDiff(kind, base as unknown[], edited as unknown[], fields, [...schema, '*'], keyed);
    if (elements) return elements;
  }
  return structuredClone(edited);
}

/** The elements of a keyed-array patch, or undefined when an element has no key or shares one. */
function keyedDiff(
  kind: ItemKind,
  base: unknown[],
  edited: unknown[],
  fields: readonly string[],
  schema: string[],
  keyed: boolean,
): unknown[] | undefined {
  const baseIds = ids(base, fields);
  const editedIds = ids(edited, fields);
  if (!baseIds || !editedIds) return undefined;
  const inEdited = new Set(editedIds);
  const inBase = new Map(baseIds.map((id, i) => [id, i]));
  const keyOf = (element: unknown) =>
    Object.fromEntries(fields.map((f) => [f, structuredClone((element as Record<string, unknown>)[f])]));
  const reference = (element: unknown) => {
    const key = keyOf(element);
    return fields.length === 1 ? key[fields[0] as string] : key;
  };
  const patch: unknown[] = [];
  for (const [i, id] of baseIds.entries()) if (!inEdited.has(id)) patch.push({ ...keyOf(base[i]), $remove: true });
  // Base elements kept in the same relative order stay where they are; the rest are placed.
  const kept = editedIds.filter((id) => inBase.has(id));
  const stable = longestIncreasing(kept.map((id) => inBase.get(id) as number)).map((i) => baseIds[i]);
  const stays = new Set(stable);
  for (const [i, id] of editedIds.entries()) {
    const element = edited[i] as Record<string, unknown>;
    const at = inBase.get(id);
    const body =
      at === undefined
        ? bodyOf(element, fields)
        : diff(kind, bodyOf(base[at], fields), bodyOf(element, fields), schema, keyed);
    if (stays.has(id)) {
      if (body !== SAME) patch.push({ ...keyOf(element), ...(body as Record<string, unknown>) });
      continue;
    }
    const position =
      i > 0
        ? { $after: reference(edited[i - 1]) }
        : stable.length > 0
          ? { $before: reference(edited[editedIds.indexOf(stable[0] as string)]) }
          : {};
    patch.push({ ...keyOf(element), ...(body === SAME ? {} : (body as Record<string, unknown>)), ...position });
  }
  return patch;
}

function bodyOf(element: unknown, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(element as Record<string, unknown>).filter(([k]) => !fields.includes(k)));
}

/** The identities of the elements, or undefined when one has none or two share one. */
function ids(elements: unknown[], fields: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const e of elements) {
    const id = elementId(e, fields);
    if (id === undefined || out.includes(id)) return undefined;
    out.push(id);
  }
  return out;
}

/** Indexes (into the base) of a longest increasing subsequence of `values`, in order. */
function longestIncreasing(values: number[]): number[] {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  const tailAt: number[] = [];
  for (const [i, v] of values.entries()) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailAt[lo] = i;
    previous[i] = lo > 0 ? (tailAt[lo - 1] as number) : -1;
  }
  const out: number[] = [];
  for (let i = tails.length > 0 ? (tailAt[tails.length - 1] as number) : -1; i >= 0; i = previous[i] as number)
    out.unshift(values[i] as number);
  return out;
}

/** Structural equality of JSON values (key order of objects does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
}
