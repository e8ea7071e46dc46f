import { OPERATORS } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { createGenerator, RANDOM_PARAMS } from '../fixtures/random.ts';
import { compileCondition } from './engine.ts';
import { createRuleEnv } from './env.ts';
import { OPERATOR_IMPLS } from './operators/index.ts';
import { createReferenceEngine, JRE_BUILT_IN, JRE_CUSTOM } from './reference.ts';
import { triOf } from './trace.ts';

describe('the compiled evaluator against json-rules-engine', () => {
  it('registers exactly the operators json-rules-engine lacks', () => {
    const all = [...JRE_BUILT_IN, ...Object.keys(JRE_CUSTOM)].sort();
    expect(all).toEqual(Object.keys(OPERATORS).sort());
    expect(Object.keys(OPERATOR_IMPLS).sort()).toEqual(all);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`agrees on random conditions and facts (seed ${seed})`, async () => {
      const gen = createGenerator(seed);
      const env = createRuleEnv({ conditions: gen.named, parameters: RANDOM_PARAMS });
      const rules = Array.from({ length: 120 }, (_, i) => ({ name: `r${i}`, when: gen.condition() }));
      const compiled = rules.map((r) => {
        const c = compileCondition(r.when, env, { kind: 'test', code: r.name });
        if (!c.ok) throw new Error(JSON.stringify(c.issues));
        return c.value;
      });
      const ref = createReferenceEngine(rules, env);
      if (!ref.ok) throw new Error(JSON.stringify(ref.issues));
      let definite = 0;
      let compared = 0;
      for (let n = 0; n < 40; n++) {
        const ctx = { facts: gen.facts(), today: '2026-03-02' };
        const expected = await ref.value.run(ctx);
        compiled.forEach((c, i) => {
          const ev = c.evaluate(ctx);
          const fast = c.test(ctx);
          expect(fast, 'fast path = traced path').toBe(triOf(ev.held));
          compared++;
          if (ev.held === null) {
            expect(ev.issues.length, 'an undetermined result says why').toBeGreaterThan(0);
            return;
          }
          definite++;
          expect(ev.held, JSON.stringify({ when: rules[i]?.when, facts: ctx.facts })).toBe(expected.get(`r${i}`));
        });
      }
      // The generator must exercise definite answers, not only unknowns.
      expect(definite / compared).toBeGreaterThan(0.4);
    });
  }

  it('gives definite answers whenever every fact is present and well typed', async () => {
    const env = createRuleEnv({ parameters: RANDOM_PARAMS });
    const when = {
      all: [
        { fact: 'amount', operator: 'between', value: [1, 10] },
        { not: { fact: 'tags', operator: 'containsAny', value: ['x'] } },
        {
          any: [
            { fact: 'party.kind', operator: 'startsWith', value: 'org' },
            { fact: 'amount', operator: 'lessThan', value: { param: 'limit' } },
          ],
        },
      ],
    } as const;
    const c = compileCondition(structuredClone(when) as never, env, { kind: 'test', code: 't' });
    const ref = createReferenceEngine([{ name: 't', when: structuredClone(when) as never }], env);
    if (!c.ok || !ref.ok) throw new Error('compile');
    for (const facts of [
      { amount: 3, tags: ['a'], party: { kind: 'org-1' } },
      { amount: 7, tags: [], party: { kind: 'person' } },
      { amount: 11, tags: ['x'], party: { kind: 'org' } },
    ]) {
      const ev = c.value.evaluate({ facts });
      expect(ev.held).not.toBeNull();
      expect(ev.held).toBe((await ref.value.run({ facts })).get('t'));
    }
  });
});
