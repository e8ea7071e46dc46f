/**
 * What opening a case requires, decided from the pack alone, so the platform refuses with it and a
 * pack's golden cases (kind `opening`) test it:
 * - power follows the authority list (权责清单): the subject is an enforcement subject, and the
 *   matter's authority item names the subject's type among its implementing subjects and shares a
 *   sector with it — an ecology bureau holds no food-safety power although both are district
 *   departments, so the type alone is not enough;
 * - the workflow's `opening.minOfficers` (行政处罚法第四十二条: 执法人员不得少于两人, each with
 *   执法资格): every officer named holds a valid 执法证 on the day, and enough of them do.
 * Each refusal has its reason code, the legal bases it cites and its message in both languages.
 */
import type { AuthorityItem, Workflow } from '@yifa/metamodel';
import type { Message } from './issues.ts';
import type { RulePack } from './pack.ts';

/** Why opening a case is refused: the codes a golden case's `because` names. */
export type OpeningReason = 'enforcement-subject' | 'subject-type' | 'sector' | 'officers' | 'certificates';

/** The subject (执法主体) that opens the case: its organisation code, type and sectors. */
export interface OpeningSubject {
  code?: string;
  type: string;
  sectors: readonly string[];
  enforcementSubject: boolean;
}

/** An officer named on the case, with the 执法证 held for them. */
export interface OpeningOfficer {
  certificateNo: string | null;
  certificateValidUntil: string | null;
}

/** One reason the case may not be opened. */
export interface OpeningRefusal {
  reason: OpeningReason;
  /** Codes of the legal bases the refusal cites (the workflow's `opening.basis` for officers). */
  basis: string[];
  /** For `certificates`: the index of the officer without a valid certificate. */
  officer?: number;
  message: Message;
  /** What was compared, for the API's error details. */
  details: Record<string, unknown>;
}

/** What is opened, by whom and with whom, on which day. */
export interface OpeningInput {
  subject: OpeningSubject;
  /** The authority item the case is opened under (a matter's `authorityItem`); none is not restricted. */
  authorityItem?: string;
  /** The matter, for the refusal's details. */
  matter?: string;
  /** The workflow the case follows; its `opening` names the officers it needs. */
  workflow?: Workflow;
  officers: readonly OpeningOfficer[];
  /** The day of opening (YYYY-MM-DD): certificates must be valid on it. */
  today: string;
}

/**
 * Every reason the case may not be opened, authority list first; empty when it may.
 * @example openingRefusals(pack, { subject, authorityItem: matter.authorityItem, workflow, officers, today })
 */
export function openingRefusals(pack: RulePack, input: OpeningInput): OpeningRefusal[] {
  const power = authorityRefusal(pack, input.subject, input.authorityItem, input.matter);
  return [...(power ? [power] : []), ...officerRefusals(pack, input.workflow, input.officers, input.today)];
}

/** The subject of an organisation of the pack (its type, sectors and whether it is a subject). */
export function subjectOf(pack: RulePack, org: { code: string; type: string; enforcementSubject: boolean }) {
  const sectors = pack.items.organisation?.get(org.code)?.sectors ?? [];
  return { code: org.code, type: org.type, enforcementSubject: org.enforcementSubject, sectors };
}

function sectorNames(pack: RulePack, codes: readonly string[]) {
  const entries = pack.items.codelist?.get('sectors')?.entries ?? [];
  const named = codes.map((c) => entries.find((e) => e.code === c) ?? { code: c, name: c, nameEn: c });
  return {
    zh: named.map((e) => e.name).join('、') || '无',
    en: named.map((e) => e.nameEn ?? e.code).join(', ') || 'none',
  };
}

/**
 * Why `subject` may not open a case under the authority item `itemCode` (权责清单), or undefined
 * when it may. Without an authority item (or one the pack does not have) nothing restricts it
 * but being an enforcement subject.
 */
