import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';

/** A good scheme over the fixture's penalty workflow. */
const GOOD = `code: risk
name: 风险分类
sectors: [market-regulation]
inspectionWorkflows: [penalty]
penaltyWorkflows: [penalty]
classes:
  - code: D
    name: 高风险
    ratePerYear: 20
    when: { fact: penaltyCases12m, operator: greaterThanInclusive, value: 2 }
  - code: A
    name: 低风险
    ratePerYear: 3
    when: { fact: inspections3y, operator: greaterThan, value: 0 }
  - { code: B, name: 一般, ratePerYear: 5 }
source: { status: unverified }
`;

function issuesOf(files: Record<string, string>) {
  const dir = fixtureWith(Object.fromEntries(Object.entries(files).map(([k, v]) => [`base/risk-schemes/${k}`, v])));
  return validatePackDir(join(dir, 'base')).issues.filter((i) => i.file?.startsWith('risk-schemes/'));
}

describe('risk schemes at pack load', () => {
  it('accepts a well-formed scheme', () => {
    expect(issuesOf({ 'risk.yaml': GOOD })).toEqual([]);
  });

  it.each([
    [
      'a fact that is not an entity fact',
      GOOD.replace('fact: penaltyCases12m', 'fact: fineAmount'),
      'condition.unknown-fact',
      '/classes/0/when/fact',
    ],
    ['a class listed twice', GOOD.replace('code: A', 'code: D'), 'risk.class-duplicate', '/classes/1/code'],
    [
      'a middle class without a condition',
      GOOD.replace('    when: { fact: inspections3y, operator: greaterThan, value: 0 }\n', ''),
      'risk.fallback',
      '/classes/1/when',
    ],
    [
      'a last class with a condition',
      GOOD.replace('ratePerYear: 5 }', 'ratePerYear: 5, when: { fact: sector, operator: equal, value: x } }'),
      'risk.fallback',
      '/classes/2/when',
    ],
    [
      'an unknown workflow',
      GOOD.replace('inspectionWorkflows: [penalty]', 'inspectionWorkflows: [nope]'),
      undefined,
      '/inspectionWorkflows/0',
    ],
    [
      'a rate over 100',
      GOOD.replace('ratePerYear: 20', 'ratePerYear: 120'),
      'schema.maximum',
      '/classes/0/ratePerYear',
    ],
    ['a two-letter class', GOOD.replace('code: D', 'code: DD'), 'schema.pattern', '/classes/0/code'],
  ])('refuses %s', (_name, text, code, pointer) => {
    const issues = issuesOf({ 'risk.yaml': text });
    expect(issues.map((i) => i.pointer)).toContain(pointer);
    if (code) expect(issues.find((i) => i.pointer === pointer)?.code).toBe(code);
  });

  it('refuses a sector classified by two schemes', () => {
    const issues = issuesOf({ 'risk.yaml': GOOD, 'risk2.yaml': GOOD.replace('code: risk', 'code: risk2') });
    expect(issues.map((i) => [i.code, i.params])).toContainEqual([
      'risk.sector-twice',
      { sector: 'market-regulation', other: 'risk' },
    ]);
  });
});
