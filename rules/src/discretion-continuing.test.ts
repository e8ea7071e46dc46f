import type { DiscretionBenchmark } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { decideDiscretion } from './discretion.ts';
import { explainDiscretion } from './discretion-explain.ts';
import { createRuleEnv } from './env.ts';

// 大气污染防治法第九十九条 (十万元以上一百万元以下) with 第一百二十三条 按日连续处罚.
const AIR: DiscretionBenchmark = {
  code: 'DB-DQ-99-1',
  name: '超标排放大气污染物的裁量基准',
  basis: ['DQ-99-1-2'],
  versions: [
    {
      version: '2021',
      effectiveFrom: '2021-01-01',
      legalRange: { min: 100000, max: 1000000 },
      continuing: {
        when: { fact: 'refusedCorrection', operator: 'equal', value: true },
        from: { fact: 'correctionOrderServedOn' },
        until: { fact: 'reinspectedOn' },
        dailyAmount: { fact: 'originalFine' },
        basis: ['DQ-123'],
      },
      noPenalty: [
        {
          code: 'no-fault',
          name: '无主观过错',
          when: { fact: 'noSubjectiveFault', operator: 'equal', value: true },
          reason: '没有主观过错的，不予行政处罚',
        },
      ],
      tiers: [{ code: 'general', name: '一般', fine: { min: 100000, max: 1000000 } }],
    },
  ],
};

const env = createRuleEnv({
  facts: [
    { name: 'refusedCorrection', label: '拒不改正', type: 'boolean' },
    { name: 'correctionOrderServedOn', label: '责令改正决定书送达日期', type: 'date' },
    { name: 'reinspectedOn', label: '复查发现仍在排放的日期', type: 'date' },
    { name: 'originalFine', label: '原处罚决定罚款数额', type: 'number', unit: '元' },
    { name: 'noSubjectiveFault', label: '无主观过错', type: 'boolean' },
  ],
});
const served = {
  refusedCorrection: true,
  correctionOrderServedOn: '2026-03-01',
  reinspectedOn: '2026-03-11',
  originalFine: 200000,
  noSubjectiveFault: false,
};
const decide = (facts: Record<string, unknown>, today = '2026-03-20') => {
  const r = decideDiscretion(AIR, { facts: { ...served, ...facts }, today, violationDate: '2026-02-01' }, env);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('discretion: 按日连续处罚', () => {
  it('counts the days from the day after service to the re-inspection and states days × amount', () => {
    const d = decide({});
    expect(d.continuing).toMatchObject({
      applies: true,
      from: '2026-03-01',
      until: '2026-03-11',
      untilToday: false,
      days: 10,
      dailyAmount: 200000,
      total: 2000000,
      dailyAmountOutsideLegalRange: false,
    });
    expect(explainDiscretion(d)).toContain(
      '按日连续处罚（DQ-123）：责令改正决定书 2026-03-01 送达，自次日起计至 2026-03-11，共 10 日 × 每日 200,000 元 = 2,000,000 元',
    );
    expect(explainDiscretion(d, 'en')).toContain(
      'Continuing fine (DQ-123): the order to correct was served on 2026-03-01; counted from the next day to 2026-03-11: 10 days × 200,000 yuan = 2,000,000 yuan',
    );
  });

  it('counts to today while the violation is not found corrected', () => {
    const d = decide({ reinspectedOn: undefined }, '2026-03-05');
    expect(d.continuing).toMatchObject({ until: '2026-03-05', untilToday: true, days: 4, total: 800000 });
    expect(d.issues).toEqual([]);
    expect(explainDiscretion(d).find((l) => l.startsWith('按日连续处罚（'))).toContain(
      '计至 2026-03-05（今日，尚未查实改正）',
    );
  });

  it('does not apply when the party corrected, and says why', () => {
    const d = decide({ refusedCorrection: false });
    expect(d.continuing).toMatchObject({ applies: false, days: null, total: null });
    const zh = explainDiscretion(d);
    expect(zh).toContain('按日连续处罚不适用：拒不改正 否 = 是 ✗');
    expect(zh.some((l) => l.startsWith('按日连续处罚（'))).toBe(false);
  });

  it('flags a daily amount outside the legal range', () => {
    const d = decide({ originalFine: 2000000 });
    expect(d.continuing?.dailyAmountOutsideLegalRange).toBe(true);
    expect(explainDiscretion(d).find((l) => l.startsWith('按日连续处罚（'))).toMatch(/每日罚款数额超出法定幅度$/);
  });

  it('cannot count without the date of service, and names the fact', () => {
    const d = decide({ correctionOrderServedOn: undefined });
    expect(d.continuing).toMatchObject({ applies: true, from: null, days: null, total: null });
    expect(d.issues.map((i) => i.params.fact)).toContain('correctionOrderServedOn');
  });

  it('has no continuing fine without an original fine (a no-penalty outcome)', () => {
    const d = decide({ noSubjectiveFault: true });
    expect(d.outcome).toBe('no-penalty');
    expect(d.continuing).toBeUndefined();
  });
});
