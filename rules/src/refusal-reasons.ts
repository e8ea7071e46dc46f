/**
 * What a refusal rests on, so that a golden case can name the reason it expects: the refusal
 * code and, for a guard condition, the named conditions and facts among its deciding tests
 * (those that made `when` fail or `unless` hold). A case expecting
 * `{ action: pass-case-review, because: unless, condition: needs-legal-review }` passes only
 * when that exclusion is what refused the action — not a missing role, not a misspelt fact.
 */
import type { ExpectedRefusal } from '@yifa/metamodel';
import { decisiveLeaves } from './explain.ts';
import type { RefusalCode, TransitionCheck } from './guards.ts';

/** One reason a transition was refused, with what decided it. */
export interface RefusalGround {
  code: RefusalCode;
  /** Named conditions on the path to the deciding tests, outermost first. */
  conditions: string[];
  /** Facts the deciding tests read. */
  facts: string[];
}

/** The grounds of every refusal of a transition (none when it is allowed). */
export function groundsOf(t: Pick<TransitionCheck, 'refusals'>): RefusalGround[] {
  return t.refusals.map((r) => {
    const leaves = r.evaluation ? decisiveLeaves(r.evaluation.trace) : [];
    // A step into a named condition shows in a test's path as `@code` (engine.ts).
    const conditions = leaves.flatMap((l) =>
      l.path
        .split('/')
        .filter((s) => s.startsWith('@'))
        .map((s) => s.slice(1)),
    );
    const facts = leaves.flatMap((l) => (l.expectedFact ? [l.fact, l.expectedFact.fact] : [l.fact]));
    return { code: r.code, conditions: [...new Set(conditions)], facts: [...new Set(facts)] };
  });
}

/** Whether one of the grounds is the expected reason: its code, and the condition and fact when named. */
export function hasReason(expected: ExpectedRefusal, grounds: readonly RefusalGround[]): boolean {
  return grounds.some(
    (g) =>
      g.code === expected.because &&
      (expected.condition === undefined || g.conditions.includes(expected.condition)) &&
      (expected.fact === undefined || g.facts.includes(expected.fact)),
  );
}

/** A reason as text, e.g. `unless needs-legal-review (hearingHeld)`. */
export function reasonText(r: { code: string; conditions?: readonly string[]; facts?: readonly string[] }): string {
  const conditions = r.conditions?.length ? ` ${r.conditions.join(' ')}` : '';
  const facts = r.facts?.length ? ` (${r.facts.join(', ')})` : '';
  return `${r.code}${conditions}${facts}`;
}

/** The expected reason as text, in the same form. */
export function expectedReasonText(e: ExpectedRefusal): string {
  return reasonText({
    code: e.because,
    ...(e.condition ? { conditions: [e.condition] } : {}),
    ...(e.fact ? { facts: [e.fact] } : {}),
  });
}
