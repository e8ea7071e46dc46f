import { describe, expect, it } from 'vitest';
import { basisGaps, basisUnverified } from './basis-gaps.ts';

/** A basis as basisGaps takes it (versions is a non-empty tuple in the generated type). */
type Basis = Parameters<typeof basisGaps>[0];

describe('basisGaps', () => {
  it('lists what a basis known only by its law lacks', () => {
    expect(basisGaps({})).toEqual({ missing: ['article', 'text', 'effectiveFrom'], unverified: [] });
  });

  it('lists fields marked unverified, and nothing for a complete verified basis', () => {
    const complete: Basis = { article: '第一条', versions: [{ effectiveFrom: '2021-07-15', text: '为了……' }] };
    expect(basisUnverified(complete)).toBe(false);
    const marked: Basis = { ...complete, verification: { effectiveFrom: { status: 'unverified' } } };
    expect(basisGaps(marked)).toEqual({ missing: [], unverified: ['effectiveFrom'] });
  });

  it('treats an item unverified as a whole as 待核实', () => {
    const whole: Basis = { article: '第一条', versions: [{ effectiveFrom: '2021-07-15', text: '……' }] };
    expect(basisUnverified({ ...whole, source: { status: 'unverified' } })).toBe(true);
  });
});
