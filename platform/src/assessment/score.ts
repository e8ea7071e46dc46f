/**
 * 考核评分: a scheme of the pack over the measured subjects, scored by the rules package
 * (`compileScheme`: scoring rules, weights, veto, grades — not reimplemented here), then ranked.
 *
 * An indicator that reads a metric the platform cannot measure yet (measure.ts NOT_MEASURABLE,
 * directly or through a derived metric) is not scored at all: it is listed as not measurable,
 * with its weight and the reason, and the scheme is scored on the measurable indicators only.
 * The score is the points earned out of the measurable weight, on the scheme's 100-point scale
 * (earned / measurable weight × 100); the grades are applied to that scale by giving the rules
 * the scheme's grade thresholds scaled to the measurable weight, so the rules' own grade and veto
 * logic decides. Nothing unmeasured scores full marks or zero.
 */
import { type AssessmentScheme, platformMetric, type ResolvedPack } from '@yifa/metamodel';
import { compileScheme, type DerivedValue, explainScore, type IndicatorScore, type ScoreReport } from '@yifa/rules';
import { AppError } from '../errors.ts';
import { envOf } from '../storage/snapshot.ts';
import { countedKind, type MeasuredSubject, type MetricValues, measurability, type NotMeasurable } from './measure.ts';

/** An indicator left out of the scoring, with why. */
export interface ExcludedIndicator {
  code: string;
  name: { zh: string; en: string };
  weight: number;
  /** The metrics it reads that cannot be measured, each with the reason. */
  metrics: { metric: string; why: NotMeasurable }[];
}

/** One metric an indicator read, with its value and what it counts (for the drill-down). */
export interface MetricUse {
  metric: string;
  value: number | null;
  counts?: string;
}

/** One indicator's points for a subject, with its explanation. */
export interface IndicatorResult {
  code: string;
  name: { zh: string; en: string };
  weight: number;
  value: number | null;
  points: number;
  rule: number | null;
  note?: string;
  metrics: MetricUse[];
  explanation: { zh: string; en: string };
  issues: { zh: string; en: string }[];
}

/** A subject's result in a run. */
export interface SubjectResult {
  subject: { code: string; name: string; path: string; type: string };
  metrics: MetricValues;
  derived: DerivedValue[];
  indicators: IndicatorResult[];
  /** Points earned on the measurable indicators. */
  earned: number;
  /** earned / measurable weight × 100, two decimals. */
  score: number;
  grade?: string;
  vetoed: string[];
  /** Nothing recorded in the period (every measured metric 0 but the pack's authority items): scored by the rules, not ranked. */
  noRecords: boolean;
  /** 1 for the best; null when not ranked (no records). */
  rank: number | null;
  explanation: { zh: string[]; en: string[] };
}

/** What a run computed. */
export interface RunResult {
  scheme: { code: string; name: string; nameEn?: string };
  excluded: ExcludedIndicator[];
  measurableWeight: number;
  subjects: SubjectResult[];
}

/** The metrics an indicator reads, through the scheme's derived metrics down to platform metrics. */
function platformMetricsOf(scheme: AssessmentScheme, metric: string, seen = new Set<string>()): string[] {
  if (seen.has(metric)) return [];
  seen.add(metric);
  const d = scheme.metrics?.find((m) => m.name === metric);
  if (!d) return [metric];
  const read = d.sum ? d.sum.map((t) => t.metric) : factsOf(d.formula);
  return read.flatMap((m) => platformMetricsOf(scheme, m, seen));
}

/** The `{ fact }` names an expression reads. */
function factsOf(e: unknown): string[] {
  if (Array.isArray(e)) return e.flatMap(factsOf);
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    return [...(typeof o.fact === 'string' ? [o.fact] : []), ...Object.values(o).flatMap(factsOf)];
  }
  return [];
}

function indicatorMetrics(i: AssessmentScheme['indicators'][number]): string[] {
  return 'ratio' in i.measure ? [i.measure.ratio.numerator, i.measure.ratio.denominator] : [i.measure.metric];
}

