/**
 * Assessment schemes: weights add up to 100, measures name platform metrics or the scheme's
 * derived metrics (none of which is money, 行政处罚法第七十四条), derived metrics are well
 * defined (`derived-metrics.ts`), and the fallback scoring rule comes last.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { platformMetric } from '../metrics.ts';
import { type Check, validItems } from './context.ts';
import { derivedMetricFindings } from './derived-metrics.ts';

/** Checks every assessment scheme. */
export const checkAssessments: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, s] of validItems(ctx, 'assessment')) {
    const sum = s.indicators.reduce((t, i) => t + i.weight, 0);
    if (Math.abs(sum - 100) > 1e-9) out.push(finding('assessment', code, '/indicators', 'assessment.weights', { sum }));
    out.push(...derivedMetricFindings(code, s));
    const derived = new Set((s.metrics ?? []).map((m) => m.name));
    s.indicators.forEach((ind, i) => {
      const metrics =
        'ratio' in ind.measure ? [ind.measure.ratio.numerator, ind.measure.ratio.denominator] : [ind.measure.metric];
      const path = 'ratio' in ind.measure ? ['ratio', 'numerator', 'denominator'] : ['metric'];
      metrics.forEach((m, j) => {
        const pointer =
          'ratio' in ind.measure
            ? pointerOf('indicators', i, 'measure', 'ratio', path[j + 1] ?? '')
            : pointerOf('indicators', i, 'measure', 'metric');
        if (!platformMetric(m) && !derived.has(m))
          out.push(finding('assessment', code, pointer, 'assessment.unknown-metric', { metric: m }));
      });
      ind.scoring.forEach((r, j) => {
        if (r.when === undefined && j !== ind.scoring.length - 1) {
          out.push(
            finding('assessment', code, pointerOf('indicators', i, 'scoring', j), 'assessment.fallback-not-last', {}),
          );
        }
      });
    });
  }
  return out;
};
