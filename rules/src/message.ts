/**
 * Messages with `{fact}` placeholders, e.g. `案件{caseNumber}立案已{daysSince.investigation}日`.
 * Placeholders resolve like condition facts (dotted paths, parameterised platform facts); one
 * that cannot be resolved stays visible as written, so a wrong name shows instead of crashing.
 */
import type { RuleEnv } from './env.ts';
import { type FactContext, type FactGetter, factGetter, Unresolved } from './facts.ts';
import { type Lang, plainValue } from './format.ts';

/** A compiled message: fill it from a context. */
export type MessageTemplate = (ctx: FactContext, lang: Lang) => string;

const PLACEHOLDER = /\{([^{}\s]{1,80})\}/g;

/**
 * Compiles a message template once.
 * @example compileMessage('案件{caseNumber}已{daysSince.investigation}日', env)({ facts: { caseNumber: 'X-1', daysSince: { investigation: 91 } } }, 'zh')
 */
export function compileMessage(template: string, env: RuleEnv): MessageTemplate {
  const parts: (string | { name: string; get: FactGetter })[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    parts.push(template.slice(last, m.index), { name, get: factGetter(name, undefined, env.calendar) });
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return (ctx, lang) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      let v: unknown;
      try {
        v = p.get(ctx);
      } catch {
        v = undefined;
      }
      out +=
        v === undefined || v === null || v instanceof Unresolved || (typeof v === 'object' && !Array.isArray(v))
          ? `{${p.name}}`
          : plainValue(v, lang);
    }
    return out;
  };
}
