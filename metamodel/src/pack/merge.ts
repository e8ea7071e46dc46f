/**
 * Deep merge of an override into a base item: objects merge key by key, anything else
 * (arrays included) replaces the base value whole, and `null` deletes an optional
 * field. It records the JSON pointer of every field the override set.
 */
import { pointerOf } from '../issues.ts';

/** The merged value and the pointers the override set. */
export function mergeOverride(base: unknown, patch: unknown): { value: unknown; pointers: string[] } {
  const pointers: string[] = [];
  const value = merge(base, patch, [], pointers);
  return { value, pointers };
}

function merge(base: unknown, patch: unknown, path: string[], pointers: string[]): unknown {
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (path.length === 0 && key === 'code') continue;
      if (value === null) {
        delete out[key];
        pointers.push(pointerOf(...path, key));
      } else out[key] = merge(base[key], value, [...path, key], pointers);
    }
    return out;
  }
  pointers.push(pointerOf(...path));
  return structuredClone(patch);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
