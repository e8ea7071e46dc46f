import type { Condition } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { FOOD_MATTER } from '../fixtures/food-safety.ts';
import { NATIONAL_CONDITIONS, NATIONAL_PARAMETERS } from '../fixtures/penalty-ordinary.ts';
import { compileCondition } from './engine.ts';
import { createRuleEnv } from './env.ts';
import { conditionLabel, decisiveLeaves, explainEvaluation, renderLeaf, renderTrace } from './explain.ts';
import { leavesOf } from './trace.ts';

const env = createRuleEnv({
  facts: FOOD_MATTER.facts,
  parameters: [
    ...NATIONAL_PARAMETERS,
    { code: 'goods-threshold', name: '货值标准', nameEn: 'goods threshold', type: 'number', value: 10000, unit: '元' },
  ],
  conditions: NATIONAL_CONDITIONS,
});
const rule = { kind: 'discretion', code: 'DB-SPAQF-122-1', version: '2022', part: 'tiers/lighter' };
const evaluate = (when: Condition, facts: Record<string, unknown>) => {
  const c = compileCondition(when, env, rule);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value.evaluate({ facts });
};

describe('explanations', () => {
  it('reads a test with thousands separators and units from the labels', () => {
    const ev = evaluate({ fact: 'goodsValue', operator: 'lessThan', value: 10000 }, { goodsValue: 8000 });
    expect(explainEvaluation(ev)).toBe('货值金额 8,000 元 < 10,000 元 ✓');
    expect(explainEvaluation(ev, 'en')).toBe('goods value 8,000 yuan < 10,000 yuan ✓');
  });

  it('records each leaf: fact, label, operator, expected with its parameter, seen, held, rule', () => {
    const ev = evaluate(
      { fact: 'goodsValue', operator: 'greaterThanInclusive', value: { param: 'goods-threshold' } },
      { goodsValue: 8000 },
    );
    const [leaf] = leavesOf(ev.trace);
    expect(leaf).toMatchObject({
      fact: 'goodsValue',
      label: { zh: '货值金额', en: 'goods value', unit: '元' },
      operator: 'greaterThanInclusive',
      expected: 10000,
      expectedParam: { code: 'goods-threshold', name: { zh: '货值标准', en: 'goods threshold' } },
      seen: 8000,
      held: false,
      rule,
      path: '',
    });
    expect(renderLeaf(leaf as never)).toBe('货值金额 8,000 元 ≥ 10,000 元（参数“货值标准”） ✗');
    expect(renderLeaf(leaf as never, 'en')).toBe(
      'goods value 8,000 yuan ≥ 10,000 yuan (parameter "goods threshold") ✗',
    );
  });

  it('says what is missing or mistyped', () => {
    const missing = evaluate({ fact: 'goodsValue', operator: 'lessThan', value: 10000 }, {});
    // The screen names the fact by its label, never by its code (goodsValue).
    expect(explainEvaluation(missing)).toBe('货值金额 < 10,000 元：缺少事实“货值金额” ？');
    expect(explainEvaluation(missing, 'en')).toBe('goods value < 10,000 yuan: fact "goods value" missing ?');
    const wrong = evaluate({ fact: 'goodsValue', operator: 'lessThan', value: 10000 }, { goodsValue: '8000' });
    expect(explainEvaluation(wrong, 'en')).toBe(
      'goods value < 10,000 yuan: fact goodsValue: expected number, got string ?',
    );
  });

  it('explains why a branch was not taken: every test of a failed any, the failing test of a failed all', () => {
    const any = evaluate(
      {
        any: [
          { fact: 'harmConsequence', operator: 'equal', value: '无' },
          { fact: 'correctedPromptly', operator: 'equal', value: true },
        ],
      },
      { harmConsequence: '一般', correctedPromptly: false },
    );
    expect(explainEvaluation(any)).toBe('危害后果 “一般” = “无” ✗；及时改正 否 = 是 ✗');
    const all = evaluate(
      {
        all: [
          { fact: 'goodsValue', operator: 'greaterThanInclusive', value: 10000 },
          { fact: 'harmConsequence', operator: 'equal', value: '一般' },
        ],
      },
      { goodsValue: 8000, harmConsequence: '一般' },
    );
    expect(decisiveLeaves(all.trace).map((l) => l.fact)).toEqual(['goodsValue']);
  });

  it('names labelled tests and groups by labelEn in English, by the Chinese label otherwise', () => {
    const when: Condition = {
      all: [
        {
          fact: 'goodsValue',
          operator: 'lessThan',
          value: 10000,
          label: '货值较小',
          labelEn: 'The goods value is small',
        },
        {
          not: { fact: 'obstructedEnforcement', operator: 'equal', value: true },
          label: '未阻碍执法',
          labelEn: 'Enforcement was not obstructed',
        },
        { any: [{ fact: 'correctedPromptly', operator: 'equal', value: true }], label: '及时改正' },
      ],
      label: '从轻情形',
      labelEn: 'Grounds for a lighter penalty',
    };
    const ev = evaluate(when, { goodsValue: 8000, obstructedEnforcement: false, correctedPromptly: true });
    const [leaf] = leavesOf(ev.trace);
    expect(leaf).toMatchObject({ conditionLabel: '货值较小', conditionLabelEn: 'The goods value is small' });
    expect(conditionLabel(ev.trace, 'en')).toBe('Grounds for a lighter penalty');
    expect(conditionLabel(ev.trace)).toBe('从轻情形');
    expect(renderTrace(ev.trace, 'en')).toEqual([
      'all of (Grounds for a lighter penalty) ✓',
      '  The goods value is small: goods value 8,000 yuan < 10,000 yuan ✓',
      '  not (Enforcement was not obstructed) ✓',
      '    obstructed enforcement no = yes ✗',
      // No labelEn: the Chinese label stays, as before.
      '  any of (及时改正) ✓',
      '    corrected promptly yes = yes ✓',
    ]);
    expect(renderTrace(ev.trace)).toEqual([
      '全部满足（从轻情形） ✓',
      '  货值较小：货值金额 8,000 元 < 10,000 元 ✓',
      '  并非（未阻碍执法） ✓',
      '    阻碍执法 否 = 是 ✗',
      '  任一满足（及时改正） ✓',
      '    及时改正 是 = 是 ✓',
    ]);
    expect(explainEvaluation(ev, 'en')).toContain('The goods value is small: goods value 8,000 yuan');
  });

  it('renders the whole trace with named conditions, lists, dates, exists and fact params', () => {
    const ev = evaluate(
      {
        all: [
          { condition: 'needs-hearing-notice' },
          { not: { fact: 'violationDate', operator: 'dateBefore', value: '2021-07-15' } },
          { fact: 'goodsValue', operator: 'exists', value: true },
          { fact: 'daysSince', params: { from: 'notification', kind: 'working' }, operator: 'between', value: [0, 5] },
        ],
      },
      {
        partyKind: 'person',
        proposedFine: 20000,
        proposedPenalties: ['fine'],
        violationDate: '2026-03-01',
        goodsValue: 1,
        daysSince: { notification: 3 },
      },
    );
    expect(renderTrace(ev.trace)).toEqual([
      '全部满足 ✓',
      '  命名条件“应告知听证权”（needs-hearing-notice） ✓',
      '    任一满足 ✓',
      '      全部满足 ✓',
      '        当事人类型 “公民” = “公民” ✓',
      '        拟罚款金额 20,000 元 ≥ 10,000 元（参数“听证较大数额罚款（公民）”） ✓',
      '      全部满足 ✗',
      '        当事人类型 “公民” = “法人或者其他组织” ✗',
      '        拟罚款金额 20,000 元 ≥ 100,000 元（参数“听证较大数额罚款（法人或者其他组织）”） ✗',
      '      拟处罚种类 {“fine”} 包含任一 {“lower-qualification”、“revoke-licence”、“order-suspension”、“order-closure”、“restrict-employment”} ✗',
      '  并非 ✓',
      '    违法行为发生日期 2026-03-01 < 2021-07-15 ✗',
      '  货值金额 已填写 ✓',
      '  经过天数（自 notification 起，工作日） 3 日 介于 [0 日, 5 日] ✓',
    ]);
    expect(renderTrace(ev.trace, 'en')[1]).toBe(
      '  named condition "right to a hearing must be notified" (needs-hearing-notice) ✓',
    );
    expect(leavesOf(ev.trace)[0]?.via).toBe('needs-hearing-notice');
  });
});
