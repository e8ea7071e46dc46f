/**
 * The last level of the drill-down: the cases behind a row, read from `cases` with the actor's
 * data scope and the same filters as the table (the organisation trees by the case's subject path,
 * the officer among the case's officers, the matters, the state, the months opened), newest first,
 * one page at a time. Each links to its case page.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { cases, organisations } from '../db/schema.ts';
import { caseScope } from '../storage/scope.ts';
import { stateNames } from './dimensions.ts';
import { monthStart } from './month.ts';
import type { StatisticsFilters } from './rollup.ts';
import { officerNames } from './rollup.ts';

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
  const where = and(
    caseScope(actor, scope),
    ...paths.map(
      // A range on the path ('/' + 1 is '0'), so the cases_path index finds the tree.
      (p) =>
        sql`(${cases.subjectPath} = ${p} OR (${cases.subjectPath} >= ${`${p}/`} AND ${cases.subjectPath} < ${`${p}0`}))`,
    ),
    f.officer
      ? sql`exists (select 1 from json_each(${cases.officers}) where json_each.value = ${f.officer})`
      : undefined,
    f.matters ? inArray(cases.matterCode, f.matters) : undefined,
    f.state ? eq(cases.state, f.state) : undefined,
    f.from ? sql`${cases.openedAt} >= ${monthStart(f.from)}` : undefined,
    f.to ? sql`${cases.openedAt} < ${monthStart(f.to, true)}` : undefined,
  ) as SQL | undefined;
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(cases).where(where);
  const rows = await db
    .select({
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
    })
    .from(cases)
    .leftJoin(organisations, eq(organisations.code, cases.subjectOrg))
    .where(where)
    .orderBy(desc(cases.openedAt), desc(cases.number))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
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
    total: Number(n),
    page,
    pageSize,
  };
}
