/**
 * Amounts of a discretion benchmark as the matter screen shows them: a pack amount is a number
 * or an expression over the case's facts (e.g. 10 times the goods value), computed here with
 * @yifa/rules' expression compiler from the facts entered so far.
 */
import type { Expression } from '@yifa/metamodel';
import { type CompiledExpression, compileExpression, createRuleEnv } from '@yifa/rules';
import type { Amount } from './types.ts';

const env = createRuleEnv();
const compiled = new WeakMap<object, CompiledExpression | null>();

/** The amount for these facts, or null when a fact it needs is missing. */
export function amountOf(a: Amount | null | undefined, facts: Record<string, unknown>): number | null {
  if (a === null || a === undefined) return null;
  if (typeof a === 'number') return a;
  let c = compiled.get(a);
  if (c === undefined) {
    const r = compileExpression(a as Expression, env, { kind: 'discretion', code: 'preview' });
    c = r.ok ? r.value : null;
    compiled.set(a, c);
  }
  const v = c?.value({ facts });
  return typeof v === 'number' ? v : null;
}

/** A fine range as text; unknown ends named by what they wait for. */
export function rangeText(min: number | null, max: number | null, lang: 'zh' | 'en', pending: string): string {
  if (min === null || max === null) return pending;
  const f = (n: number) => n.toLocaleString('zh-CN');
  return lang === 'zh' ? `${f(min)}–${f(max)} 元` : `CNY ${f(min)}–${f(max)}`;
}
