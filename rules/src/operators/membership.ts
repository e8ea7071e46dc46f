import { isScalar, isScalarList, type OperatorImpl } from './types.ts';

const toSet = (v: unknown): unknown => new Set(v as unknown[]);

/** A scalar fact whose type appears in the list (an empty list fits any scalar). */
function checkMember(f: unknown, v: unknown): string | undefined {
  const list = v as unknown[];
  if (!isScalar(f)) return 'scalar';
  return list.length === 0 || list.some((x) => typeof x === typeof f) ? undefined : typeof list[0];
}

const checkList = (v: unknown): string | undefined => (isScalarList(v) ? undefined : 'list');
const checkArray = (f: unknown): string | undefined => (Array.isArray(f) ? undefined : 'array');

/** The fact is one of the listed values. */
export const inList: OperatorImpl = {
  name: 'in',
  checkValue: checkList,
  checkFact: checkMember,
  prepare: toSet,
  test: (f, set) => (set as Set<unknown>).has(f),
};

/** The fact is none of the listed values. */
export const notIn: OperatorImpl = {
  name: 'notIn',
  checkValue: checkList,
  checkFact: checkMember,
  prepare: toSet,
  test: (f, set) => !(set as Set<unknown>).has(f),
};

/** The fact (a list) contains the value. */
export const contains: OperatorImpl = {
  name: 'contains',
  checkValue: (v) => (isScalar(v) ? undefined : 'scalar'),
  checkFact: checkArray,
  test: (f, v) => (f as unknown[]).includes(v),
};

/** The fact (a list) does not contain the value. */
export const doesNotContain: OperatorImpl = {
  name: 'doesNotContain',
  checkValue: (v) => (isScalar(v) ? undefined : 'scalar'),
  checkFact: checkArray,
  test: (f, v) => !(f as unknown[]).includes(v),
};

/** The fact (a list) contains at least one of the listed values. */
export const containsAny: OperatorImpl = {
  name: 'containsAny',
  checkValue: checkList,
  checkFact: checkArray,
  prepare: toSet,
  test: (f, set) => (f as unknown[]).some((x) => (set as Set<unknown>).has(x)),
};

/** The fact (a code) starts with the value: `120116-SCJ` matches `120116-SCJ-CF-0001`. */
export const startsWith: OperatorImpl = {
  name: 'startsWith',
  checkValue: (v) => (typeof v === 'string' ? undefined : 'string'),
  checkFact: (f) => (typeof f === 'string' ? undefined : 'string'),
  test: (f, v) => (f as string).startsWith(v as string),
};
