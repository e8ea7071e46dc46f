/**
 * A score report as sentences: each derived metric with the metrics it adds up or reads, each
 * indicator's measured value, the rule that scored it and why the rules before it did not hold,
 * then the total and the grade.
 */

import { platformMetric } from '@yifa/metamodel';
import type { DerivedValue } from './derived-metrics.ts';
import { explainEvaluation } from './explain.ts';
import { formatNumber, type Lang } from './format.ts';
import type { IndicatorScore, MetricValue, ScoreReport } from './scoring.ts';

/** Labels of the scheme's derived metrics, by name. */
type DerivedLabels = ReadonlyMap<string, { label: string; labelEn: string }>;

const pct = (v: number) => `${formatNumber(Math.round(v * 10000) / 100)}%`;

function metricName(metric: string, lang: Lang, derived?: DerivedLabels): string {
  const info = platformMetric(metric) ?? derived?.get(metric);
  return info ? (lang === 'zh' ? info.label : info.labelEn) : metric;
}

function metricText(m: MetricValue, lang: Lang, derived?: DerivedLabels): string {
  return `${metricName(m.metric, lang, derived)} ${m.value === null ? '?' : formatNumber(m.value)}`;
}

/** A derived metric, e.g. `复议诉讼纠错数 = 复议纠错数 1 + 诉讼败诉数 0 = 1`. */
export function derivedText(d: DerivedValue, lang: Lang, derived?: DerivedLabels): string {
  const zh = lang === 'zh';
  const name = zh ? d.label : d.labelEn;
  const value = d.value === null ? (zh ? '空' : 'empty') : formatNumber(d.value);
  const term = (t: DerivedValue['terms'][number]) =>
    `${t.weight === undefined || t.weight === 1 ? '' : `${formatNumber(t.weight)} × `}${metricText(t, lang, derived)}`;
  if (d.kind === 'sum') return `${name} = ${d.terms.map(term).join(' + ')} = ${value}`;
  const read = d.terms.map((t) => metricText(t, lang, derived)).join(zh ? '、' : ', ');
  return zh ? `${name} = 按公式由 ${read} 计算 = ${value}` : `${name} = formula of ${read} = ${value}`;
}

/**
 * How a ratio reads: a rate as a percentage when both metrics count the same thing (人 / 人,
 * 件 / 件: 参与率 92.01%), else an amount per unit (件 / 人: 人均执法量 1.5 件/人), as the metrics'
 * units say. A metric without a known unit is read as the same kind as the other.
 */
function ratioText(value: number, numerator: string, denominator: string): string {
  const over = platformMetric(numerator)?.unit;
  const under = platformMetric(denominator)?.unit;
  if (!over || !under || over === under) return pct(value);
  return `${formatNumber(Math.round(value * 100) / 100)} ${over}/${under}`;
}

/**
 * The measured value of an indicator, e.g. `人员参与率 = 参与执法人数 265 / 持证执法人员数 288 = 92.01%`
 * or `人均执法量 = 执法信息量 2 / 持证执法人员数 2 = 1 件/人`.
 */
export function measureText(x: IndicatorScore, lang: Lang, derived?: DerivedLabels): string {
  const name = x.name[lang];
  const { numerator, denominator, metric } = x.measure;
  const shown =
    x.value === null
      ? lang === 'zh'
        ? '空'
        : 'empty'
      : numerator && denominator
        ? ratioText(x.value, numerator.metric, denominator.metric)
        : numerator
          ? pct(x.value)
          : formatNumber(x.value);
  if (numerator && denominator)
    return `${name} = ${metricText(numerator, lang, derived)} / ${metricText(denominator, lang, derived)} = ${shown}`;
  return `${name} = ${metric ? metricText(metric, lang, derived) : shown}`;
}

/** The explanation of a score report, one sentence a line. */
export function explainScore(r: ScoreReport, lang: Lang = 'zh'): string[] {
  const zh = lang === 'zh';
  const labels: DerivedLabels = new Map(r.derived.map((d) => [d.metric, d]));
  const lines = r.derived.map((d) => `${zh ? '派生指标' : 'Derived metric'} ${derivedText(d, lang, labels)}`);
  for (const x of r.indicators) {
    const tried = x.evaluations.map((e) => explainEvaluation(e, lang)).join(zh ? '；' : '; ');
    const by =
      x.rule === null ? (zh ? '无适用规则' : 'no rule applies') : zh ? `第 ${x.rule + 1} 条规则` : `rule ${x.rule + 1}`;
    const note = x.note ? (zh ? `（${x.note}）` : ` (${x.note})`) : '';
    const pts = zh
      ? `${formatNumber(x.points)} 分（满分 ${formatNumber(x.weight)}）`
      : `${formatNumber(x.points)} of ${formatNumber(x.weight)} points`;
    lines.push(
      `${measureText(x, lang, labels)}${zh ? '；' : '; '}${tried ? `${tried}${zh ? '；' : '; '}` : ''}${by}${note} → ${pts}`,
    );
  }
  const grade = r.grade ? (zh ? `，等次“${r.grade}”` : `, grade "${r.grade}"`) : '';
  lines.push(zh ? `总分 ${formatNumber(r.total)}${grade}` : `Total ${formatNumber(r.total)}${grade}`);
  if (r.vetoed.length) lines.push(zh ? `一票否决：${r.vetoed.join('、')}` : `vetoed by: ${r.vetoed.join(', ')}`);
  for (const i of r.issues) lines.push(`${zh ? '问题' : 'Issue'}: ${i.message[lang]}`);
  return lines;
}
