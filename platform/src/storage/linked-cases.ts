/**
 * Cases that refer to other cases: a 复议, 应诉 or enforcement case links, when it is opened or
 * later with a reason, to the decision case it concerns (cases.linked_case_id). The link is made
 * only to a case the actor may read; it is shown both ways, and the rules read the linked case as
 * `linked.*` (snapshot.ts).
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Actor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases } from '../db/schema.ts';
import { maskPersonalText } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import { covering, scopedCase } from './case-view.ts';
import { requireOpenCase } from './open-case.ts';

/** The most cases a case shows as linking to it; a decision is challenged a handful of times at most. */
export const MAX_LINKED_FROM = 50;

/**
 * The case a new case links to, given by its number or its id: the same 404 as any case when it
 * does not exist or lies outside what the actor may read, so a link reveals nothing of other scopes.
 */
export async function linkTarget(db: Db, actor: Actor, ref: string): Promise<CaseRow> {
  const [byNumberOrId] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(or(eq(cases.id, ref), eq(cases.number, ref)))
    .limit(1);
  if (!byNumberOrId) throw new AppError('not-found', { linkedCase: ref });
  try {
    return (await scopedCase(db, actor, byNumberOrId.id, ['case.read'])).row;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found') throw new AppError('not-found', { linkedCase: ref });
    throw e;
  }
}

/** A linked case as a case's detail shows it. */
export interface LinkView {
  /** The id, given only when the actor may read that case. */
  id: string | null;
  number: string;
  matter: { code: string; name: string; nameEn: string | null };
  state: { code: string; name: string; nameEn: string | null };
  closed: boolean;
}

type Packs = { byHash(hash: string): Promise<ResolvedPack> };
type LinkRow = Pick<CaseRow, 'id' | 'number' | 'matterCode' | 'workflowCode' | 'state' | 'closedAt' | 'packHash'>;

const linkColumns = {
  id: cases.id,
  number: cases.number,
  matterCode: cases.matterCode,
  workflowCode: cases.workflowCode,
  state: cases.state,
  closedAt: cases.closedAt,
  packHash: cases.packHash,
};

/**
 * Both ends of a case's links: the case it concerns, and the cases that concern it (oldest
 * first). Each shows its number, matter and state, named by the pack it is pinned to — the
 * party and facts stay behind the other case's own scope, and so does its id.
 */
export async function linksOf(
  db: Db,
  packs: Packs,
  actor: Actor,
  row: Pick<CaseRow, 'id' | 'linkedCaseId'>,
): Promise<{ linkedCase: LinkView | null; linkedFrom: LinkView[] }> {
  const [to] = row.linkedCaseId
    ? await db.select(linkColumns).from(cases).where(eq(cases.id, row.linkedCaseId)).limit(1)
    : [];
  const from = await db
    .select(linkColumns)
    .from(cases)
    .where(eq(cases.linkedCaseId, row.id))
    .orderBy(asc(cases.openedAt), asc(cases.number))
    .limit(MAX_LINKED_FROM);
  const view = async (l: LinkRow): Promise<LinkView> => {
    const pack = await packs.byHash(l.packHash);
    const state = pack.items.workflow.get(l.workflowCode)?.states.find((s) => s.code === l.state);
    const readable = (await covering(db, actor, l.id, ['case.read'])).covering.length > 0;
    return {
      id: readable ? l.id : null,
      number: l.number,
      matter: (() => {
        const m = pack.items.matter.get(l.matterCode);
        return { code: l.matterCode, name: m?.name ?? l.matterCode, nameEn: m?.nameEn ?? null };
      })(),
      state: { code: l.state, name: state?.name ?? l.state, nameEn: state?.nameEn ?? null },
      closed: l.closedAt !== null,
    };
  };
  const linkedFrom: LinkView[] = [];
  for (const l of from) linkedFrom.push(await view(l));
  return { linkedCase: to ? await view(to) : null, linkedFrom };
}

/** A change of a case's link, already checked: to another case, or none. */
export interface LinkChange {
  caseId: string;
  version: number;
  from: { id: string; number: string } | null;
  to: { id: string; number: string } | null;
  reason: string;
  actorId: string;
  at: string;
}

/**
 * Links a case to another (or unlinks it) if it is still open and at `version`, with its audit
 * event ('case.link' or 'case.unlink', the reason masked of personal data); a stale version is 409.
 */
export async function writeLink(db: Db, w: LinkChange): Promise<number> {
  return db.transaction(async (tx) => {
    await requireOpenCase(tx, w.caseId);
    const [row] = await tx
      .update(cases)
      .set({ linkedCaseId: w.to?.id ?? null, version: sql`${cases.version} + 1`, updatedAt: w.at })
      .where(and(eq(cases.id, w.caseId), eq(cases.version, w.version)))
      .returning({ version: cases.version });
    if (!row) throw new AppError('conflict', { case: w.caseId });
    await appendEvent(
      tx,
      {
        actor: w.actorId,
        action: w.to ? 'case.link' : 'case.unlink',
        caseId: w.caseId,
        target: w.to?.id ?? w.from?.id ?? null,
        before: { linkedCase: w.from?.number ?? null },
        after: { linkedCase: w.to?.number ?? null, reason: maskPersonalText(w.reason) },
      },
      w.at,
    );
    return row.version;
  });
}
