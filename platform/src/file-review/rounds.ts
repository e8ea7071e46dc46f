/**
 * 案卷评查 rounds: a supervisor names a period, the subjects, a checklist and a sampling rule; the
 * round is drawn at once from the closed cases in the supervisor's scope, with a fresh seed (or one
 * given, to draw a recorded round again) stored with the algorithm's name, and the seed, rule and
 * candidates recorded in the audit chain — `verifyRound` draws again from that record and compares.
 * The round, its sampled files and the audit event are written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ResolvedPack, ReviewChecklist } from '@yifa/metamodel';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { periodBounds } from '../assessment/measure.ts';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, requirePermission, type Scope, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import {
  auditEvents,
  cases,
  type FileReviewRoundRow,
  type FileReviewRule,
  fileReviewRounds,
  fileReviews,
  organisations,
} from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newSeed } from '../random/seeded-sample.ts';
import { caseScope, scopeValues, subjectCondition } from '../storage/scope.ts';
import type { FieldProblem } from '../validation.ts';
import { type Candidate, drawSample, SAMPLE_ALGORITHM } from './sample.ts';
import { checklistFor } from './score.ts';

/** What a new round names. */
export interface NewRound {
  name: string;
  periodFrom: string;
  periodTo: string;
  checklist: string;
  /** Enforcement subjects sampled; every one in the supervisor's scope when absent. */
  subjects?: string[];
  rule: FileReviewRule;
  /** A seed to draw with (to repeat a recorded draw); a fresh one when absent. */
  seed?: number;
}

/** What the audit chain records of a draw: enough to draw it again. */
export interface RecordedDraw {
  seed: number;
  algorithm: string;
  rule: FileReviewRule;
  checklist: string;
  candidates: Candidate[];
  drawn: string[];
}

const validation = (problems: FieldProblem[]) =>
  new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);

/** The condition a scope puts on sampled files (by the case's subject); `own` reads as the own subject. */
export function reviewScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  const s = scope === 'own' ? 'subject' : scope;
  return subjectCondition(s, scopeValues(actor), { code: fileReviews.subjectOrg, path: fileReviews.subjectPath });
}

/**
 * The sampled files an actor may read: those in their file-review.read scope, and — for a reviewer
 * (file-review.score) — the files the round's organiser assigned to them, within that scope. A
 * reviewer without file-review.read sees no other file. Forbidden with neither permission.
 */
export function readableFiles(actor: Actor): SQL {
  const read = scopeFor(actor, 'file-review.read');
  const score = scopeFor(actor, 'file-review.score');
  if (!read && !score) throw new AppError('forbidden', { permission: 'file-review.read' });
  return or(
    read ? (reviewScope(actor, read) ?? sql`1`) : undefined,
    score ? assignedTo(actor, score) : undefined,
  ) as SQL;
}

/** The files assigned to the actor, within their file-review.score scope. */
export function assignedTo(actor: Actor, scope: Scope): SQL {
  return and(eq(fileReviews.assigneeId, actor.user.id), reviewScope(actor, scope)) as SQL;
}

/** Rounds made by the organisations of a scope (the organiser's side of a round). */
function madeWithin(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  const s = scope === 'own' ? 'subject' : scope;
  return subjectCondition(s, scopeValues(actor), { code: fileReviewRounds.orgCode, path: fileReviewRounds.orgPath });
}

/** Rounds in scope: made by the actor's organisation tree (file-review.read), or holding a file the actor may read. */
function roundScope(actor: Actor): SQL | undefined {
  const read = scopeFor(actor, 'file-review.read');
  const files = readableFiles(actor);
  if (read === 'all') return undefined;
  return or(
    read ? madeWithin(actor, read) : undefined,
    sql`exists (select 1 from ${fileReviews} where ${fileReviews.roundId} = ${fileReviewRounds.id} and ${files})`,
  );
}

/** A round the actor organises (made within their file-review.run scope), or not-found. */
export async function organisedRound(db: Db, actor: Actor, id: string): Promise<FileReviewRoundRow> {
  const scope = requirePermission(actor, 'file-review.run');
  const [row] = await db
    .select()
    .from(fileReviewRounds)
    .where(and(eq(fileReviewRounds.id, id), madeWithin(actor, scope)));
  if (!row) throw new AppError('not-found', { round: id });
  return row;
}

