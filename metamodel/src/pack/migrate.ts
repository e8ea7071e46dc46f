/**
 * Migration of an override from metamodel 1 to 2. A version-1 override restates every
 * array it touches; in version 2 the keyed arrays (KEYED_ARRAYS) merge by key, so the same
 * result needs only the elements that differ from the base: the added ones (placed where
 * the restated array had them), the changed ones (only their changed fields; a field the
 * restated element left out becomes `null`), and `$remove` for the base elements it left
 * out. Arrays restated unchanged are dropped. Scalars are kept as written: they may be
 * the region's deliberate choice even where they equal the base today.
 */
import type { ItemKind } from '../kinds.ts';
import { elementId, keyFieldsAt } from './keyed-arrays.ts';
import { isPlainObject } from './overlay-path.ts';

/** The version-2 override, or why none with the same result could be written. */
export type MigratedOverride = { ok: true; patch: Record<string, unknown> } | { ok: false; reason: string };

/** The version-2 form of a version-1 override of `base` (an item of `kind`). */
export function migrateOverride(kind: ItemKind, base: unknown, patch: Record<string, unknown>): MigratedOverride {
  const failures: string[] = [];
  const out = migrateObject(kind, isPlainObject(base) ? base : {}, patch, [], failures);
  return failures.length > 0 ? { ok: false, reason: failures.join('; ') } : { ok: true, patch: out };
}

function migrateObject(
  kind: ItemKind,
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
  schema: string[],
  failures: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const here = [...schema, key];
    const was = base[key];
    if (Array.isArray(value) && Array.isArray(was)) {
      if (same(value, was)) continue;
      const fields = keyFieldsAt(kind, here);
      out[key] = fields ? keyedDiff(kind, was, value, fields, here, failures) : value;
    } else if (isPlainObject(value) && isPlainObject(was)) {
      const inner = migrateObject(kind, was, value, here, failures);
      // An object left empty by dropped arrays changes nothing; one written empty never did.
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else out[key] = value;
  }
  return out;
}

/** The keyed elements that turn the base array into the target one (version-2 semantics). */
function keyedDiff(
  kind: ItemKind,
  base: unknown[],
  target: unknown[],
  fields: readonly string[],
  schema: string[],
  failures: string[],
): unknown[] {
  const baseIds = base.map((e) => elementId(e, fields));
  const targetIds = target.map((e) => elementId(e, fields));
  const unique = (ids: (string | undefined)[]) =>
    ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
  if (!unique(baseIds) || !unique(targetIds)) {
    failures.push(`/${schema.join('/')}: elements without a key of their own (${fields.join(', ')})`);
    return target;
  }
  const tIds = targetIds as string[];
  const keyOf = (e: unknown) => Object.fromEntries(fields.map((f) => [f, (e as Record<string, unknown>)[f]]));
  const refOf = (e: unknown) => (fields.length === 1 ? (e as Record<string, unknown>)[fields[0] as string] : keyOf(e));
  const removals = base
    .filter((_, i) => !tIds.includes(baseIds[i] as string))
    .map((e) => ({ ...keyOf(e), $remove: true }));
  const staying = longestCommon(
    (baseIds as string[]).filter((id) => tIds.includes(id)),
    tIds,
  );
  const firstStaying = target.find((_, i) => staying.has(tIds[i] as string));
  const entries: unknown[] = [];
  target.forEach((element, i) => {
    const id = tIds[i] as string;
    const from = base[(baseIds as string[]).indexOf(id)];
    const last = i === target.length - 1;
    let position: Record<string, unknown> = {};
    if (!staying.has(id) && (from !== undefined || !last)) {
      if (i > 0) position = { $after: refOf(target[i - 1]) };
      else if (firstStaying !== undefined) position = { $before: refOf(firstStaying) };
    }
    if (from === undefined) entries.push({ ...(element as object), ...position });
    else {
      const changes = diffObject(
        kind,
        from as Record<string, unknown>,
        element as Record<string, unknown>,
        [...schema, '*'],
        fields,
        failures,
      );
      if (Object.keys(changes).length > 0 || Object.keys(position).length > 0)
        entries.push({ ...keyOf(element), ...changes, ...position });
    }
  });
  return [...removals, ...entries];
}

/** The version-2 patch of an element: what differs, `null` for what the target left out. */
function diffObject(
  kind: ItemKind,
  base: Record<string, unknown>,
  target: Record<string, unknown>,
  schema: string[],
  skip: readonly string[],
  failures: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) if (!(key in target) && !skip.includes(key)) out[key] = null;
  for (const [key, value] of Object.entries(target)) {
    if (skip.includes(key) || same(value, base[key])) continue;
    const was = base[key];
    const here = [...schema, key];
    const fields = keyFieldsAt(kind, here);
    if (isPlainObject(value) && isPlainObject(was)) out[key] = diffObject(kind, was, value, here, [], failures);
    else if (fields && Array.isArray(value) && Array.isArray(was))
      out[key] = keyedDiff(kind, was, value, fields, here, failures);
    else out[key] = value;
  }
  return out;
}

/** The ids of a longest common subsequence of two id lists: the elements that need not move. */
function longestCommon(a: string[], b: string[]): Set<string> {
  const table = a.map(() => new Array<number>(b.length + 1).fill(0));
  table.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      const down = table[i + 1] as number[];
      row[j] = a[i] === b[j] ? (down[j + 1] as number) + 1 : Math.max(down[j] as number, row[j + 1] as number);
    }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i] as string);
      i++;
      j++;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  return kept;
}

/** Deep equality of plain data (key order ignored). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

/**
 * The version-1 form of a version-2 override: every array it touches restated whole as
 * `merged` (the item once the override is applied) has it. The inverse of migrateOverride,
 * used to check migrations against packs already in version 2.
 */
export function restateOverride(merged: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const at = isPlainObject(merged) ? merged : {};
  return Object.fromEntries(
    Object.entries(patch).map(([key, value]) => {
      if (Array.isArray(value)) return [key, structuredClone(at[key])];
      if (isPlainObject(value) && isPlainObject(at[key])) return [key, restateOverride(at[key], value)];
      return [key, value];
    }),
  );
}
