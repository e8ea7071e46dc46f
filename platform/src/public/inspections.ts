/**
 * 双随机、一公开's 一公开 (#16): the random inspection plans an agency has drawn, and the results of
 * their finished inspections — entity (name and 统一社会信用代码), the day the inspection ended and
 * its result — for the public pages. No officer, no address, no case number: what the public is
 * owed is that entities were drawn at random and what was found, not who went (results.ts says
 * the same for the app). A plan still in draft is not public: it has not been drawn.
 */
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { inspectionPlans, organisations } from '../db/schema.ts';
import { planResults } from '../inspection-plans/results.ts';
import type { PackRegistry } from '../packs/registry.ts';

/** A drawn plan as the public list shows it. */
export interface PublicPlan {
  id: string;
  name: string;
  authority: string;
  periodFrom: string;
  periodTo: string;
  drawnOn: string;
  /** How many entities were drawn. */
  drawn: number;
}

const SHOWN = ['drawn', 'opened'] as const;

const columns = {
  id: inspectionPlans.id,
  name: inspectionPlans.name,
  authority: organisations.name,
  periodFrom: inspectionPlans.periodFrom,
  periodTo: inspectionPlans.periodTo,
  drawnAt: inspectionPlans.drawnAt,
  classes: inspectionPlans.classes,
  packHash: inspectionPlans.packHash,
};

function planOf(r: {
  id: string;
  name: string;
  authority: string;
  periodFrom: string;
  periodTo: string;
  drawnAt: string | null;
  classes: { drawn: number }[] | null;
}): PublicPlan {
  return {
    id: r.id,
    name: r.name,
    authority: r.authority,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    drawnOn: (r.drawnAt ?? '').slice(0, 10),
    drawn: (r.classes ?? []).reduce((n, c) => n + c.drawn, 0),
  };
}

/** The drawn plans, newest draw first, `limit` at a time after a cursor (the last row's drawnAt and id). */
export async function publicPlans(
  db: Db,
  f: { limit: number; after?: { at: string; id: string } },
): Promise<{ rows: PublicPlan[]; more: boolean; last?: { at: string; id: string } }> {
  const shown = inArray(inspectionPlans.state, [...SHOWN]);
  const after = f.after
    ? or(
        lt(inspectionPlans.drawnAt, f.after.at),
        and(eq(inspectionPlans.drawnAt, f.after.at), lt(inspectionPlans.id, f.after.id)),
      )
    : undefined;
  const rows = await db
    .select(columns)
    .from(inspectionPlans)
    .innerJoin(organisations, eq(organisations.code, inspectionPlans.orgCode))
    .where(after ? and(shown, after) : shown)
    .orderBy(desc(inspectionPlans.drawnAt), desc(inspectionPlans.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map(planOf),
    more: rows.length > f.limit,
    ...(last ? { last: { at: last.drawnAt ?? '', id: last.id } } : {}),
  };
}

/** One drawn plan with its finished inspections' results, or undefined (missing or not drawn). */
export async function publicPlan(db: Db, packs: Pick<PackRegistry, 'byHash'>, id: string) {
  const [row] = await db
    .select({ plan: inspectionPlans, authority: organisations.name })
    .from(inspectionPlans)
    .innerJoin(organisations, eq(organisations.code, inspectionPlans.orgCode))
    .where(and(eq(inspectionPlans.id, id), inArray(inspectionPlans.state, [...SHOWN])));
  if (!row) return undefined;
  const pack = await packs.byHash(row.plan.packHash);
  const results = await planResults(db, pack, row.plan);
  const plan = planOf({ ...row.plan, authority: row.authority });
  return { plan, results, pending: plan.drawn - results.length, opened: row.plan.state === 'opened' };
}
