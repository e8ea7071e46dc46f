/**
 * Reads of the statistics rollups (case_counts, case_state_counts, officer_counts: migration
 * 0028; officer_matter_counts: 0031; case_period_counts: 0032) with the actor's data scope and the
 * filters in the WHERE clause: the organisations in scope, the case counts per organisation,
 * matter, closed, and state or month when asked, the officers who acted per organisation, and the
 * certified officers per organisation. A span of months reads the year rows of its whole years and
 * the month rows of the rest (periods.ts), so each read groups a few thousand rollup rows, never
 * the cases themselves; a grouping over every subject (the centre's months or years) reads
 * case_period_counts, which has no subject column. The reads the rollups cannot answer come from
 * the cases, an officer's through case_officers (0032).
 */
import { and, type Column, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import {
  caseCounts,
  caseOfficers,
  casePeriodCounts,
  caseStateCounts,
  cases,
  officerCounts,
  officerMatterCounts,
  organisations,
  statisticsSettings,
  users,
} from '../db/schema.ts';
import { caseScope, scopeValues, subjectCondition } from '../storage/scope.ts';
import { monthStart } from './month.ts';
import { monthRanges, type PeriodKeys, periodCondition, periodKeys } from './periods.ts';

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
export function orgScope(actor: Actor, scope: Scope): SQL | undefined {
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
  /** Keep organisations apart (the default); false sums them, for groupings that do not need them. */
  org?: boolean;
  officer?: boolean;
  state?: boolean;
  /** Keep months apart (month rows only). */
  month?: boolean;
  /** Keep the rollup's periods apart: years, and months where the span begins or ends mid-year. */
  year?: boolean;
  /**
   * Matters summed into one (matter → the matter standing for its class), for a grouping that
   * reads only a class of the matter (its power type): fewer groups come back. Matters not named stay apart.
   */
  matterAs?: ReadonlyMap<string, string>;
}

/** The legal month a case was opened in, as the rollup's triggers compute it. */
const monthOpened = sql`strftime('%Y-%m', ${cases.openedAt}, coalesce((SELECT ${statisticsSettings.monthOffset} FROM ${statisticsSettings} WHERE ${statisticsSettings.id} = 1), '+0 minutes'))`;

/** The first and last year the rollups hold, for a span open at either end; null when they are empty. */
async function rollupYears(db: Db): Promise<[number, number] | null> {
  // Two subqueries: each is one end of the primary key, where min and max in one SELECT read every row.
  const [row] = await db.all<{ lo: string | null; hi: string | null }>(
    sql`SELECT (SELECT min(period) FROM ${casePeriodCounts}) AS lo, (SELECT max(period) FROM ${casePeriodCounts}) AS hi`,
  );
  return row?.lo && row.hi ? [Number(row.lo.slice(0, 4)), Number(row.hi.slice(0, 4))] : null;
}

/** The period keys of the filters' months: whole years by year rows, or every month when months are kept apart. */
async function keysOf(db: Db, f: StatisticsFilters, months: boolean): Promise<PeriodKeys | null> {
  const years = f.from && f.to ? [Number(f.from.slice(0, 4)), Number(f.to.slice(0, 4))] : await rollupYears(db);
  if (!years) return null;
  const [lo, hi] = years as [number, number];
  return months ? { years: [], months: monthRanges(f.from, f.to, lo, hi) } : periodKeys(f.from, f.to, lo, hi);
}

/** The condition on rollup rows of the scope, the organisations filtered on, the matters and the periods. */
function rollupWhere(
  actor: Actor,
  scope: Scope,
  f: StatisticsFilters,
  paths: string[],
  t: { subjectOrg?: Column; matterCode: Column; period: Column },
  keys: PeriodKeys,
) {
  const orgs = and(orgScope(actor, scope), ...treeFilters(paths));
  if (orgs && !t.subjectOrg) throw new Error('a rollup without subjects read with a condition on them');
  return and(
    periodCondition(t.period, keys),
    f.matters ? inArray(t.matterCode, f.matters) : undefined,
    orgs ? sql`${t.subjectOrg} IN (SELECT ${o.code} FROM ${o} WHERE ${orgs})` : undefined,
  );
}

/**
 * The condition on `cases` rows of the scope and filters, for the reads the rollup cannot answer
 * (an officer's cases, the officer level): the scope of storage/scope.ts, each organisation's tree
 * as a range of subject paths (the cases_path index), the officer among the case's officers (the
 * officer's rows of case_officers, so SQLite reads those cases by key instead of every case of the tree).
 */
function casesWhere(actor: Actor, scope: Scope, f: StatisticsFilters, paths: string[]): SQL | undefined {
  return and(
    caseScope(actor, scope),
    ...paths.map(
      (p) =>
        sql`(${cases.subjectPath} = ${p} OR (${cases.subjectPath} >= ${`${p}/`} AND ${cases.subjectPath} < ${`${p}0`}))`,
    ),
    f.officer
      ? sql`${cases.id} IN (SELECT ${caseOfficers.caseId} FROM ${caseOfficers} WHERE ${caseOfficers.officerId} = ${f.officer})`
      : undefined,
    f.matters ? inArray(cases.matterCode, f.matters) : undefined,
    f.state ? eq(cases.state, f.state) : undefined,
    f.from ? sql`${cases.openedAt} >= ${monthStart(f.from)}` : undefined,
    f.to ? sql`${cases.openedAt} < ${monthStart(f.to, true)}` : undefined,
  );
}

/** Whether a read needs the cases themselves: officers kept apart, an officer filtered on, or the `own` scope. */
const needsCases = (scope: Scope, f: StatisticsFilters, dims: RollupDims) =>
  f.officer !== undefined ||
  scope === 'own' ||
  (dims.officer === true && (f.state !== undefined || dims.state === true));

/**
 * The groups in scope and filters: cases per organisation, matter and closed, and per officer,
 * state or month when `dims` asks. Read from the rollups (the officers kept apart from
 * officer_matter_counts); an officer filtered on, the `own` scope, or officers by state are read
 * from the cases, which the drill-down has narrowed to a unit by then. Groups that count no case
 * are left out.
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
  if (needsCases(scope, f, dims)) {
    const byOfficer = dims.officer === true;
    const officer = sql.raw('j.value');
    const state = sql`${cases.state}`;
    const closed = sql`(${cases.closedAt} IS NOT NULL)`;
    const rows = await db.all<Record<string, unknown>>(sql`SELECT ${cases.subjectOrg} AS org,
        ${byOfficer ? officer : sql`NULL`} AS officer, ${cases.matterCode} AS matter,
        ${dims.state ? state : sql`NULL`} AS state, ${closed} AS closed,
        ${dims.month || dims.year ? monthOpened : sql`NULL`} AS month, count(*) AS n
      FROM ${cases}${byOfficer ? sql.raw(', json_each(cases.officers) AS j') : sql``}
      WHERE ${casesWhere(actor, scope, f, paths) ?? sql`1`}
      GROUP BY 1, 2, 3, 4, 5, 6`);
    return rows.map((r) => ({
      subjectOrg: String(r.org),
      officer: r.officer === null ? null : String(r.officer),
      matter: String(r.matter),
      state: r.state === null ? null : String(r.state),
      closed: Boolean(r.closed),
      month: r.month === null ? null : String(r.month),
      cases: Number(r.n),
    }));
  }
  const keys = await keysOf(db, f, dims.month === true);
  if (!keys) return [];
  const byOrg = dims.org !== false || dims.officer === true;
  const byPeriod = dims.month === true || dims.year === true;
  const byState = dims.state === true;
  // The states only when grouped or filtered by one (case_state_counts has more rows); the officer
  // level from officer_matter_counts (migration 0031); every subject summed from case_period_counts
  // (0032: a tenth of case_counts' rows at a province's scale); the rest from case_counts.
  const everySubject = !byOrg && scope === 'all' && paths.length === 0;
  const t =
    byState || f.state
      ? caseStateCounts
      : dims.officer
        ? officerMatterCounts
        : everySubject
          ? casePeriodCounts
          : caseCounts;
  const col = (name: string) => sql.raw(`"${name}"`);
  const keep = (yes: boolean, name: string) => (yes ? col(name) : sql`NULL`);
  const as = [...(dims.matterAs ?? [])].filter(([m, to]) => m !== to);
  const matter = as.length
    ? sql`CASE matter_code ${sql.join(
        as.map(([m, to]) => sql`WHEN ${m} THEN ${to}`),
        sql` `,
      )} ELSE matter_code END`
    : sql`matter_code`;
  const groups = [
    ...(byOrg ? ['subject_org'] : []),
    ...(dims.officer ? ['officer_id'] : []),
    'closed',
    ...(byState ? ['state'] : []),
    ...(byPeriod ? ['period'] : []),
  ];
  // A plain statement, its rows read as they come: a few thousand groups, no row mapping on top.
  const rows = await db.all<Record<string, unknown>>(sql`SELECT ${keep(byOrg, 'subject_org')} AS org,
      ${keep(dims.officer === true, 'officer_id')} AS officer, ${matter} AS matter, ${keep(byState, 'state')} AS state,
      closed, ${keep(byPeriod, 'period')} AS month, sum(cases) AS n
    FROM ${t}
    WHERE ${and(rollupWhere(actor, scope, f, paths, t, keys), f.state ? sql`state = ${f.state}` : undefined)}
    GROUP BY ${sql.join([...groups.map(col), sql`3`], sql`, `)}`);
  return rows.map((r) => ({
    subjectOrg: r.org === null ? '' : String(r.org),
    officer: r.officer === null ? null : String(r.officer),
    matter: String(r.matter),
    state: r.state === null ? null : String(r.state),
    closed: Boolean(r.closed),
    month: r.month === null ? null : String(r.month),
    cases: Number(r.n),
  }));
}

/**
 * The distinct officers named on cases in scope and filters, per organisation (参与执法人数): from
 * the officers' rollup (period, subject, officer), or from the cases when a matter, state or officer
 * narrows them.
 */
export async function officersWithCases(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: StatisticsFilters,
): Promise<Map<string, number>> {
  const paths = await filterPaths(db, f.orgs);
  if (paths === null || (f.matters && f.matters.length === 0)) return new Map();
  if (needsCases(scope, f, {}) || f.matters || f.state) {
    const rows = await db.all<{ org: string; n: number }>(sql`SELECT ${cases.subjectOrg} AS org,
        count(DISTINCT j.value) AS n FROM ${cases}, json_each(${cases.officers}) AS j
      WHERE ${casesWhere(actor, scope, f, paths) ?? sql`1`} GROUP BY 1`);
    return new Map(rows.map((r) => [r.org, Number(r.n)]));
  }
  const keys = await keysOf(db, f, false);
  if (!keys) return new Map();
  const t = officerCounts;
  const orgs = and(orgScope(actor, scope), ...treeFilters(paths));
  const rows = await db
    .select({ org: t.subjectOrg, n: sql<number>`count(DISTINCT ${t.officerId})` })
    .from(t)
    .where(
      and(
        periodCondition(t.period, keys),
        orgs ? sql`${t.subjectOrg} IN (SELECT ${o.code} FROM ${o} WHERE ${orgs})` : undefined,
      ),
    )
    .groupBy(t.subjectOrg);
  return new Map(rows.map((r) => [r.org, Number(r.n)]));
}

/**
 * Active users holding a 执法证 valid on `day` (持证执法人员数), per organisation of the actor's
 * scope and the filters' trees (the organisations scopedOrgs lists), the organisations chosen in
 * SQL rather than bound one by one (a hundred bound codes cost more than the count).
 */
export async function certifiedOfficers(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: StatisticsFilters,
  day: string,
): Promise<Map<string, number>> {
  const paths = await filterPaths(db, f.orgs);
  if (paths === null) return new Map();
  const orgs = and(orgScope(actor, scope), ...treeFilters(paths));
  const rows = await db
    .select({ org: users.orgCode, n: sql<number>`count(*)` })
    .from(users)
    .where(
      and(
        sql`${users.orgCode} IN (SELECT ${o.code} FROM ${o}${orgs ? sql` WHERE ${orgs}` : sql``})`,
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
