import type { DiscretionBenchmark } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { decideDiscretion } from './discretion.ts';
import { explainDiscretion } from './discretion-explain.ts';
import { createRuleEnv } from './env.ts';

// 安全生产法（2021）第九十七条第（三）项: 处十万元以下; 逾期未改正 十万至二十万元, 对其直接负责的主管人员
// 和其他直接责任人员处二万元以上五万元以下的罚款. The tiers below the overdue one are illustrative.
const SAFETY: DiscretionBenchmark = {
  code: 'DB-AQSC-97-1-3',
  name: '未按规定对从业人员进行安全生产教育和培训的裁量基准',
  basis: ['AQSC-97-1-3'],
  versions: [
    {
      version: '2021',
      effectiveFrom: '2021-09-01',
      legalRange: { min: 0, max: 200000 },
      persons: [
        {
          code: 'responsible',
          name: '直接负责的主管人员和其他直接责任人员',
          legalRange: { min: 20000, max: 50000 },
        },
      ],
      tiers: [
        {
          code: 'overdue-heavier',
          name: '逾期未改正（从重）',
          when: {
            all: [
              { fact: 'refusedCorrection', operator: 'equal', value: true },
              { fact: 'untrainedRatio', operator: 'greaterThan', value: 0.3 },
            ],
          },
          fine: { min: 150000, max: 200000 },
          persons: [{ person: 'responsible', fine: { min: 35000, max: 60000 } }],
        },
        {
          code: 'overdue',
          name: '逾期未改正',
          when: { fact: 'refusedCorrection', operator: 'equal', value: true },
          fine: { min: 100000, max: 150000 },
          persons: [{ person: 'responsible', fine: { min: 20000, max: 35000 } }],
        },
        { code: 'lighter', name: '从轻', fine: { min: 0, max: 30000 } },
      ],
    },
  ],
};

const env = createRuleEnv({
  facts: [
    { name: 'refusedCorrection', label: '逾期未改正', type: 'boolean' },
    { name: 'untrainedRatio', label: '未培训人数占比', type: 'number' },
  ],
});
const decide = (facts: Record<string, unknown>) => {
  const r = decideDiscretion(SAFETY, { facts, violationDate: '2026-03-01' }, env);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('discretion: 双罚, fines on the responsible persons beside the unit', () => {
  it("gives each person kind the tier's range and its legal range", () => {
    const d = decide({ refusedCorrection: true, untrainedRatio: 0.2 });
    expect(d.tier).toMatchObject({ code: 'overdue', fine: { min: 100000, max: 150000 }, penalties: ['fine'] });
    expect(d.tier?.persons).toEqual([
      {
        code: 'responsible',
        name: '直接负责的主管人员和其他直接责任人员',
        fine: { min: 20000, max: 35000 },
        legalRange: { min: 20000, max: 50000 },
        outsideLegalRange: false,
      },
    ]);
    expect(explainDiscretion(d)).toContain(
      '结论：适用阶次“逾期未改正”，罚款 100,000–150,000 元；对直接负责的主管人员和其他直接责任人员罚款 20,000–35,000 元（法定幅度 20,000–50,000 元）',
    );
    expect(explainDiscretion(d, 'en')).toContain(
      'Outcome: tier "逾期未改正", fine 100,000–150,000 yuan; fine on 直接负责的主管人员和其他直接责任人员 20,000–35,000 yuan (legal range 20,000–50,000 yuan)',
    );
  });

  it("flags a person's tier range beyond the person's legal range", () => {
    const d = decide({ refusedCorrection: true, untrainedRatio: 0.5 });
    expect(d.tier?.code).toBe('overdue-heavier');
    expect(d.tier?.persons[0]?.outsideLegalRange).toBe(true);
    expect(explainDiscretion(d).find((l) => l.startsWith('结论'))).toContain(
      '罚款 35,000–60,000 元（法定幅度 20,000–50,000 元，超出法定幅度）',
    );
  });

  it('fines no person in a tier that names none', () => {
    const d = decide({ refusedCorrection: false, untrainedRatio: 0.05 });
    expect(d.tier).toMatchObject({ code: 'lighter', persons: [] });
    expect(explainDiscretion(d).at(-1)).toBe('结论：适用阶次“从轻”，罚款 0–30,000 元');
  });
});
