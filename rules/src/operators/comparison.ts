import type { Operator } from '@yifa/metamodel';
import { isNumber, isScalar, type OperatorImpl } from './types.ts';

/** equal / notEqual: a scalar fact of the same type as the value. */
function equality(name: Operator, test: (a: unknown, b: unknown) => boolean): OperatorImpl {
  return {
    name,
    checkValue: (v) => (isScalar(v) ? undefined : 'scalar'),
    checkFact: (f, v) => (isScalar(f) && typeof f === typeof v ? undefined : typeof v),
    test,
  };
}

/** lessThan … greaterThanInclusive: numbers on both sides. */
function ordering(name: Operator, test: (a: number, b: number) => boolean): OperatorImpl {
  return {
    name,
    checkValue: (v) => (isNumber(v) ? undefined : 'number'),
    checkFact: (f) => (isNumber(f) ? undefined : 'number'),
    test: test as (a: unknown, b: unknown) => boolean,
  };
}

export const equal = equality('equal', (a, b) => a === b);
export const notEqual = equality('notEqual', (a, b) => a !== b);
export const lessThan = ordering('lessThan', (a, b) => a < b);
export const lessThanInclusive = ordering('lessThanInclusive', (a, b) => a <= b);
export const greaterThan = ordering('greaterThan', (a, b) => a > b);
export const greaterThanInclusive = ordering('greaterThanInclusive', (a, b) => a >= b);

/** between [min, max], both ends included. */
export const between: OperatorImpl = {
  name: 'between',
  checkValue: (v) =>
    Array.isArray(v) && v.length === 2 && isNumber(v[0]) && isNumber(v[1]) && v[0] <= v[1] ? undefined : 'pair',
  checkFact: (f) => (isNumber(f) ? undefined : 'number'),
  test: (f, v) => {
    const [min, max] = v as [number, number];
    return (f as number) >= min && (f as number) <= max;
  },
};
