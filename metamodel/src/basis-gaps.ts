/**
 * What is not yet known or not yet verified of a legal basis. A local regulation may be
 * entered before its article, text or dates are found; rather than have an implementer invent
 * them, the parts stay absent and every screen, document and guard that cites the basis can
 * say 待核实. One function, so the validator's warning, the officer's matter card, the printed
 * citation and the guard fact `citesUnverifiedBasis` all agree on what is missing.
 */
import type { LegalBasis } from './generated/types.ts';

/** A part of a legal basis that can be missing or unverified. */
export type BasisPart = 'law' | 'level' | 'issuer' | 'article' | 'title' | 'text' | 'effectiveFrom' | 'effectiveTo';

/** The missing and the unverified parts of a basis; both empty when it is complete and verified. */
export interface BasisGaps {
  /** Parts the basis does not give: `article`, `text` (no version has one), `effectiveFrom`. */
  missing: BasisPart[];
  /** Parts given but marked unverified (`verification`), or `law` when the whole item is unverified. */
  unverified: BasisPart[];
}

/**
 * The gaps of a basis.
 *
 * @example
 * basisGaps({ code: 'X', law: '某市条例', level: '地方性法规' }) // { missing: ['article', 'text', 'effectiveFrom'], unverified: [] }
 */
export function basisGaps(b: Pick<LegalBasis, 'article' | 'versions' | 'verification' | 'source'>): BasisGaps {
  const missing: BasisPart[] = [];
  const versions = b.versions ?? [];
  if (b.article === undefined) missing.push('article');
  if (!versions.some((v) => v.text !== undefined)) missing.push('text');
  if (versions.length === 0 || versions.some((v) => v.effectiveFrom === undefined)) missing.push('effectiveFrom');
  const unverified = Object.entries(b.verification ?? {})
    .filter(([part, s]) => s?.status === 'unverified' && !missing.includes(part as BasisPart))
    .map(([part]) => part as BasisPart);
  if (b.source?.status === 'unverified' && unverified.length === 0 && missing.length === 0) unverified.push('law');
  return { missing, unverified };
}

/** Whether a basis is 待核实: something of it is missing or unverified. */
export function basisUnverified(b: Pick<LegalBasis, 'article' | 'versions' | 'verification' | 'source'>): boolean {
  const g = basisGaps(b);
  return g.missing.length > 0 || g.unverified.length > 0;
}
