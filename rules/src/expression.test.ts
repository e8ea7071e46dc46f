import type { Expression } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { createRuleEnv } from './env.ts';
import { compileExpression } from './expression.ts';

const env = createRuleEnv({ parameters: [{ code: 'base', name: '基数', type: 'number', value: 20 }] });
const rule = { kind: 'test', code: 'expr' };
const run = (e: Expression, facts: Record<string, unknown> = {}) => {
  const c = compileExpression(e, env, rule, '/e');
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value.evaluate({ facts });
};

describe('expressions', () => {
  it('computes fines as multiples of a fact', () => {
    expect(run({ mul: [17, { fact: 'goodsValue' }] }, { goodsValue: 12000 }).value).toBe(204000);
    expect(
      run(
        {
          if: {
            when: { fact: 'goodsValue', operator: 'greaterThanInclusive', value: 10000 },
            // biome-ignore lint/suspicious/noThenProperty: the schema names the branches of an if expression "then" and "else"
            then: { mul: [10, { fact: 'goodsValue' }] },
            else: 50000,
          },
        },
        { goodsValue: 8000 },
      ).value,
    ).toBe(50000);
  });

  it('does the scoring formula max(0, 20 - 4 * ceil((0.95 - value) / 0.05)) without float noise', () => {
    const formula: Expression = {
      max: [
        0,
        { sub: [{ param: 'base' }, { mul: [4, { ceil: [{ div: [{ sub: [0.95, { fact: 'value' }] }, 0.05] }] }] }] },
      ],
    };
    expect(run(formula, { value: 0.9 }).value).toBe(16);
    expect(run(formula, { value: 0.75 }).value).toBe(4);
    expect(run(formula, { value: 0.9201 }).value).toBe(16);
    expect(run(formula, { value: 0.5 }).value).toBe(0);
  });

  it('supports add, sub, div, min, abs, round, floor and concat', () => {
    expect(run({ add: [1, 2, 3] }).value).toBe(6);
    expect(run({ sub: [5] }).value).toBe(-5);
    expect(run({ div: [265, 288] }).value).toBeCloseTo(0.920139, 5);
    expect(run({ round: [{ div: [265, 288] }, 4] }).value).toBe(0.9201);
    expect(run({ floor: [2.7] }).value).toBe(2);
    expect(run({ min: [3, 1, 2] }).value).toBe(1);
    expect(run({ abs: [-4] }).value).toBe(4);
    expect(run({ concat: ['津滨市监罚〔', 2026, '〕', 12, '号'] }).value).toBe('津滨市监罚〔2026〕12号');
  });

  it('gives no value, with an issue, for missing facts, wrong types and division by zero', () => {
    expect(run({ mul: [10, { fact: 'goodsValue' }] }).issues[0]?.code).toBe('fact.missing');
    expect(run({ mul: [10, { fact: 'goodsValue' }] }, { goodsValue: '8000' }).issues[0]?.code).toBe(
      'expression.wrong-type',
    );
    const zero = run({ div: [1, { fact: 'n' }] }, { n: 0 });
    expect(zero).toEqual({
      value: null,
      issues: [expect.objectContaining({ code: 'expression.division-by-zero', path: '/e' })],
    });
    // biome-ignore lint/suspicious/noThenProperty: the schema names the branches of an if expression "then" and "else"
    const unknownIf = run({ if: { when: { fact: 'x', operator: 'equal', value: 1 }, then: 1, else: 2 } });
    expect(unknownIf.issues[0]?.code).toBe('fact.missing');
  });

  it('rejects malformed expressions and unknown parameters at compile time', () => {
    for (const bad of [{ pow: [2, 3] }, { add: [] }, { add: [1], sub: [1] }, { param: 'nope' }, null]) {
      expect(compileExpression(bad as never, env, rule).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});
