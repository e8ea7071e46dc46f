/**
 * One walk over a parsed file's data, before anything else reads it: it stops at the first
 * number out of range, at nesting deeper than the limit, and at data larger than its text
 * could hold. The last is what bounds YAML aliases: js-yaml shares an aliased node instead
 * of copying it, so "billion laughs" costs nothing to parse but explodes in whatever walks,
 * clones or serialises the data next. Without aliases a file has fewer nodes than characters,
 * so counting nodes against the text's length never refuses an honest file.
 */
import { pointerOf } from '../issues.ts';

/** A number the text holds that a JavaScript number cannot: the parser's stand-in, refused here. */
export class UnsafeNumber {
  constructor(readonly text: string) {}
}

/** What a tree may not exceed. */
export interface TreeBounds {
  maxDepth: number;
  maxNodes: number;
}

/** The first problem found, with the pointer to it. */
export type TreeProblem =
  | { issue: 'file.number-range'; params: { text: string }; pointer: string }
  | { issue: 'file.too-deep'; params: { max: number }; pointer: string }
  | { issue: 'file.alias-expansion'; params: { nodes: number }; pointer: string };

/** Walks the data; undefined when it is within bounds. */
export function checkTree(data: unknown, bounds: TreeBounds): TreeProblem | undefined {
  const path: (string | number)[] = [];
  let nodes = 0;
  const visit = (value: unknown, depth: number): TreeProblem | undefined => {
    // Where the count runs over says nothing about which alias is to blame: report the whole file.
    if (++nodes > bounds.maxNodes)
      return { issue: 'file.alias-expansion', params: { nodes: bounds.maxNodes }, pointer: '' };
    if (value instanceof UnsafeNumber)
      return { issue: 'file.number-range', params: { text: value.text }, pointer: pointerOf(...path) };
    if (typeof value !== 'object' || value === null) return undefined;
    if (depth > bounds.maxDepth)
      return { issue: 'file.too-deep', params: { max: bounds.maxDepth }, pointer: pointerOf(...path) };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const bad = visit(value[i], depth + 1);
        if (bad) return bad;
        path.pop();
      }
      return undefined;
    }
    for (const key in value) {
      path.push(key);
      const bad = visit((value as Record<string, unknown>)[key], depth + 1);
      if (bad) return bad;
      path.pop();
    }
    return undefined;
  };
  return visit(data, 0);
}
