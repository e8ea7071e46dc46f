/**
 * How many cases of each kind a generated district has, from the seed's figures for Binhai by the
 * end of 2018 (/work/shared/seed, the vendor's case study): 行政检查 238,381 records, 行政处罚
 * 14,750 (16.2 inspections to a penalty), 行政复议 137, 行政应诉 186, 行政应议 66, 行政征收 143.
 * A kind is generated only where the pack has a matter for it: a kind with no matter (Binhai has
 * no 征收 matter) is reported as left out, not moved to another kind. Penalties split 简易 /
 * 普通 as the 2025 annual report does (1,486 / 3,419) where the pack offers both workflows.
 */
import type { Matter, ResolvedPack } from '@yifa/metamodel';
import { authorityItemsOf } from '../../assessment/measure.ts';

/** A kind of case and its share, with where the share comes from. */
export interface CaseKind {
  /** The power type (职权类别 code of the authority list) or the legal-affairs workflow. */
  code: string;
  name: string;
  /** Records in the seed. */
  seed: number;
  /** Which matters are of this kind. */
  matches: (m: Matter, powerType: string | undefined) => boolean;
}

/** The seed's kinds with their records (see the module comment). */
export const SEED_KINDS: readonly CaseKind[] = [
  { code: 'JC', name: '行政检查', seed: 238_381, matches: (_m, p) => p === 'JC' },
  { code: 'CF', name: '行政处罚', seed: 14_750, matches: (_m, p) => p === 'CF' },
  { code: 'ZS', name: '行政征收', seed: 143, matches: (_m, p) => p === 'ZS' },
  {
    code: 'reconsideration',
    name: '行政复议',
    seed: 137,
    matches: (m) => m.category === 'legal-affairs' && m.workflow === 'reconsideration',
  },
  {
    code: 'litigation',
    name: '行政应诉',
    seed: 186,
    matches: (m) => m.category === 'legal-affairs' && m.workflow === 'litigation',
  },
  {
    code: 'reconsideration-response',
    name: '行政应议',
    seed: 66,
    matches: (m) => m.category === 'legal-affairs' && m.workflow === 'reconsideration-response',
  },
];

/** Share of penalties decided by 简易程序 where a matter offers it (2025 annual report: 1,486 of 4,905). */
export const SUMMARY_SHARE = 1486 / 4905;

/** A subject that can have cases of a kind, and its matters of that kind. */
export interface KindSubject {
  code: string;
  matters: Matter[];
}

/** A kind as generated: its weight among the kinds the pack has, and the subjects that implement it. */
export interface PlannedKind {
  kind: CaseKind;
  weight: number;
  subjects: KindSubject[];
}

/** What the pack allows: the kinds with matters (weights normalised) and the kinds left out. */
export interface KindPlan {
  kinds: PlannedKind[];
  missing: CaseKind[];
}

/**
 * The kinds the pack can generate for these subjects: enforcement matters where the subject's
 * authority list covers them (as the assessment counts 履职), legal-affairs matters by the
 * subjects whose role is legal affairs (`legalSubjects`).
 */
export function planKinds(
  pack: ResolvedPack,
  subjects: readonly { code: string; type: string }[],
  legalSubjects: readonly string[],
): KindPlan {
  const matters = [...pack.items.matter.values()];
  const powerOf = (m: Matter) =>
    m.authorityItem ? pack.items['authority-item'].get(m.authorityItem)?.powerType : undefined;
  const kinds: PlannedKind[] = [];
  const missing: CaseKind[] = [];
  for (const kind of SEED_KINDS) {
    const ofKind = matters.filter((m) => kind.matches(m, powerOf(m)));
    const list: KindSubject[] = [];
    for (const s of subjects) {
      let own: Matter[];
      if (ofKind.some((m) => m.category === 'legal-affairs')) own = legalSubjects.includes(s.code) ? ofKind : [];
      else {
        const items = authorityItemsOf(pack, s);
        own = ofKind.filter((m) => m.authorityItem && items.has(m.authorityItem));
      }
      if (own.length) list.push({ code: s.code, matters: own });
    }
    if (list.length) kinds.push({ kind, weight: kind.seed, subjects: list });
    else missing.push(kind);
  }
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  for (const k of kinds) k.weight /= total;
  return { kinds, missing };
}
