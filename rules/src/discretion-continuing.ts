/**
 * 按日连续处罚 (环境保护法第五十九条, 大气污染防治法第一百二十三条): a party fined and ordered to
 * correct who refuses is fined the original amount again for every day from the day after the
 * order to correct was served up to the day the violation is found continuing or corrected —
 * 《环境保护主管部门实施按日连续处罚办法》第十七条; without that date, up to today. The decision
 * states days × daily amount, and whether the daily amount lies in the legal range.
 */
import type { DiscretionContinuing } from '@yifa/metamodel';
import type { CompiledCondition } from './compiler.ts';
import { dayOf, isoOf } from './dates.ts';
import type { AmountRange } from './discretion-decision.ts';
import { compileCondition } from './engine.ts';
import type { RuleEnv } from './env.ts';
import { type CompiledExpression, compileExpression } from './expression.ts';
import type { FactContext } from './facts.ts';
import { type Issue, issue, type Result } from './issues.ts';
import type { Evaluation, RuleRef } from './trace.ts';

/** Continuing fines as decided for a case. */
export interface ContinuingFine {
  /** Whether the condition held (always, without one); the rest is computed only then. */
  applies: boolean | null;
  /** The day the order to correct was served; counting starts the day after. */
  from: string | null;
  /** The last day counted: the `until` fact, else today. */
  until: string | null;
  /** True when no `until` date was known and today was used. */
  untilToday: boolean;
  days: number | null;
  dailyAmount: number | null;
  /** days × dailyAmount. */
  total: number | null;
  /** The daily amount (the original fine) lies outside the legal range. */
  dailyAmountOutsideLegalRange: boolean;
  basis: string[];
  evaluation: Evaluation | null;
}

/** A compiled `continuing` block. */
export interface CompiledContinuing {
  decide(ctx: FactContext, legal: AmountRange): { fine: ContinuingFine; issues: Issue[] };
}

/** Compiles the condition, the dates and the daily amount of a version's continuing fines. */
export function compileContinuing(
  c: DiscretionContinuing,
  env: RuleEnv,
  ref: RuleRef,
  path: string,
): Result<CompiledContinuing> {
  const issues: Issue[] = [];
  const expr = (e: unknown, at: string): CompiledExpression | undefined => {
    const r = compileExpression(e as never, env, ref, `${path}/${at}`);
    if (!r.ok) issues.push(...r.issues);
    return r.ok ? r.value : undefined;
  };
  let when: CompiledCondition | undefined;
  if (c.when !== undefined) {
    const r = compileCondition(c.when, env, ref, `${path}/when`);
    if (r.ok) when = r.value;
    else issues.push(...r.issues);
  }
  const from = expr(c.from, 'from');
  const until = c.until === undefined ? undefined : expr(c.until, 'until');
  const daily = expr(c.dailyAmount, 'dailyAmount');
  if (issues.length || !from || !daily) return { ok: false, issues };
  return {
    ok: true,
    value: {
      decide(ctx, legal) {
        const found: Issue[] = [];
        const evaluation = when ? when.evaluate(ctx) : null;
        if (evaluation) found.push(...evaluation.issues);
        const fine: ContinuingFine = {
          applies: evaluation ? evaluation.held : true,
          from: null,
          until: null,
          untilToday: false,
          days: null,
          dailyAmount: null,
          total: null,
          dailyAmountOutsideLegalRange: false,
          basis: c.basis ?? [],
          evaluation,
        };
        if (fine.applies !== true) return { fine, issues: found };
        const start = from.evaluate(ctx);
        found.push(...start.issues);
        fine.from = dateOrNull(start.value, `${path}/from`, found);
        // Not yet corrected and not re-inspected: the days run to today.
        const end = until?.evaluate(ctx);
        const endDate = end && end.value !== null ? dateOrNull(end.value, `${path}/until`, found) : null;
        const today = ctx.today ?? (typeof ctx.facts.today === 'string' ? ctx.facts.today : undefined);
        fine.untilToday = endDate === null;
        fine.until = endDate ?? (dayOf(today) === undefined ? null : isoOf(dayOf(today) as number));
        if (fine.untilToday && fine.until === null) found.push(issue('today.missing', `${path}/until`));
        const amount = daily.evaluateNumber(ctx, 'dailyAmount');
        found.push(...amount.issues);
        fine.dailyAmount = amount.value;
        const [a, z] = [dayOf(fine.from), dayOf(fine.until)];
        // Counted from the day after service (第十七条), the last day included: the difference of the dates.
        if (a !== undefined && z !== undefined) fine.days = Math.max(0, z - a);
        if (fine.days !== null && fine.dailyAmount !== null) fine.total = fine.days * fine.dailyAmount;
        const v = fine.dailyAmount;
        fine.dailyAmountOutsideLegalRange =
          v !== null && ((legal.min !== null && v < legal.min) || (legal.max !== null && v > legal.max));
        return { fine, issues: found };
      },
    },
  };
}

function dateOrNull(value: unknown, path: string, issues: Issue[]): string | null {
  if (value === null) return null;
  const day = dayOf(value);
  if (day === undefined) {
    issues.push(issue('date.invalid', path, { value }));
    return null;
  }
  return isoOf(day);
}
