import type { OperatorImpl } from './types.ts';

/** Whether a fact counts as present: not undefined, null, the empty string or an empty list. */
export function isPresent(f: unknown): boolean {
  return f !== undefined && f !== null && f !== '' && !(Array.isArray(f) && f.length === 0);
}

/** exists: the value true asks that the fact is present, false that it is absent. */
export const exists: OperatorImpl = {
  name: 'exists',
  judgesMissing: true,
  checkValue: (v) => (typeof v === 'boolean' ? undefined : 'boolean'),
  checkFact: () => undefined,
  test: (f, v) => isPresent(f) === v,
};
