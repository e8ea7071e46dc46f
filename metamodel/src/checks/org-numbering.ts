/**
 * An organisation's own numbering patterns: each key names a numbered document form of the
 * pack (or `*`), and each pattern uses only the numbering tokens and has a sequence — the
 * same rules as a form's own pattern, so a number issued under either is well formed.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';
import { NUMBERING_TOKENS, placeholders } from './documents.ts';

/** What is wrong with a numbering pattern, as [issue, params] pairs (empty when it is fine). */
export function numberingPatternProblems(
  pattern: string,
): ['document.unknown-token' | 'document.numbering-needs-seq', Record<string, unknown>][] {
  const tokens = placeholders(pattern);
  const out: ['document.unknown-token' | 'document.numbering-needs-seq', Record<string, unknown>][] = [];
  for (const token of tokens) {
    const [name, width] = token.split(':');
    const known =
      (NUMBERING_TOKENS as readonly string[]).includes(name ?? '') &&
      (width === undefined || (name === 'seq' && /^[1-9]$/.test(width)));
    if (!known) out.push(['document.unknown-token', { token: `{${token}}` }]);
  }
  if (!tokens.some((t) => t.split(':')[0] === 'seq')) out.push(['document.numbering-needs-seq', {}]);
  return out;
}

/** Checks the `numbering` of every organisation. */
export const checkOrgNumbering: Check = (ctx) => {
  const out: Finding[] = [];
  const numbered = new Set(validItems(ctx, 'document').flatMap(([code, d]) => (d.numbering ? [code] : [])));
  for (const [code, org] of validItems(ctx, 'organisation')) {
    for (const [form, pattern] of Object.entries(org.numbering ?? {}) as [string, string][]) {
      const at = pointerOf('numbering', form);
      if (form !== '*' && !numbered.has(form))
        out.push(finding('organisation', code, at, 'org.numbering-unknown-form', { form }));
      for (const [issue, params] of numberingPatternProblems(pattern))
        out.push(finding('organisation', code, at, issue, params));
    }
  }
  return out;
};
