import { describe, expect, it } from 'vitest';
import { sameData } from './same-data.ts';

describe('sameData', () => {
  it('ignores key order and undefined keys, not values or array order', () => {
    expect(sameData({ a: 1, b: [{ x: '2', y: null }] }, { b: [{ y: null, x: '2' }], a: 1, c: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameData({ a: null }, {})).toBe(false);
  });
});
