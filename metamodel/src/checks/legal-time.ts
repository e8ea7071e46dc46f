/**
 * Legal time: the text versions of a legal basis, and the versions of a discretion
 * benchmark, must not be in force at the same time, so that one date picks one version.
 */
import { type Finding, finding, type IssueKey, pointerOf } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { checkBasisCompleteness } from './basis-completeness.ts';
import { type Check, validItems } from './context.ts';

interface Dated {
  effectiveFrom: string;
  effectiveTo?: string;
}

/** Checks legal-basis and discretion versions. */
export const checkLegalTime: Check = (ctx) => [
  ...checkBasisCompleteness(ctx),
  ...validItems(ctx, 'legal-basis').flatMap(([code, b]) =>
    // A version whose start is not yet known (待核实) is taken as in force from any date, as citations take it.
    overlaps(
      'legal-basis',
      code,
      (b.versions ?? []).map((v) => ({ ...v, effectiveFrom: v.effectiveFrom ?? '0000-01-01' })),
      'legal-basis.versions-overlap',
      'legal-basis.versions-order',
    ),
  ),
  ...validItems(ctx, 'discretion').flatMap(([code, d]) =>
    overlaps('discretion', code, d.versions, 'discretion.versions-overlap', 'discretion.versions-order'),
  ),
];

function overlaps(
  kind: ItemKind,
  code: string,
  versions: readonly Dated[],
  issue: IssueKey,
  order: IssueKey,
): Finding[] {
  const out: Finding[] = [];
  versions.forEach((v, i) => {
    if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) {
      out.push(finding(kind, code, pointerOf('versions', i, 'effectiveTo'), order, {}));
    }
  });
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      const a = versions[i] as Dated;
      const b = versions[j] as Dated;
      if (a.effectiveFrom <= (b.effectiveTo ?? '9999-12-31') && b.effectiveFrom <= (a.effectiveTo ?? '9999-12-31')) {
        out.push(finding(kind, code, pointerOf('versions', j), issue, { a: i + 1, b: j + 1 }));
      }
    }
  }
  return out;
}
