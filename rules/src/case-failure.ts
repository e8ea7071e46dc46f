/**
 * The failures of a golden case as data: what differs, what was expected, what happened, and
 * for the failures a plain `expected … got …` cannot explain — the wrong refusal reason, an
 * undetermined fact — a message that says what to do about it.
 */
import type { ExpectedRefusal } from '@yifa/metamodel';
import type { TransitionCheck } from './guards.ts';
import type { Message } from './issues.ts';
import { expectedReasonText, groundsOf, hasReason, reasonText } from './refusal-reasons.ts';
import type { UndeterminedFact } from './undetermined.ts';

/** One difference between what a case expects and what the pack does. */
export interface CaseFailure {
  what: string;
  expected: unknown;
  actual: unknown;
  /** The message to show instead of `what: expected …, got …`, when that would not say enough. */
  message?: Message;
}

/** A message for one failure, e.g. `tier：期望 heavier，实际 general`. */
export function failureMessage(f: CaseFailure): Message {
  if (f.message) return f.message;
  const j = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return {
    zh: `${f.what}：期望 ${j(f.expected)}，实际 ${j(f.actual)}`,
    en: `${f.what}: expected ${j(f.expected)}, got ${j(f.actual)}`,
  };
}

/** The failure of a refused action refused for another reason than the expected one; none when it matches. */
export function reasonFailures(expected: ExpectedRefusal, t: TransitionCheck): CaseFailure[] {
  const grounds = groundsOf(t);
  if (hasReason(expected, grounds)) return [];
  const want = expectedReasonText(expected);
  const got = grounds.map(reasonText).join('; ');
  return [
    {
      what: expected.action,
      expected: `refused because ${want}`,
      actual: `refused because ${got}`,
      message: {
        zh: `${expected.action}：期望因 ${want} 被拒绝，实际因 ${got} 被拒绝`,
        en: `${expected.action}: expected to be refused because ${want}, refused because ${got}`,
      },
    },
  ];
}

/**
 * A failure for each fact that left a compared decision undetermined and the case does not
 * list in `expectUndetermined`, and for each fact it lists that decided nothing.
 */
export function undeterminedFailures(
  found: readonly UndeterminedFact[],
  expected: readonly string[] = [],
): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const seen = new Set<string>();
  for (const { fact, issue } of found) {
    if (seen.has(fact) || expected.includes(fact)) continue;
    seen.add(fact);
    failures.push({
      what: 'undetermined',
      expected: [...expected],
      actual: fact,
      message: {
        zh: `无法判定：${issue.message.zh}——请在 facts 中给出（检查拼写），确需测试未知事实的，列入 expectUndetermined`,
        en: `undetermined: ${issue.message.en} — give it in facts (check the spelling), or list it in expectUndetermined if the case tests an unknown fact`,
      },
    });
  }
  const undetermined = new Set(found.map((f) => f.fact));
  for (const fact of expected) {
    if (undetermined.has(fact)) continue;
    failures.push({
      what: 'expectUndetermined',
      expected: fact,
      actual: 'determined',
      message: {
        zh: `expectUndetermined 列出的事实 ${fact} 并未使判定无法作出`,
        en: `${fact} is listed in expectUndetermined but left no decision undetermined`,
      },
    });
  }
  return failures;
}
