/**
 * The reads migration 0032 serves give the answers of a plain query over `cases`: one officer's
 * cases (the drill-down's last level, paged from case_officers) equal the cases whose officer list
 * names the officer, in scope and filters, newest first — for every officer, each data scope
 * (all, sector-supervised, subject-tree, subject, own), organisation trees, matters, a state and
 * months, on two pages; and the grouping by month and by year (every subject summed from
 * case_period_counts, a scope from case_counts) equals a GROUP BY of the legal month opened.
 * A real database (temp libsql file, the checked-in migrations, the Binhai pack), cases written,
 * moved, reassigned and deleted in random order from a fixed seed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedPack } from '@yifa/metamodel';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { binhaiBundle } from '../../test/harness.ts';
import type { Actor, Scope } from '../auth/access.ts';
import { openDb } from '../db/client.ts';
import { cases, type OrganisationRow, organisations, type UserRow } from '../db/schema.ts';
import { seededUnit } from '../random/seeded-sample.ts';
import { createServices } from '../services.ts';
import { caseScope } from '../storage/scope.ts';
import { statisticsCases } from './case-list.ts';
import { ensureLegalMonths, legalMonthModifier, monthStart } from './month.ts';
import type { StatisticsFilters } from './rollup.ts';
import { statisticsTable } from './table.ts';

type Db = Awaited<ReturnType<typeof openDb>>;
let db: Db;
let pack: ResolvedPack;
let orgs: OrganisationRow[];

// mulberry32: the same cases on every run.
const rnd = seededUnit(15);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const GOV = '120116-GOV';
const SCJ = '120116-SCJ';
const SUBJECTS = [SCJ, '120116-BSQ-SCJ', '120116-TEDA-SCJ', '120116-STJ', '120116-BSQ-STJ'];
const OFFICERS = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
// Instants around the ends of months and years (UTC and Beijing months differ there), 2023–2026.
const INSTANTS = [
  '2023-02-10T03:00:00.000Z',
  '2023-12-31T16:30:00.000Z',
  '2024-06-30T15:59:00.000Z',
  '2024-06-30T16:00:00.000Z',
  '2025-01-15T02:00:00.000Z',
  '2025-12-31T15:30:00.000Z',
  '2026-03-31T17:00:00.000Z',
  '2026-11-02T08:00:00.000Z',
];

function actorOf(orgCode: string, role: string, id = `reader-${role}`): Actor {
  const org = orgs.find((o) => o.code === orgCode);
  const r = pack.items.role.get(role);
  if (!org || !r) throw new Error(`no ${orgCode} or ${role}`);
  return { user: { id, orgCode, roles: [role] } as UserRow, orgPath: org.path, roles: [r] };
}

const pathOf = (code: string) => orgs.find((o) => o.code === code)?.path as string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-stat-reads-'));
  db = await openDb(`file:${join(dir, 'yifa.db')}`);
  const services = createServices(db, { filesDir: join(dir, 'files') });
  const report = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'test' });
  await services.packs.activate(report.hash, 'test');
  ({ pack } = await services.packs.active());
  orgs = await db.select().from(organisations);
  await ensureLegalMonths(db);
  const matters = [...pack.items.matter.values()].slice(0, 6);
  const officersOf = () => {
    const n = 1 + Math.floor(rnd() * 3);
    return Array.from({ length: n }, () => pick(OFFICERS)); // sometimes one officer twice
  };
  const live: string[] = [];
  for (let i = 0; i < 360; i++) {
    const subject = pick(SUBJECTS);
    const m = pick(matters);
    const states = pack.items.workflow.get(m.workflow)?.states ?? [];
    const st = pick(states);
    await db.insert(cases).values({
      id: `c${i}`,
      number: `N${String(i).padStart(4, '0')}`,
      matterCode: m.code,
      workflowCode: m.workflow,
      category: m.category,
      subjectOrg: subject,
      subjectPath: pathOf(subject),
      packHash: report.hash,
      state: st?.code ?? 'filing',
      party: { kind: 'person', name: '某', idNumber: 'x' },
      facts: {},
      officers: officersOf(),
      stateEntered: {},
      extensions: {},
      // Some cases opened at the same instant: the number orders them.
      openedAt: pick(INSTANTS),
      closedAt: st?.terminal ? pick(INSTANTS) : null,
      createdBy: pick(OFFICERS),
    });
    live.push(`c${i}`);
  }
  for (let step = 0; step < 200; step++) {
    const id = pick(live);
    const r = rnd();
    if (r < 0.4) await db.update(cases).set({ officers: officersOf() }).where(eq(cases.id, id));
    else if (r < 0.6) {
      const subject = pick(SUBJECTS);
      await db
        .update(cases)
        .set({ subjectOrg: subject, subjectPath: pathOf(subject) })
        .where(eq(cases.id, id));
    } else if (r < 0.75)
      await db
        .update(cases)
        .set({ matterCode: pick(matters).code })
        .where(eq(cases.id, id));
    else if (r < 0.9)
      await db
        .update(cases)
        .set({ openedAt: pick(INSTANTS) })
        .where(eq(cases.id, id));
    else {
      await db.delete(cases).where(eq(cases.id, id));
      live.splice(live.indexOf(id), 1);
    }
  }
}, 60_000);

/** The cases of the scope and filters as a plain query over `cases` reads them, newest first. */
async function expected(actor: Actor, scope: Scope, f: StatisticsFilters): Promise<string[]> {
  const paths = f.orgs.map(pathOf);
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        caseScope(actor, scope),
        ...paths.map((p) => sql`(${cases.subjectPath} = ${p} OR ${cases.subjectPath} LIKE ${`${p}/%`})`),
        f.officer
          ? sql`EXISTS (SELECT 1 FROM json_each(${cases.officers}) WHERE json_each.value = ${f.officer})`
          : undefined,
        f.matters ? inArray(cases.matterCode, f.matters) : undefined,
        f.state ? eq(cases.state, f.state) : undefined,
        f.from ? sql`${cases.openedAt} >= ${monthStart(f.from)}` : undefined,
        f.to ? sql`${cases.openedAt} < ${monthStart(f.to, true)}` : undefined,
      ) as SQL,
    )
    .orderBy(desc(cases.openedAt), desc(cases.number));
  return rows.map((r) => r.id);
}

