/**
 * Legal bases known only in part: a basis whose article, text or dates are absent, or whose
 * fields are marked unverified, is valid — an implementer must not invent what is unknown —
 * but each is listed with a warning, so what remains to be found is never forgotten.
 */
import { basisGaps } from '../basis-gaps.ts';
import { type Finding, finding } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Warns once per basis that is missing or has unverified parts. */
export const checkBasisCompleteness: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, b] of validItems(ctx, 'legal-basis')) {
    const { missing, unverified } = basisGaps(b);
    // An item marked unverified as a whole is the studio's business already; warn for parts only.
    const parts = unverified.filter((p) => p !== 'law' || b.verification?.law !== undefined);
    if (missing.length === 0 && parts.length === 0) continue;
    out.push({
      ...finding('legal-basis', code, '', 'legal-basis.incomplete', {
        missing: missing.join(', ') || '—',
        unverified: parts.join(', ') || '—',
      }),
      severity: 'warning',
    });
  }
  return out;
};
