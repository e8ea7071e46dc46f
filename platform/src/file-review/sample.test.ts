import { describe, expect, it } from 'vitest';
import { type Candidate, drawSample, sampleSize } from './sample.ts';

/** 12 cases of subject A (workflows w1, w2 alternately) and 5 of subject B (all w1). */
const CASES: Candidate[] = [
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `a${i + 1}`,
    number: `A-${String(i + 1).padStart(2, '0')}`,
    subject: 'A',
    workflow: i % 2 ? 'w2' : 'w1',
  })),
  ...Array.from({ length: 5 }, (_, i) => ({ id: `b${i + 1}`, number: `B-${i + 1}`, subject: 'B', workflow: 'w1' })),
];

describe('sampleSize', () => {
  it('rounds a share up, caps a count, and draws nothing from nothing', () => {
    expect(sampleSize(12, { kind: 'share', value: 25, per: 'subject' })).toBe(3);
    expect(sampleSize(5, { kind: 'share', value: 25, per: 'subject' })).toBe(2);
    expect(sampleSize(30, { kind: 'share', value: 10, per: 'subject' })).toBe(3);
    expect(sampleSize(3, { kind: 'count', value: 5, per: 'subject' })).toBe(3);
    expect(sampleSize(0, { kind: 'count', value: 5, per: 'subject' })).toBe(0);
  });
});

describe('drawSample', () => {
  it('draws the same files from the same seed, whatever order the cases come in', () => {
    const rule = { kind: 'share', value: 25, per: 'subject' } as const;
    const one = drawSample(42, CASES, rule);
    const again = drawSample(42, [...CASES].reverse(), rule);
    expect(again.drawn.map((d) => d.id)).toEqual(one.drawn.map((d) => d.id));
    expect(one.strata).toEqual([
      { subject: 'A', workflow: null, population: 12, drawn: 3 },
      { subject: 'B', workflow: null, population: 5, drawn: 2 },
    ]);
    expect(one.drawn.filter((d) => d.subject === 'A')).toHaveLength(3);
    expect(new Set(one.drawn.map((d) => d.id)).size).toBe(5);
  });

  it('draws other files from other seeds', () => {
    const rule = { kind: 'count', value: 2, per: 'subject' } as const;
    const draws = new Set(
      Array.from({ length: 20 }, (_, s) =>
        drawSample(s, CASES, rule)
          .drawn.map((d) => d.id)
          .join(),
      ),
    );
    expect(draws.size).toBeGreaterThan(5);
  });

  it('draws a count from each subject and workflow', () => {
    const { drawn, strata } = drawSample(7, CASES, { kind: 'count', value: 2, per: 'subject-workflow' });
    expect(strata).toEqual([
      { subject: 'A', workflow: 'w1', population: 6, drawn: 2 },
      { subject: 'A', workflow: 'w2', population: 6, drawn: 2 },
      { subject: 'B', workflow: 'w1', population: 5, drawn: 2 },
    ]);
    expect(drawn.map((d) => `${d.subject}/${d.workflow}`)).toEqual(['A/w1', 'A/w1', 'A/w2', 'A/w2', 'B/w1', 'B/w1']);
  });
});
