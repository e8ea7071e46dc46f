import { describe, expect, it } from 'vitest';
import { sameData } from './same-data.ts';

describe('sameData', () => {
  it('ignores key order and undefined keys, not values or array order', () => {
    expect(sameData({ a: 1, b: [{ x: '2', y: null }] }, { b: [{ y: null, x: '2' }], a: 1, c: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameData({ a: null }, {})).toBe(false);
  });

  it('takes an empty list as no key (an empty table the form shows), but not a list with rows', () => {
    // The decision's 没收的非法财物 table, hidden and empty, as the form gives it and as a correction stores it.
    expect(sameData({ fine: 70000, confiscatedProperty: [] }, { fine: 70000 })).toBe(true);
    expect(sameData({ rows: [{ item: 'x', tags: [] }] }, { rows: [{ item: 'x' }] })).toBe(true);
    expect(sameData({ rows: [{ item: 'x' }] }, {})).toBe(false);
    expect(sameData({ rows: [] }, { rows: [{}] })).toBe(false);
  });
});
