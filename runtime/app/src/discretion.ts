/**
 * The discretion decision of a case in the browser: the matter's benchmark from the case's
 * pinned pack, decided by @yifa/rules on the case's facts (with the officer's unsaved edits)
 * and the date of the violation, which chooses the benchmark version in force (第三十七条).
 */
import { type DiscretionDecision, decideDiscretion, explainDiscretion } from '@yifa/rules';
import type { CaseRules } from './case-rules.ts';

/** Decides the case's discretion; null when the matter has no benchmark. */
export function decide(
  rules: CaseRules,
  facts: Record<string, unknown>,
  violationDate: string,
): { ok: true; decision: DiscretionDecision } | { ok: false; messages: string[] } | null {
  if (!rules.discretion) return null;
  const merged = { ...rules.context.facts, ...facts };
  const fine = merged.proposedFine;
  const result = decideDiscretion(
    rules.discretion,
    { ...rules.context, facts: merged, violationDate, ...(typeof fine === 'number' ? { proposedFine: fine } : {}) },
    rules.env,
  );
  return result.ok
    ? { ok: true, decision: result.value }
    : { ok: false, messages: result.issues.map((i) => i.message.zh) };
}

/** The explanation as records, in a language. */
export function explanationLines(d: DiscretionDecision, lang: 'zh' | 'en'): string[] {
  return explainDiscretion(d, lang);
}

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

/** Field values of a document that come from the discretion panel (`source: discretion.*`). */
export function discretionValues(
  fields: readonly { name: string; source?: string }[],
  d: DiscretionDecision,
  reason?: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (f.source === 'discretion.tier' && d.tier) out[f.name] = d.tier.name;
    else if (f.source === 'discretion.tier' && d.noPenalty) out[f.name] = d.noPenalty.name;
    else if (f.source === 'discretion.explanation') out[f.name] = explanationText(d, reason);
  }
  return out;
}
