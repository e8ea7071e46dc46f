import type { Operator } from '@yifa/metamodel';
import { isIsoDate } from '../dates.ts';
import type { OperatorImpl } from './types.ts';

/** Date comparisons on ISO dates; a date-time compares by its date part. */
function dateOperator(name: Operator, test: (a: string, b: string) => boolean): OperatorImpl {
  return {
    name,
    checkValue: (v) => (isIsoDate(v) ? undefined : 'date'),
    checkFact: (f) => (isIsoDate(f) ? undefined : 'date'),
    prepare: (v) => (v as string).slice(0, 10),
    test: (f, v) => test((f as string).slice(0, 10), v as string),
  };
}

export const dateBefore = dateOperator('dateBefore', (a, b) => a < b);
export const dateOnOrBefore = dateOperator('dateOnOrBefore', (a, b) => a <= b);
export const dateAfter = dateOperator('dateAfter', (a, b) => a > b);
export const dateOnOrAfter = dateOperator('dateOnOrAfter', (a, b) => a >= b);
