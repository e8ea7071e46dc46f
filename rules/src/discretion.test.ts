import type { Codelist } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { FOOD_BENCHMARK, FOOD_MATTER } from '../fixtures/food-safety.ts';
import { rng } from '../fixtures/random.ts';
import { compileDiscretion, decideDiscretion } from './discretion.ts';
import { explainDiscretion } from './discretion-explain.ts';
import { createRuleEnv } from './env.ts';

// The penalties' names come from the pack's codelist penalty-kinds, as in a real pack.
const PENALTY_KINDS: Codelist = {
  code: 'penalty-kinds',
  name: '行政处罚种类',
  entries: [
    { code: 'warning', name: '警告', nameEn: 'Warning' },
    { code: 'fine', name: '罚款', nameEn: 'Fine' },
  ],
};
const env = createRuleEnv({ facts: FOOD_MATTER.facts, codelists: [PENALTY_KINDS] });
const base = {
  firstViolation: false,
  harmConsequence: '一般',
  correctedPromptly: false,
  goodsValue: 8000,
  partyPriorPenalties12m: 0,
  obstructedEnforcement: false,
  mitigatedHarm: false,
  coerced: false,
};
const decide = (facts: Record<string, unknown>, violationDate = '2026-03-01', proposedFine?: number) => {
  const r = decideDiscretion(
    FOOD_BENCHMARK,
    { facts: { ...base, ...facts }, violationDate, ...(proposedFine === undefined ? {} : { proposedFine }) },
    env,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('discretion: 食品安全法第一百二十二条', () => {
  it('首违轻微及时改正 → 可以不予处罚', () => {
    const d = decide({ firstViolation: true, harmConsequence: '轻微', correctedPromptly: true });
    expect(d.outcome).toBe('no-penalty');
    expect(d.noPenalty).toMatchObject({ code: 'first-minor', mandatory: false });
    expect(explainDiscretion(d).at(-1)).toBe('结论：可以不予处罚。初次违法且危害后果轻微并及时改正，可以不予行政处罚');
  });

  it('危害后果严重 → 从重 85,000–100,000 元, and says why the no-penalty rule did not hold', () => {
    const d = decide({ harmConsequence: '严重' });
    expect(d.tier).toMatchObject({ code: 'heavier', fine: { min: 85000, max: 100000 } });
    expect(d.version.label).toBe('2022');
    const zh = explainDiscretion(d);
    expect(zh).toContain(
      '不予处罚规则“首违不罚”不适用：初次违法 否 = 是 ✗；危害后果 “严重” 属于 {“无”、“轻微”} ✗；及时改正 否 = 是 ✗',
    );
    expect(zh).toContain('阶次“从重（货值一万元以上）”不适用：货值金额 8,000 元 ≥ 10,000 元 ✗');
    expect(zh).toContain('结论：适用阶次“从重”，罚款 85,000–100,000 元');
    expect(explainDiscretion(d, 'en')).toContain('Outcome: tier "从重", fine 85,000–100,000 yuan');
  });

  it('computes a fine range as a multiple of the goods value', () => {
    const d = decide({ goodsValue: 12000, partyPriorPenalties12m: 1 });
    expect(d.tier).toMatchObject({ code: 'heavier-large', fine: { min: 204000, max: 240000 } });
    expect(d.legalRange).toEqual({ min: 120000, max: 240000 });
  });

  it('falls through to the default tier and explains every earlier tier', () => {
    const d = decide({ harmConsequence: '轻微' });
    expect(d.tier).toMatchObject({ code: 'general', isDefault: true, fine: { min: 65000, max: 85000 } });
    expect(d.steps.filter((s) => s.part === 'tier').map((s) => [s.code, s.held])).toEqual([
      ['heavier-large', false],
      ['lighter-large', false],
      ['general-large', false],
      ['heavier', false],
      ['lighter', false],
      ['general', true],
    ]);
  });

  it('records the circumstances that apply', () => {
    const d = decide({ harmConsequence: '严重', obstructedEnforcement: true, mitigatedHarm: false, coerced: false });
    expect(d.circumstances).toEqual([{ code: 'obstruction', name: '阻碍执法', kind: 'heavier' }]);
    expect(explainDiscretion(d)).toContain('情节“阻碍执法”（从重）适用：阻碍执法 是 = 是 ✓');
  });

  it('flags a proposed fine outside the tier', () => {
    expect(decide({ harmConsequence: '严重' }, '2026-03-01', 60000).proposedFineOutsideTier).toBe(true);
    const inside = decide({ harmConsequence: '严重' }, '2026-03-01', 90000);
    expect(inside.proposedFineOutsideTier).toBe(false);
    expect(explainDiscretion(inside).at(-1)).toBe('拟罚款 90,000 元 在所选阶次幅度 85,000–100,000 元 内');
  });

  it('chooses the version by the date of the violation, not of the decision', () => {
    const old = decide({ harmConsequence: '严重' }, '2021-06-01');
    expect(old.version).toEqual({ label: '2019', effectiveFrom: '2019-12-01', effectiveTo: '2022-10-07' });
    expect(old.tier).toMatchObject({ code: 'heavier', fine: { min: 80000, max: 100000 } });
    expect(old.laterVersions).toEqual(['2022']);
    expect(decide({}, '2022-10-07').version.label).toBe('2019');
    expect(decide({}, '2022-10-08').version.label).toBe('2022');
  });

  it('supplies the fact violationDate from the input', () => {
    const b = structuredClone(FOOD_BENCHMARK);
    const v = b.versions[1];
    if (v)
      v.tiers[0] = {
        code: 'recent',
        name: '近期',
        when: { fact: 'violationDate', operator: 'dateOnOrAfter', value: '2026-01-01' },
        fine: { min: 1, max: 2 },
      };
    const r = decideDiscretion(b, { facts: base, violationDate: '2026-03-01' }, env);
    expect(r.ok && r.value.tier?.code).toBe('recent');
  });

  it('decides a tier of 警告 alone: no fine range, and any fine leaves it', () => {
    const b = structuredClone(FOOD_BENCHMARK);
    b.versions[1]?.tiers.unshift({
      code: 'warning',
      name: '警告',
      when: { fact: 'harmConsequence', operator: 'equal', value: '无' },
      penalties: ['warning'],
    });
    const run = (proposedFine: number) => {
      const r = decideDiscretion(
        b,
        { facts: { ...base, harmConsequence: '无' }, violationDate: '2026-03-01', proposedFine },
        env,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value;
    };
    const d = run(1000);
    expect(d.tier).toMatchObject({ code: 'warning', penalties: ['warning'], fine: null, persons: [] });
    expect(d.proposedFineOutsideTier).toBe(true);
    const zh = explainDiscretion(d);
    expect(zh).toContain('结论：适用阶次“警告”，警告；不处罚款');
    expect(zh).toContain('拟罚款 1,000 元，但所选阶次“警告”不处罚款');
    expect(explainDiscretion(d, 'en')).toContain('Outcome: tier "警告", warning; no fine');
    expect(run(0).proposedFineOutsideTier).toBe(false);
    // A penalty the codelist does not name reads as its code, in both languages.
    const bare = decideDiscretion(
      b,
      { facts: { ...base, harmConsequence: '无' }, violationDate: '2026-03-01' },
      createRuleEnv({ facts: FOOD_MATTER.facts }),
    );
    expect(bare.ok && explainDiscretion(bare.value)).toContain('结论：适用阶次“警告”，warning；不处罚款');
  });

  it('gives a clear issue when no version was in force', () => {
    const r = decideDiscretion(FOOD_BENCHMARK, { facts: base, violationDate: '2018-01-01' }, env);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]?.message.zh).toBe('违法行为发生日 2018-01-01 没有施行中的裁量基准“DB-SPAQF-122-1”版本');
  });

  it('is undetermined, with the missing facts, when a tier cannot be decided', () => {
    const d = decide({ harmConsequence: undefined, partyPriorPenalties12m: undefined, firstViolation: false });
    expect(d.outcome).toBe('undetermined');
    expect(d.tier).toBeUndefined();
    expect(d.issues.map((i) => i.params.fact)).toContain('harmConsequence');
    expect(explainDiscretion(d)).toContain('结论：无法判定，请补充以下事实');
    // Several rules read harmConsequence: the explanation names it once.
    expect(d.issues.filter((i) => i.params.fact === 'harmConsequence').length).toBeGreaterThan(1);
    // By its label (危害后果), never by its code.
    const label = String(d.issues.find((i) => i.params.fact === 'harmConsequence')?.params.label);
    const missing = explainDiscretion(d).filter((l) => l.startsWith('问题') && l.includes(`“${label}”`));
    expect(missing).toHaveLength(1);
    expect(explainDiscretion(d).filter((l) => l.includes('harmConsequence'))).toEqual([]);
  });

  it('decides the same on the fast path as with traces, also with facts missing', () => {
    const c = compileDiscretion(FOOD_BENCHMARK, env);
    if (!c.ok) throw new Error('compile');
    const r = rng(11);
    const maybe = (v: unknown) => (r() < 0.15 ? undefined : v);
    for (let i = 0; i < 2000; i++) {
      const facts = {
        firstViolation: maybe(r() < 0.4),
        harmConsequence: maybe(['无', '轻微', '一般', '严重'][Math.floor(r() * 4)]),
        correctedPromptly: maybe(r() < 0.5),
        goodsValue: maybe(Math.round(r() * 20000)),
        partyPriorPenalties12m: maybe(Math.floor(r() * 2)),
      };
      const input = { facts, violationDate: r() < 0.3 ? '2021-05-01' : '2026-03-01' };
      const d = c.value.decide(input);
      if (!d.ok) throw new Error('decide');
      const code =
        d.value.outcome === 'tier'
          ? d.value.tier?.code
          : d.value.outcome === 'no-penalty'
            ? d.value.noPenalty?.code
            : null;
      expect(c.value.choose(input)).toEqual({
        version: d.value.version.label,
        outcome: d.value.outcome,
        code: code ?? null,
      });
    }
  });

  it('answers the same on the fast path', () => {
    const c = compileDiscretion(FOOD_BENCHMARK, env);
    if (!c.ok) throw new Error('compile');
    expect(c.value.choose({ facts: { ...base, harmConsequence: '严重' }, violationDate: '2026-03-01' })).toEqual({
      version: '2022',
      outcome: 'tier',
      code: 'heavier',
    });
    expect(c.value.choose({ facts: base, violationDate: '2000-01-01' }).outcome).toBe('no-version');
  });
});
