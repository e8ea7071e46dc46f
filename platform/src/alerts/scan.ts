/**
 * 预警 over open cases: each case is judged by the case alert rules of the pack it is pinned to
 * (the same pack that gives its workflow, deadlines, named conditions and calendar, so a rule's
 * states and deadline codes mean what they meant when the case was opened), compiled once per
 * pack — and once per set of scoped parameter values its cases have (a city's own amounts). The
 * facts are the case machine's (caseContext) plus the discretion decision on the proposed fine
 * (discretionTier, fineOutsideTier), which the platform computes and never stores.
 */
import { type CaseDeadline, caseContext } from '@yifa/engine';
import type { ResolvedPack } from '@yifa/metamodel';
import { type CompiledAlerts, compileAlerts, type FactContext, type FiredAlert, type RuleEnv } from '@yifa/rules';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { checkFine } from '../fine-check.ts';
import type { OpenCase } from '../storage/alerts.ts';
import { envOf, type LoadedCase, loadCase } from '../storage/snapshot.ts';

const compiled = {
  case: new WeakMap<RuleEnv, CompiledAlerts>(),
  subject: new WeakMap<RuleEnv, CompiledAlerts>(),
};

/**
 * The alert rules of a pack for cases or for subjects, compiled on first use per environment:
 * the pack's (the registry keeps one resolved pack per hash), or a case's where its scoped
 * parameters differ (param-scope in the rules; one environment per distinct set of values).
 */
export function alertRulesOf(pack: ResolvedPack, scope: 'case' | 'subject', env = envOf(pack)): CompiledAlerts {
  let c = compiled[scope].get(env);
  if (!c) {
    const rules = [...pack.items.alert.values()].filter((r) => r.scope === scope);
    const result = compileAlerts(rules, env);
    if (!result.ok)
      throw new AppError('internal', {
        reason: `the ${scope} alert rules of the pack do not compile`,
        issues: result.issues.map((i) => i.message.en),
      });
    c = result.value;
    compiled[scope].set(env, c);
  }
  return c;
}

/** The discretion facts of a case with a proposed fine: the tier applied and whether the fine lies outside it. */
function discretionFacts(l: LoadedCase, today: string, ctx: FactContext): Record<string, unknown> {
  const fine = l.row.facts.proposedFine;
  const check = typeof fine === 'number' ? checkFine(l, today, fine, ctx) : undefined;
  const tier = check?.tier?.name ?? check?.noPenalty;
  return check && tier ? { discretionTier: tier, fineOutsideTier: check.outside } : {};
}

/** One open case after the scan. */
export interface ScannedCase {
  loaded: LoadedCase;
  fired: FiredAlert[];
  /** Rules that could not be decided on this case (missing or mistyped facts). */
  undetermined: number;
  /** Their codes (a stored alert of such a rule stays as it is). */
  undeterminedCodes: string[];
  deadlines: CaseDeadline[];
  /** Whether a deadline of the case has passed while it still runs. */
  overdue: boolean;
}

/**
 * Evaluates the case alert rules on one loaded case. A closed case answers only to the rules
 * that judge closed cases (includeClosed, in the pack it is pinned to): an overdue decision of a
 * case that ended is no longer news, a revoked decision still on display is.
 */
export function scanCase(loaded: LoadedCase, today: string): ScannedCase {
  const { context, deadlines } = caseContext(loaded.snapshot, today, loaded.env);
  // Entered facts stay last, as in caseContext: what an officer recorded is what the rules read.
  const ctx = { ...context, facts: { ...discretionFacts(loaded, today, context), ...context.facts } };
  const report = alertRulesOf(loaded.pack, 'case', loaded.env).evaluate(ctx);
  const closed = loaded.row.closedAt !== null;
  const judges = (code: string) => !closed || loaded.pack.items.alert.get(code)?.includeClosed === true;
  return {
    loaded,
    fired: report.fired.filter((a) => judges(a.code)),
    undetermined: report.undetermined.filter((u) => judges(u.code)).length,
    undeterminedCodes: report.undetermined.filter((u) => judges(u.code)).map((u) => u.code),
    deadlines,
    overdue: !closed && deadlines.some((d) => d.status === 'overdue'),
  };
}

/** Loads and scans the cases read by storage/alerts.ts (open ones, and closed ones for includeClosed rules). */
export async function scanCases(
  db: Db,
  packs: { byHash(hash: string): Promise<ResolvedPack> },
  open: readonly OpenCase[],
  today: string,
): Promise<ScannedCase[]> {
  const out: ScannedCase[] = [];
  for (const { row, around } of open) out.push(scanCase(await loadCase(db, packs, row, today, around), today));
  return out;
}