/** The enforcement subjects in a scope (on the organisations table). */
function subjectsInScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  const s = scope === 'own' ? 'subject' : scope;
  return subjectCondition(s, scopeValues(actor), { code: organisations.code, path: organisations.path });
}

/** The closed cases of the period in the subjects and the actor's scope that the checklist reviews. */
async function candidatesFor(
  db: Db,
  pack: ResolvedPack,
  checklist: ReviewChecklist,
  subjects: readonly string[],
  period: { from: string; to: string },
  scope: SQL | undefined,
): Promise<Candidate[]> {
  const { start, end } = periodBounds(period);
  const matters = checklist.appliesTo.matters ?? [];
  const workflows = checklist.appliesTo.workflows ?? [];
  const applies = or(
    matters.length ? inArray(cases.matterCode, matters) : undefined,
    workflows.length ? inArray(cases.workflowCode, workflows) : undefined,
  );
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      subject: cases.subjectOrg,
      workflow: cases.workflowCode,
      matter: cases.matterCode,
    })
    .from(cases)
    .where(
      and(
        eq(cases.category, 'enforcement'),
        sql`${cases.closedAt} >= ${start}`,
        sql`${cases.closedAt} < ${end}`,
        inArray(cases.subjectOrg, [...subjects]),
        applies ?? sql`0`,
        scope,
      ),
    );
  const all = pack.items['review-checklist'].values();
  const list = [...all];
  // A matter's own checklist wins over its workflow's: a case goes to exactly one checklist.
  return rows
    .filter((r) => checklistFor(list, r.matter, r.workflow)?.code === checklist.code)
    .map(({ id, number, subject, workflow }) => ({ id, number, subject, workflow }));
}

/** Checks, draws and stores a round with its sampled files, audited. */
export async function createRound(
  db: Db,
  actor: Actor,
  pack: { pack: ResolvedPack; hash: string },
  n: NewRound,
  at: string,
): Promise<FileReviewRoundRow> {
  const scope = requirePermission(actor, 'file-review.run');
  const problems: FieldProblem[] = [];
  const checklist = pack.pack.items['review-checklist'].get(n.checklist);
  if (!checklist)
    problems.push({
      path: '/checklist',
      code: 'unknown-checklist',
      message: { zh: `没有评查标准“${n.checklist}”`, en: `there is no review checklist "${n.checklist}"` },
    });
  if (n.periodTo < n.periodFrom)
    problems.push({
      path: '/periodTo',
      code: 'period-order',
      message: { zh: '结束日期不能早于开始日期', en: 'the period cannot end before it starts' },
    });
  if (n.rule.kind === 'share' && n.rule.value > 100)
    problems.push({
      path: '/rule/value',
      code: 'share-over-100',
      message: { zh: '抽取比例不能超过 100%', en: 'the share cannot be over 100 %' },
    });
  const rows = await db
    .select({ code: organisations.code })
    .from(organisations)
    .where(
      and(
        eq(organisations.enforcementSubject, true),
        n.subjects ? inArray(organisations.code, n.subjects) : undefined,
        subjectsInScope(actor, scope),
      ),
    )
    .orderBy(asc(organisations.code));
  const found = new Set(rows.map((r) => r.code));
  n.subjects?.forEach((code, i) => {
    if (!found.has(code))
      problems.push({
        path: `/subjects/${i}`,
        code: 'subject-out-of-scope',
        message: {
          zh: `“${code}”不是您监督范围内的执法主体`,
          en: `${code} is not an enforcement subject within your scope`,
        },
      });
  });
  if (!found.size && !n.subjects?.length)
    problems.push({
      path: '/subjects',
      code: 'no-subject',
      message: { zh: '您的监督范围内没有执法主体', en: 'there is no enforcement subject within your scope' },
    });
  if (problems.length || !checklist) throw validation(problems);
  const subjects = [...found];
  const candidates = await candidatesFor(
    db,
    pack.pack,
    checklist,
    subjects,
    { from: n.periodFrom, to: n.periodTo },
    caseScope(actor, scope),
  );
  const seed = n.seed ?? newSeed();
  const { drawn, strata } = drawSample(seed, candidates, n.rule);
  if (!drawn.length)
    throw validation([
      {
        path: '/periodFrom',
        code: 'nothing-to-draw',
        message: {
          zh: `期间内所选主体没有适用“${checklist.name}”的已结案件，未抽取`,
          en: `the subjects have no closed case of the period that "${checklist.nameEn ?? checklist.name}" reviews; nothing was drawn`,
        },
      },
    ]);
  const paths = new Map(
    (
      await db
        .select({ code: organisations.code, path: organisations.path })
        .from(organisations)
        .where(inArray(organisations.code, subjects))
    ).map((o) => [o.code, o.path]),
  );
  const [org] = await db.select().from(organisations).where(eq(organisations.code, actor.user.orgCode));
  const round = {
    id: randomUUID(),
    name: n.name,
    periodFrom: n.periodFrom,
    periodTo: n.periodTo,
    checklistCode: checklist.code,
    packHash: pack.hash,
    orgCode: actor.user.orgCode,
    orgPath: org?.path ?? actor.orgPath,
    subjects,
    rule: n.rule,
    seed: String(seed),
    algorithm: SAMPLE_ALGORITHM,
    strata,
    createdBy: actor.user.id,
    createdAt: at,
  };
  const record: RecordedDraw = {
    seed,
    algorithm: SAMPLE_ALGORITHM,
    rule: n.rule,
    checklist: checklist.code,
    candidates,
    drawn: drawn.map((d) => d.id),
  };
  return db.transaction(async (tx) => {
    const [stored] = await tx.insert(fileReviewRounds).values(round).returning();
    await tx.insert(fileReviews).values(
      drawn.map((d, i) => ({
        id: randomUUID(),
        roundId: round.id,
        ordinal: i + 1,
        caseId: d.id,
        caseNumber: d.number,
        subjectOrg: d.subject,
        subjectPath: paths.get(d.subject) ?? d.subject,
        workflowCode: d.workflow,
        checklistCode: checklist.code,
        marks: [],
      })),
    );
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'file-review.draw',
        target: round.id,
        after: { name: n.name, period: { from: n.periodFrom, to: n.periodTo }, subjects, strata, ...record },
      },
      at,
    );
    return stored as FileReviewRoundRow;
  });
}

