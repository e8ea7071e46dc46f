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

// One definition with the server, which fills new documents from the same decision.
export { discretionValues, explanationText } from '@yifa/engine';
