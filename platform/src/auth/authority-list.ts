/**
 * Power follows the authority list (权责清单): a subject may open a case of a matter only when
 * the matter's authority item is one it implements — the item's subject types include the
 * subject's type and the item's sectors meet the subject's sectors (as the pack declares both).
 * An ecology bureau holds no food-safety power even though both are district departments, so
 * the type alone is not enough. POST /cases refuses on this, and the 立案 matter search marks
 * the matters refused with the same reason, so the screen and the server cannot disagree.
 */
import type { Matter, ResolvedPack } from '@yifa/metamodel';

/** A subject as the check needs it: its code (to read its sectors from the pack) and its type. */
export interface PowerSubject {
  code: string;
  type: string;
  enforcementSubject: boolean;
}

/** Why a subject may not open a case of a matter, in both languages, with what was compared. */
export interface PowerRefusal {
  message: { zh: string; en: string };
  details: Record<string, unknown>;
}

function sectorNames(pack: ResolvedPack, codes: readonly string[]) {
  const entries = pack.items.codelist.get('sectors')?.entries ?? [];
  const named = codes.map((c) => entries.find((e) => e.code === c) ?? { code: c, name: c, nameEn: c });
  return {
    zh: named.map((e) => e.name).join('、') || '无',
    en: named.map((e) => e.nameEn ?? e.code).join(', ') || 'none',
  };
}

/**
 * Why `subject` may not open a case of `matter` under the authority list, or undefined when it
 * may. A matter without an authority item is not restricted by it.
 */
export function powerRefusal(pack: ResolvedPack, subject: PowerSubject, matter: Matter): PowerRefusal | undefined {
  if (!subject.enforcementSubject)
    return {
      message: { zh: '所在机构不是执法主体，不能立案', en: 'your organisation is not an enforcement subject' },
      details: { org: subject.code },
    };
  const item = matter.authorityItem ? pack.items['authority-item'].get(matter.authorityItem) : undefined;
  if (!item) return undefined;
  const itemName = { zh: `“${item.name}”（${item.code}）`, en: `${item.nameEn ?? item.name} (${item.code})` };
  if (item.subjectTypes?.length && !item.subjectTypes.includes(subject.type))
    return {
      message: {
        zh: `本执法主体不在权责清单事项${itemName.zh}的实施主体范围内`,
        en: `your subject is not among the implementing subjects of the authority item ${itemName.en}`,
      },
      details: { matter: matter.code, authorityItem: item.code, subjectType: subject.type },
    };
  const own = pack.items.organisation.get(subject.code)?.sectors ?? [];
  if (!item.sectors.some((s) => own.includes(s))) {
    const wanted = sectorNames(pack, item.sectors);
    const held = sectorNames(pack, own);
    return {
      message: {
        zh: `权责清单事项${itemName.zh}属于${wanted.zh}领域，本执法主体的执法领域为${held.zh}，无权立案`,
        en: `the authority item ${itemName.en} belongs to ${wanted.en}; your subject's sectors are ${held.en}, so it may not open this case`,
      },
      details: { matter: matter.code, authorityItem: item.code, itemSectors: item.sectors, subjectSectors: own },
    };
  }
  return undefined;
}
