/**
 * Discretion benchmarks: ranges run from low to high, every tier lies inside the legal
 * range, and a tier without a condition (the default) comes last. Ranges given as
 * expressions are compared when both sides are the same multiple form of one fact.
 */
import type { DiscretionVersion, Expression } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every benchmark version. */
export const checkDiscretion: Check = (ctx) =>
  validItems(ctx, 'discretion').flatMap(([code, d]) => d.versions.flatMap((v, i) => checkVersion(code, v, i)));

function checkVersion(code: string, v: DiscretionVersion, index: number): Finding[] {
  const out: Finding[] = [];
  const at = (...path: (string | number)[]) => pointerOf('versions', index, ...path);
  const legal = comparable(v.legalRange.min, v.legalRange.max);
  if (legal && legal.min > legal.max)
    out.push(finding('discretion', code, at('legalRange'), 'discretion.range-order', legal));
  v.tiers.forEach((t, i) => {
    if (t.when === undefined && i !== v.tiers.length - 1) {
      out.push(finding('discretion', code, at('tiers', i), 'discretion.default-not-last', { tier: t.code }));
    }
    const tier = comparable(t.fine.min, t.fine.max);
    if (!tier) return;
    if (tier.min > tier.max)
      out.push(finding('discretion', code, at('tiers', i, 'fine'), 'discretion.range-order', tier));
    const lo = comparable(t.fine.min, v.legalRange.min);
    const hi = comparable(t.fine.max, v.legalRange.max);
    if (lo && hi && tier.basis === legal?.basis && (lo.min < lo.max || hi.min > hi.max)) {
      out.push(
        finding('discretion', code, at('tiers', i, 'fine'), 'discretion.tier-out-of-range', {
          tier: t.name,
          min: show(t.fine.min),
          max: show(t.fine.max),
          legalMin: show(v.legalRange.min),
          legalMax: show(v.legalRange.max),
        }),
      );
    }
  });
  return out;
}

/** Two amounts as numbers on one basis: plain yuan, or multiples of the same fact. */
function comparable(a: Expression, b: Expression): { min: number; max: number; basis: string } | undefined {
  const x = multiple(a);
  const y = multiple(b);
  return x && y && x.basis === y.basis ? { min: x.factor, max: y.factor, basis: x.basis } : undefined;
}

function multiple(e: Expression): { factor: number; basis: string } | undefined {
  if (typeof e === 'number') return { factor: e, basis: '元' };
  if (typeof e === 'object' && e !== null && 'mul' in e && Array.isArray(e.mul) && e.mul.length === 2) {
    const [k, f] = e.mul;
    if (typeof k === 'number' && typeof f === 'object' && f !== null && 'fact' in f)
      return { factor: k, basis: f.fact };
  }
  return undefined;
}

function show(e: Expression): string {
  const m = multiple(e);
  if (!m) return JSON.stringify(e);
  return m.basis === '元' ? `${m.factor.toLocaleString('en-US')} 元` : `${m.factor} × ${m.basis}`;
}
