/**
 * Assessment benchmark: the year's 考核评议 of every Binhai enforcement subject (110) on the
 * scheme binhai-2026 — measuring every metric from the recorded rows (assessment/measure.ts),
 * scoring with the rules, ranking, and storing the run with its results and audit event in one
 * transaction (computeRun, what POST /assessments/{scheme}/runs does) — against a baseline in the
 * same run: a plain SQL GROUP BY over `cases` for the year (cases, closed, distinct matters and,
 * in a second statement, distinct officers per subject), with the indexes the table already has.
 *
 * Data: a temp libsql file with the Binhai pack active, 27 certified officers per subject, N cases
 * over four years (2023–2026) on matters each subject implements (penalty-ordinary), each with two
 * officers; ~80 % closed, of which ~30 % went through 法制审核 with an opinion (95 % agreeing);
 * N/20 case sources. Each side runs `--runs` times after one warm-up; p50 and p90 are reported.
 *
 * With `--db <file>` (a database made by `yifa demo generate`, Binhai pack active) the bench makes
 * no data: it assesses that file's subjects for the year (`--year`, default 2026). Each timed run
 * stores a draft run, its 110 result rows and its audit event in the file: give it a copy.
 *
 * Usage: npx tsx platform/bench/assessment-bench.ts [--cases 200000] [--runs 7] [--bulk] [--db file] [--year 2026]
 *        (--bulk: load with the rollups' triggers set aside, then count the rollups once)
 *        (--cases 1000000 for the issue's scale; goal ≤ 1 s)
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { authorityItemsOf, enforcementSubjects, measureSubjects } from '../src/assessment/measure.ts';
import { computeRun } from '../src/assessment/runs.ts';
import type { Actor } from '../src/auth/access.ts';
import { openDb } from '../src/db/client.ts';
import { caseSources, cases, organisations, reviews, type UserRow } from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';
import { startOfLegalDay } from '../src/time.ts';
import { binhaiBundle } from '../test/harness.ts';
import { insertBenchOfficers } from './officers.ts';
import { setAsideRollupTriggers } from './rollups-bulk.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 7);
const BULK = process.argv.includes('--bulk');
const OFFICERS_PER_SUBJECT = 27;
const YEARS = 4;
const YEAR = arg('year', 2026);
const dbAt = process.argv.indexOf('--db');
const generatedFile = dbAt > 0 ? process.argv[dbAt + 1] : undefined;
if (generatedFile && !existsSync(generatedFile))
  throw new Error(`${generatedFile} does not exist (yifa demo generate --file …, then a copy)`);

const dir = mkdtempSync(join(tmpdir(), 'yifa-assessment-bench-'));
const file = generatedFile ?? join(dir, 'assessment.db');
const db = await openDb(`file:${file}`);
const services = createServices(db, { filesDir: join(dir, 'files') });
if (!generatedFile) {
  const imported = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'bench' });
  await services.packs.activate(imported.hash, 'bench');
}
const { pack, hash } = await services.packs.active();
const scheme = pack.items.assessment.get('binhai-2026');
if (!scheme) throw new Error('no binhai-2026 in the pack');
console.log(
  `${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

const orgs = await db.select().from(organisations);
let N = arg('cases', 200_000);
if (generatedFile) {
  const [count] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM cases`);
  N = Number(count?.n ?? 0);
  const [sources] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM case_sources`);
  console.log(
    `${generatedFile}: ${N.toLocaleString()} cases, ${Number(sources?.n ?? 0).toLocaleString()} case sources; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
  );
} else await load();

/** Builds the bench's own data (without --db). */
async function load() {
  // A small deterministic generator, so two runs build the same data.
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

  const subjects = orgs.filter((o) => o.enforcementSubject);
  const mattersOf = new Map(
    subjects.map((s) => {
      const items = authorityItemsOf(pack, s);
      return [s.code, [...pack.items.matter.values()].filter((m) => m.authorityItem && items.has(m.authorityItem))];
    }),
  );
  const withMatters = subjects.filter((s) => (mattersOf.get(s.code) ?? []).length > 0);

  const officerIds = await insertBenchOfficers(db, subjects, OFFICERS_PER_SUBJECT, () =>
    rnd() < 0.95 ? '2099-12-31' : '2026-06-30',
  );

  const OPEN_PATH = ['filing', 'investigation', 'case-review'];
  const REVIEWED = [
    'filing',
    'investigation',
    'case-review',
    'legal-review',
    'notification',
    'decision',
    'service',
    'execution',
    'closed',
  ];
  const UNREVIEWED = [
    'filing',
    'investigation',
    'case-review',
    'notification',
    'decision',
    'service',
    'execution',
    'closed',
  ];
  const started = performance.now();
  const span = YEARS * 365 * 86_400_000;
  const end = Date.parse(`${YEAR}-12-31T16:00:00Z`);
  // A 512 MiB page cache for the load: the indexes of millions of rows are written at random places.
  if (BULK) await db.transaction((tx) => tx.run(sql`PRAGMA cache_size = -524288`));
  const restore = BULK ? await setAsideRollupTriggers(db) : undefined;
  let made = 0;
  while (made < N) {
    const batch = Math.min(20_000, N - made);
    await db.transaction(async (tx) => {
      for (let b = 0; b < batch; b += 400) {
        const rows: (typeof cases.$inferInsert)[] = [];
        const opinions: (typeof reviews.$inferInsert)[] = [];
        for (let i = 0; i < Math.min(400, batch - b); i++) {
          const s = pick(withMatters);
          const m = pick(mattersOf.get(s.code) ?? []);
          const ids = officerIds.get(s.code) as string[];
          const a = pick(ids);
          let other = pick(ids);
          if (other === a) other = ids[(ids.indexOf(a) + 1) % ids.length] as string;
          const opened = new Date(end - rnd() * span).toISOString();
          const closed = rnd() < 0.8;
          const reviewed = closed && rnd() < 0.3;
          const path = closed ? (reviewed ? REVIEWED : UNREVIEWED) : OPEN_PATH;
          const n = made + b + i;
          rows.push({
            id: `c${n}`,
            number: `B${n}`,
            matterCode: m.code,
            workflowCode: m.workflow,
            category: m.category,
            subjectOrg: s.code,
            subjectPath: s.path,
            packHash: hash,
            state: path[path.length - 1] as string,
            party: { kind: 'person', name: '某', idNumber: 'x' },
            facts: {},
            officers: [a, other],
            stateEntered: Object.fromEntries(path.map((st) => [st, opened])),
            extensions: {},
            openedAt: opened,
            closedAt: closed ? new Date(Date.parse(opened) + 30 * 86_400_000).toISOString() : null,
            createdBy: a,
          });
          if (reviewed)
            opinions.push({
              id: `r${n}`,
              caseId: `c${n}`,
              requestedBy: a,
              opinion: rnd() < 0.95 ? 'agree' : 'disagree',
            });
        }
        await tx.insert(cases).values(rows);
        if (opinions.length) await tx.insert(reviews).values(opinions);
      }
    });
    made += batch;
    process.stdout.write(`\r${made.toLocaleString()} cases`);
  }
  const sources: (typeof caseSources.$inferInsert)[] = [];
  for (let i = 0; i < N / 20; i++) {
    const s = pick(withMatters);
    const received = new Date(end - rnd() * span).toISOString().slice(0, 10);
    const due = new Date(Date.parse(received) + 21 * 86_400_000).toISOString().slice(0, 10);
    const decided = rnd() < 0.9;
    sources.push({
      id: `s${i}`,
      subjectOrg: s.code,
      subjectPath: s.path,
      packHash: hash,
      kind: rnd() < 0.4 ? 'complaint-report' : 'inspection',
      receivedOn: received,
      description: '线索',
      registeredBy: 'bench',
      dueOn: due,
      outcome: decided ? 'filed' : 'pending',
      decidedAt: decided ? new Date(Date.parse(received) + rnd() * 25 * 86_400_000).toISOString() : null,
    });
  }
  for (let i = 0; i < sources.length; i += 400) await db.insert(caseSources).values(sources.slice(i, i + 400));
  const rollupS = restore ? await restore() : 0;
  const loadS = (performance.now() - started) / 1000;
  console.log(
    `\r${N.toLocaleString()} cases, ${sources.length.toLocaleString()} case sources, ${(subjects.length * OFFICERS_PER_SUBJECT).toLocaleString()} officers ` +
      `loaded in ${loadS.toFixed(1)} s${BULK ? ` (rollups counted after the load: ${rollupS.toFixed(1)} s)` : ''}; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
  );
  await db.run(sql`ANALYZE`);
}

const org = orgs.find((o) => o.code === '120116-SFJ');
const role = pack.items.role.get('supervisor');
if (!org || !role) throw new Error('no 120116-SFJ or supervisor');
const centre: Actor = {
  user: { id: 'bench-supervisor', orgCode: org.code, roles: ['supervisor'] } as UserRow,
  orgPath: org.path,
  roles: [role],
};
const period = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
const start = startOfLegalDay(period.from).toISOString();
const stop = startOfLegalDay(`${YEAR + 1}-01-01`).toISOString();

let subjectsScored = 0;
const assessment = async () => {
  const run = await computeRun(db, {
    actor: centre,
    scope: 'all',
    pack,
    packHash: hash,
    scheme,
    period,
    asOf: period.to,
    at: new Date().toISOString(),
  });
  subjectsScored = (run.summary as { subjects: number }).subjects;
};
const baseline = async () => {
  await db.all(sql`SELECT subject_org, count(*), sum(closed_at IS NOT NULL AND closed_at < ${stop}),
    count(DISTINCT matter_code) FROM cases WHERE opened_at >= ${start} AND opened_at < ${stop} GROUP BY subject_org`);
  await db.all(sql`SELECT subject_org, count(DISTINCT j.value) FROM cases, json_each(cases.officers) AS j
    WHERE opened_at >= ${start} AND opened_at < ${stop} GROUP BY subject_org`);
};

const time = async (fn: () => Promise<unknown>) => {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number;
  return { p50: q(0.5), p90: q(0.9) };
};
console.log(
  `measuring; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const base = await time(baseline);
const ours = await time(assessment);
// Each pass of the measurement on its own (p50), to see where the time goes.
const passes = [
  [
    'counts and matters (rollup case_closings)',
    ['enforcementActions', 'inspections', 'cases', 'closedCases', 'authorityItemsExercised'],
  ],
  ['officers who acted (rollup officer_counts)', ['officersWithCases']],
  ['major cases (rollup review_marks)', ['majorCases', 'majorCasesReviewed']],
  ['officers and certificates (users)', ['officers', 'certifiedOfficers']],
  ['case sources', ['overdueCaseSources', 'complaints', 'complaintsHandled']],
] as const;
const all = await enforcementSubjects(db);
const passTimes: string[] = [];
for (const [name, metrics] of passes)
  passTimes.push(
    `${name} ${(await time(() => measureSubjects(db, pack, all, period, period.to, metrics))).p50.toFixed(0)} ms`,
  );
const [inYear] = await db.all<{ n: number }>(
  sql`SELECT count(*) AS n FROM cases WHERE opened_at >= ${start} AND opened_at < ${stop}`,
);
console.log(
  `\nyear ${YEAR}: ${Number(inYear?.n).toLocaleString()} of ${N.toLocaleString()} cases; ${subjectsScored} subjects scored; ${RUNS} runs each after one warm-up`,
);
console.log(`| what | p50 ms | p90 ms |\n|---|---:|---:|`);
console.log(`| baseline: plain GROUP BY over cases (2 statements) | ${base.p50.toFixed(0)} | ${base.p90.toFixed(0)} |`);
console.log(
  `| assessment run (measure 14 metrics, score, rank, store, audit) | ${ours.p50.toFixed(0)} | ${ours.p90.toFixed(0)} |`,
);
console.log(`passes (p50): ${passTimes.join('; ')}`);
console.log(
  `ratio assessment / baseline (p50): ${(ours.p50 / base.p50).toFixed(2)}×; goal ≤ 1,000 ms at 1,000,000 cases: ${ours.p50 <= 1000 ? 'met' : 'NOT met'} at ${N.toLocaleString()}`,
);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
