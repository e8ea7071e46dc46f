/**
 * The open cases an actor may act on, read in one statement: the scopes of case.read and of the
 * acting permissions (case.transition, review.perform) are conditions in its WHERE clause, each
 * row says which acting permission covers it, and the snapshot's surroundings (officers,
 * subject, documents, latest review) come with it, so no case is read twice.
 */
import { and, desc, isNull, or, sql } from 'drizzle-orm';
import type { Actor, Permission } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases } from '../db/schema.ts';
import { permissionScope } from './scope.ts';
import { type Surroundings, surroundings } from './snapshot.ts';

/** An open case the actor may act on, with what covers it. */
export interface ActionableCase {
  row: CaseRow;
  around: Surroundings;
  /** The acting permissions (case.transition, review.perform) whose scope covers the case. */
  covering: Permission[];
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
    })
    .from(cases)
    .where(and(isNull(cases.closedAt), read, or(transition, review)))
    .orderBy(desc(cases.updatedAt), desc(cases.number))
    .limit(o.limit);
  return rows.map(({ c, transition: t, review: r, ...around }) => ({
    row: c,
    around,
    covering: [
      ...(Number(t) === 1 ? (['case.transition'] as const) : []),
      ...(Number(r) === 1 ? (['review.perform'] as const) : []),
    ],
  }));
}
