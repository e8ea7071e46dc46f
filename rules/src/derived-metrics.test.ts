import type { AssessmentScheme } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { createRuleEnv } from './env.ts';
import { scoreAssessment } from './scoring.ts';
import { explainScore } from './scoring-explain.ts';

// A scheme in the shape of a province's: a sum of two metrics, a formula over that sum (a chain),
// and inspections done against planned; "复议被撤销、变更每起扣2分" as the deduction (domain.md §5).
const SCHEME: AssessmentScheme = {
  code: 'province',
  name: '省级考核方案',
  period: 'year',
  metrics: [
    {
      name: 'correctedDecisions',
      label: '复议诉讼纠错数',
      labelEn: 'decisions corrected on review or lost in court',
      sum: [{ metric: 'reconsiderationsCorrected' }, { metric: 'lawsuitsLost' }],
    },
    {
      name: 'correctionDeduction',
      label: '复议诉讼纠错扣分',
      labelEn: 'deduction for corrected decisions',
      formula: { mul: [2, { fact: 'correctedDecisions' }] },
    },
    {
      name: 'weightedInspections',
      label: '折算检查数',
      sum: [{ metric: 'inspections' }, { metric: 'jointInspections', weight: 0.5 }],
    },
  ],
  indicators: [
    {
      code: 'correction',
      name: '复议诉讼纠错',
      measure: { metric: 'correctionDeduction' },
      weight: 50,
      scoring: [{ points: { max: [0, { sub: [50, { fact: 'value' }] }] } }],
    },
    {
      code: 'inspection-plan',
      name: '检查计划完成率',
      measure: { ratio: { numerator: 'weightedInspections', denominator: 'inspectionsPlanned' } },
      weight: 50,
      scoring: [{ when: { fact: 'value', operator: 'greaterThanInclusive', value: 1 }, points: 50 }, { points: 20 }],
    },
  ],
};

const env = createRuleEnv();
const score = (metrics: Record<string, number | undefined>, scheme = SCHEME) => {
  const r = scoreAssessment(scheme, metrics, env);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const full = {
  reconsiderationsCorrected: 2,
  lawsuitsLost: 1,
  inspections: 90,
  jointInspections: 20,
  inspectionsPlanned: 100,
};

describe('derived metrics', () => {
  it('adds up weighted sums and computes formulas over other derived metrics, then scores them', () => {
    const r = score(full);
    expect(r.derived.map((d) => [d.metric, d.value])).toEqual([
      ['correctedDecisions', 3],
      ['correctionDeduction', 6],
      ['weightedInspections', 100],
    ]);
    expect(r.indicators.map((x) => [x.code, x.value, x.points])).toEqual([
      ['correction', 6, 44],
      ['inspection-plan', 1, 50],
    ]);
    expect(r.issues).toEqual([]);
    const zh = explainScore(r);
    expect(zh[0]).toBe('派生指标 复议诉讼纠错数 = 复议纠错数 2 + 诉讼败诉数 1 = 3');
    expect(zh[1]).toBe('派生指标 复议诉讼纠错扣分 = 按公式由 复议诉讼纠错数 3 计算 = 6');
    expect(zh[2]).toBe('派生指标 折算检查数 = 行政检查数 90 + 0.5 × 联合检查数 20 = 100');
    expect(zh[4]).toMatch(/^检查计划完成率 = 折算检查数 100 \/ 计划检查数 100 = 100%/);
    expect(explainScore(r, 'en')[0]).toBe(
      'Derived metric decisions corrected on review or lost in court = reconsiderations corrected 2 + lawsuits lost 1 = 3',
    );
  });

  it('is empty when a metric it reads is missing, and so is every metric built on it', () => {
    const r = score({ ...full, lawsuitsLost: undefined });
    expect(r.derived.map((d) => d.value)).toEqual([null, null, 100]);
    expect(r.derived[0]?.issues.map((i) => [i.code, i.params.metric])).toEqual([
      ['scoring.metric-missing', 'lawsuitsLost'],
    ]);
    // The indicator has no value and no rule for an empty one: full marks, with the issue.
    expect(r.indicators[0]).toMatchObject({ value: null, points: 50 });
  });

  it('gives an empty value, not a loop, for metrics defined from each other', () => {
    const cyclic: AssessmentScheme = {
      ...SCHEME,
      metrics: [
        { name: 'a', label: '甲', sum: [{ metric: 'b' }] },
        { name: 'b', label: '乙', formula: { add: [{ fact: 'a' }, 1] } },
      ],
      indicators: [
        { ...(SCHEME.indicators[0] as AssessmentScheme['indicators'][0]), weight: 100, measure: { metric: 'a' } },
      ],
    };
    const r = score(full, cyclic);
    expect(r.derived.map((d) => d.value)).toEqual([null, null]);
    expect(r.issues.map((i) => i.code)).toContain('scoring.metric-cycle');
    expect(r.issues.find((i) => i.code === 'scoring.metric-cycle')?.params.chain).toBe('a → b → a');
  });
});
