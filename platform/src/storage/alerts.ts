/**
 * What the alert scan and the supervision summary read, with the actor's data scope in the
 * WHERE clause (scope.ts): the open cases (and the closed ones a rule with includeClosed applies
 * to), each with what its snapshot needs besides the row, in one statement; the number of cases per workflow state; and the enforcement subjects in
 * scope with their activity in a period. Nothing out of scope is read.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, asc, count, desc, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
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

/** The most closed cases one scan evaluates, for the rules that judge closed cases too; the latest closed come first. */
export const MAX_CLOSED_SCANNED = 1000;

/** Which closed cases a pack's rules judge (alert includeClosed): of these matters or workflows, or any. */
export interface ClosedTargets {
  any: boolean;
  matters: string[];
  workflows: string[];
}

/** The closed cases the case alert rules of a pack that say includeClosed apply to. */
export function closedTargets(pack: ResolvedPack): ClosedTargets {
  const out: ClosedTargets = { any: false, matters: [], workflows: [] };
  for (const rule of pack.items.alert.values()) {
    if (rule.scope !== 'case' || !rule.includeClosed) continue;
    const { matters = [], workflows = [] } = rule.appliesTo ?? {};
    if (matters.length === 0 && workflows.length === 0) out.any = true;
    out.matters.push(...matters);
    out.workflows.push(...workflows);
  }
  return out;
}

/**
 * The closed cases in the scope that a rule with includeClosed may apply to (by matter or
 * workflow, in the WHERE clause), the latest closed first, at most `limit` of them: a duty that
 * outlives its case (withdrawing a revoked decision's disclosure) is still watched.
 */
export async function closedCasesInScope(
  db: Db,
  actor: Actor,
  scope: Scope,
  targets: ClosedTargets,
  limit = MAX_CLOSED_SCANNED,
): Promise<{ cases: OpenCase[]; truncated: boolean }> {
  if (!targets.any && targets.matters.length === 0 && targets.workflows.length === 0)
    return { cases: [], truncated: false };
  const applies = targets.any
    ? undefined
    : or(
        targets.matters.length ? inArray(cases.matterCode, targets.matters) : undefined,
        targets.workflows.length ? inArray(cases.workflowCode, targets.workflows) : undefined,
      );
  const rows = await db
    .select({ c: cases, ...surroundings })
    .from(cases)
    .where(and(isNotNull(cases.closedAt), applies, caseScope(actor, scope)))
    .orderBy(desc(cases.closedAt), asc(cases.number))
    .limit(limit + 1);
  const found = rows.slice(0, limit).map(({ c, ...around }) => ({ row: c, around }));
  return { cases: found, truncated: rows.length > limit };
}

/**
 * What an alert scan evaluates: the open cases in the scope, and the closed ones the active
 * pack's includeClosed rules apply to, each list bounded on its own.
 */
export async function casesToScan(
  db: Db,
  actor: Actor,
  scope: Scope,
  pack: ResolvedPack,
): Promise<{ cases: OpenCase[]; truncated: boolean }> {
  const open = await openCasesInScope(db, actor, scope);
  const closed = await closedCasesInScope(db, actor, scope, closedTargets(pack));
  return { cases: [...open.cases, ...closed.cases], truncated: open.truncated || closed.truncated };
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
