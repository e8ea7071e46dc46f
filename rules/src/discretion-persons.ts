/**
 * 双罚: a provision that fines the unit may also fine its responsible persons — 直接负责的主管人员
 * 和其他直接责任人员 (安全生产法第九十七条), the 主要负责人 (第九十五条, a share of last year's
 * income), the 法定代表人 … (食品安全法实施条例第七十五条). Each kind of person has its own legal
 * range in the version and its own range in each tier that fines it; the decision computes both
 * and flags a tier range that leaves the person's legal range (which expressions can, for a case).
 */
import type { DiscretionVersion } from '@yifa/metamodel';
import type { AmountRange } from './discretion-decision.ts';
import type { CompiledExpression } from './expression.ts';
import type { FactContext } from './facts.ts';
import type { Issue } from './issues.ts';

/** The fine of one kind of responsible person in the decided tier. */
export interface PersonFine {
  code: string;
  name: string;
  fine: AmountRange;
  legalRange: AmountRange;
  /** The tier's range for the person leaves the person's legal range. */
  outsideLegalRange: boolean;
}

/** A pair of compiled amounts, min and max. */
export type CompiledRange = [CompiledExpression, CompiledExpression];

/** A version's persons, compiled: each legal range by person code. */
export type CompiledPersons = ReadonlyMap<string, { name: string; legal: CompiledRange }>;

type Tier = DiscretionVersion['tiers'][number];

/** Compiles the version's persons with `range` (which reports compile issues). */
export function compilePersons(
  v: DiscretionVersion,
  range: (r: { min: unknown; max: unknown }, part: string, path: string) => CompiledRange,
  base: string,
): CompiledPersons {
  return new Map(
    (v.persons ?? []).map((p, i) => [
      p.code,
      { name: p.name, legal: range(p.legalRange, `persons/${p.code}`, `${base}/persons/${i}/legalRange`) },
    ]),
  );
}

/** Compiles a tier's person ranges. */
export function compileTierPersons(
  t: Tier,
  range: (r: { min: unknown; max: unknown }, part: string, path: string) => CompiledRange,
  path: string,
): { person: string; fine: CompiledRange }[] {
  return (t.persons ?? []).map((p, j) => ({
    person: p.person,
    fine: range(p.fine, `tiers/${t.code}/persons/${p.person}`, `${path}/persons/${j}/fine`),
  }));
}

/** The persons' fines of a decided tier. */
export function decidePersons(
  persons: CompiledPersons,
  tier: readonly { person: string; fine: CompiledRange }[],
  ctx: FactContext,
  issues: Issue[],
): PersonFine[] {
  const evaluate = ([lo, hi]: CompiledRange): AmountRange => {
    const [a, z] = [lo.evaluateNumber(ctx, 'amount'), hi.evaluateNumber(ctx, 'amount')];
    issues.push(...a.issues, ...z.issues);
    return { min: a.value, max: z.value };
  };
  return tier.map(({ person, fine }) => {
    const declared = persons.get(person);
    const range = evaluate(fine);
    const legal = declared ? evaluate(declared.legal) : { min: null, max: null };
    const below = range.min !== null && legal.min !== null && range.min < legal.min;
    const above = range.max !== null && legal.max !== null && range.max > legal.max;
    return {
      code: person,
      name: declared?.name ?? person,
      fine: range,
      legalRange: legal,
      outsideLegalRange: below || above,
    };
  });
}
