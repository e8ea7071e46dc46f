/**
 * Visits the values at a path pattern like `transitions/* /roles/*` (without the space),
 * where `*` steps into every element of an array. Yields each value with its JSON pointer.
 */
import { pointerOf } from '../issues.ts';

/** A value found at a path, and its pointer. */
export interface Found {
  value: unknown;
  pointer: string;
}

/** Every value at the pattern inside `data`. */
export function valuesAt(data: unknown, pattern: string): Found[] {
  const out: Found[] = [];
  const step = (value: unknown, rest: string[], path: (string | number)[]) => {
    if (value === undefined) return;
    const [head, ...tail] = rest;
    if (head === undefined) {
      out.push({ value, pointer: pointerOf(...path) });
      return;
    }
    if (head === '*') {
      if (Array.isArray(value)) value.forEach((v, i) => step(v, tail, [...path, i]));
      else if (typeof value === 'string') step(value, tail, path);
      return;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      step((value as Record<string, unknown>)[head], tail, [...path, head]);
    }
  };
  step(data, pattern.split('/'), []);
  return out;
}
