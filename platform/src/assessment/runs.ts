/**
 * 考核评议的计算与发布: a run measures the subjects in the actor's scope on the period
 * (measure.ts), scores and ranks them on the scheme (score.ts), and stores the run with one row
 * per subject and its audit event in one transaction. Publishing freezes it: the database refuses
 * any change to a published run or its results (migration 0014's triggers), and computing again
 * makes a new draft. Reads put the reader's scope on the result rows in the WHERE clause.
 */
import { randomUUID } from 'node:crypto';
import type { AssessmentScheme, ResolvedPack } from '@yifa/metamodel';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type AssessmentRunRow, assessmentResults, assessmentRuns, organisations } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import { enforcementSubjects, measureSubjects, type Period } from './measure.ts';
import { type ExcludedIndicator, type SubjectResult, schemeApplies, scoreSubjects } from './score.ts';

/** What is the same for every subject of a run. */
export interface RunSummary {
  scheme: { code: string; name: string; nameEn?: string };
  excluded: ExcludedIndicator[];
  measurableWeight: number;
  subjects: number;
  grades: { name: string; min: number }[];
}

/** The organisations of a scope, as a condition on `organisations` (none for `own`). */
function organisationScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  if (scope === 'own') throw new AppError('forbidden', { scope });
  return subjectCondition(scope, scopeValues(actor), { code: organisations.code, path: organisations.path });
}

/** The result rows a scope may read. */
function resultScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  if (scope === 'own') throw new AppError('forbidden', { scope });
  return subjectCondition(scope, scopeValues(actor), {
    code: assessmentResults.subjectCode,
    path: assessmentResults.subjectPath,
  });
}

/** Computes a run of the scheme over the subjects in the actor's scope and stores it as a draft. */
export async function computeRun(
  db: Db,
  input: {
    actor: Actor;
    scope: Scope;
    pack: ResolvedPack;
    packHash: string;
    scheme: AssessmentScheme;
    period: Period;
    asOf: string;
    at: string;
  },
): Promise<AssessmentRunRow> {
  const { actor, scope, pack, scheme, period, asOf } = input;
  const subjects = (await enforcementSubjects(db, organisationScope(actor, scope))).filter((s) =>
    schemeApplies(scheme, s),
  );
  const measured = await measureSubjects(db, pack, subjects, period, asOf);
  const result = scoreSubjects(pack, scheme, subjects, measured);
  const id = randomUUID();
  const summary: RunSummary = {
    scheme: result.scheme,
    excluded: result.excluded,
    measurableWeight: result.measurableWeight,
    subjects: result.subjects.length,
    grades: scheme.grades ?? [],
  };
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(assessmentRuns)
      .values({
        id,
        schemeCode: scheme.code,
        packHash: input.packHash,
        periodFrom: period.from,
        periodTo: period.to,
        asOf,
        status: 'draft',
        summary,
        computedAt: input.at,
        computedBy: actor.user.id,
      })
      .returning();
    // A few hundred rows at most (one per subject); inserted in chunks to stay under SQLite's variable limit.
    const rows = result.subjects.map((r) => ({
      runId: id,
      subjectCode: r.subject.code,
      subjectPath: r.subject.path,
      // Unranked subjects (no records) are stored with rank 0 and listed after the ranked ones.
      rank: r.rank ?? 0,
      score: r.score,
      grade: r.grade ?? null,
      result: r,
    }));
    for (let i = 0; i < rows.length; i += 100) await tx.insert(assessmentResults).values(rows.slice(i, i + 100));
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'assessment.run',
        target: id,
        after: {
          scheme: scheme.code,
          packHash: input.packHash,
          period,
          asOf,
          subjects: rows.length,
          excluded: result.excluded.map((x) => x.code),
          scores: rows.map((r) => [r.subjectCode, r.score, r.grade]),
        },
      },
      input.at,
    );
    return run as AssessmentRunRow;
  });
}

/** Publishes a draft run, freezing it; a run published already is 409. */
export async function publishRun(db: Db, actor: Actor, id: string, at: string): Promise<AssessmentRunRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(assessmentRuns).where(eq(assessmentRuns.id, id));
    if (!current) throw new AppError('not-found', { run: id });
    if (current.status === 'published')
      throw new AppError(
        'conflict',
        { run: id, status: current.status },
        {
          zh: '该考核结果已经发布并冻结，不能再次发布或修改；如需重新计算，请新建一次计算（新的草稿）',
          en: 'this assessment run is published and frozen; compute again to make a new draft',
        },
      );
    const [run] = await tx
      .update(assessmentRuns)
      .set({ status: 'published', publishedAt: at, publishedBy: actor.user.id })
      .where(and(eq(assessmentRuns.id, id), eq(assessmentRuns.status, 'draft')))
      .returning();
    if (!run) throw new AppError('conflict', { run: id });
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'assessment.publish',
        target: id,
        before: { status: 'draft' },
        after: { status: 'published' },
      },
      at,
    );
    return run;
  });
}

/** A run with the results the reader's scope allows, best rank first. */
export async function readRun(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
): Promise<{ run: AssessmentRunRow; results: SubjectResult[] }> {
  const [run] = await db.select().from(assessmentRuns).where(eq(assessmentRuns.id, id));
  if (!run) throw new AppError('not-found', { run: id });
  const rows = await db
    .select({ result: assessmentResults.result })
    .from(assessmentResults)
    .where(and(eq(assessmentResults.runId, id), resultScope(actor, scope)))
    .orderBy(sql`${assessmentResults.rank} = 0`, asc(assessmentResults.rank), asc(assessmentResults.subjectCode));
  return { run, results: rows.map((r) => r.result as SubjectResult) };
}

/** One subject's result in a run, if the scope allows it. */
export async function readSubjectResult(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  subject: string,
): Promise<{ run: AssessmentRunRow; result: SubjectResult }> {
  const [run] = await db.select().from(assessmentRuns).where(eq(assessmentRuns.id, id));
  if (!run) throw new AppError('not-found', { run: id });
  const [row] = await db
    .select({ result: assessmentResults.result })
    .from(assessmentResults)
    .where(and(eq(assessmentResults.runId, id), eq(assessmentResults.subjectCode, subject), resultScope(actor, scope)));
  if (!row) throw new AppError('not-found', { run: id, subject });
  return { run, result: row.result as SubjectResult };
}

/** The latest runs (newest first), optionally of one scheme. */
export async function listRuns(db: Db, scheme?: string, limit = 50): Promise<AssessmentRunRow[]> {
  return db
    .select()
    .from(assessmentRuns)
    .where(scheme ? eq(assessmentRuns.schemeCode, scheme) : undefined)
    .orderBy(desc(assessmentRuns.computedAt))
    .limit(limit);
}
