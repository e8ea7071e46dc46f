/**
 * A score report as sentences: each indicator's measured value, the rule that scored it and
 * why the rules before it did not hold, then the total and the grade.
 */

import { platformMetric } from '@yifa/metamodel';
import { explainEvaluation } from './explain.ts';
import { formatNumber, type Lang } from './format.ts';
import type { IndicatorScore, MetricValue, ScoreReport } from './scoring.ts';

const pct = (v: number) => `${formatNumber(Math.round(v * 10000) / 100)}%`;

function metricText(m: MetricValue, lang: Lang): string {
  const info = platformMetric(m.metric);
  const name = info ? (lang === 'zh' ? info.label : info.labelEn) : m.metric;
  return `${name} ${m.value === null ? '?' : formatNumber(m.value)}`;
}

/** The measured value of an indicator, e.g. `人员参与率 = 参与执法人数 265 / 持证执法人员数 288 = 92.01%`. */
export function measureText(x: IndicatorScore, lang: Lang): string {
  const name = x.name[lang];
  const { numerator, denominator, metric } = x.measure;
  const shown = x.value === null ? (lang === 'zh' ? '空' : 'empty') : numerator ? pct(x.value) : formatNumber(x.value);
  if (numerator && denominator)
    return `${name} = ${metricText(numerator, lang)} / ${metricText(denominator, lang)} = ${shown}`;
  return `${name} = ${metric ? metricText(metric, lang) : shown}`;
}

/** The explanation of a score report, one sentence a line. */
export function explainScore(r: ScoreReport, lang: Lang = 'zh'): string[] {
  const zh = lang === 'zh';
  const lines: string[] = [];
  for (const x of r.indicators) {
    const tried = x.evaluations.map((e) => explainEvaluation(e, lang)).join(zh ? '；' : '; ');
    const by =
      x.rule === null ? (zh ? '无适用规则' : 'no rule applies') : zh ? `第 ${x.rule + 1} 条规则` : `rule ${x.rule + 1}`;
    const note = x.note ? (zh ? `（${x.note}）` : ` (${x.note})`) : '';
    const pts = zh
      ? `${formatNumber(x.points)} 分（满分 ${formatNumber(x.weight)}）`
      : `${formatNumber(x.points)} of ${formatNumber(x.weight)} points`;
    lines.push(
      `${measureText(x, lang)}${zh ? '；' : '; '}${tried ? `${tried}${zh ? '；' : '; '}` : ''}${by}${note} → ${pts}`,
    );
  }
  const grade = r.grade ? (zh ? `，等次“${r.grade}”` : `, grade "${r.grade}"`) : '';
  lines.push(zh ? `总分 ${formatNumber(r.total)}${grade}` : `Total ${formatNumber(r.total)}${grade}`);
  if (r.vetoed.length) lines.push(zh ? `一票否决：${r.vetoed.join('、')}` : `vetoed by: ${r.vetoed.join(', ')}`);
  for (const i of r.issues) lines.push(`${zh ? '问题' : 'Issue'}: ${i.message[lang]}`);
  return lines;
}
