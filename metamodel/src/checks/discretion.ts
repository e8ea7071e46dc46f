/**
 * Discretion benchmarks: ranges run from low to high, every tier lies inside the legal
 * range, a tier without a condition (the default) comes last, a tier without a fine says
 * which penalties it has instead (警告 alone), and the responsible persons a tier fines (双罚)
 * are the version's, each inside that person's own legal range. Ranges given as expressions
 * are compared when both sides are the same multiple form of one fact (`amounts.ts`).
 */
import type { DiscretionVersion, FineRange } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { comparable, showAmount } from './amounts.ts';
import { type Check, validItems } from './context.ts';
import { coverageFindings } from './discretion-coverage.ts';

/** Checks every benchmark version. */
export const checkDiscretion: Check = (ctx) =>
  validItems(ctx, 'discretion').flatMap(([code, d]) =>
    d.versions.flatMap((v, i) => [...checkVersion(code, v, i), ...coverageFindings(code, v, i)]),
  );

function checkVersion(code: string, v: DiscretionVersion, index: number): Finding[] {
  const out: Finding[] = [];
  const at = (...path: (string | number)[]) => pointerOf('versions', index, ...path);
  /** A range in order, and inside its legal range; `name` names it in the message. */
  const range = (r: FineRange, legal: FineRange | undefined, name: string, ...path: (string | number)[]) => {
    const own = comparable(r.min, r.max);
    if (own && own.min > own.max) out.push(finding('discretion', code, at(...path), 'discretion.range-order', own));
    if (!own || !legal) return;
    const basis = comparable(legal.min, legal.max)?.basis;
    const lo = comparable(r.min, legal.min);
    const hi = comparable(r.max, legal.max);
    if (lo && hi && own.basis === basis && (lo.min < lo.max || hi.min > hi.max)) {
      out.push(
        finding('discretion', code, at(...path), 'discretion.tier-out-of-range', {
          tier: name,
          min: showAmount(r.min),
          max: showAmount(r.max),
          legalMin: showAmount(legal.min),
          legalMax: showAmount(legal.max),
        }),
      );
    }
  };
  range(v.legalRange, undefined, '', 'legalRange');
  const persons = new Map((v.persons ?? []).map((p) => [p.code, p]));
  v.persons?.forEach((p, i) => {
    range(p.legalRange, undefined, p.name, 'persons', i, 'legalRange');
  });
  v.tiers.forEach((t, i) => {
    if (t.when === undefined && i !== v.tiers.length - 1) {
      out.push(finding('discretion', code, at('tiers', i), 'discretion.default-not-last', { tier: t.code }));
    }
    // Without `penalties` a tier is a fine tier (the format before 警告-only tiers), so it needs a range.
    const listsFine = t.penalties === undefined || t.penalties.includes('fine');
    if (!t.fine && listsFine)
      out.push(finding('discretion', code, at('tiers', i), 'discretion.fine-missing', { tier: t.name }));
    if (t.fine && !listsFine) {
      out.push(
        finding('discretion', code, at('tiers', i, 'penalties'), 'discretion.fine-not-in-penalties', { tier: t.name }),
      );
    }
    if (t.fine) range(t.fine, v.legalRange, t.name, 'tiers', i, 'fine');
    t.persons?.forEach((pf, j) => {
      const p = persons.get(pf.person);
      if (!p) {
        out.push(
          finding('discretion', code, at('tiers', i, 'persons', j, 'person'), 'discretion.unknown-person', {
            person: pf.person,
          }),
        );
      }
      range(pf.fine, p?.legalRange, `${t.name}（${p?.name ?? pf.person}）`, 'tiers', i, 'persons', j, 'fine');
    });
  });
  return out;
}