/** The enforcement subjects a new round may sample: those in the actor's file-review.run scope (none without it). */
export async function subjectsForRound(db: Db, actor: Actor): Promise<{ code: string; name: string }[]> {
  const scope = scopeFor(actor, 'file-review.run');
  if (!scope) return [];
  return db
    .select({ code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.enforcementSubject, true), subjectsInScope(actor, scope)))
    .orderBy(asc(organisations.code));
}

/** Rounds in scope, newest first. */
export async function listRounds(db: Db, actor: Actor): Promise<FileReviewRoundRow[]> {
  return db
    .select()
    .from(fileReviewRounds)
    .where(roundScope(actor))
    .orderBy(desc(fileReviewRounds.createdAt))
    .limit(500);
}

/** A round in scope, or not-found. */
export async function scopedRound(db: Db, actor: Actor, id: string): Promise<FileReviewRoundRow> {
  const [row] = await db
    .select()
    .from(fileReviewRounds)
    .where(and(eq(fileReviewRounds.id, id), roundScope(actor)));
  if (!row) throw new AppError('not-found', { round: id });
  return row;
}

/** Draws the round again from the seed and candidates its audit event recorded, and compares with what is stored. */
export async function verifyRound(
  db: Db,
  round: FileReviewRoundRow,
): Promise<{ same: boolean; seed: number; algorithm: string; drawn: number }> {
  const [event] = await db
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'file-review.draw'), eq(auditEvents.target, round.id)));
  if (!event) throw new AppError('not-found', { round: round.id, draw: null });
  const recorded = event.after as RecordedDraw;
  if (recorded.algorithm !== SAMPLE_ALGORITHM)
    throw new AppError(
      'conflict',
      { algorithm: recorded.algorithm },
      {
        zh: `该轮评查由“${recorded.algorithm}”抽取，本版本不能复算`,
        en: `drawn by "${recorded.algorithm}", which this version cannot replay`,
      },
    );
  const again = drawSample(recorded.seed, recorded.candidates, recorded.rule).drawn.map((d) => d.id);
  const stored = (
    await db
      .select({ caseId: fileReviews.caseId })
      .from(fileReviews)
      .where(eq(fileReviews.roundId, round.id))
      .orderBy(asc(fileReviews.ordinal))
  ).map((r) => r.caseId);
  const same =
    JSON.stringify(again) === JSON.stringify(stored) && JSON.stringify(again) === JSON.stringify(recorded.drawn);
  return { same, seed: recorded.seed, algorithm: recorded.algorithm, drawn: stored.length };
}
