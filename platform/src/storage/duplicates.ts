/**
 * Possible duplicates of a case about to be opened: the subject's open cases of the same matter
 * against the same party (the same 身份证号 or 统一社会信用代码). Two officers filing the same
 * clue, or one filing twice, consume two case numbers for one matter; the officer is told before
 * filing and files only after confirming (the case routes). The party's id is sealed at rest with
 * a random IV, so the comparison opens each candidate's: only the subject's open cases of that
 * matter are read, a handful.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, eq, isNull } from 'drizzle-orm';
import { openPii } from '../crypto/pii.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { usersById } from './case-view.ts';

/** A case the new one may duplicate, as the officer is shown it. */
export interface PossibleDuplicate {
  id: string;
  number: string;
  state: { code: string; name: string };
  openedAt: string;
  officers: string[];
}

/** The subject's open cases of the matter against the party with this id number, oldest first. */
export async function possibleDuplicates(
  db: Db,
  pack: ResolvedPack,
  o: { subjectOrg: string; matterCode: string; idNumber: string },
): Promise<PossibleDuplicate[]> {
  const rows = await db
    .select()
    .from(cases)
    .where(and(eq(cases.subjectOrg, o.subjectOrg), eq(cases.matterCode, o.matterCode), isNull(cases.closedAt)))
    .orderBy(cases.openedAt);
  const id = o.idNumber.trim().toUpperCase();
  const same = rows.filter((r) => openPii(r.party.idNumber).toUpperCase() === id);
  const names = new Map(
    (await usersById(db, [...new Set(same.flatMap((r) => r.officers))])).map((u) => [u.id, u.name]),
  );
  return same.map((r) => {
    const state = pack.items.workflow.get(r.workflowCode)?.states.find((s) => s.code === r.state);
    return {
      id: r.id,
      number: r.number,
      state: { code: r.state, name: state?.name ?? r.state },
      openedAt: r.openedAt,
      officers: r.officers.map((u) => names.get(u) ?? u),
    };
  });
}

/**
 * Refuses to open a case while a possible duplicate stands that the officer has not confirmed
 * (`possible-duplicate`, 409, with the duplicates to show); answers the numbers of those the
 * officer confirmed, for the audit event. A duplicate opened after the officer looked is refused
 * again: the confirmation names the cases seen, not "any".
 */
export function requireConfirmed(duplicates: readonly PossibleDuplicate[], confirmed: readonly string[]): string[] {
  const unseen = duplicates.filter((d) => !confirmed.includes(d.id));
  if (unseen.length)
    throw new AppError(
      'possible-duplicate',
      { duplicates },
      {
        zh: `本主体已有该当事人同一事项的在办案件（${duplicates.map((d) => d.number).join('、')}），请确认不是重复立案`,
        en: `your subject already has an open case of this matter against this party (${duplicates.map((d) => d.number).join(', ')}); confirm this is not a duplicate`,
      },
    );
  return duplicates.map((d) => d.number);
}
