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
      '适用“逾期未改正”裁量阶次，处罚款100,000元至200,000元，对直接负责的主管人员和其他直接责任人员处罚款20,000元至50,000元。',
    );
    expect(text).toContain(
      '当事人经责令改正（责令改正决定书于2026年3月2日送达）逾期未改正，自送达次日起至2026年3月12日按日连续处罚，共10日，每日罚款150,000元，合计1,500,000元。',
    );
    // Formal text: no rule notation, no codes (the basis is cited only when a citation is given).
    expect(text).not.toMatch(/[✓=×]|HBF-59-1|结论：/);
  });
});
