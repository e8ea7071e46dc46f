/**
 * Why an alert fired, in words: the deciding tests of its condition and of the level chosen
 * (levels tried and passed over are left out). Written into the stored alert when it is raised
 * or its level or message changes, so the board reads it without evaluating anything.
 */
import { conditionLabel, decisiveLeaves, type FiredAlert, type Lang, mark, renderLeaf } from '@yifa/rules';

/** Alert levels, most severe first. */
export const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;

/** An alert level. */
export type Level = (typeof LEVELS)[number];

/** Why the alert fired, in one language. A test of codes or a yes/no reads better as its label alone. */
export function whyOf(alert: FiredAlert, lang: Lang): string {
  const lines = alert.evaluations
    .filter((e, i) => i === 0 || e.held !== false)
    .flatMap((e) => decisiveLeaves(e.trace))
    .map((leaf) => {
      // The test's own label in the language (labelEn in English, the Chinese label without one).
      const label = conditionLabel(leaf, lang);
      return label && typeof leaf.expected !== 'number' ? `${label} ${mark(leaf.held, lang)}` : renderLeaf(leaf, lang);
    });
  return [...new Set(lines)].join(lang === 'zh' ? '；' : '; ');
}

/** Why the alert fired, in Chinese and English. */
export function whyBoth(alert: FiredAlert): { zh: string; en: string } {
  return { zh: whyOf(alert, 'zh'), en: whyOf(alert, 'en') };
}
