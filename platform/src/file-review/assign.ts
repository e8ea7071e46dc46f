/**
 * 案卷评查's reviewer assignment: the round's organiser (file-review.run over the organisation that
 * made the round) assigns each sampled file to one reviewer — an active account whose role grants
 * file-review.score over the file's subject (the pack's 案卷评查人员) — or takes a file back while
 * nobody has started it. Refused with the reason on the file's row, and nothing changes, when the
 * reviewer handled the case (回避, 行政处罚法第四十三条) or, where the round's checklist says
 * `recuseOwnSubject`, belongs to the case's own enforcement subject or a unit under it (交叉评查).
 * A reviewer then sees and scores only the files assigned to them (rounds.ts readableFiles).
 * Every assignment is audited in the same transaction as the write.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, rolesOf, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { cases, type FileReviewRoundRow, type FileReviewRow, fileReviews, organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { FieldProblem } from '../validation.ts';
import { organisedRound, reviewScope } from './rounds.ts';

/** One assignment as the organiser sends it: a sampled file and its reviewer (null takes it back). */
export interface Assignment {
  file: string;
  reviewer: string | null;
}

/** Where the packs come from: the version in force for an organisation, and the round's own. */
export interface AssignPacks {
  activeFor(orgPath: string): Promise<{ pack: ResolvedPack }>;
  byHash(hash: string): Promise<ResolvedPack>;
}

/** A candidate reviewer with what their roles allow, as the pack in force for their organisation says. */
interface Candidate {
  actor: Actor;
  name: string;
}

/** Whether an organisation path is the subject's own, or a unit under it. */
export function withinSubject(orgPath: string, subjectPath: string): boolean {
  return orgPath === subjectPath || orgPath.startsWith(`${subjectPath}/`);
}

async function candidates(db: Db, packs: AssignPacks, ids: readonly string[]): Promise<Map<string, Candidate>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ user: users, path: organisations.path })
    .from(users)
    .leftJoin(organisations, eq(organisations.code, users.orgCode))
    .where(inArray(users.id, [...ids]));
  const out = new Map<string, Candidate>();
  for (const { user, path } of rows) {
    if (user.disabled || user.lockedAt) continue;
    const orgPath = path ?? user.orgCode;
    const { pack } = await packs.activeFor(orgPath);
    out.set(user.id, { actor: { user, orgPath, roles: rolesOf(user, pack) }, name: user.displayName });
  }
  return out;
}

