/**
 * Fine amounts compared without a case: plain yuan, or multiples `{ mul: [k, { fact: f }] }`
 * of one fact. Other expressions (an `if` over facts, sums) depend on the case and are left
 * to golden cases; the checks of benchmarks compare only what this module can read.
 */
import type { Expression } from '../generated/types.ts';

/** An amount as a factor of a basis: `元` for plain yuan, else the fact it multiplies. */
export interface Multiple {
  factor: number;
  basis: string;
}

/** The amount as a multiple, if it has that form. */
export function multiple(e: Expression): Multiple | undefined {
  if (typeof e === 'number') return { factor: e, basis: '元' };
  if (typeof e === 'object' && e !== null && 'mul' in e && Array.isArray(e.mul) && e.mul.length === 2) {
    const [k, f] = e.mul;
    if (typeof k === 'number' && typeof f === 'object' && f !== null && 'fact' in f)
      return { factor: k, basis: f.fact };
  }
  return undefined;
}

/** Two amounts as numbers on one basis: plain yuan, or multiples of the same fact. */
export function comparable(a: Expression, b: Expression): { min: number; max: number; basis: string } | undefined {
  const x = multiple(a);
  const y = multiple(b);
  return x && y && x.basis === y.basis ? { min: x.factor, max: y.factor, basis: x.basis } : undefined;
}

/** An amount as text, e.g. `10,000 元` or `10 × goodsValue`. */
export function showAmount(e: Expression): string {
  const m = multiple(e);
  if (!m) return JSON.stringify(e);
  return showFactor(m.factor, m.basis);
}

/** A factor on a basis as text. */
export function showFactor(factor: number, basis: string): string {
  return basis === '元' ? `${factor.toLocaleString('en-US')} 元` : `${factor} × ${basis}`;
}
