/**
 * Matters: an enforcement matter names its authority item; its facts are unique and do
 * not reuse a platform fact's name; disclosure starts from a state of its workflow.
 */
import { platformFact } from '../facts.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every matter. */
export const checkMatters: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, m] of validItems(ctx, 'matter')) {
    if (m.category === 'enforcement' && !m.authorityItem)
      out.push(finding('matter', code, '/authorityItem', 'matter.authority-required', {}));
    const seen = new Set<string>();
    (m.facts ?? []).forEach((f, i) => {
      if (seen.has(f.name))
        out.push(finding('matter', code, pointerOf('facts', i, 'name'), 'matter.fact-duplicate', { fact: f.name }));
      if (platformFact(f.name))
        out.push(
          finding('matter', code, pointerOf('facts', i, 'name'), 'matter.fact-shadows-platform', { fact: f.name }),
        );
      seen.add(f.name);
      if (f.enumEn && f.enumEn.length !== (f.enum?.length ?? 0))
        out.push(
          finding('matter', code, pointerOf('facts', i, 'enumEn'), 'matter.fact-enum-en-length', {
            fact: f.name,
            en: f.enumEn.length,
            count: f.enum?.length ?? 0,
          }),
        );
    });
    const wf = ctx.pack.items.workflow.get(m.workflow);
    if (m.disclosure && wf && !(wf.states ?? []).some((s) => s.code === m.disclosure?.from)) {
      out.push(finding('matter', code, '/disclosure/from', 'workflow.state-unknown', { state: m.disclosure.from }));
    }
  }
  return out;
};