/** The files of `ids` each candidate's file-review.score scope reaches. */
async function reachable(db: Db, c: Candidate, ids: readonly string[]): Promise<Set<string>> {
  const scope = scopeFor(c.actor, 'file-review.score');
  if (!scope || !ids.length) return new Set();
  const rows = await db
    .select({ id: fileReviews.id })
    .from(fileReviews)
    .where(and(inArray(fileReviews.id, [...ids]), reviewScope(c.actor, scope)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Assigns (or takes back) sampled files of a round the actor organises, all or none: every bad
 * assignment is a problem on its row (`/assignments/i/file` or `/assignments/i/reviewer`).
 */
export async function assignReviewers(
  db: Db,
  actor: Actor,
  packs: AssignPacks,
  roundId: string,
  assignments: readonly Assignment[],
  at: string,
): Promise<{ round: FileReviewRoundRow; files: FileReviewRow[] }> {
  const round = await organisedRound(db, actor, roundId);
  const fileIds = [...new Set(assignments.map((a) => a.file))];
  const files = new Map(
    (
      await db
        .select()
        .from(fileReviews)
        .where(and(eq(fileReviews.roundId, round.id), inArray(fileReviews.id, fileIds)))
    ).map((f) => [f.id, f]),
  );
  const caseRows = new Map(
    (
      await db
        .select({ id: cases.id, officers: cases.officers, createdBy: cases.createdBy })
        .from(cases)
        .where(
          inArray(
            cases.id,
            [...files.values()].map((f) => f.caseId),
          ),
        )
    ).map((c) => [c.id, c]),
  );
  const reviewerIds = [...new Set(assignments.flatMap((a) => (a.reviewer ? [a.reviewer] : [])))];
  const people = await candidates(db, packs, reviewerIds);
  const reach = new Map<string, Set<string>>();
  for (const [id, c] of people) reach.set(id, await reachable(db, c, fileIds));
  const checklist = (await packs.byHash(round.packHash)).items['review-checklist'].get(round.checklistCode);

  const problems: FieldProblem[] = [];
  const bad = (i: number, field: 'file' | 'reviewer', code: string, zh: string, en: string): void => {
    problems.push({ path: `/assignments/${i}/${field}`, code, message: { zh, en } });
  };
  const seen = new Set<string>();
  assignments.forEach((a, i) => {
    const file = files.get(a.file);
    if (!file) return bad(i, 'file', 'unknown-file', '本轮评查中没有该案卷', 'this round has no such file');
    const label = file.caseNumber;
    if (seen.has(a.file))
      return bad(i, 'file', 'assigned-twice', `案卷“${label}”分配了两次`, `file ${label} is assigned twice`);
    seen.add(a.file);
    if (file.state !== 'pending' && a.reviewer !== file.assigneeId)
      return bad(
        i,
        'file',
        'review-started',
        `案卷“${label}”已开始评查，不能改派`,
        `the review of ${label} has started; it cannot be reassigned`,
      );
    if (a.reviewer === null) return;
    const who = people.get(a.reviewer);
    if (!who || !scopeFor(who.actor, 'file-review.score'))
      return bad(
        i,
        'reviewer',
        'not-a-reviewer',
        '所选人员不是在岗的案卷评查人员',
        'the person chosen is not an active case-file reviewer',
      );
    if (!reach.get(a.reviewer)?.has(a.file))
      return bad(
        i,
        'reviewer',
        'out-of-reviewer-scope',
        `“${who.name}”的评查范围不含案卷“${label}”的执法主体`,
        `${who.name} may not review files of the subject of ${label}`,
      );
    const c = caseRows.get(file.caseId);
    if (c && (c.createdBy === a.reviewer || c.officers.includes(a.reviewer)))
      return bad(
        i,
        'reviewer',
        'recused-own-case',
        `“${who.name}”承办了案件“${label}”，应当回避`,
        `${who.name} handled ${label} and must be recused`,
      );
    if (checklist?.recuseOwnSubject && withinSubject(who.actor.orgPath, file.subjectPath))
      return bad(
        i,
        'reviewer',
        'recused-own-subject',
        `“${who.name}”属于案卷“${label}”的执法主体，按评查标准应交叉评查`,
        `${who.name} belongs to the subject of ${label}; the checklist requires reviewers from other subjects`,
      );
  });
  if (problems.length)
    throw new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);

  return db.transaction(async (tx) => {
    const out: FileReviewRow[] = [];
    for (const a of assignments) {
      const file = files.get(a.file) as FileReviewRow;
      if (file.assigneeId === a.reviewer) {
        out.push(file);
        continue;
      }
      const [row] = await tx
        .update(fileReviews)
        .set({
          assigneeId: a.reviewer,
          assignedBy: a.reviewer ? actor.user.id : null,
          assignedAt: a.reviewer ? at : null,
        })
        // The version is the reviewer's (their form's); the assignment is guarded by what it replaces.
        .where(
          and(
            eq(fileReviews.id, file.id),
            eq(fileReviews.state, 'pending'),
            file.assigneeId ? eq(fileReviews.assigneeId, file.assigneeId) : isNull(fileReviews.assigneeId),
          ),
        )
        .returning();
      // Started or changed by someone else since it was read: nothing of this request is kept.
      if (!row) throw new AppError('conflict', { review: file.id, assignee: file.assigneeId });
      await appendEvent(
        tx,
        {
          actor: actor.user.id,
          action: 'file-review.assign',
          caseId: file.caseId,
          target: file.id,
          before: { assignee: file.assigneeId },
          after: { round: round.id, assignee: a.reviewer },
        },
        at,
      );
      out.push(row);
    }
    return { round, files: out };
  });
}

/**
 * The people the organiser may assign files to: active accounts whose roles (in the organiser's
 * pack) grant file-review.score, by name. Whether each may take a given file is checked on assignment.
 */
export async function reviewersFor(
  db: Db,
  actor: Actor,
  pack: ResolvedPack,
  roundId: string,
): Promise<{ id: string; name: string; org: string; orgName: string }[]> {
  await organisedRound(db, actor, roundId);
  const codes = [...pack.items.role.values()]
    .filter((r) => r.permissions.includes('file-review.score'))
    .map((r) => r.code);
  if (!codes.length) return [];
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const rows = await db
    .select({ id: users.id, name: users.displayName, org: users.orgCode, orgName: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.code, users.orgCode))
    .where(
      and(
        eq(users.disabled, false),
        sql`${users.lockedAt} is null`,
        sql`exists (select 1 from json_each(${users.roles}) where json_each.value in (${list}))`,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(500);
  return rows.map((r) => ({ ...r, orgName: r.orgName ?? r.org }));
}
