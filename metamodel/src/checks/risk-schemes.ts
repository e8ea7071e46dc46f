/**
 * Risk schemes (风险分类方案, 双随机、一公开): class codes are unique, every class but the last
 * has a condition and the last has none (it takes the entities no other class took), and no
 * sector is classified by two schemes — a plan of a sector must find exactly one.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every risk scheme. */
export const checkRiskSchemes: Check = (ctx) => {
  const out: Finding[] = [];
  const sectorOwner = new Map<string, string>();
  for (const [code, s] of validItems(ctx, 'risk-scheme')) {
    const seen = new Set<string>();
    s.classes.forEach((k, i) => {
      if (seen.has(k.code))
        out.push(
          finding('risk-scheme', code, pointerOf('classes', i, 'code'), 'risk.class-duplicate', { class: k.code }),
        );
      seen.add(k.code);
      const last = i === s.classes.length - 1;
      if (last === (k.when !== undefined))
        out.push(finding('risk-scheme', code, pointerOf('classes', i, 'when'), 'risk.fallback', {}));
    });
    s.sectors?.forEach((sector, i) => {
      const other = sectorOwner.get(sector);
      if (other)
        out.push(finding('risk-scheme', code, pointerOf('sectors', i), 'risk.sector-twice', { sector, other }));
      else sectorOwner.set(sector, code);
    });
  }
  return out;
};