/** Which indicators of a scheme cannot be measured, and why. */
export function excludedIndicators(scheme: AssessmentScheme): ExcludedIndicator[] {
  const out: ExcludedIndicator[] = [];
  for (const ind of scheme.indicators) {
    const metrics = [...new Set(indicatorMetrics(ind).flatMap((m) => platformMetricsOf(scheme, m)))];
    const missing = metrics.flatMap((metric) => {
      const m = measurability(metric);
      return m.measurable ? [] : [{ metric, why: m.why }];
    });
    if (missing.length)
      out.push({
        code: ind.code,
        name: { zh: ind.name, en: ind.nameEn ?? ind.name },
        weight: ind.weight,
        metrics: missing,
      });
  }
  return out;
}

/** Whether the scheme applies to a subject (its subjectTypes). */
export function schemeApplies(scheme: AssessmentScheme, subject: { type: string }): boolean {
  return !scheme.subjectTypes?.length || scheme.subjectTypes.includes(subject.type);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Why an indicator is excluded, each reason once. */
const whys = (x: ExcludedIndicator, lang: 'zh' | 'en') =>
  [...new Set(x.metrics.map((m) => m.why[lang]))].join(lang === 'zh' ? '；' : '; ');

function indicatorResult(
  x: IndicatorScore,
  line: { zh: string; en: string },
  metrics: MetricValues,
  derived: DerivedValue[],
): IndicatorResult {
  const used = [x.measure.numerator, x.measure.denominator, x.measure.metric].filter(
    (m): m is NonNullable<typeof m> => m !== undefined,
  );
  const uses: MetricUse[] = [];
  const add = (metric: string, value: number | null) => {
    if (uses.some((u) => u.metric === metric)) return;
    const d = derived.find((v) => v.metric === metric);
    if (d) {
      for (const t of d.terms) add(t.metric, t.value);
      uses.push({ metric, value: d.value });
      return;
    }
    const counts = countedKind(metric);
    uses.push({ metric, value: metrics[metric] ?? value, ...(counts ? { counts } : {}) });
  };
  for (const m of used) add(m.metric, m.value);
  return {
    code: x.code,
    name: x.name,
    weight: x.weight,
    value: x.value,
    points: x.points,
    rule: x.rule,
    ...(x.note ? { note: x.note } : {}),
    metrics: uses,
    explanation: line,
    issues: x.issues.map((i) => i.message),
  };
}

/**
 * Scores every subject on the scheme from its measured metrics and ranks them by score (ties
 * share a rank, 1, 1, 3), the best first.
 */
export function scoreSubjects(
  pack: ResolvedPack,
  scheme: AssessmentScheme,
  subjects: readonly MeasuredSubject[],
  measured: ReadonlyMap<string, MetricValues>,
): RunResult {
  const excluded = excludedIndicators(scheme);
  const left = new Set(excluded.map((x) => x.code));
  const indicators = scheme.indicators.filter((i) => !left.has(i.code));
  const measurableWeight = round2(indicators.reduce((s, i) => s + i.weight, 0));
  const head = { code: scheme.code, name: scheme.name, ...(scheme.nameEn ? { nameEn: scheme.nameEn } : {}) };
  if (!indicators.length) return { scheme: head, excluded, measurableWeight, subjects: [] };
  const scale = measurableWeight / 100;
  const restricted: AssessmentScheme = {
    ...scheme,
    indicators: indicators as AssessmentScheme['indicators'],
    ...(scheme.grades ? { grades: scheme.grades.map((g) => ({ ...g, min: g.min * scale })) } : {}),
  };
  const compiled = compileScheme(restricted, envOf(pack));
  if (!compiled.ok)
    throw new AppError('internal', {
      reason: `the scheme ${scheme.code} does not compile`,
      issues: compiled.issues.map((i) => i.message.en),
    });
  const results: SubjectResult[] = subjects.map((s) => {
    const metrics = measured.get(s.code) ?? {};
    const report: ScoreReport = compiled.value.score(metrics);
    const zh = explainScore(report, 'zh');
    const en = explainScore(report, 'en');
    const at = report.derived.length;
    const earned = report.total;
    const score = measurableWeight ? round2((earned / measurableWeight) * 100) : 0;
    const totalLine = {
      zh: `得分 ${earned} / 可计量满分 ${measurableWeight}，折合百分制 ${score} 分${report.grade ? `，等次“${report.grade}”` : ''}`,
      en: `${earned} of ${measurableWeight} measurable points, ${score} on the 100-point scale${report.grade ? `, grade "${report.grade}"` : ''}`,
    };
    const excludedLines = excluded.map((x) => ({
      zh: `${x.name.zh}（${x.weight} 分）不计分：${whys(x, 'zh')}`,
      en: `${x.name.en} (${x.weight} points) not scored: ${whys(x, 'en')}`,
    }));
    // The rules' issues name indicators and metrics by code; each empty value is said here in words instead.
    const isIssue = (line: string) => line.startsWith('问题: ') || line.startsWith('Issue: ');
    const emptyLines = report.indicators
      .filter((x) => x.issues.some((i) => i.code === 'scoring.empty-value'))
      .map((x) => {
        const d = x.measure.denominator?.metric;
        const label = d ? platformMetric(d) : undefined;
        return {
          zh: `${x.name.zh}：${label ? `${label.label}为 0，` : ''}本期没有可考核的数据，方案未规定此时的计分，按满分 ${x.weight} 分计`,
          en: `${x.name.en}: ${label ? `${label.labelEn} is 0, so ` : ''}nothing to assess in the period; the scheme has no rule for that, so it scores full marks (${x.weight})`,
        };
      });
    // authorityItems is the pack's list, not a record of the period.
    const noRecords = Object.entries(metrics).every(([m, v]) => m === 'authorityItems' || v === 0);
    const noRecordsLine = noRecords
      ? [
          {
            zh: '本期没有任何记录（无执法人员、案件、案源），按方案规则计分，不参与排名',
            en: 'nothing recorded in the period (no officers, cases or case sources): scored by the rules, not ranked',
          },
        ]
      : [];
    return {
      subject: { code: s.code, name: s.name, path: s.path, type: s.type },
      metrics,
      derived: report.derived,
      indicators: report.indicators.map((x, i) =>
        indicatorResult(x, { zh: zh[at + i] ?? '', en: en[at + i] ?? '' }, metrics, report.derived),
      ),
      earned,
      score,
      ...(report.grade ? { grade: report.grade } : {}),
      vetoed: report.vetoed,
      noRecords,
      rank: null,
      explanation: {
        zh: [
          ...zh.slice(0, at + indicators.length),
          ...excludedLines.map((l) => l.zh),
          ...emptyLines.map((l) => l.zh),
          totalLine.zh,
          ...noRecordsLine.map((l) => l.zh),
          ...zh.slice(at + indicators.length + 1).filter((l) => !isIssue(l)),
        ],
        en: [
          ...en.slice(0, at + indicators.length),
          ...excludedLines.map((l) => l.en),
          ...emptyLines.map((l) => l.en),
          totalLine.en,
          ...noRecordsLine.map((l) => l.en),
          ...en.slice(at + indicators.length + 1).filter((l) => !isIssue(l)),
        ],
      },
    };
  });
  // The subjects with records by score, the best first (ties share a rank: 1, 1, 3); then those without, unranked.
  results.sort(
    (a, b) =>
      Number(a.noRecords) - Number(b.noRecords) || b.score - a.score || a.subject.code.localeCompare(b.subject.code),
  );
  results.forEach((r, i) => {
    if (r.noRecords) return;
    const prev = results[i - 1];
    r.rank = prev && prev.score === r.score ? prev.rank : i + 1;
  });
  return { scheme: head, excluded, measurableWeight, subjects: results };
}