export function authorityRefusal(
  pack: RulePack,
  subject: OpeningSubject,
  itemCode: string | undefined,
  matter?: string,
): OpeningRefusal | undefined {
  if (!subject.enforcementSubject)
    return {
      reason: 'enforcement-subject',
      basis: [],
      message: { zh: '所在机构不是执法主体，不能立案', en: 'your organisation is not an enforcement subject' },
      details: { org: subject.code },
    };
  const item: AuthorityItem | undefined = itemCode ? pack.items['authority-item']?.get(itemCode) : undefined;
  if (!item) return undefined;
  const itemName = { zh: `“${item.name}”（${item.code}）`, en: `${item.nameEn ?? item.name} (${item.code})` };
  if (item.subjectTypes?.length && !item.subjectTypes.includes(subject.type))
    return {
      reason: 'subject-type',
      basis: [],
      message: {
        zh: `本执法主体不在权责清单事项${itemName.zh}的实施主体范围内`,
        en: `your subject is not among the implementing subjects of the authority item ${itemName.en}`,
      },
      details: { matter, authorityItem: item.code, subjectType: subject.type },
    };
  const own = subject.sectors;
  if (!item.sectors.some((s) => own.includes(s))) {
    const wanted = sectorNames(pack, item.sectors);
    const held = sectorNames(pack, own);
    return {
      reason: 'sector',
      basis: [],
      message: {
        zh: `权责清单事项${itemName.zh}属于${wanted.zh}领域，本执法主体的执法领域为${held.zh}，无权立案`,
        en: `the authority item ${itemName.en} belongs to ${wanted.en}; your subject's sectors are ${held.en}, so it may not open this case`,
      },
      details: { matter, authorityItem: item.code, itemSectors: item.sectors, subjectSectors: [...own] },
    };
  }
  return undefined;
}

/** `依照《…》第四十二条，` from the workflow's `opening.basis`, or nothing when it names none. */
function citation(pack: RulePack, codes: readonly string[]) {
  const bases = codes.flatMap((c) => pack.items['legal-basis']?.get(c) ?? []);
  if (bases.length === 0) return { zh: '', en: '' };
  return {
    zh: `依照${bases.map((b) => `《${b.law}》${b.article ?? ''}`).join('、')}，`,
    en: `Under ${bases.map((b) => `${b.lawEn ?? b.law} ${b.article ?? ''}`.trim()).join(', ')}, `,
  };
}

/** Whether an officer's 执法证 is valid on `today`. */
export const certified = (o: OpeningOfficer, today: string) =>
  !!o.certificateNo && !!o.certificateValidUntil && o.certificateValidUntil >= today;

/**
 * The refusals for the officers a case of `workflow` is opened with on `today`: each named officer
 * without a valid 执法证 (with its index), and too few certified officers. None when the workflow
 * names no `opening.minOfficers`.
 */
export function officerRefusals(
  pack: RulePack,
  workflow: Workflow | undefined,
  officers: readonly OpeningOfficer[],
  today: string,
): OpeningRefusal[] {
  const min = workflow?.opening?.minOfficers;
  if (min === undefined) return [];
  const basis = [...(workflow?.opening?.basis ?? [])];
  const cite = citation(pack, basis);
  const refusals: OpeningRefusal[] = [];
  officers.forEach((o, i) => {
    if (!certified(o, today))
      refusals.push({
        reason: 'certificates',
        basis,
        officer: i,
        message: {
          zh: `${cite.zh}行政处罚应当由具有行政执法资格的执法人员实施：该承办人员没有有效的执法证`,
          en: `${cite.en}penalties are carried out by certified officers: this officer holds no valid enforcement certificate`,
        },
        details: { officer: i, certificateValidUntil: o.certificateValidUntil, today },
      });
  });
  const count = officers.filter((o) => certified(o, today)).length;
  if (count < min)
    refusals.push({
      reason: 'officers',
      basis,
      message: {
        zh: `${cite.zh}执法人员不得少于${min}人：本案只有${count}名持有效执法证的承办人员`,
        en: `${cite.en}at least ${min} officers must handle the case: it names ${count} with a valid enforcement certificate`,
      },
      details: { min, certified: count },
    });
  return refusals;
}
