import type { Condition, NamedCondition } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './engine.ts';
import { createRuleEnv } from './env.ts';
import type { RefTrace } from './trace.ts';

const rule = { kind: 'test', code: 'engine' };
const f = (fact: string, value: unknown): Condition => ({ fact, operator: 'equal', value }) as Condition;

describe('compiling and evaluating conditions', () => {
  it('combines all / any / not', () => {
    const env = createRuleEnv();
    const c = compileCondition({ all: [f('a', 1), { any: [f('b', 1), { not: f('c', 1) }] }] }, env, rule);
    if (!c.ok) throw new Error('compile');
    expect(c.value.test({ facts: { a: 1, b: 0, c: 0 } })).toBe(1);
    expect(c.value.test({ facts: { a: 1, b: 0, c: 1 } })).toBe(0);
    expect(c.value.test({ facts: { a: 2, b: 1, c: 0 } })).toBe(0);
  });

  it('is three-valued: a missing fact decides only when the known tests cannot', () => {
    const env = createRuleEnv();
    const any = compileCondition({ any: [f('a', 1), f('b', 1)] }, env, rule);
    const all = compileCondition({ all: [f('a', 1), f('b', 1)] }, env, rule);
    const not = compileCondition({ not: f('a', 1) }, env, rule);
    if (!any.ok || !all.ok || !not.ok) throw new Error('compile');
    expect(any.value.evaluate({ facts: { b: 1 } }).held).toBe(true);
    expect(any.value.evaluate({ facts: { b: 0 } }).held).toBeNull();
    expect(all.value.evaluate({ facts: { b: 0 } }).held).toBe(false);
    // never silently true: not(missing) is unknown, not true
    const ev = not.value.evaluate({ facts: {} });
    expect(ev.held).toBeNull();
    expect(ev.issues.map((i) => i.message.en)).toEqual(['fact a missing']);
  });

  it('expands named conditions and records them in the trace', () => {
    const named: NamedCondition[] = [
      {
        code: 'major',
        name: '重大案件',
        when: { fact: 'proposedFine', operator: 'greaterThanInclusive', value: 100000 },
      },
      { code: 'review', name: '需法制审核', when: { any: [{ condition: 'major' }, f('complex', true)] } },
    ];
    const env = createRuleEnv({ conditions: named });
    const c = compileCondition({ condition: 'review' }, env, rule);
    if (!c.ok) throw new Error('compile');
    const ev = c.value.evaluate({ facts: { proposedFine: 120000, complex: false } });
    expect(ev.held).toBe(true);
    const trace = ev.trace as RefTrace;
    expect(trace.type).toBe('condition');
    expect(trace.code).toBe('review');
    expect(trace.name.zh).toBe('需法制审核');
  });

  it('reports unknown named conditions, parameters and operators as issues with paths', () => {
    const env = createRuleEnv();
    const c = compileCondition(
      {
        all: [
          { condition: 'nope' },
          { fact: 'x', operator: 'lessThan', value: { param: 'p' } },
          { fact: 'x', operator: 'like', value: 1 } as never,
        ],
      },
      env,
      rule,
      '/when',
    );
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.issues.map((i) => [i.code, i.path])).toEqual([
        ['condition.missing', '/when/all/0'],
        ['param.missing', '/when/all/1/value'],
        ['operator.unknown', '/when/all/2/operator'],
        ['condition.malformed', '/when/all/2'],
      ]);
    }
  });

  it('rejects malformed nodes', () => {
    const env = createRuleEnv();
    for (const bad of [
      {},
      { all: [] },
      { all: [f('a', 1)], any: [f('a', 1)] },
      { fact: '1x', operator: 'equal', value: 1 },
      'x',
    ]) {
      const c = compileCondition(bad as never, env, rule);
      expect(c.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('never throws on hostile facts', () => {
    const env = createRuleEnv();
    const c = compileCondition({ any: [f('constructor', 1), f('toString', 'x'), f('a.b', 1)] }, env, rule);
    if (!c.ok) throw new Error('compile');
    const hostile = {
      get a(): never {
        throw new Error('boom');
      },
    };
    expect(c.value.test({ facts: {} })).toBe(2);
    expect(c.value.test({ facts: hostile })).toBe(2);
    const ev = c.value.evaluate({ facts: hostile });
    expect(ev.held).toBeNull();
    expect(ev.issues.at(-1)?.code).toBe('evaluation.failed');
  });
});

describe('bounded compilation', () => {
  it('stops a condition nested too deep, however deep', () => {
    let deep: Condition = f('a', 1);
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const c = compileCondition(deep, createRuleEnv(), rule);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]?.code).toBe('condition.too-deep');
  });

  it('stops a condition with too many nodes', () => {
    const wide = { any: Array.from({ length: 5000 }, (_, i) => f('a', i)) } as Condition;
    const c = compileCondition(wide, createRuleEnv(), rule);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]?.message.en).toBe('the condition has more than 2000 nodes once expanded');
  });

  it('detects cycles of named conditions', () => {
    const env = createRuleEnv({
      conditions: [
        { code: 'a', name: 'A', when: { any: [f('x', 1), { condition: 'b' }] } },
        { code: 'b', name: 'B', when: { not: { condition: 'a' } } },
      ],
    });
    const c = compileCondition({ condition: 'a' }, env, rule);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.issues[0]?.code).toBe('condition.cycle');
      expect(c.issues[0]?.params.chain).toEqual(['a', 'b', 'a']);
    }
  });

  it('stops an exponential expansion of named conditions quickly', () => {
    const conditions: NamedCondition[] = [{ code: 'c0', name: 'c0', when: f('x', 1) }];
    for (let i = 1; i < 40; i++) {
      conditions.push({
        code: `c${i}`,
        name: `c${i}`,
        when: { all: [{ condition: `c${i - 1}` }, { condition: `c${i - 1}` }] },
      });
    }
    const started = Date.now();
    const c = compileCondition({ condition: 'c39' }, createRuleEnv({ conditions }), rule);
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(['condition.too-large', 'condition.too-many-refs', 'condition.too-deep']).toContain(c.issues[0]?.code);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('limits value lists and fact lists', () => {
    const env = createRuleEnv({ limits: { maxFactArray: 100 } });
    const long = compileCondition(
      { fact: 'x', operator: 'in', value: Array.from({ length: 501 }, (_, i) => i) },
      env,
      rule,
    );
    expect(long.ok).toBe(false);
    const c = compileCondition({ fact: 'tags', operator: 'contains', value: 'a' }, env, rule);
    if (!c.ok) throw new Error('compile');
    const ev = c.value.evaluate({ facts: { tags: Array.from({ length: 101 }, () => 'b') } });
    expect(ev.held).toBeNull();
    expect(ev.issues[0]?.code).toBe('fact.too-large');
  });
});
