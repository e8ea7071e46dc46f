/**
 * What the alert scan and the supervision summary read, with the actor's data scope in the
 * WHERE clause (scope.ts): the open cases, each with what its snapshot needs besides the row,
 * in one statement; and the number of cases per workflow state. Nothing out of scope is read.
 */
import { and, asc, count, isNull, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases } from '../db/schema.ts';
import { caseScope } from './scope.ts';
import { type Surroundings, surroundings } from './snapshot.ts';

/** The most open cases one scan evaluates; the oldest come first, as they are the likeliest to be late. */
export const MAX_SCANNED = 5000;

/** An open case with the surroundings loadCase needs. */
export interface OpenCase {
  row: CaseRow;
  around: Surroundings;
}

/** The open cases (not closed) in the scope, oldest first, at most `limit` of them. */
export async function openCasesInScope(
  db: Db,
  actor: Actor,
  scope: Scope,
  limit = MAX_SCANNED,
): Promise<{ cases: OpenCase[]; truncated: boolean }> {
  const rows = await db
    .select({ c: cases, ...surroundings })
    .from(cases)
    .where(and(isNull(cases.closedAt), caseScope(actor, scope)))
    .orderBy(asc(cases.openedAt), asc(cases.number))
    .limit(limit + 1);
  const found = rows.slice(0, limit).map(({ c, ...around }) => ({ row: c, around }));
  return { cases: found, truncated: rows.length > limit };
}

/** Cases in one state of one workflow: all of them, and those still open. */
export interface StateCount {
  workflow: string;
  state: string;
  total: number;
  open: number;
}

/** The number of cases in the scope by workflow and state, counted by the database. */
export async function caseCountsByState(db: Db, actor: Actor, scope: Scope): Promise<StateCount[]> {
  const rows = await db
    .select({
      workflow: cases.workflowCode,
      state: cases.state,
      total: count(),
      open: sql<number>`sum(case when ${cases.closedAt} is null then 1 else 0 end)`,
    })
    .from(cases)
    .where(caseScope(actor, scope))
    .groupBy(cases.workflowCode, cases.state)
    .orderBy(asc(cases.workflowCode), asc(cases.state));
  return rows.map((r) => ({ ...r, open: Number(r.open ?? 0) }));
}
