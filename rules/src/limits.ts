/**
 * Bounds on what a pack condition may cost. Pack data is never executed as code, but a
 * hostile or careless condition could still be deep, wide or self-referring; these limits
 * turn each of those into a clear compile issue instead of a hang or a stack overflow.
 */
export interface Limits {
  /** Deepest nesting of all / any / not / named-condition steps. */
  maxDepth: number;
  /** Nodes in one compiled condition, counting every expansion of a named condition. */
  maxNodes: number;
  /** Expansions of named conditions in one compiled condition. */
  maxRefExpansions: number;
  /** Items of a value list (in, notIn, containsAny). */
  maxListItems: number;
  /** Items of a fact list an operator will look through. */
  maxFactArray: number;
  /** Characters of a string an expression may build. */
  maxStringLength: number;
}

/** The limits used unless a caller gives others. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxDepth: 32,
  maxNodes: 2000,
  maxRefExpansions: 256,
  maxListItems: 500,
  maxFactArray: 10_000,
  maxStringLength: 100_000,
});
