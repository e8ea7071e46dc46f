/**
 * Which facts left a decision undetermined. A golden case must not pass on a guard that
 * refused because it could not read a fact, nor on an alert that stayed quiet for the same
 * reason: a fact missing from the case, or misspelt, is found here and fails the case unless
 * the case says it expects it (`expectUndetermined`). Only the facts the decision rested on
 * count — a missing fact in a branch the known facts already decided is not needed (Kleene).
 */
import type { AlertReport } from './alerts.ts';
import type { DiscretionDecision } from './discretion.ts';
import type { RuleEnv } from './env.ts';
import { decisiveLeaves } from './explain.ts';
import type { TransitionCheck } from './guards.ts';
import { type Issue, issue } from './issues.ts';
import type { ScoreReport } from './scoring.ts';
import type { Evaluation } from './trace.ts';

/** A fact (or, for scoring, a metric) that left a decision undetermined, and why. */
export interface UndeterminedFact {
  fact: string;
  issue: Issue;
}

/** The facts that left an evaluation undetermined: none when it held or did not. */
export function undeterminedOf(ev: Evaluation): UndeterminedFact[] {
  if (ev.held !== null) return [];
  return decisiveLeaves(ev.trace).flatMap((leaf) =>
    leaf.issue ? [{ fact: String(leaf.issue.params.fact ?? leaf.fact), issue: leaf.issue }] : [],
  );
}

/**
 * Why a refused transition could not be decided: its undetermined conditions, and the
 * guard's own facts read without a condition — officerCount for `minOfficers`, and
 * documentsCompleted / documentsIssued when required documents count as missing only because
 * the case gave no list.
 */
export function undeterminedOfGuard(
  t: TransitionCheck,
  facts: Readonly<Record<string, unknown>>,
  env: RuleEnv,
): UndeterminedFact[] {
  const out: UndeterminedFact[] = [];
  const label = (fact: string) => env.labels(fact).zh;
  const missing = (fact: string) =>
    out.push({ fact, issue: issue('fact.missing', '', { fact, label: label(fact), labelEn: env.labels(fact).en }) });
  for (const r of t.refusals) {
    if (r.evaluation) out.push(...undeterminedOf(r.evaluation));
    if (r.code === 'officers' && r.params.count === null) {
      if (facts.officerCount === undefined || facts.officerCount === null) missing('officerCount');
      else {
        const actual = typeof facts.officerCount;
        const params = { fact: 'officerCount', label: label('officerCount'), expected: 'number', actual };
        out.push({ fact: 'officerCount', issue: issue('fact.wrong-type', '', params) });
      }
    }
    if (r.code === 'documents') {
      const docs = r.params.documents as { issued: boolean }[];
      if (docs.some((d) => d.issued) && !Array.isArray(facts.documentsIssued)) missing('documentsIssued');
      if (docs.some((d) => !d.issued) && !Array.isArray(facts.documentsCompleted)) missing('documentsCompleted');
    }
  }
  return out;
}

/** Why an alert could not be decided (its scope or condition), and, when `level` counts, its levels. */
export function undeterminedOfAlert(report: AlertReport, level: boolean): UndeterminedFact[] {
  const out = report.undetermined.flatMap((u) => undeterminedOf(u.evaluation));
  // A fired alert's first evaluation is its condition (it held); the others are its levels.
  if (level) for (const f of report.fired) out.push(...f.evaluations.slice(1).flatMap(undeterminedOf));
  return out;
}

/** Why a discretion decision could not choose: no-penalty rules and tiers, and circumstances when they count. */
export function undeterminedOfDiscretion(
  d: DiscretionDecision,
  counts: { outcome: boolean; circumstances: boolean },
): UndeterminedFact[] {
  return d.steps.flatMap((s) => {
    const wanted = s.part === 'circumstance' ? counts.circumstances : counts.outcome;
    return wanted && s.evaluation ? undeterminedOf(s.evaluation) : [];
  });
}

/** Metrics missing from a scoring case, for the indicators that count (all when none are named). */
export function undeterminedOfScore(s: ScoreReport, indicators?: readonly string[]): UndeterminedFact[] {
  return s.indicators
    .filter((i) => !indicators || indicators.includes(i.code))
    .flatMap((i) => i.issues.filter((x) => x.code === 'scoring.metric-missing'))
    .map((x) => ({ fact: String(x.params.metric), issue: x }));
}
