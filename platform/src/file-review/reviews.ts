/**
 * 案卷评分 and results: the reviewer a file is assigned to scores it against the checklist of the pack
 * version the round was drawn under (`pack` is that version: an upgrade mid-round changes nothing
 * of how the round's files are scored) — drafts as often as needed — and finishes it, which
 * locks it — and corrects a finished one only with a reason, as an audited change with
 * the marks before and after. A reviewer never scores a case they handled (回避). Results per
 * subject are counted in SQL over the sampled files in the reader's scope. Notes and reasons are
 * stored with any personal data typed into them masked (个人信息保护法): a reviewer's note names the
 * defect, never the party's 身份证号 or phone, so no unmasked copy is kept.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { periodBounds } from '../assessment/measure.ts';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, requirePermission } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { cases, type FileReviewRow, fileReviewRounds, fileReviews, organisations } from '../db/schema.ts';
import { maskPersonalText, maskPersonalTexts } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import { assignedTo, readableFiles } from './rounds.ts';
import { type MarkInput, scoreFile } from './score.ts';

/**
 * A sampled file the actor may read (`file-review.read`: in their read scope, or assigned to them),
 * or score (`file-review.score`: assigned to them by the round's organiser, within their score
 * scope); not-found otherwise.
 */
export async function scopedReview(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'file-review.read' | 'file-review.score',
): Promise<FileReviewRow> {
  const where =
    permission === 'file-review.read' ? readableFiles(actor) : assignedTo(actor, requirePermission(actor, permission));
  const [row] = await db
    .select()
    .from(fileReviews)
    .where(and(eq(fileReviews.id, id), where));
  if (!row) throw new AppError('not-found', { review: id });
  return row;
}

/** The sampled files of a round the actor may read, in the order drawn. */
export async function reviewsOfRound(db: Db, actor: Actor, roundId: string): Promise<FileReviewRow[]> {
  return db
    .select()
    .from(fileReviews)
    .where(and(eq(fileReviews.roundId, roundId), readableFiles(actor)))
    .orderBy(asc(fileReviews.ordinal));
}

async function refuseOwnCase(db: Db, actor: Actor, review: FileReviewRow): Promise<void> {
  const [c] = await db
    .select({ officers: cases.officers, createdBy: cases.createdBy })
    .from(cases)
    .where(eq(cases.id, review.caseId));
  if (c && (c.createdBy === actor.user.id || c.officers.includes(actor.user.id)))
    throw new AppError(
      'forbidden',
      { review: review.id, reason: 'own-case' },
      { zh: '评查人员不得评查本人承办的案件（回避）', en: 'a reviewer may not review a case they handled (recusal)' },
    );
}

function checklistOf(pack: ResolvedPack, review: FileReviewRow) {
  const c = pack.items['review-checklist'].get(review.checklistCode);
  if (!c)
    throw new AppError(
      'conflict',
      { checklist: review.checklistCode },
      {
        zh: `本轮抽取时的配置包中没有评查标准“${review.checklistCode}”`,
        en: `the pack the round was drawn under has no review checklist "${review.checklistCode}"`,
      },
    );
  return c;
}

function score(pack: ResolvedPack, review: FileReviewRow, marks: readonly MarkInput[]) {
  const scored = scoreFile(checklistOf(pack, review), marks);
  if (!scored.ok)
    throw new AppError(
      'validation',
      { problems: scored.problems },
      scored.problems.length === 1 ? scored.problems[0]?.message : undefined,
    );
  return { ...scored.value, marks: maskPersonalTexts(scored.value.marks) };
}

async function update(
  db: Pick<Db, 'update'>,
  review: FileReviewRow,
  version: number,
  set: Partial<FileReviewRow>,
  where?: SQL,
) {
  const [row] = await db
    .update(fileReviews)
    .set({ ...set, version: sql`${fileReviews.version} + 1` })
    .where(and(eq(fileReviews.id, review.id), eq(fileReviews.version, version), where))
    .returning();
  if (!row) throw new AppError('conflict', { review: review.id, version: review.version });
  return row;
}

/** Saves a reviewer's marks (a draft), or finishes the review, which locks it; audited. */
export async function scoreReview(
  db: Db,
  actor: Actor,
  pack: ResolvedPack,
  review: FileReviewRow,
  input: { version: number; marks: MarkInput[]; finish: boolean },
  at: string,
): Promise<FileReviewRow> {
  requirePermission(actor, 'file-review.score');
  if (review.version !== input.version) throw new AppError('conflict', { review: review.id, version: review.version });
  if (review.state === 'finished')
    throw new AppError(
      'conflict',
      { review: review.id, state: review.state },
      {
        zh: '评查已完成并锁定；如需更正，请填写更正理由',
        en: 'the review is finished and locked; correct it with a reason',
      },
    );
  await refuseOwnCase(db, actor, review);
  const s = score(pack, review, input.marks);
  return db.transaction(async (tx) => {
    const row = await update(
      tx,
      review,
      input.version,
      {
        state: input.finish ? 'finished' : 'draft',
        marks: s.marks,
        total: s.total,
        qualified: s.qualified,
        reviewerId: actor.user.id,
        finishedAt: input.finish ? at : null,
      },
      // Still unfinished and still assigned to this reviewer (not taken back meanwhile).
      and(sql`${fileReviews.state} <> 'finished'`, eq(fileReviews.assigneeId, actor.user.id)),
    );
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: input.finish ? 'file-review.finish' : 'file-review.score',
        caseId: review.caseId,
        target: review.id,
        after: { marks: s.marks, total: s.total, qualified: s.qualified, vetoed: s.vetoed },
      },
      at,
    );
    return row;
  });
}

