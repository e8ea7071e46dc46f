import { describe, expect, it } from 'vitest';
import { BINHAI_ASSESSMENT, TEDA_METRICS } from '../fixtures/assessment.ts';
import { createRuleEnv } from './env.ts';
import { scoreAssessment } from './scoring.ts';
import { explainScore } from './scoring-explain.ts';

const env = createRuleEnv();
const score = (metrics: Record<string, number>) => {
  const r = scoreAssessment(BINHAI_ASSESSMENT, metrics, env);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const points = (r: ReturnType<typeof score>) => Object.fromEntries(r.indicators.map((x) => [x.code, x.points]));

describe('assessment scoring', () => {
  it('scores 天津经开区 2024: 265/288 participation loses 4 points', () => {
    const r = score(TEDA_METRICS);
    expect(points(r)).toEqual({
      'participation-rate': 16,
      'legal-review-rate': 25,
      'duty-rate': 17.1,
      'closing-rate': 15,
      'file-quality': 6,
      'reconsideration-corrected': 8,
    });
    expect(r.total).toBe(87.1);
    expect(r.grade).toBe('良好');
    expect(r.issues).toEqual([]);
    const lines = explainScore(r);
    expect(lines[0]).toBe(
      '人员参与率 = 参与执法人数 265 / 持证执法人员数 288 = 92.01%；指标值 0.9201 ≥ 0.95 ✗；第 2 条规则（每低5个百分点扣4分） → 16 分（满分 20）',
    );
    expect(lines.at(-1)).toBe('总分 87.1，等次“良好”');
    expect(explainScore(r, 'en').at(-1)).toBe('Total 87.1, grade "良好"');
  });

  it('reads a ratio of two counts of different things as an amount per unit, not a percentage', () => {
    const perOfficer = {
      ...BINHAI_ASSESSMENT,
      code: 'per-officer',
      indicators: [
        {
          code: 'actions-per-officer',
          name: '人均执法量',
          nameEn: 'Enforcement actions per officer',
          measure: { ratio: { numerator: 'enforcementActions', denominator: 'certifiedOfficers' } },
          weight: 15,
          scoring: [{ when: { fact: 'value', operator: 'greaterThanInclusive', value: 6 }, points: 15 }, { points: 4 }],
        },
      ],
    } as unknown as typeof BINHAI_ASSESSMENT;
    const r = scoreAssessment(perOfficer, { enforcementActions: 3, certifiedOfficers: 2 }, env);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(explainScore(r.value)[0]).toContain('人均执法量 = 执法信息量 3 / 持证执法人员数 2 = 1.5 件/人；');
    // Counts of the same thing stay a rate: 参与执法人数 / 持证执法人员数 (人 / 人) reads 92.01% above.
  });

  it('a denominator of 0 gives an empty value and the rules decide: 无重大案件不扣分', () => {
    const r = score({ ...TEDA_METRICS, majorCases: 0, majorCasesReviewed: 0 });
    const x = r.indicators.find((i) => i.code === 'legal-review-rate');
    expect(x).toMatchObject({ value: null, points: 25, rule: 0, note: '无重大案件，不扣分' });
    expect(x?.issues.map((i) => i.code)).toEqual(['scoring.zero-denominator']);
  });

  it('points that are not a number score 0 with an issue (a formula written as a string is not evaluated)', () => {
    const stringy = {
      ...BINHAI_ASSESSMENT,
      code: 'stringy',
      indicators: [
        { ...BINHAI_ASSESSMENT.indicators[0], scoring: [{ points: 'max(0, 20 - 4 * ceil((0.95 - value) / 0.05))' }] },
      ],
    } as typeof BINHAI_ASSESSMENT;
    const r = scoreAssessment(stringy, TEDA_METRICS, env);
    if (!r.ok) throw new Error('compile');
    expect(r.value.indicators[0]?.points).toBe(0);
    expect(r.value.issues[0]?.message.en).toBe('arguments of points must be number, got string');
  });

  it('a veto indicator scoring 0 caps the grade at the lowest', () => {
    const r = score({ ...TEDA_METRICS, majorCasesReviewed: 11 });
    expect(r.total).toBe(62.1);
    expect(r.vetoed).toEqual(['legal-review-rate']);
    expect(r.grade).toBe('不合格');
  });

  it('an empty value no rule speaks to scores full marks with an issue, never a veto', () => {
    const { reconsiderationsCorrected: _, ...rest } = TEDA_METRICS;
    const r = score({ ...rest, closedCases: 10 });
    expect(points(r)['reconsideration-corrected']).toBe(10);
    expect(r.issues.map((i) => i.code)).toEqual(['scoring.metric-missing', 'scoring.empty-value']);
    expect(points(r)['closing-rate']).toBe(6);
    const noReviewRule = {
      ...BINHAI_ASSESSMENT,
      indicators: BINHAI_ASSESSMENT.indicators.map((x) =>
        x.code === 'legal-review-rate' ? { ...x, scoring: x.scoring.slice(1) } : x,
      ),
    } as typeof BINHAI_ASSESSMENT;
    const s = scoreAssessment(noReviewRule, { ...TEDA_METRICS, majorCases: 0, majorCasesReviewed: 0 }, env);
    if (!s.ok) throw new Error('compile');
    expect(s.value.indicators[1]).toMatchObject({ value: null, points: 25, rule: null });
    expect(s.value.vetoed).toEqual([]);
  });
});
