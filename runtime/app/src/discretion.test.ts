import type { DiscretionBenchmark } from '@yifa/metamodel';
import { createRuleEnv, decideDiscretion } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { explanationText } from './discretion.ts';

// An overdue tier with 双罚 and continuing daily fines, as the packs write them (安全生产法第九十七条 style).
const BENCHMARK: DiscretionBenchmark = {
  code: 'DB-X',
  name: '示例',
  basis: ['X'],
  versions: [
    {
      effectiveFrom: '2021-01-01',
      legalRange: { min: 0, max: 200000 },
      persons: [
        { code: 'responsible', name: '直接负责的主管人员和其他直接责任人员', legalRange: { min: 20000, max: 50000 } },
      ],
      continuing: {
        from: { fact: 'correctionOrderServedOn' },
        until: { fact: 'reinspectedOn' },
        dailyAmount: { fact: 'originalFine' },
        basis: ['HBF-59-1'],
      },
      tiers: [
        {
          code: 'overdue',
          name: '逾期未改正',
          fine: { min: 100000, max: 200000 },
          persons: [{ person: 'responsible', fine: { min: 20000, max: 50000 } }],
        },
      ],
    },
  ],
};

describe('the 裁量基准适用情况 a document states', () => {
  it('keeps the persons’ fines in the conclusion and the continuing fine as days × amount', () => {
    const facts = { correctionOrderServedOn: '2026-03-02', reinspectedOn: '2026-03-12', originalFine: 150000 };
    const r = decideDiscretion(BENCHMARK, { facts, violationDate: '2026-02-01' }, createRuleEnv());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const text = explanationText(r.value);
    expect(text).toContain(
      '结论：适用阶次“逾期未改正”，罚款 100,000–200,000 元；对直接负责的主管人员和其他直接责任人员罚款 20,000–50,000 元（法定幅度 20,000–50,000 元）',
    );
    expect(text).toContain(
      '按日连续处罚（HBF-59-1）：责令改正决定书 2026-03-02 送达，自次日起计至 2026-03-12，共 10 日 × 每日 150,000 元 = 1,500,000 元',
    );
  });
});
