import type { Operator } from '@yifa/metamodel';

/**
 * One operator as a definition object: what its value and its fact must be, and the test.
 * The leaf compiler checks literal and parameter values once, fact values on every evaluation;
 * `test` only ever sees values that passed both checks, so it needs no guards of its own.
 */
export interface OperatorImpl {
  readonly name: Operator;
  /** True when a missing fact is what the operator judges (exists), not an unknown. */
  readonly judgesMissing?: boolean;
  /** The expected type when the condition's value does not fit; undefined when it fits. */
  checkValue(value: unknown): string | undefined;
  /** The expected type when the fact does not fit this value; undefined when it fits. */
  checkFact(fact: unknown, value: unknown): string | undefined;
  /** Turns a checked value into what `test` compares with (e.g. a Set); identity when absent. */
  prepare?(value: unknown): unknown;
  /** The operator on a checked fact and a prepared value. */
  test(fact: unknown, prepared: unknown): boolean;
}

/** A string, number or boolean. */
export function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A finite number. */
export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** An array of scalars. */
export function isScalarList(v: unknown): v is (string | number | boolean)[] {
  return Array.isArray(v) && v.every(isScalar);
}
