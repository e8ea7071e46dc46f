/**
 * The discretion decision as documents state it: the 裁量基准适用情况 sentence and the tier's
 * name, for fields pre-filled from `discretion.*`. One definition for the server (which fills a
 * new document from the case) and the officer's app (which refreshes drafts from its panel), so
 * a document never arrives with these fields empty when the benchmark decides.
 */
import { type DiscretionDecision, explainDiscretion } from '@yifa/rules';

/**
 * The 裁量基准适用情况 a document states: the benchmark and version, the circumstances that
 * apply, the conclusion (with the responsible persons' fines, 双罚), continuing daily fines as
 * days × amount, the proposed fine, and the officer's reason when the fine leaves the tier.
 */
export function explanationText(d: DiscretionDecision, reason?: string): string {
  const lines = explainDiscretion(d, 'zh');
  const kept = lines.filter(
    (l, i) =>
      i === 0 || /^(结论|拟罚款|其后施行|按日连续处罚（)/.test(l) || (/^情节/.test(l) && !/不适用|无法判定/.test(l)),
  );
  const text = kept.join('；');
  return reason ? `${text}；超出阶次幅度的理由：${reason}` : text;
}

/** The value of a `discretion.*` source (tier, fineRange, explanation) from a decision, if it gives one. */
export function discretionSourceValue(key: string, d: DiscretionDecision, reason?: string): string | undefined {
  if (key === 'tier') return d.tier?.name ?? d.noPenalty?.name;
  if (key === 'explanation') return explanationText(d, reason);
  return undefined;
}

/** Field values of a document that come from the discretion decision (`source: discretion.*`). */
export function discretionValues(
  fields: readonly { name: string; source?: string }[],
  d: DiscretionDecision,
  reason?: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const key = f.source?.startsWith('discretion.') ? f.source.slice('discretion.'.length) : undefined;
    const value = key ? discretionSourceValue(key, d, reason) : undefined;
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}