describe("one officer's cases", () => {
  it('equal the cases naming the officer, in every scope and filter, page by page', async () => {
    const readers: [Actor, Scope][] = [
      [actorOf('120116-SFJ', 'supervisor'), 'all'],
      [actorOf(SCJ, 'sector-supervisor'), 'sector-supervised'],
      [actorOf(SCJ, 'department-head'), 'subject-tree'],
      [actorOf('120116-STJ', 'department-head'), 'subject'],
      [actorOf(SCJ, 'officer', 'o2'), 'own'],
    ];
    const [someMatter, otherMatter] = [...pack.items.matter.keys()];
    const filters: Omit<StatisticsFilters, 'officer'>[] = [
      { orgs: [] },
      { orgs: [SCJ] },
      { orgs: [GOV], matters: [someMatter as string, otherMatter as string] },
      { orgs: [], from: '2024-06', to: '2025-12' },
      { orgs: [], state: 'filing' },
      { orgs: ['120116-BSQ'], to: '2025-01' },
    ];
    let compared = 0;
    let nonEmpty = 0;
    for (const [actor, scope] of readers)
      for (const f of filters)
        for (const officer of OFFICERS) {
          const want = await expected(actor, scope, { ...f, officer });
          for (const page of [1, 2]) {
            const got = await statisticsCases(db, pack, actor, scope, { ...f, officer }, page, 7);
            expect({ scope, f, officer, page, total: got.total, ids: got.items.map((c) => c.id) }).toEqual({
              scope,
              f,
              officer,
              page,
              total: want.length,
              ids: want.slice((page - 1) * 7, page * 7),
            });
            compared++;
          }
          if (want.length > 7) nonEmpty++;
        }
    expect(compared).toBe(5 * 6 * 6 * 2);
    // The comparisons are not of empty lists: most fill a second page.
    expect(nonEmpty).toBeGreaterThan(60);
  });
});

describe('the grouping by month and by year', () => {
  it('equals a GROUP BY of the legal month opened, over every subject and within a scope', async () => {
    const modifier = legalMonthModifier();
    const readers: [Actor, Scope][] = [
      [actorOf('120116-SFJ', 'supervisor'), 'all'],
      [actorOf(SCJ, 'sector-supervisor'), 'sector-supervised'],
    ];
    for (const [actor, scope] of readers)
      for (const [groupBy, len] of [
        ['month', 7],
        ['year', 4],
      ] as const) {
        const rows = await db.all<{ k: string; n: number; closed: number }>(
          sql`SELECT substr(strftime('%Y-%m', ${cases.openedAt}, ${modifier}), 1, ${len}) AS k, count(*) AS n,
            count(${cases.closedAt}) AS closed FROM ${cases} WHERE ${caseScope(actor, scope) ?? sql`1`} GROUP BY 1 ORDER BY 1`,
        );
        const table = await statisticsTable(db, pack, actor, scope, {
          groupBy,
          filters: { orgs: [] },
          sort: 'name',
          page: 1,
          pageSize: 500,
          today: '2026-12-31',
        });
        expect({ scope, groupBy, rows: table.rows.map((r) => [r.key, r.cases, r.closed]) }).toEqual({
          scope,
          groupBy,
          rows: rows.map((r) => [r.k, Number(r.n), Number(r.closed)]),
        });
        expect(rows.length).toBeGreaterThan(groupBy === 'month' ? 6 : 3);
      }
  });
});
