import { describe, expect, it } from 'vitest';
import { prune } from './prune.ts';

describe('prune', () => {
  it('drops what the form added and the item never had', () => {
    const before = { code: 'a', value: 1, versions: [{ effectiveFrom: '2021-01-01', value: 2 }] };
    const next = {
      code: 'a',
      value: 3,
      unit: '',
      basis: [],
      source: {},
      notes: null,
      versions: [{ effectiveFrom: '2021-01-01', value: 2, notes: '' }],
    };
    expect(prune(next, before)).toEqual({ code: 'a', value: 3, versions: [{ effectiveFrom: '2021-01-01', value: 2 }] });
  });

  it('keeps an emptied field the item had, and whatever the user set', () => {
    expect(prune({ unit: '', basis: [], flag: false, n: 0 }, { unit: '元', basis: ['x'] })).toEqual({
      unit: '',
      basis: [],
      flag: false,
      n: 0,
    });
  });
});
