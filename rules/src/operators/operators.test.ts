import { type Condition, OPERATORS, type Operator } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../engine.ts';
import { createRuleEnv } from '../env.ts';
import { OPERATOR_IMPLS } from './index.ts';

const env = createRuleEnv({ parameters: [{ code: 'major', name: '重大', type: 'number', value: 100000 }] });

/** [operator, fact value (undefined = missing), condition value, expected: true / false / null (unknown)]. */
const CASES: [Operator, unknown, unknown, boolean | null][] = [
  ['equal', '严重', '严重', true],
  ['equal', '一般', '严重', false],
  ['equal', 1, '1', null],
  ['equal', true, true, true],
  ['notEqual', '一般', '严重', true],
  ['notEqual', undefined, '严重', null],
  ['lessThan', 8000, 10000, true],
  ['lessThan', 10000, 10000, false],
  ['lessThan', '8000', 10000, null],
  ['lessThanInclusive', 10000, 10000, true],
  ['greaterThan', 91, 90, true],
  ['greaterThan', 90, 90, false],
  ['greaterThanInclusive', 120000, { param: 'major' }, true],
  ['greaterThanInclusive', 99999, { param: 'major' }, false],
  ['in', '轻微', ['无', '轻微'], true],
  ['in', '一般', ['无', '轻微'], false],
  ['in', 3, ['无', '轻微'], null],
  ['notIn', 'decision', ['decision', 'closed'], false],
  ['notIn', 'notification', ['decision', 'closed'], true],
  ['contains', ['fine', 'warning'], 'fine', true],
  ['contains', ['warning'], 'fine', false],
  ['contains', 'fine', 'fine', null],
  ['doesNotContain', ['warning'], 'revoke-licence', true],
  ['doesNotContain', ['revoke-licence'], 'revoke-licence', false],
  ['containsAny', ['fine', 'revoke-licence'], ['revoke-licence', 'order-closure'], true],
  ['containsAny', ['fine'], ['revoke-licence', 'order-closure'], false],
  ['containsAny', [], ['revoke-licence'], false],
  ['between', 50000, [50000, 65000], true],
  ['between', 65000, [50000, 65000], true],
  ['between', 65001, [50000, 65000], false],
  ['startsWith', '120116-SCJ-CF-0001', '120116-SCJ', true],
  ['startsWith', '120116-STJ-CF-0001', '120116-SCJ', false],
  ['startsWith', 120116, '120116', null],
  ['exists', 8000, true, true],
  ['exists', undefined, true, false],
  ['exists', '', false, true],
  ['exists', [], true, false],
  ['dateBefore', '2022-10-07', '2022-10-08', true],
  ['dateBefore', '2022-10-08', '2022-10-08', false],
  ['dateOnOrBefore', '2022-10-08', '2022-10-08', true],
  ['dateAfter', '2026-03-01T09:30:00+08:00', '2026-02-28', true],
  ['dateAfter', '2026-03-01', '2026-03-01', false],
  ['dateOnOrAfter', '2026-03-01', '2026-03-01', true],
  ['dateOnOrAfter', '2026-02-30', '2026-03-01', null],
];

describe('operators', () => {
  it('implements exactly the operators of metamodel OPERATORS, no more, no fewer', () => {
    expect(Object.keys(OPERATOR_IMPLS).sort()).toEqual(Object.keys(OPERATORS).sort());
    for (const [name, impl] of Object.entries(OPERATOR_IMPLS)) expect(impl.name).toBe(name);
  });

  it('has a test case for every operator', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(Object.keys(OPERATORS)));
  });

  for (const [operator, fact, value, expected] of CASES) {
    it(`${operator}: ${JSON.stringify(fact)} vs ${JSON.stringify(value)} → ${expected}`, () => {
      const when = { fact: 'x', operator, value } as Condition;
      const c = compileCondition(when, env, { kind: 'test', code: operator });
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const facts = fact === undefined ? {} : { x: fact };
      const ev = c.value.evaluate({ facts });
      expect(ev.held).toBe(expected);
      if (expected === null) expect(ev.issues[0]?.code).toMatch(/^(fact\.missing|fact\.wrong-type)$/);
    });
  }

  it('rejects values of the wrong shape at compile time', () => {
    const bad: [Operator, unknown][] = [
      ['lessThan', '10000'],
      ['in', '无'],
      ['between', [10, 1]],
      ['between', [1]],
      ['exists', 'yes'],
      ['dateBefore', '2026/03/01'],
      ['equal', null],
      ['containsAny', [['nested']]],
    ];
    for (const [operator, value] of bad) {
      const c = compileCondition({ fact: 'x', operator, value } as Condition, env, { kind: 'test', code: 'bad' });
      expect(c.ok, operator).toBe(false);
      if (!c.ok) expect(c.issues[0]?.code).toBe('value.wrong-type');
    }
  });

  it('exists is never unknown: a fact the platform cannot compute is absent', () => {
    const when = { fact: 'daysSince', params: { from: 'legal-review' }, operator: 'exists', value: false } as Condition;
    const c = compileCondition(when, env, { kind: 'test', code: 'exists' });
    if (!c.ok) throw new Error('compile');
    const ev = c.value.evaluate({ facts: {}, today: '2026-03-01', timeline: { investigation: '2026-01-05' } });
    expect(ev).toMatchObject({ held: true, issues: [] });
  });

  it('names the expected and the actual type of a mistyped fact', () => {
    const c = compileCondition({ fact: 'goodsValue', operator: 'lessThan', value: 10000 }, env, {
      kind: 't',
      code: 't',
    });
    if (!c.ok) throw new Error('compile');
    const ev = c.value.evaluate({ facts: { goodsValue: '8000' } });
    expect(ev.issues[0]?.message.en).toBe('fact goodsValue: expected number, got string');
    expect(ev.issues[0]?.message.zh).toContain('应为数字，实为文本');
  });
});
