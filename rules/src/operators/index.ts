import type { Operator } from '@yifa/metamodel';
import {
  between,
  equal,
  greaterThan,
  greaterThanInclusive,
  lessThan,
  lessThanInclusive,
  notEqual,
} from './comparison.ts';
import { dateAfter, dateBefore, dateOnOrAfter, dateOnOrBefore } from './dates.ts';
import { exists } from './exists.ts';
import { contains, containsAny, doesNotContain, inList, notIn, startsWith } from './membership.ts';
import type { OperatorImpl } from './types.ts';

export { isPresent } from './exists.ts';
export type { OperatorImpl } from './types.ts';

/** Every operator of the condition language, by name: exactly metamodel's OPERATORS. */
export const OPERATOR_IMPLS: Readonly<Record<Operator, OperatorImpl>> = Object.freeze({
  equal,
  notEqual,
  lessThan,
  lessThanInclusive,
  greaterThan,
  greaterThanInclusive,
  in: inList,
  notIn,
  contains,
  doesNotContain,
  containsAny,
  between,
  startsWith,
  exists,
  dateBefore,
  dateOnOrBefore,
  dateAfter,
  dateOnOrAfter,
});

/** The operator of that name, if the language has it. */
export function operatorImpl(name: unknown): OperatorImpl | undefined {
  return typeof name === 'string' && Object.hasOwn(OPERATOR_IMPLS, name) ? OPERATOR_IMPLS[name as Operator] : undefined;
}
