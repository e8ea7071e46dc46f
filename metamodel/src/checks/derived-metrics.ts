/**
 * Derived metrics of an assessment scheme (sums and formulas over metrics): each is defined
 * once, by exactly one of `sum` and `formula`, under a name no platform metric has; every
 * metric it reads exists (a platform metric or another derived one); and none reads itself
 * through others, since a cycle has no value to score.
 */
import type { AssessmentScheme, DerivedMetric, Expression } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { platformMetric } from '../metrics.ts';

/** The metrics a derived metric reads, with the pointer (inside the metric) of each. */
export function metricInputs(m: DerivedMetric): { metric: string; pointer: string }[] {
  if (m.sum) return m.sum.map((t, i) => ({ metric: t.metric, pointer: pointerOf('sum', i, 'metric') }));
  const out: { metric: string; pointer: string }[] = [];
  const walk = (e: Expression, pointer: string) => {
    if (typeof e !== 'object' || e === null) return;
    if ('fact' in e) out.push({ metric: e.fact, pointer: `${pointer}/fact` });
    else if ('if' in e && e.if) {
      walk(e.if.then, `${pointer}/if/then`);
      walk(e.if.else, `${pointer}/if/else`);
    } else {
      for (const [op, args] of Object.entries(e))
        if (Array.isArray(args)) args.forEach((a, i) => walk(a as Expression, `${pointer}/${op}/${i}`));
    }
  };
  if (m.formula !== undefined) walk(m.formula, '/formula');
  return out;
}

/** Findings on the scheme's derived metrics. */
export function derivedMetricFindings(code: string, s: AssessmentScheme): Finding[] {
  const out: Finding[] = [];
  const metrics = s.metrics ?? [];
  const byName = new Map<string, DerivedMetric>();
  metrics.forEach((m, i) => {
    const at = (...p: (string | number)[]) => pointerOf('metrics', i, ...p);
    if (byName.has(m.name) || platformMetric(m.name))
      out.push(finding('assessment', code, at('name'), 'assessment.metric-duplicate', { metric: m.name }));
    else byName.set(m.name, m);
    if ((m.sum === undefined) === (m.formula === undefined))
      out.push(finding('assessment', code, at(), 'assessment.metric-definition', { metric: m.name }));
    for (const input of metricInputs(m)) {
      if (!platformMetric(input.metric) && !metrics.some((x) => x.name === input.metric)) {
        out.push(
          finding('assessment', code, at() + input.pointer, 'assessment.unknown-metric', { metric: input.metric }),
        );
      }
    }
  });
  out.push(...cycles(code, metrics));
  return out;
}

/** Each cycle once, reported at the first metric of it in the scheme's order. */
function cycles(code: string, metrics: readonly DerivedMetric[]): Finding[] {
  const index = new Map(metrics.map((m, i) => [m.name, i]));
  const reads = (name: string) => {
    const m = metrics[index.get(name) ?? -1];
    return m ? metricInputs(m) : [];
  };
  const done = new Set<string>();
  const out: Finding[] = [];
  const visit = (name: string, path: string[]): void => {
    if (path.includes(name)) {
      const chain = [...path.slice(path.indexOf(name)), name];
      const first = Math.min(...chain.map((n) => index.get(n) ?? 0));
      out.push(
        finding('assessment', code, pointerOf('metrics', first, 'name'), 'assessment.metric-cycle', {
          chain: chain.join(' → '),
        }),
      );
      return;
    }
    if (done.has(name) || !index.has(name)) return;
    for (const input of reads(name)) visit(input.metric, [...path, name]);
    done.add(name);
  };
  for (const m of metrics) visit(m.name, []);
  return out;
}
