/**
 * Paths of what an override set, with the elements of keyed arrays named by their key
 * rather than their index. A later layer may insert or remove elements before them, so
 * positions are only known once every layer is applied: then each path becomes a JSON
 * pointer into the resolved item.
 */
import { pointerOf } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { elementId, idLabel, keyFieldsAt } from './keyed-arrays.ts';

/** One step of a path: an object key, or the element of a keyed array with this identity. */
export type PathSegment = string | { id: string; fields: readonly string[] };

/** A path into an item. */
export type OverlayPath = readonly PathSegment[];

/** The JSON pointer of a path in an item, or undefined when an element on the way is gone. */
export function pointerIn(item: unknown, path: OverlayPath): string | undefined {
  const steps: (string | number)[] = [];
  let node: unknown = item;
  for (const segment of path) {
    if (typeof segment === 'string') {
      steps.push(segment);
      node = isPlainObject(node) ? node[segment] : undefined;
      continue;
    }
    if (!Array.isArray(node)) return undefined;
    const index = node.findIndex((e) => elementId(e, segment.fields) === segment.id);
    if (index < 0) return undefined;
    steps.push(index);
    node = node[index];
  }
  return pointerOf(...steps);
}

/** The pointers of paths in an item, each once, in order; paths whose element is gone are left out. */
export function pointersIn(item: unknown, paths: readonly OverlayPath[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const pointer = pointerIn(item, path);
    if (pointer !== undefined) out.add(pointer);
  }
  return [...out];
}

/** A path as text: `/fields[name=fine]/title`. */
export function pathLabel(path: OverlayPath): string {
  return path
    .map((s) =>
      typeof s === 'string' ? `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}` : `[${idLabel(s.id, s.fields)}]`,
    )
    .join('');
}

/** Whether a value is a plain object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The pointer in an override's own data of a pointer into the resolved item: elements of
 * keyed arrays sit at other indexes in the override than in the item (it holds only the
 * elements it changes), so they are matched by key. Stops where the override has nothing.
 */
export function patchPointer(kind: ItemKind, item: unknown, patch: unknown, pointer: string): string {
  const steps: (string | number)[] = [];
  const schemaPath: string[] = [];
  let node = item;
  let at = patch;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && Array.isArray(at)) {
      const fields = keyFieldsAt(kind, schemaPath);
      const element = node[Number(segment)];
      const id = fields ? elementId(element, fields) : undefined;
      const index = fields ? at.findIndex((e) => id !== undefined && elementId(e, fields) === id) : Number(segment);
      if (index < 0 || index >= at.length) break;
      steps.push(index);
      schemaPath.push('*');
      node = element;
      at = at[index];
    } else if (isPlainObject(node) && isPlainObject(at) && segment in at) {
      steps.push(segment);
      schemaPath.push(segment);
      node = node[segment];
      at = at[segment];
    } else break;
  }
  return pointerOf(...steps);
}

/** The value at a path in an item (elements of keyed arrays found by key), or undefined. */
export function valueAt(item: unknown, path: OverlayPath): unknown {
  let node = item;
  for (const segment of path) {
    if (typeof segment === 'string') node = isPlainObject(node) ? node[segment] : undefined;
    else node = Array.isArray(node) ? node.find((e) => elementId(e, segment.fields) === segment.id) : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}
