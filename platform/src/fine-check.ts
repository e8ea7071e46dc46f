/**
 * A proposed fine against the discretion benchmark (裁量基准) the case's facts select: the tier,
 * whether the fine lies outside it, or a no-penalty rule that applies. The fine-outside-tier
 * route records it on the case; the alert scan derives it for cases that have not recorded it.
 */
import { caseContext } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import { type AmountRange, decideDiscretion, type FactContext } from '@yifa/rules';
import type { LoadedCase } from './storage/snapshot.ts';
import { legalDateOf } from './time.ts';

/** The case facts this check records (fineOutsideTier and discretionTier are platform facts rules read). */
export const FINE_FACTS = {
  outside: 'fineOutsideTier',
  fine: 'fineOutsideTierFine',
  reason: 'fineOutsideTierReason',
  tier: 'discretionTier',
} as const;

/** A fine checked against the tier the case's facts select. */
export interface FineCheck {
  fine: number;
  outside: boolean;
  /** fine is null for a tier of 警告 alone, where any fine lies outside. */
  tier: { code: string; name: string; nameEn: string | null; fine: AmountRange | null } | null;
  /** A no-penalty rule that applies (首违不罚 …): any fine leaves it. */
  noPenalty: string | null;
}

/** The field of a form that states the case's proposed fine (its source is the fact), with its value. */
export function documentFine(form: DocumentForm, data: Readonly<Record<string, unknown>>) {
  const field = form.fields.find((f) => f.source === 'fact:proposedFine' && typeof data[f.name] === 'number');
  return field ? { field: field.name, fine: data[field.name] as number } : undefined;
}

/** Decides the matter's benchmark on the case's facts for this fine; undefined without a benchmark or a decision. */
export function checkFine(
  l: LoadedCase,
  today: string,
  fine: number,
  context: FactContext = caseContext(l.snapshot, today, l.env).context,
): FineCheck | undefined {
  const { matter } = l.snapshot;
  const benchmark = matter.discretion ? l.pack.items.discretion.get(matter.discretion) : undefined;
  if (!benchmark) return undefined;
  const violationDate = l.row.violationDate ?? legalDateOf(l.row.openedAt);
  const facts = { ...context.facts, proposedFine: fine };
  const result = decideDiscretion(benchmark, { ...context, facts, violationDate, proposedFine: fine }, l.env);
  if (!result.ok) return undefined;
  const d = result.value;
  return {
    fine,
    outside: d.proposedFineOutsideTier === true,
    tier: d.tier ? { code: d.tier.code, name: d.tier.name, nameEn: d.tier.nameEn ?? null, fine: d.tier.fine } : null,
    noPenalty: d.outcome === 'no-penalty' ? (d.noPenalty?.name ?? null) : null,
  };
}
