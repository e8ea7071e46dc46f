/**
 * 考核计分: each indicator's value from measured platform metrics (a ratio or one metric), its
 * points from the first scoring rule whose condition holds over the fact `value` (points are an
 * expression over `value`), the total (weights are full marks) and the grade.
 * An empty value — a ratio whose denominator is 0 (no major cases, no lawsuits), or a missing
 * metric — is null with an issue, and the scoring rules decide: a rule whose condition holds on
 * the empty value (`{ fact: value, operator: exists, value: false }`) gives the points. The
 * fallback rule (no condition) is for low values, not for no data, so it is not applied to an
 * empty value: when no rule speaks to it, the indicator scores full marks with an issue
 * (nothing to assess is not failure; the veto does not apply). A rule that cannot be decided on
 * a measured value stops the scoring with 0 points and an issue. Points are clamped to 0…weight.
 * The scheme's derived metrics (sums and formulas, `derived-metrics.ts`) are computed first;
 * measures and scoring rules read them as they read platform metrics.
 */
import type { AssessmentScheme, Indicator } from '@yifa/metamodel';
import type { CompiledCondition } from './compiler.ts';
import { type CompiledDerived, compileDerived, type DerivedValue } from './derived-metrics.ts';
import { compileCondition } from './engine.ts';
import { cached, type RuleEnv } from './env.ts';
import { type CompiledExpression, compileExpression, NO_EXPRESSION } from './expression.ts';
import { fail, type Issue, issue, type Message, ok, type Result } from './issues.ts';
import type { Evaluation } from './trace.ts';

/** A measured metric. */
export interface MetricValue {
  metric: string;
  value: number | null;
}

/** One indicator's score. */
export interface IndicatorScore {
  code: string;
  name: Message;
  weight: number;
  measure: { numerator?: MetricValue; denominator?: MetricValue; metric?: MetricValue };
  value: number | null;
  points: number;
  /** Index of the scoring rule that gave the points, or null. */
  rule: number | null;
  note?: string;
  /** Scoring rules tried, in order. */
  evaluations: Evaluation[];
  issues: Issue[];
}

/** The score of a subject for one period. */
export interface ScoreReport {
  scheme: string;
  /** The scheme's derived metrics, as computed from the measured ones. */
  derived: DerivedValue[];
  indicators: IndicatorScore[];
  total: number;
  grade?: string;
  /** Indicators with veto that scored 0: the grade is the lowest. */
  vetoed: string[];
  issues: Issue[];
}

/** A scheme compiled once. */
export interface CompiledScheme {
  readonly scheme: AssessmentScheme;
  score(metrics: Readonly<Record<string, number | undefined>>): ScoreReport;
}

interface Rule {
  when?: CompiledCondition;
  points: CompiledExpression;
  note?: string;
}

/** Compiles every scoring rule of a scheme. */
export function compileScheme(scheme: AssessmentScheme, env: RuleEnv): Result<CompiledScheme> {
  const issues: Issue[] = [];
  const compiled = scheme.indicators.map((ind, i) =>
    ind.scoring.map((s, j): Rule => {
      const ref = { kind: 'assessment', code: scheme.code, part: `indicators/${ind.code}/scoring/${j}` };
      const base = `/indicators/${i}/scoring/${j}`;
      const when = s.when ? compileCondition(s.when, env, ref, `${base}/when`) : undefined;
      const points = compileExpression(s.points, env, ref, `${base}/points`);
      if (when && !when.ok) issues.push(...when.issues);
      if (!points.ok) issues.push(...points.issues);
      return {
        ...(when?.ok ? { when: when.value } : {}),
        points: points.ok ? points.value : NO_EXPRESSION,
        ...(s.note ? { note: s.note } : {}),
      };
    }),
  );
  const derivedMetrics = compileDerived(scheme, env);
  if (!derivedMetrics.ok) issues.push(...derivedMetrics.issues);
  if (issues.length || !derivedMetrics.ok) return fail(issues);
  const derivedOf: CompiledDerived = derivedMetrics.value;
  const grades = [...(scheme.grades ?? [])].sort((a, b) => b.min - a.min);
  return ok({
    scheme,
    score(measured) {
      const derived = derivedOf.compute(measured);
      const metrics: Record<string, number | undefined> = { ...measured };
      for (const d of derived) metrics[d.metric] = d.value ?? undefined;
      const indicators = scheme.indicators.map((ind, i) => scoreOne(ind, i, compiled[i] ?? [], metrics));
      const total = Math.round(indicators.reduce((s, x) => s + x.points, 0) * 100) / 100;
      const vetoed = scheme.indicators
        .filter((ind, i) => ind.veto && indicators[i]?.points === 0)
        .map((ind) => ind.code);
      const earned = grades.find((g) => total >= g.min);
      const grade = vetoed.length ? grades[grades.length - 1] : earned;
      return {
        scheme: scheme.code,
        derived,
        indicators,
        total,
        ...(grade ? { grade: grade.name } : {}),
        vetoed,
        issues: [...derived.flatMap((d) => d.issues), ...indicators.flatMap((x) => x.issues)],
      };
    },
  });
}

