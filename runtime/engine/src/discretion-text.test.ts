import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DiscretionBenchmark, validatePackDir } from '@yifa/metamodel';
import { createRuleEnv, decideDiscretion, ruleEnvFromPack } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { explanationText } from './discretion-text.ts';

// The real Binhai pack: 未取得食品生产经营许可 (食品安全法第一百二十二条) and its benchmark.
const { pack } = validatePackDir(join(dirname(fileURLToPath(import.meta.url)), '../../../packs/tj-binhai'));
const env = ruleEnvFromPack(pack);
const found = pack.items.discretion.get('DB-SPAQF-122-1');
if (!found) throw new Error('tj-binhai has DB-SPAQF-122-1');
const benchmark = found;

// Facts the no-penalty rules and the heavier tier read, which a decided case has.
const PLAIN = {
  partyPriorPenalties12m: 0,
  obstructedEnforcement: false,
  noSubjectiveFault: false,
  minorViolation: false,
  firstViolation: false,
};

function decided(given: Record<string, unknown>, proposedFine?: number) {
  const facts = { ...PLAIN, ...given };
  const r = decideDiscretion(
    benchmark,
    { facts, violationDate: '2026-02-10', ...(proposedFine !== undefined ? { proposedFine } : {}) },
    env,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  if (r.value.outcome === 'undetermined') throw new Error('the test facts must decide the benchmark');
  return r.value;
}

// Rule notation and internal codes: the trace's marks, codes such as DB-SPAQF-122-1 or
// eliminated-harm, fact names (camelCase), operators and the panel's record words.
const NOTATION =
  /[✓✗→=]|[A-Z]{2,}-[A-Z0-9-]+|\b[a-z]+[A-Z][A-Za-z]*\b|[a-z]+-[a-z]+|结论：|情节“|适用：|不适用|无法判定/;

describe('the 裁量基准适用情况 as an officer writes it', () => {
  it('names the circumstances found and the lighter tier, without the rule trace or codes', () => {
    const d = decided({ harmConsequence: '轻微', correctedPromptly: true, cooperated: true, goodsValue: 3000 }, 60000);
    const text = explanationText(d);
    expect(text).toBe(
      '当事人积极配合调查并主动提供证据材料。依照《未取得食品生产经营许可从事食品生产经营活动的裁量基准》（2022年版），依法从轻处罚，处罚款50,000元至65,000元。',
    );
    expect(text).not.toMatch(NOTATION);
  });

  it('states an ordinary tier by its name, and the officer’s reason for a fine outside it', () => {
    const d = decided({ harmConsequence: '一般', correctedPromptly: false, goodsValue: 3000 }, 90000);
    const text = explanationText(d, '货值金额虽低，但涉及婴幼儿食品');
    expect(text).toContain('适用“一般”裁量阶次，处罚款65,000元至85,000元。');
    expect(text).toContain('罚款数额超出该阶次幅度的理由：货值金额虽低，但涉及婴幼儿食品。');
    expect(text).not.toMatch(NOTATION);
  });

  it('gives the no-penalty rule with its reason', () => {
    const d = decided({ minorViolation: true, correctedPromptly: true, harmConsequence: '无', goodsValue: 100 });
    const text = explanationText(d);
    expect(text).toContain('本案属于“轻微违法不予处罚”情形：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚');
    expect(text).not.toMatch(NOTATION);
  });

  it('writes English from the pack’s English names', () => {
    const d = decided({ harmConsequence: '轻微', correctedPromptly: true, cooperated: true, goodsValue: 3000 });
    const text = explanationText(d, undefined, { lang: 'en' });
    expect(text).toBe(
      'Circumstances: Cooperated actively with the investigation and provided evidence voluntarily. Under the Benchmark for producing or trading food without a licence (version 2022), the tier "Lighter" applies: a fine of 50,000 yuan to 65,000 yuan.',
    );
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('names penalties as the pack’s penalty-kinds codelist does, also kinds added in 2021', () => {
    const b = structuredClone(benchmark);
    const tier = b.versions.at(-1)?.tiers.find((t) => t.code === 'heavier' || t.name.includes('从重'));
    if (!tier) throw new Error('the benchmark has a heavier tier');
    tier.penalties = ['fine', 'lower-qualification', 'revoke-licence'];
    const r = decideDiscretion(
      b,
      {
        facts: { ...PLAIN, partyPriorPenalties12m: 2, harmConsequence: '严重', goodsValue: 3000 },
        violationDate: '2026-02-10',
      },
      env,
    );
    if (!r.ok || r.value.tier?.code !== tier.code) throw new Error(`the facts decide ${tier.code}`);
    expect(explanationText(r.value)).toContain('处降低资质等级、吊销许可证件、罚款');
    expect(explanationText(r.value, undefined, { lang: 'en' })).toContain(
      'downgrading of qualification, revocation of a licence, a fine of',
    );
  });
});

// 双罚 and 按日连续处罚 (安全生产法第九十七条 style), as the app's test writes the benchmark.
const CONTINUING: DiscretionBenchmark = {
  code: 'DB-X',
  name: '示例裁量基准',
  basis: ['X'],
  versions: [
    {
      version: '2021',
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

describe('双罚 and continuing daily fines in formal text', () => {
  it('states the persons’ fines and the days × amount, citing the basis instead of its code', () => {
    const facts = { correctionOrderServedOn: '2026-03-02', reinspectedOn: '2026-03-12', originalFine: 150000 };
    const r = decideDiscretion(CONTINUING, { facts, violationDate: '2026-02-01' }, createRuleEnv());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const text = explanationText(r.value, undefined, {
      cite: (code) => (code === 'HBF-59-1' ? '《中华人民共和国环境保护法》第五十九条第一款' : code),
    });
    expect(text).toBe(
      '依照《示例裁量基准》（2021年版），适用“逾期未改正”裁量阶次，处罚款100,000元至200,000元，对直接负责的主管人员和其他直接责任人员处罚款20,000元至50,000元。' +
        '当事人经责令改正（责令改正决定书于2026年3月2日送达）逾期未改正，依照《中华人民共和国环境保护法》第五十九条第一款的规定，自送达次日起至2026年3月12日按日连续处罚，共10日，每日罚款150,000元，合计1,500,000元。',
    );
    expect(text).not.toMatch(NOTATION);
  });
});
