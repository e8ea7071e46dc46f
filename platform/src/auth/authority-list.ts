/**
 * Power follows the authority list (权责清单): a subject may open a case of a matter only when
 * the matter's authority item is one it implements — the item's subject types include the
 * subject's type and the item's sectors meet the subject's sectors (as the pack declares both).
 * The decision is the rules' (`authorityRefusal`, which a pack's golden `opening` cases test);
 * this reads the subject's sectors from the pack. POST /cases refuses on it, and the 立案 matter
 * search marks the matters refused with the same reason, so the screen and the server cannot
 * disagree.
 */
import type { Matter, ResolvedPack } from '@yifa/metamodel';
import { authorityRefusal, subjectOf } from '@yifa/rules';

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

/**
 * Why `subject` may not open a case of `matter` under the authority list, or undefined when it
 * may. A matter without an authority item is not restricted by it.
 */
export function powerRefusal(pack: ResolvedPack, subject: PowerSubject, matter: Matter): PowerRefusal | undefined {
  const refused = authorityRefusal(pack, subjectOf(pack, subject), matter.authorityItem, matter.code);
  return refused && { message: refused.message, details: refused.details };
}