/** Corrects a finished review with a reason: the marks before and after are audited; it stays finished. */
export async function correctReview(
  db: Db,
  actor: Actor,
  pack: ResolvedPack,
  review: FileReviewRow,
  input: { version: number; marks: MarkInput[]; reason: string },
  at: string,
): Promise<FileReviewRow> {
  requirePermission(actor, 'file-review.score');
  if (review.version !== input.version) throw new AppError('conflict', { review: review.id, version: review.version });
  if (review.state !== 'finished')
    throw new AppError(
      'conflict',
      { review: review.id, state: review.state },
      { zh: '评查尚未完成，直接修改评分即可', en: 'the review is not finished: change the marks directly' },
    );
  await refuseOwnCase(db, actor, review);
  const s = score(pack, review, input.marks);
  return db.transaction(async (tx) => {
    const row = await update(tx, review, input.version, {
      marks: s.marks,
      total: s.total,
      qualified: s.qualified,
      corrections: review.corrections + 1,
    });
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'file-review.correct',
        caseId: review.caseId,
        target: review.id,
        before: { marks: review.marks, total: review.total, qualified: review.qualified },
        after: { marks: s.marks, total: s.total, qualified: s.qualified, reason: maskPersonalText(input.reason) },
      },
      at,
    );
    return row;
  });
}

/** Per subject of a round, over the files the reader may read: files sampled, finished, qualified, and the finished files' average. */
export async function roundResults(db: Db, actor: Actor, roundId: string) {
  const rows = await db
    .select({
      subject: fileReviews.subjectOrg,
      sampled: sql<number>`count(*)`,
      finished: sql<number>`sum(CASE WHEN ${fileReviews.state} = 'finished' THEN 1 ELSE 0 END)`,
      qualified: sql<number>`sum(CASE WHEN ${fileReviews.state} = 'finished' AND ${fileReviews.qualified} = 1 THEN 1 ELSE 0 END)`,
      average: sql<number | null>`avg(CASE WHEN ${fileReviews.state} = 'finished' THEN ${fileReviews.total} END)`,
    })
    .from(fileReviews)
    .where(and(eq(fileReviews.roundId, roundId), readableFiles(actor)))
    .groupBy(fileReviews.subjectOrg)
    .orderBy(asc(fileReviews.subjectOrg));
  return rows.map((r) => ({
    subject: r.subject,
    sampled: Number(r.sampled),
    finished: Number(r.finished ?? 0),
    qualified: Number(r.qualified ?? 0),
    average: r.average === null ? null : Math.round(Number(r.average) * 100) / 100,
  }));
}

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The first screen's 抽查案卷 figure: files sampled by rounds drawn in the months given (all when
 * absent), of the subjects under `org` when given, over the files the reader may read — how many
 * were drawn, reviewed (finished) and passed. Counted in SQL.
 */
export async function sampledSummary(
  db: Db,
  actor: Actor,
  q: { from?: string; to?: string; org?: string },
): Promise<{ sampled: number; finished: number; qualified: number }> {
  const readable = readableFiles(actor);
  let under: SQL | undefined;
  if (q.org) {
    const [o] = await db.select({ path: organisations.path }).from(organisations).where(eq(organisations.code, q.org));
    if (!o)
      throw new AppError('validation', {
        problems: [
          {
            path: '/org',
            code: 'unknown-value',
            message: { zh: `没有编码为 ${q.org} 的组织`, en: `no organisation has the code ${q.org}` },
          },
        ],
      });
    under = or(
      eq(fileReviews.subjectPath, o.path),
      sql`substr(${fileReviews.subjectPath}, 1, ${o.path.length + 1}) = ${`${o.path}/`}`,
    );
  }
  const bounds =
    q.from || q.to ? periodBounds({ from: `${q.from ?? '1970-01'}-01`, to: lastDayOf(q.to ?? '9999-12') }) : undefined;
  const [row] = await db
    .select({
      sampled: sql<number>`count(*)`,
      finished: sql<number>`sum(CASE WHEN ${fileReviews.state} = 'finished' THEN 1 ELSE 0 END)`,
      qualified: sql<number>`sum(CASE WHEN ${fileReviews.state} = 'finished' AND ${fileReviews.qualified} = 1 THEN 1 ELSE 0 END)`,
    })
    .from(fileReviews)
    .innerJoin(fileReviewRounds, eq(fileReviewRounds.id, fileReviews.roundId))
    .where(
      and(
        readable,
        under,
        bounds ? sql`${fileReviewRounds.createdAt} >= ${bounds.start}` : undefined,
        bounds ? sql`${fileReviewRounds.createdAt} < ${bounds.end}` : undefined,
      ),
    );
  return {
    sampled: Number(row?.sampled ?? 0),
    finished: Number(row?.finished ?? 0),
    qualified: Number(row?.qualified ?? 0),
  };
}
