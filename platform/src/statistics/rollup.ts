/**
 * Reads of the statistics rollup (case_stats, case_stats_officers: migration 0013) with the
 * actor's data scope and the filters in the WHERE clause: the organisations in scope, the case
 * counts per organisation, matter, state, closed and month, the officers who acted per
 * organisation, and the certified officers per organisation. Each read groups a few thousand
 * rollup rows, never the cases themselves.
 */
import { and, type Column, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { caseStats, caseStatsOfficers, organisations, users } from '../db/schema.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';

/** What the rows are narrowed to; an organisation filter means that organisation and its tree. */
export interface StatisticsFilters {
  /** Organisation codes each row's organisation must lie in the tree of (district, subject, unit). */
  orgs: string[];
  officer?: string;
  /** The matters allowed (from the matter, power type and sector filters); undefined: all. */
  matters?: string[];
  state?: string;
  /** Months opened, YYYY-MM, both included. */
  from?: string;
  to?: string;
}

/** An organisation the statistics may show. */
export interface ScopedOrg {
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  path: string;
  enforcementSubject: boolean;
}

/** One rollup group: cases of an organisation (and officer), matter, state and month. */
export interface RollupRow {
  subjectOrg: string;
  /** Null unless the read kept officers apart; likewise state and month. */
  officer: string | null;
  matter: string;
  state: string | null;
  closed: boolean;
  month: string | null;
  cases: number;
}

const o = organisations;

/** The actor's scope as a condition on organisations rows, or undefined for all. */
function orgScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  if (scope === 'own') return eq(o.code, actor.user.orgCode);
  return subjectCondition(scope, scopeValues(actor), { code: o.code, path: o.path });
}

/** The tree of each organisation filtered on, given their paths. */
function treeFilters(paths: readonly string[]): SQL[] {
  return paths.map((p) => sql`(${o.path} = ${p} OR substr(${o.path}, 1, ${p.length + 1}) = ${`${p}/`})`);
}

/** The paths of the organisations filtered on; an unknown code matches nothing. */
async function filterPaths(db: Db, codes: readonly string[]): Promise<string[] | null> {
  if (!codes.length) return [];
  const rows = await db
    .select({ code: o.code, path: o.path })
    .from(o)
    .where(inArray(o.code, [...codes]));
  if (rows.length < new Set(codes).size) return null;
  return rows.map((r) => r.path);
}

/** The organisations in the actor's scope and in the filters' trees. */
export async function scopedOrgs(db: Db, actor: Actor, scope: Scope, f: StatisticsFilters): Promise<ScopedOrg[]> {
  const paths = await filterPaths(db, f.orgs);
  if (paths === null) return [];
  return db
    .select({
      code: o.code,
      name: o.name,
      shortName: o.shortName,
      type: o.type,
      path: o.path,
      enforcementSubject: o.enforcementSubject,
    })
    .from(o)
    .where(and(orgScope(actor, scope), ...treeFilters(paths)))
    .orderBy(o.path);
}

/** Which columns beside organisation, matter and closed a read keeps apart (the others are summed). */
export interface RollupDims {
  officer?: boolean;
  state?: boolean;
  month?: boolean;
}

type Table = typeof caseStats | typeof caseStatsOfficers;

/** The table a read uses (the officer rollup when officers matter) and its WHERE condition. */
function selection(actor: Actor, scope: Scope, f: StatisticsFilters, paths: string[], officers: boolean) {
  const officerTable = officers || f.officer !== undefined || scope === 'own';
  const t: Table = officerTable ? caseStatsOfficers : caseStats;
  const officer = scope === 'own' ? actor.user.id : f.officer;
  const orgs = and(orgScope(actor, scope), ...treeFilters(paths));
  const where = and(
    officer !== undefined ? eq(caseStatsOfficers.officerId, officer) : undefined,
    f.matters ? inArray(t.matterCode, f.matters) : undefined,
    f.state ? eq(t.state, f.state) : undefined,
    f.from ? sql`${t.month} >= ${f.from}` : undefined,
    f.to ? sql`${t.month} <= ${f.to}` : undefined,
    orgs ? sql`${t.subjectOrg} IN (SELECT ${o.code} FROM ${o} WHERE ${orgs})` : undefined,
  );
  return { t, where };
}

/**
 * The rollup groups in scope and filters: cases per organisation, matter and closed, and per
 * officer, state or month when `dims` asks (the officer rollup is read when officers matter, an
 * officer is filtered on, or the scope is `own`). Groups that count no case are left out.
 */
export async function rollupRows(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: StatisticsFilters,
  dims: RollupDims = {},
): Promise<RollupRow[]> {
  const paths = await filterPaths(db, f.orgs);
  if (paths === null || (f.matters && f.matters.length === 0)) return [];
  const { t, where } = selection(actor, scope, f, paths, dims.officer === true);
  const keep = (yes: boolean | undefined, col: SQL | Column) => (yes ? col : sql`NULL`);
  const rows = await db
    .select({
      subjectOrg: t.subjectOrg,
      officer: sql<string | null>`${keep(dims.officer, caseStatsOfficers.officerId)}`,
      matter: t.matterCode,
      state: sql<string | null>`${keep(dims.state, t.state)}`,
      closed: t.closed,
      month: sql<string | null>`${keep(dims.month, t.month)}`,
      cases: sql<number>`sum(${t.cases})`,
    })
    .from(t)
    .where(where)
    .groupBy(
      t.subjectOrg,
      t.matterCode,
      t.closed,
      ...(dims.officer ? [caseStatsOfficers.officerId] : []),
      ...(dims.state ? [t.state] : []),
      ...(dims.month ? [t.month] : []),
    )
    .having(sql`sum(${t.cases}) > 0`);
  return rows.map((r) => ({ ...r, cases: Number(r.cases), closed: Boolean(r.closed) }));
}

/** The distinct officers named on cases in scope and filters, per organisation (参与执法人数). */
export async function officersWithCases(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: StatisticsFilters,
): Promise<Map<string, number>> {
  const paths = await filterPaths(db, f.orgs);
  if (paths === null || (f.matters && f.matters.length === 0)) return new Map();
  const { t, where } = selection(actor, scope, f, paths, true);
  const rows = await db
    .select({ org: t.subjectOrg, n: sql<number>`count(DISTINCT ${caseStatsOfficers.officerId})` })
    .from(t)
    .where(and(where, sql`${t.cases} > 0`))
    .groupBy(t.subjectOrg);
  return new Map(rows.map((r) => [r.org, Number(r.n)]));
}

/** Active users of each organisation holding a 执法证 valid on `day` (持证执法人员数). */
export async function certifiedOfficers(
  db: Db,
  orgCodes: readonly string[],
  day: string,
): Promise<Map<string, number>> {
  if (!orgCodes.length) return new Map();
  const rows = await db
    .select({ org: users.orgCode, n: sql<number>`count(*)` })
    .from(users)
    .where(
      and(
        inArray(users.orgCode, [...orgCodes]),
        eq(users.disabled, false),
        sql`${users.certificateNo} IS NOT NULL AND ${users.certificateValidUntil} >= ${day}`,
      ),
    )
    .groupBy(users.orgCode);
  return new Map(rows.map((r) => [r.org, Number(r.n)]));
}

/** Names and organisations of users, by id. */
export async function officerNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; orgCode: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName, orgCode: users.orgCode })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { name: r.name, orgCode: r.orgCode }]));
}
