/**
 * The facts of a golden case as the rules read them: `timeline` (state → date entered) is the
 * case's history, not a fact, and `today` comes from the case (alerts) when it gives one.
 */
import type { FactContext } from './facts.ts';

/** The fact context of a case's `facts`. */
export function contextOf(facts: Readonly<Record<string, unknown>>, today?: string): FactContext {
  const { timeline, ...rest } = facts;
  const ctx: FactContext = { facts: rest };
  if (timeline && typeof timeline === 'object') ctx.timeline = timeline as Record<string, string>;
  if (today) ctx.today = today;
  return ctx;
}
