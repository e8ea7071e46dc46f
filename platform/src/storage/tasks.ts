/**
 * The cases the next steps are computed from (我的待办), each read in one statement with the
 * snapshot's surroundings (officers, subject, documents, latest review) and the ids a task links
 * to (its documents' latest versions, its pending legal review): by id for the stored steps
 * (tasks/refresh.ts), or — the per-request reference the stored steps are tested against — the
 * open cases an actor may act on, the scopes of case.read and of the acting permissions
 * (case.transition, review.perform) as conditions in the WHERE clause.
 */
import { and, type Column, desc, getTableName, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor, Permission } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases, documents, reviews } from '../db/schema.ts';
import { permissionScope } from './scope.ts';
import { type Surroundings, surroundings } from './snapshot.ts';

/** An open case the actor may act on, with what covers it. */
export interface ActionableCase {
  row: CaseRow;
  around: Surroundings;
  /** The acting permissions (case.transition, review.perform) whose scope covers the case. */
  covering: Permission[];
  /** The id of the latest version of each of its documents, by form code: where a task links to. */
  documentIds: Map<string, string>;
  /** Its legal review still waiting for an opinion, if any (法制审核待办). */
  pendingReview: string | null;
}

/** A column with its table's name, as SQL (the correlated subqueries below need it). */
const q = (column: Column) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

/** The latest version's id of each form of the case, as a JSON array of [form, version, id]. */
const documentIds = sql<string>`(SELECT json_group_array(json_array(${q(documents.formCode)}, ${q(documents.version)}, ${q(documents.id)}))
  FROM ${documents} WHERE ${q(documents.caseId)} = ${q(cases.id)})`;

/** The case's review without a decision, the newest first. */
const pendingReview = sql<string | null>`(SELECT ${q(reviews.id)} FROM ${reviews}
  WHERE ${q(reviews.caseId)} = ${q(cases.id)} AND ${q(reviews.decidedAt)} IS NULL AND ${q(reviews.opinion)} IS NULL
  ORDER BY ${q(reviews.requestedAt)} DESC LIMIT 1)`;

/** The latest version's id of each form, from the JSON the query read. */
export function latestIds(json: string): Map<string, string> {
  const best = new Map<string, [number, string]>();
  for (const [form, version, id] of JSON.parse(json) as [string, number, string][])
    if ((best.get(form)?.[0] ?? 0) < version) best.set(form, [version, id]);
  return new Map([...best].map(([form, [, id]]) => [form, id]));
}

/** A case with what its next steps are computed from. */
export interface TaskCase {
  row: CaseRow;
  around: Surroundings;
  documentIds: Map<string, string>;
  pendingReview: string | null;
}

/**
 * These cases (open or not) with what their next steps are computed from; through `tx` inside a transaction.
 *
 * @example
 * await casesForTasks(tx, [id]) // [{ row, around, documentIds: Map { 'case-filing-approval' => '…' }, pendingReview: null }]
 */
export async function casesForTasks(db: Pick<Db, 'select'>, ids: readonly string[]): Promise<TaskCase[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ c: cases, ...surroundings, documentIds, pendingReview })
    .from(cases)
    .where(inArray(cases.id, [...ids]));
  return rows.map(({ c, documentIds: ids, pendingReview: pending, ...around }) => ({
    row: c,
    around,
    documentIds: latestIds(ids),
    pendingReview: pending ?? null,
  }));
}

/**
 * Up to `limit` open cases within the actor's case.read scope that the scope of case.transition
 * or review.perform also covers, the most recently changed first.
 *
 * @example
 * await actionableCases(db, actor, { limit: 500 }) // [{ row, around, covering: ['case.transition'] }, …]
 */
export async function actionableCases(db: Db, actor: Actor, o: { limit: number }): Promise<ActionableCase[]> {
  const read = permissionScope(actor, 'case.read');
  const transition = permissionScope(actor, 'case.transition');
  const review = permissionScope(actor, 'review.perform');
  if (!read || (!transition && !review)) return [];
  const rows = await db
    .select({
      c: cases,
      ...surroundings,
      transition: sql<number>`(${transition ?? sql`0`})`,
      review: sql<number>`(${review ?? sql`0`})`,
      documentIds,
      pendingReview,
    })
    .from(cases)
    .where(and(isNull(cases.closedAt), read, or(transition, review)))
    .orderBy(desc(cases.updatedAt), desc(cases.number))
    .limit(o.limit);
  return rows.map(({ c, transition: t, review: r, documentIds: ids, pendingReview: pending, ...around }) => ({
    row: c,
    around,
    documentIds: latestIds(ids),
    pendingReview: pending ?? null,
    covering: [
      ...(Number(t) === 1 ? (['case.transition'] as const) : []),
      ...(Number(r) === 1 ? (['review.perform'] as const) : []),
    ],
  }));
}
