/**
 * Statistics benchmark: the supervision page's queries (platform/src/statistics, reading the
 * rollups the case triggers keep and each officer's cases, case_officers) against a baseline in the same run — the plain SQL
 * GROUP BY over the `cases` table, with the indexes that table has for the app's own queries, that
 * gives the same figures. The database is a temp libsql file with the Binhai pack active (its 110
 * enforcement subjects), ~27 certified officers per subject and N cases over four years (opened
 * through INSERTs, so the triggers fill the rollup as the app's writes do), each with two officers,
 * a matter its subject implements (or a legal-affairs matter) and a state of its workflow: ended
 * (mostly in its first end state) unless recent — open with 1 % after half a year, 20 % after a
 * quarter, 60 % before — and ~10 events per case in the audit chain's table (`audit_events`, with
 * its indexes: the case's opening, its transitions, documents and reviews; 10,000,000 at 1,000,000
 * cases), written by one INSERT … SELECT per batch. Each query runs `--runs` times after one
 * warm-up; p50 and p90 are reported with the ratio.
 *
 * Usage: npx tsx platform/bench/statistics-bench.ts [--cases 200000] [--runs 15] [--events 10]
 *          [--db file]   (build the data into this file and keep it; when it exists, reuse it)
 *          [--bulk]      (load with the rollups' triggers set aside, then count the rollups once)
 *          [--only words] (only the queries whose name holds the words, e.g. --only 'by month')
 *        (--cases 1000000 for the issue's scale)
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { authorityItemsOf } from '../src/alerts/subjects.ts';
import type { Actor, Scope } from '../src/auth/access.ts';
import { openDb } from '../src/db/client.ts';
import { cases, organisations, type UserRow } from '../src/db/schema.ts';
import { seededUnit } from '../src/random/seeded-sample.ts';
import { createServices } from '../src/services.ts';
import { statisticsCases } from '../src/statistics/case-list.ts';
import { monthStart } from '../src/statistics/month.ts';
import type { StatisticsFilters } from '../src/statistics/rollup.ts';
import { type GroupBy, statisticsTable } from '../src/statistics/table.ts';
import { binhaiBundle } from '../test/harness.ts';
import { insertBenchOfficers } from './officers.ts';
import { setAsideRollupTriggers } from './rollups-bulk.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('cases', 200_000);
const EVENTS = arg('events', 10);
const BULK = process.argv.includes('--bulk');
const dbArg = process.argv.indexOf('--db') > 0 ? process.argv[process.argv.indexOf('--db') + 1] : undefined;
const RUNS = arg('runs', 15);
// --only <words>: the queries whose name holds these words (e.g. --only 'by month'), the rest left out.
const ONLY = process.argv.indexOf('--only') > 0 ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const OFFICERS_PER_SUBJECT = 27;
const YEARS = 4;
const LAST_YEAR = 2026;

const dir = mkdtempSync(join(tmpdir(), 'yifa-stats-bench-'));
const file = dbArg ?? join(dir, 'stats.db');
const reuse = dbArg !== undefined && existsSync(dbArg);
// Opening applies the checked-in migrations; on a file made before one, its backfill is timed here.
const opening = performance.now();
const db = await openDb(`file:${file}`);
const openS = (performance.now() - opening) / 1000;
const services = createServices(db, { filesDir: join(dir, 'files') });
if (!reuse) {
  const report = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'bench' });
  await services.packs.activate(report.hash, 'bench');
}
const { pack, hash: packHash } = await services.packs.active();
console.log(
  `${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

// A small deterministic generator (mulberry32), so two runs build the same data.
const rnd = seededUnit(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const orgs = await db.select().from(organisations);
const subjects = orgs.filter((o) => o.enforcementSubject);
const legal = [...pack.items.matter.values()].filter((m) => m.category === 'legal-affairs');
const mattersOf = new Map(
  subjects.map((s) => {
    const items = authorityItemsOf(pack, s);
    const own = [...pack.items.matter.values()].filter((m) => m.authorityItem && items.has(m.authorityItem));
    return [s.code, own.length ? own : legal];
  }),
);

const started = performance.now();
let rollupS = 0;
if (!reuse) {
  // With --bulk the rollups' triggers are set aside during the load and the rollups counted once
  // from the cases afterwards (statistics/recount.ts, which recount.test.ts proves equal to the
  // triggers' counts): the same rollups, built in minutes instead of an hour on a shared machine.
  // A 512 MiB page cache for the load: the indexes of millions of rows are written at random places.
  if (BULK) await db.transaction((tx) => tx.run(sql`PRAGMA cache_size = -524288`));
  const restore = BULK ? await setAsideRollupTriggers(db) : undefined;
  // Officers: certified, ~27 per subject (110 subjects: ~3,000).
  const officerIds = await insertBenchOfficers(db, subjects, OFFICERS_PER_SUBJECT);

  // Cases, in transactions of 20,000 and statements of 400 rows; the triggers fill the rollup.
  const span = YEARS * 365 * 86_400_000;
  const end = Date.parse(`${LAST_YEAR}-12-31T16:00:00Z`);
  let made = 0;
  while (made < N) {
    const batch = Math.min(20_000, N - made);
    const [last] = await db.all<{ r: number | null }>(sql`SELECT max(rowid) AS r FROM cases`);
    const firstRow = Number(last?.r ?? 0);
    await db.transaction(async (tx) => {
      for (let b = 0; b < batch; b += 400) {
        const rows: (typeof cases.$inferInsert)[] = [];
        for (let i = 0; i < Math.min(400, batch - b); i++) {
          const s = pick(subjects);
          const m = pick(mattersOf.get(s.code) ?? legal);
          const wf = pack.items.workflow.get(m.workflow);
          const states = wf?.states ?? [];
          const terminal = states.filter((x) => x.terminal);
          const running = states.filter((x) => !x.terminal);
          const openedMs = end - rnd() * span;
          // Older cases have ended (a penalty case has 90 days, extensions aside): open with 1 % after
          // half a year, 20 % after a quarter, 60 % before; an ended case mostly in its first end state.
          const age = (end - openedMs) / 86_400_000;
          const open = rnd() < (age > 180 ? 0.01 : age > 90 ? 0.2 : 0.6);
          const st =
            open && running.length ? pick(running) : rnd() < 0.9 && terminal.length ? terminal[0] : pick(terminal);
          const ids = officerIds.get(s.code) as string[];
          const a = pick(ids);
          let other = pick(ids);
          if (other === a) other = ids[(ids.indexOf(a) + 1) % ids.length] as string;
          const opened = new Date(openedMs).toISOString();
          const n = made + b + i;
          rows.push({
            id: `c${n}`,
            number: `B${n}`,
            matterCode: m.code,
            workflowCode: m.workflow,
            category: m.category,
            subjectOrg: s.code,
            subjectPath: s.path,
            packHash,
            state: st?.code ?? 'filing',
            party: { kind: 'person', name: '某', idNumber: 'x' },
            facts: {},
            officers: [a, other],
            stateEntered: {},
            extensions: {},
            openedAt: opened,
            closedAt: st?.terminal ? opened : null,
            createdBy: a,
          });
        }
        await tx.insert(cases).values(rows);
      }
    });
    // ~EVENTS events per case (the opening, transitions, documents, reviews), in the same order as the app writes them.
    if (EVENTS > 0)
      await db.run(
        sql.raw(`INSERT INTO audit_events (at, actor, action, case_id, target, before, after, prev_hash, hash)
      SELECT strftime('%Y-%m-%dT%H:%M:%fZ', c.opened_at, '+' || (k.n * 7) || ' hours'), json_extract(c.officers, '$[0]'),
        CASE WHEN k.n = 0 THEN 'case.open' WHEN k.n % 3 = 0 THEN 'document.issue' WHEN k.n % 5 = 0 THEN 'review.request'
          ELSE 'case.transition' END,
        c.id, 'case:' || c.id, json_object('state', 'investigation'), json_object('state', c.state, 'step', k.n),
        hex(randomblob(32)), hex(randomblob(32))
      FROM cases AS c, (WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ${Math.floor(EVENTS / 2) + EVENTS}) SELECT n FROM k) AS k
      WHERE c.rowid > ${firstRow} AND k.n < ${Math.floor(EVENTS / 2)} + (c.rowid * 7919) % ${EVENTS + 1}
      ORDER BY c.rowid, k.n`),
      );
    made += batch;
    process.stdout.write(`\r${made.toLocaleString()} cases`);
  }
  if (restore) rollupS = await restore();
}
const loadS = (performance.now() - started) / 1000;
const count = async (t: string) =>
  Number((await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${t}`)))[0]?.n);
const [{ n: caseCount } = { n: 0 }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM cases`);
console.log(
  `\r${Number(caseCount).toLocaleString()} cases ${
    reuse
      ? 'reused from the file'
      : `loaded in ${loadS.toFixed(1)} s (${Math.round(N / loadS).toLocaleString()}/s, ${BULK ? `rollups counted after the load in ${rollupS.toFixed(1)} s` : 'triggers on'})`
  }; ` +
    `audit_events ${(await count('audit_events')).toLocaleString()} rows; ` +
    `case_counts ${(await count('case_counts')).toLocaleString()} rows, case_state_counts ${(await count('case_state_counts')).toLocaleString()}, ` +
    `case_closings ${(await count('case_closings')).toLocaleString()}, officer_counts ${(await count('officer_counts')).toLocaleString()}, ` +
    `case_period_counts ${(await count('case_period_counts')).toLocaleString()}, case_officers ${(await count('case_officers')).toLocaleString()}; ` +
    `file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB; opened (migrations applied) in ${openS.toFixed(1)} s`,
);
await db.run(sql`ANALYZE`);

function actorOf(orgCode: string, role: string): Actor {
  const org = orgs.find((o) => o.code === orgCode);
  const r = pack.items.role.get(role);
  if (!org || !r) throw new Error(`no ${orgCode} or ${role}`);
  const user = { id: `bench-${role}`, orgCode, roles: [role] } as UserRow;
  return { user, orgPath: org.path, roles: [r] };
}
const centre = actorOf('120116-SFJ', 'supervisor');
const sectorHead = actorOf('120116-SCJ', 'sector-supervisor');

const yearFrom = `${LAST_YEAR}-01`;
const yearTo = `${LAST_YEAR}-12`;
const bigSubject = '120116-SCJ';
// An officer of the subject with cases (the drill-down's last level), the same in every run over the same data.
const [{ id: anOfficer } = { id: '' }] = await db.all<{ id: string }>(
  sql`SELECT officer_id AS id FROM officer_counts WHERE length(period) = 4 AND subject_org = ${bigSubject}
    GROUP BY 1 ORDER BY sum(cases) DESC, 1 LIMIT 1`,
);

const table = (actor: Actor, scope: Scope, groupBy: GroupBy, filters: Partial<StatisticsFilters>, pageSize = 50) =>
  statisticsTable(db, pack, actor, scope, {
    groupBy,
    filters: { orgs: [], ...filters },
    sort: '-cases',
    page: 1,
    pageSize,
    today: `${LAST_YEAR}-12-31`,
  });

const yearStart = monthStart(yearFrom);
const yearEnd = monthStart(yearTo, true);
const q = (text: string) => () => db.all(sql.raw(text));
const inYear = `opened_at >= '${yearStart}' AND opened_at < '${yearEnd}'`;
/** Each page query and the plain GROUP BY over `cases` that gives its figures. */
const pairs: { name: string; page: () => Promise<unknown>; baseline: () => Promise<unknown> }[] = [
  {
    name: 'first screen: district, this year (centre)',
    page: () => table(centre, 'all', 'district', { from: yearFrom, to: yearTo }),
    baseline: async () => {
      await q(
        `SELECT subject_org, matter_code, closed_at IS NOT NULL, count(*) FROM cases WHERE ${inYear} GROUP BY 1, 2, 3`,
      )();
      await q(
        `SELECT subject_org, count(DISTINCT j.value) FROM cases, json_each(cases.officers) AS j WHERE ${inYear} GROUP BY 1`,
      )();
    },
  },
  {
    name: 'subjects of the district, this year',
    page: () => table(centre, 'all', 'subject', { orgs: ['120116-GOV'], from: yearFrom, to: yearTo }, 500),
    baseline: async () => {
      await q(
        `SELECT subject_org, matter_code, closed_at IS NOT NULL, count(*) FROM cases WHERE ${inYear} GROUP BY 1, 2, 3`,
      )();
      await q(
        `SELECT subject_org, count(DISTINCT j.value) FROM cases, json_each(cases.officers) AS j WHERE ${inYear} GROUP BY 1`,
      )();
    },
  },
  {
    name: 'subjects, all years',
    page: () => table(centre, 'all', 'subject', {}, 500),
    baseline: async () => {
      await q(`SELECT subject_org, matter_code, closed_at IS NOT NULL, count(*) FROM cases GROUP BY 1, 2, 3`)();
      await q(`SELECT subject_org, count(DISTINCT j.value) FROM cases, json_each(cases.officers) AS j GROUP BY 1`)();
    },
  },
  {
    name: 'officers of one subject, all years',
    page: () => table(centre, 'all', 'officer', { orgs: [bigSubject] }),
    baseline: q(
      `SELECT j.value, matter_code, closed_at IS NOT NULL, count(*) FROM cases, json_each(cases.officers) AS j
       WHERE subject_org = '${bigSubject}' GROUP BY 1, 2, 3`,
    ),
  },
  {
    name: 'by month, all years',
    page: () => table(centre, 'all', 'month', {}),
    baseline: q(
      `SELECT strftime('%Y-%m', opened_at, '+480 minutes'), matter_code, closed_at IS NOT NULL, count(*) FROM cases GROUP BY 1, 2, 3`,
    ),
  },
  {
    name: 'by state, this year',
    page: () => table(centre, 'all', 'state', { from: yearFrom, to: yearTo }),
    baseline: q(
      `SELECT state, matter_code, closed_at IS NOT NULL, count(*) FROM cases WHERE ${inYear} GROUP BY 1, 2, 3`,
    ),
  },
  {
    name: 'sector supervisor: subjects, this year',
    page: () => table(sectorHead, 'sector-supervised', 'subject', { from: yearFrom, to: yearTo }),
    baseline: q(
      `SELECT subject_org, matter_code, closed_at IS NOT NULL, count(*) FROM cases
       WHERE subject_path = '120116-GOV/120116-SCJ' OR subject_path LIKE '%-SCJ' AND ${inYear} GROUP BY 1, 2, 3`,
    ),
  },
  {
    name: 'cases of one officer (last level, page 1)',
    page: () => statisticsCases(db, pack, centre, 'all', { orgs: [bigSubject], officer: anOfficer }, 1, 20),
    baseline: q(
      `SELECT id, number FROM cases WHERE subject_org = '${bigSubject}'
       AND EXISTS (SELECT 1 FROM json_each(cases.officers) WHERE json_each.value = '${anOfficer}')
       ORDER BY opened_at DESC LIMIT 20`,
    ),
  },
];

async function timed(f: () => Promise<unknown>): Promise<number[]> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

console.log(`\n${RUNS} runs each after a warm-up; times in ms\n`);
console.log(
  '| query | page p50 | page p90 | baseline p50 | baseline p90 | page / baseline (p50) | p50 ≤ 50 ms | ≤ 1/10 |',
);
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const p of pairs) {
  if (ONLY && !p.name.includes(ONLY)) continue;
  const page = await timed(p.page);
  const base = await timed(p.baseline);
  const ratio = pct(page, 0.5) / pct(base, 0.5);
  console.log(
    `| ${p.name} | ${pct(page, 0.5).toFixed(1)} | ${pct(page, 0.9).toFixed(1)} | ${pct(base, 0.5).toFixed(1)} | ${pct(base, 0.9).toFixed(1)} | ${
      ratio >= 0.1 ? ratio.toFixed(2) : `1/${Math.round(1 / ratio)}`
    } | ${pct(page, 0.5) <= 50 ? 'met' : '**not met**'} | ${ratio <= 0.1 ? 'met' : '**not met**'} |`,
  );
}
db.$client.close();
rmSync(dir, { recursive: true, force: true });
if (dbArg) console.log(`data kept in ${dbArg}`);
