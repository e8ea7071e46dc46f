/**
 * The last level of the drill-down: the cases behind a row, read with the actor's data scope and
 * the same filters as the table (the organisation trees by the case's subject path, the officer
 * among the case's officers, the matters, the state, the months opened), newest first, one page at
 * a time. Each links to its case page. With an officer filtered on (the officer level's rows drill
 * here) the page and the count are a range of that officer's rows in case_officers (migration 0032),
 * which holds the order and every filter but the state and the `own` scope (those from the case
 * itself); otherwise they are read from `cases`.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { caseOfficers, cases, organisations } from '../db/schema.ts';
import { caseScope, scopeValues, subjectCondition } from '../storage/scope.ts';
import { stateNames } from './dimensions.ts';
import { monthStart } from './month.ts';
import type { StatisticsFilters } from './rollup.ts';
import { officerNames } from './rollup.ts';

/** A subject path in the tree of `p` or `p` itself: a range ('/' + 1 is '0'), so an index on the path finds it. */
const inTree = (column: unknown, p: string) =>
  sql`(${column} = ${p} OR (${column} >= ${`${p}/`} AND ${column} < ${`${p}0`}))`;

/** The conditions of the scope and filters on case_officers rows, and on the case where they need it. */
function officerWhere(actor: Actor, scope: Scope, f: StatisticsFilters & { officer: string }, paths: string[]) {
  const co = caseOfficers;
  return and(
    eq(co.officerId, f.officer),
    scope === 'all' || scope === 'own'
      ? caseScope(actor, scope)
      : subjectCondition(scope, scopeValues(actor), { code: co.subjectOrg, path: co.subjectPath }),
    ...paths.map((p) => inTree(co.subjectPath, p)),
    f.matters ? inArray(co.matterCode, f.matters) : undefined,
    f.state ? eq(cases.state, f.state) : undefined,
    f.from ? sql`${co.openedAt} >= ${monthStart(f.from)}` : undefined,
    f.to ? sql`${co.openedAt} < ${monthStart(f.to, true)}` : undefined,
  ) as SQL;
}

/** What the list reads of a case. */
interface ListRow {
  id: string;
  number: string;
  matterCode: string;
  workflowCode: string;
  state: string;
  subjectOrg: string;
  subjectName: string | null;
  officers: string[];
  openedAt: string;
  closedAt: string | null;
}

/** The cases in scope and filters, newest first: one page and the number of them all. */
export async function statisticsCases(
  db: Db,
  pack: ResolvedPack,
  actor: Actor,
  scope: Scope,
  f: StatisticsFilters,
  page: number,
  pageSize: number,
) {
  const paths = f.orgs.length
    ? await db
        .select({ path: organisations.path })
        .from(organisations)
        .where(inArray(organisations.code, f.orgs))
        .then((rows) => rows.map((r) => r.path))
    : [];
  if (paths.length < new Set(f.orgs).size || (f.matters && !f.matters.length))
    return { items: [], total: 0, page, pageSize };
  const columns = {
    id: cases.id,
    number: cases.number,
    matterCode: cases.matterCode,
    workflowCode: cases.workflowCode,
    state: cases.state,
    subjectOrg: cases.subjectOrg,
    subjectName: organisations.name,
    officers: cases.officers,
    openedAt: cases.openedAt,
    closedAt: cases.closedAt,
  };
  let total: number;
  let rows: ListRow[];
  if (f.officer !== undefined) {
    const co = caseOfficers;
    const where = officerWhere(actor, scope, { ...f, officer: f.officer }, paths);
    // The case itself only when the state or the `own` scope asks for it: the count is then one
    // range of case_officers.
    const counted = db.select({ n: count() }).from(co);
    const [{ n } = { n: 0 }] = await (f.state !== undefined || scope === 'own'
      ? counted.innerJoin(cases, eq(cases.id, co.caseId))
      : counted
    ).where(where);
    total = Number(n);
    rows = await db
      .select(columns)
      .from(co)
      .innerJoin(cases, eq(cases.id, co.caseId))
      .leftJoin(organisations, eq(organisations.code, cases.subjectOrg))
      .where(where)
      .orderBy(desc(co.openedAt), desc(co.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
  } else {
    const where = and(
      caseScope(actor, scope),
      ...paths.map((p) => inTree(cases.subjectPath, p)),
      f.matters ? inArray(cases.matterCode, f.matters) : undefined,
      f.state ? eq(cases.state, f.state) : undefined,
      f.from ? sql`${cases.openedAt} >= ${monthStart(f.from)}` : undefined,
      f.to ? sql`${cases.openedAt} < ${monthStart(f.to, true)}` : undefined,
    ) as SQL | undefined;
    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(cases).where(where);
    total = Number(n);
    rows = await db
      .select(columns)
      .from(cases)
      .leftJoin(organisations, eq(organisations.code, cases.subjectOrg))
      .where(where)
      .orderBy(desc(cases.openedAt), desc(cases.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
  }
  const names = await officerNames(db, [...new Set(rows.flatMap((r) => r.officers))]);
  return {
    items: rows.map((r) => {
      const m = pack.items.matter.get(r.matterCode);
      return {
        id: r.id,
        number: r.number,
        matter: { code: r.matterCode, name: m?.name ?? r.matterCode, nameEn: m?.nameEn ?? null },
        state: { code: r.state, ...stateNames(pack, r.state, r.workflowCode) },
        subject: { code: r.subjectOrg, name: r.subjectName ?? r.subjectOrg },
        officers: r.officers.map((id) => names.get(id)?.name ?? id),
        openedAt: r.openedAt,
        closedAt: r.closedAt,
      };
    }),
    total,
    page,
    pageSize,
  };
}
