import { describe, expect, it } from 'vitest';
import { type DrawInput, drawCount, drawPlan, periodDays } from './draw.ts';

const entities = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, creditCode: `${prefix}${String(i).padStart(4, '0')}` }));

const INPUT: DrawInput = {
  seed: 20261207,
  periodDays: 365,
  classes: [
    { code: 'D', ratePerYear: 20, entities: entities('d', 50) },
    { code: 'C', ratePerYear: 10, entities: entities('c', 100) },
    { code: 'A', ratePerYear: 3, entities: entities('a', 200) },
    { code: 'B', ratePerYear: 5, entities: entities('b', 400) },
  ],
  officers: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'],
  excluded: {},
};

const drawn = (input: DrawInput) => {
  const r = drawPlan(input);
  if (!r.ok) throw new Error(`no draw: ${r.entityId}`);
  return r;
};

describe('the draw of an inspection plan', () => {
  it('is the same for the same seed and inputs, whatever order the rows came in', () => {
    const a = drawn(INPUT);
    const shuffled: DrawInput = {
      ...INPUT,
      classes: INPUT.classes.map((c) => ({ ...c, entities: [...c.entities].reverse() })),
      officers: [...INPUT.officers].reverse(),
    };
    expect(drawn(shuffled)).toEqual(a);
    expect(drawn({ ...INPUT })).toEqual(a);
  });

  it('differs for another seed', () => {
    const a = drawn(INPUT).inspections.map((i) => i.entityId);
    const b = drawn({ ...INPUT, seed: 20261208 }).inspections.map((i) => i.entityId);
    expect(b).toHaveLength(a.length);
    expect(b).not.toEqual(a);
  });

  it('draws each class at its rate for a year: D 20 % of 50, C 10 % of 100, A 3 % of 200, B 5 % of 400', () => {
    const r = drawn(INPUT);
    expect(r.counts.map((c) => [c.code, c.drawn])).toEqual([
      ['D', 10],
      ['C', 10],
      ['A', 6],
      ['B', 20],
    ]);
    const byClass = (code: string) => r.inspections.filter((i) => i.riskClass === code);
    expect(byClass('D')).toHaveLength(10);
    expect(byClass('D').every((i) => i.entityId.startsWith('d'))).toBe(true);
    expect(byClass('B').every((i) => i.entityId.startsWith('b'))).toBe(true);
    // No entity twice.
    expect(new Set(r.inspections.map((i) => i.entityId)).size).toBe(r.inspections.length);
  });

  it('scales the rate to the period, rounding up, never above the class', () => {
    expect(drawCount(400, 5, 365)).toBe(20);
    expect(drawCount(400, 5, 92)).toBe(6); // 400 × 5 % × 92/365 = 5.04
    expect(drawCount(3, 100, 365)).toBe(3);
    expect(drawCount(3, 20, 3650)).toBe(3);
    expect(drawCount(10, 0, 365)).toBe(0);
    expect(drawCount(0, 20, 365)).toBe(0);
    expect(periodDays('2026-01-01', '2026-12-31')).toBe(365);
    expect(periodDays('2026-07-01', '2026-09-30')).toBe(92);
  });

  it('gives every inspection two different officers from the pool', () => {
    for (const i of drawn(INPUT).inspections) {
      expect(i.officers).toHaveLength(2);
      expect(i.officers[0]).not.toBe(i.officers[1]);
      for (const o of i.officers) expect(INPUT.officers).toContain(o);
    }
  });

  it('never draws an excluded officer (declared conflict or last time) for that entity', () => {
    const excluded: Record<string, string[]> = {};
    for (const c of INPUT.classes) for (const e of c.entities) excluded[e.id] = ['o1', 'o2', 'o3'];
    const r = drawn({ ...INPUT, excluded });
    for (const i of r.inspections) for (const o of i.officers) expect(['o4', 'o5', 'o6']).toContain(o);
    // Only o5 and o6 left for d-entities: exactly them.
    for (const e of INPUT.classes[0]?.entities ?? []) excluded[e.id] = ['o1', 'o2', 'o3', 'o4'];
    for (const i of drawn({ ...INPUT, excluded }).inspections.filter((x) => x.riskClass === 'D'))
      expect([...i.officers].sort()).toEqual(['o5', 'o6']);
  });

  it('refuses when an entity drawn has fewer than two officers left', () => {
    const excluded = Object.fromEntries(
      (INPUT.classes[0]?.entities ?? []).map((e) => [e.id, ['o1', 'o2', 'o3', 'o4', 'o5']]),
    );
    const r = drawPlan({ ...INPUT, excluded });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.entityId.startsWith('d')).toBe(true);
      expect(r.eligible).toBe(1);
    }
  });

  it('spreads the draw: over many seeds every D entity is drawn, near its rate', () => {
    const times = new Map<string, number>();
    for (let seed = 1; seed <= 400; seed++)
      for (const i of drawn({ ...INPUT, seed }).inspections)
        if (i.riskClass === 'D') times.set(i.entityId, (times.get(i.entityId) ?? 0) + 1);
    expect(times.size).toBe(50);
    // 400 draws × 10 of 50 → 80 per entity expected; a uniform draw stays well within 40–120.
    for (const n of times.values()) {
      expect(n).toBeGreaterThan(40);
      expect(n).toBeLessThan(120);
    }
  });
});
