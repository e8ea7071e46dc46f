import { describe, expect, it } from 'vitest';
import { basisGaps, basisUnverified } from './basis-gaps.ts';

describe('basisGaps', () => {
  it('lists what a basis known only by its law lacks', () => {
    expect(basisGaps({})).toEqual({ missing: ['article', 'text', 'effectiveFrom'], unverified: [] });
  });

  it('lists fields marked unverified, and nothing for a complete verified basis', () => {
    const complete = { article: '第一条', versions: [{ effectiveFrom: '2021-07-15', text: '为了……' }] };
    expect(basisUnverified(complete)).toBe(false);
    const marked = { ...complete, verification: { effectiveFrom: { status: 'unverified' as const } } };
    expect(basisGaps(marked)).toEqual({ missing: [], unverified: ['effectiveFrom'] });
  });

  it('treats an item unverified as a whole as 待核实', () => {
    const whole = { article: '第一条', versions: [{ effectiveFrom: '2021-07-15', text: '……' }] };
    expect(basisUnverified({ ...whole, source: { status: 'unverified' as const } })).toBe(true);
  });
});
