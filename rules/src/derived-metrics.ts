/**
 * Derived metrics of an assessment scheme: a `sum` of metrics times their weights, or a
 * `formula` (an expression whose facts are metrics), over platform metrics and other derived
 * metrics. Each is computed once per score, after the metrics it reads; a metric it reads that
 * is missing, or a division by zero, leaves it empty (null) with an issue, as a ratio with a
 * zero denominator is. A cycle (which validation reports as `assessment.metric-cycle`) is
 * empty too, never a loop.
 */
import type { AssessmentScheme, DerivedMetric } from '@yifa/metamodel';
import type { RuleEnv } from './env.ts';
import { type CompiledExpression, compileExpression } from './expression.ts';
import { fail, type Issue, issue, ok, type Result } from './issues.ts';

/** One term of a sum, or one metric a formula read, with its value. */
export interface DerivedTerm {
  metric: string;
  weight?: number;
  value: number | null;
}

/** A derived metric as computed for one subject and period. */
export interface DerivedValue {
  metric: string;
  label: string;
  labelEn: string;
  kind: 'sum' | 'formula';
  terms: DerivedTerm[];
  value: number | null;
  issues: Issue[];
}

/** A scheme's derived metrics, compiled once. */
export interface CompiledDerived {
  /** Every derived metric of the scheme, in the scheme's order, from the measured metrics. */
  compute(metrics: Readonly<Record<string, number | undefined>>): DerivedValue[];
}

/** Compiles the formulas of the scheme's derived metrics. */
export function compileDerived(scheme: AssessmentScheme, env: RuleEnv): Result<CompiledDerived> {
  const defs = scheme.metrics ?? [];
  const issues: Issue[] = [];
  const formulas = new Map<string, CompiledExpression>();
  defs.forEach((m, i) => {
    if (m.formula === undefined) return;
    const ref = { kind: 'assessment', code: scheme.code, part: `metrics/${m.name}` };
    const c = compileExpression(m.formula, env, ref, `/metrics/${i}/formula`);
    if (c.ok) formulas.set(m.name, c.value);
    else issues.push(...c.issues);
  });
  if (issues.length) return fail(issues);
  const byName = new Map(defs.map((m) => [m.name, m]));
  return ok({
    compute(metrics) {
      const done = new Map<string, DerivedValue>();
      const metricValue = (name: string, path: string[]): number | null => {
        const def = byName.get(name);
        if (!def) {
          const v = metrics[name];
          return typeof v === 'number' && Number.isFinite(v) ? v : null;
        }
        return (done.get(name) ?? computeOne(def, path)).value;
      };
      const computeOne = (def: DerivedMetric, path: string[]): DerivedValue => {
        const i = defs.indexOf(def);
        const out: DerivedValue = {
          metric: def.name,
          label: def.label,
          labelEn: def.labelEn ?? def.label,
          kind: def.sum ? 'sum' : 'formula',
          terms: [],
          value: null,
          issues: [],
        };
        const read = (metric: string) => {
          const chain = [...path, def.name, metric];
          if (chain.indexOf(metric) < chain.length - 1) {
            out.issues.push(issue('scoring.metric-cycle', `/metrics/${i}`, { chain: chain.join(' → ') }));
            return null;
          }
          const value = metricValue(metric, [...path, def.name]);
          if (value === null) out.issues.push(issue('scoring.metric-missing', `/metrics/${i}`, { metric }));
          return value;
        };
        if (def.sum) {
          out.terms = def.sum.map((t) => ({
            metric: t.metric,
            ...(t.weight === undefined ? {} : { weight: t.weight }),
            value: read(t.metric),
          }));
          const missing = out.terms.some((t) => t.value === null);
          out.value = missing ? null : tidy(out.terms.reduce((s, t) => s + (t.value ?? 0) * (t.weight ?? 1), 0));
        } else {
          const inputs = formulaInputs(def);
          out.terms = inputs.map((metric) => ({ metric, value: read(metric) }));
          const facts = Object.fromEntries(out.terms.flatMap((t) => (t.value === null ? [] : [[t.metric, t.value]])));
          const r = formulas.get(def.name)?.evaluateNumber({ facts }, 'formula');
          // A missing input is already named above; the formula's own issues add division by zero and the like.
          if (r && !out.issues.length) out.issues.push(...r.issues);
          out.value = r?.value ?? null;
        }
        done.set(def.name, out);
        return out;
      };
      return defs.map((d) => done.get(d.name) ?? computeOne(d, []));
    },
  });
}

/** The metric names a formula reads, each once, in order. */
function formulaInputs(def: DerivedMetric): string[] {
  const out: string[] = [];
  const walk = (e: unknown): void => {
    if (typeof e !== 'object' || e === null) return;
    if ('fact' in e && typeof e.fact === 'string') {
      if (!out.includes(e.fact)) out.push(e.fact);
      return;
    }
    for (const v of Object.values(e)) {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) walk(v);
    }
  };
  walk(def.formula);
  return out;
}

// Sums of decimals keep 15 significant digits, as expressions do (0.1 + 0.2 is 0.3).
function tidy(x: number): number {
  return Number(x.toPrecision(15));
}