/** Scores once, compiling the scheme on first use within the environment. */
export function scoreAssessment(
  scheme: AssessmentScheme,
  metrics: Readonly<Record<string, number | undefined>>,
  env: RuleEnv,
): Result<ScoreReport> {
  const compiled = cached(env, scheme, () => compileScheme(scheme, env));
  return compiled.ok ? ok(compiled.value.score(metrics)) : compiled;
}

function scoreOne(
  ind: Indicator,
  i: number,
  rules: Rule[],
  metrics: Readonly<Record<string, number | undefined>>,
): IndicatorScore {
  const issues: Issue[] = [];
  const path = `/indicators/${i}/measure`;
  const read = (metric: string): MetricValue => {
    const v = metrics[metric];
    if (typeof v === 'number' && Number.isFinite(v)) return { metric, value: v };
    issues.push(issue('scoring.metric-missing', path, { metric, indicator: ind.code }));
    return { metric, value: null };
  };
  let value: number | null;
  let measure: IndicatorScore['measure'];
  if ('ratio' in ind.measure) {
    const numerator = read(ind.measure.ratio.numerator);
    const denominator = read(ind.measure.ratio.denominator);
    measure = { numerator, denominator };
    value = numerator.value !== null && denominator.value ? numerator.value / denominator.value : null;
    if (denominator.value === 0)
      issues.push(issue('scoring.zero-denominator', path, { indicator: ind.code, metric: denominator.metric }));
  } else {
    const metric = read(ind.measure.metric);
    measure = { metric };
    value = metric.value;
  }
  const ctx = { facts: value === null ? { ...metrics } : { ...metrics, value } };
  const evaluations: Evaluation[] = [];
  let points = 0;
  let rule: number | null = null;
  for (const [j, r] of rules.entries()) {
    // An empty value is decided only by a rule whose condition holds on it (e.g. exists: false).
    if (value === null && !r.when) continue;
    const ev = r.when?.evaluate(ctx);
    if (ev) evaluations.push(ev);
    if (ev && ev.held === null && value !== null) {
      issues.push(...ev.issues);
      break;
    }
    if (ev && ev.held !== true) continue;
    const p = r.points.evaluateNumber(ctx, 'points');
    issues.push(...p.issues);
    points = p.value ?? 0;
    rule = j;
    break;
  }
  const empty = value === null && rule === null;
  if (empty) {
    points = ind.weight;
    issues.push(issue('scoring.empty-value', `/indicators/${i}/scoring`, { indicator: ind.code, weight: ind.weight }));
  } else if (rule === null) {
    issues.push(issue('scoring.no-rule', `/indicators/${i}/scoring`, { indicator: ind.code }));
  }
  if (points < 0 || points > ind.weight) {
    issues.push(
      issue('scoring.points-out-of-range', `/indicators/${i}/scoring`, {
        indicator: ind.code,
        points,
        weight: ind.weight,
      }),
    );
    points = Math.min(ind.weight, Math.max(0, points));
  }
  const note = rule === null ? undefined : rules[rule]?.note;
  return {
    code: ind.code,
    name: { zh: ind.name, en: ind.nameEn ?? ind.name },
    weight: ind.weight,
    measure,
    value,
    points,
    rule,
    ...(note ? { note } : {}),
    evaluations,
    issues,
  };
}
