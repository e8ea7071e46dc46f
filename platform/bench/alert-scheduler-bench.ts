/**
 * The alert scheduler's pass over N open cases (real Binhai pack, embedded database in a temp
 * folder): the cases are copies of one case opened through the API, spread over the subjects of
 * the market regulator and the days of the last year, half still in 立案 and half in 调查取证. Each
 * pass is timed with the rows it read, against a baseline in the same run — the same keyset pages
 * of the same rows and surroundings read with a bare SELECT and nothing evaluated, and one plain
 * `SELECT * FROM cases WHERE closed_at IS NULL`. The passes are the scheduler's ticks, as a server
 * runs them (under the lease, each with its budget of MAX_CASES_PER_PASS cases, then 我的待办's
 * refresh for a new day): the first ticks of the day sweep the copies (written straight into the
 * table, never judged) and raise their alerts (every filing decision is overdue a month on), a
 * tick after another while the sweep has cases left; a pass later the same day reads no case (each
 * was judged today: only the date changes a verdict between events); the next day's first pass
 * judges its budget of the longest-unjudged cases. Each row gives the tick's wall time and the
 * alert pass's own (runPass) time.
 *
 * With `--db <file>` (a database made by `yifa demo generate`) the bench makes no cases: it
 * works on a copy of that file (the file itself is not changed) with its open cases, the day after
 * the generation's last day, when every open case is due again. With `--forget-checks` the copy's
 * alert_checks rows are deleted first, as if no case had ever been judged: the first passes then
 * sweep every open case.
 *
 * Usage: npx tsx platform/bench/alert-scheduler-bench.ts [--cases 20000] [--page 250] [--db file [--forget-checks]]
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, desc, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { evaluateTouched } from '../src/alerts/after-write.ts';
import {
  createAlertScheduler,
  DEFAULT_PAGE_SIZE,
  MAX_CASES_PER_PASS,
  MAX_PASS_MS,
  type PassReport,
} from '../src/alerts/scheduler.ts';
import { openDb } from '../src/db/client.ts';
import { alertChecks, alerts, auditEvents, cases } from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';
import { surroundings } from '../src/storage/snapshot.ts';
import { startOfLegalDay } from '../src/time.ts';
import { FOOD_FACTS, FOOD_MATTER } from '../test/food-case.ts';
import { startTestServer } from '../test/harness.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
let N = arg('cases', 20_000);
const PAGE = arg('page', DEFAULT_PAGE_SIZE);
const dbAt = process.argv.indexOf('--db');
const generatedFile = dbAt > 0 ? process.argv[dbAt + 1] : undefined;

const OPENED = new Date('2026-03-02T02:00:00Z');
let LATER = new Date('2026-04-01T02:00:00Z');
let clock = OPENED;
const t = performance.now();
let server: Pick<Awaited<ReturnType<typeof startTestServer>>, 'db' | 'services'>;
let template: typeof cases.$inferSelect;
/** The folder of the generated file's copy (removed at the end: it is as large as the file). */
let copyDir: string | undefined;
if (generatedFile) {
  // A copy of the generated file, so the passes' writes leave it as it was for the next bench.
  if (!existsSync(generatedFile)) throw new Error(`${generatedFile} does not exist (yifa demo generate --file …)`);
  copyDir = mkdtempSync(join(tmpdir(), 'yifa-alert-bench-'));
  const copy = join(copyDir, 'generated.db');
  copyFileSync(generatedFile, copy);
  if (existsSync(`${generatedFile}-wal`)) copyFileSync(`${generatedFile}-wal`, `${copy}-wal`);
  const db = await openDb(`file:${copy}`);
  if (process.argv.includes('--forget-checks')) await db.delete(alertChecks);
  const [last] = await db.select({ day: sql<string>`max(${cases.openedAt})` }).from(cases);
  // The day after the generation's last day, 10:00 in Beijing.
  const lastDay = new Date(Date.parse(last?.day ?? '') + 8 * 3_600_000).toISOString().slice(0, 10);
  LATER = new Date(startOfLegalDay(lastDay).getTime() + 86_400_000 + 10 * 3_600_000);
  clock = LATER;
  server = { db, services: createServices(db, { now: () => clock, filesDir: join(copy, '..', 'files') }) };
  const [open] = await db.select().from(cases).where(isNull(cases.closedAt)).limit(1);
  if (!open) throw new Error('the generated file has no open case');
  template = open;
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(cases).where(isNull(cases.closedAt));
  N = Number(count?.n ?? 0) - 1;
} else {
  const started = await startTestServer({ now: () => clock });
  server = started;
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await started.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const wang = await started.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const res = await (await started.as('li.officer')).post('/api/v1/cases', {
    matter: FOOD_MATTER,
    party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    facts: FOOD_FACTS,
    violationDate: '2026-02-20',
    officers: [li.id, wang.id],
  });
  if (res.status !== 201) throw new Error(`opening the template case failed: ${await res.text()}`);
  const [first] = await server.db.select().from(cases);
  if (!first) throw new Error('no template case');
  template = first;

  // N copies, in batches (one transaction each).
  for (let i = 0; i < N; i += 500) {
    const rows = [];
    for (let j = i; j < Math.min(N, i + 500); j++) {
      const opened = new Date(OPENED.getTime() - (j % 365) * 86_400_000).toISOString();
      const investigating = j % 2 === 1;
      rows.push({
        ...template,
        id: randomUUID(),
        number: `${template.number}-${j}`,
        state: investigating ? 'investigation' : 'filing',
        stateEntered: investigating ? { filing: opened, investigation: opened } : { filing: opened },
        openedAt: opened,
        updatedAt: opened,
      });
    }
    await server.db.insert(cases).values(rows);
  }
}
const generated = performance.now() - t;
clock = LATER;

/** The baseline: the same keyset pages of the same rows and surroundings, nothing evaluated. */
async function bareKeyset(): Promise<{ rows: number; ms: number }> {
  const start = performance.now();
  let after = '';
  let rows = 0;
  for (;;) {
    const page = await server.db
      .select({ c: cases, ...surroundings })
      .from(cases)
      .where(and(gt(cases.id, after), isNull(cases.closedAt)))
      .orderBy(asc(cases.id))
      .limit(PAGE);
    rows += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.c.id ?? after;
  }
  return { rows, ms: performance.now() - start };
}

async function bareSelect(): Promise<{ rows: number; ms: number }> {
  const start = performance.now();
  const rows = await server.db.select().from(cases).where(isNull(cases.closedAt));
  return { rows: rows.length, ms: performance.now() - start };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(
  `${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; load ${load()}`,
);
console.log(
  `${N + 1} open cases ${generatedFile ? `in ${generatedFile} (copied in` : 'generated in'} ${(generated / 1000).toFixed(1)} s${generatedFile ? ')' : ''}; pages of ${PAGE}\n`,
);

const keyset = await bareKeyset();
const plain = await bareSelect();
const scheduler = createAlertScheduler(server.services, { holder: 'bench', intervalMinutes: 5, pageSize: PAGE });
/** A tick five minutes after the last, timed. */
async function pass(): Promise<{ report: PassReport; ms: number }> {
  clock = new Date(clock.getTime() + 5 * 60_000);
  const start = performance.now();
  const report = await scheduler.tick();
  if (!report) throw new Error('the bench did not get the lease');
  return { report, ms: performance.now() - start };
}
// The copies were written straight into the table: never judged, so the day's first ticks sweep
// them, at most the budget a tick, until a tick finds none left.
const sweeps: { report: PassReport; ms: number }[] = [];
do sweeps.push(await pass());
while (!sweeps[sweeps.length - 1]?.report.sweepDone && sweeps.length < 1000);
const swept = {
  report: {
    casesRead: sweeps.reduce((n, x) => n + x.report.casesRead, 0),
    swept: sweeps.reduce((n, x) => n + x.report.swept, 0),
    raised: sweeps.reduce((n, x) => n + x.report.raised, 0),
  },
  ms: sweeps.reduce((n, x) => n + x.ms, 0),
};
// Later the same day: every case was judged today; only the subjects are judged.
const same = await pass();
// The next day: every case is due once; a pass judges at most its budget, the longest-unjudged first.
clock = new Date(LATER.getTime() + 86_400_000);
const daily = await pass();
const [open] = await server.db
  .select({ n: sql<number>`count(*)` })
  .from(alerts)
  .where(sql`${alerts.status} <> 'closed'`);

const row = (name: string, rows: number, ms: number, extra = '') =>
  console.log(
    `${name.padEnd(52)} ${String(rows).padStart(8)} rows ${ms.toFixed(0).padStart(8)} ms ${rows ? ((rows / ms) * 1000).toFixed(0).padStart(9) : '        –'} rows/s ${extra}`,
  );
row('baseline: SELECT * FROM cases WHERE open', plain.rows, plain.ms);
row('baseline: keyset pages, row + surroundings', keyset.rows, keyset.ms);
sweeps.forEach((x, i) =>
  row(
    `sweep of never-judged cases: pass ${i + 1} of ${sweeps.length}`,
    x.report.casesRead,
    x.ms,
    `pass ${x.report.ms} ms (subjects ${x.report.subjectsMs}); swept ${x.report.swept}${x.report.sweepDone ? ' (none left)' : ''}${x.report.timeUp ? ' (time up)' : ''}, raised ${x.report.raised}, pages ${x.report.pages}`,
  ),
);
row(
  `the sweep in all (${sweeps.length} passes, budget ${MAX_CASES_PER_PASS} cases, ${MAX_PASS_MS} ms)`,
  swept.report.casesRead,
  swept.ms,
  `swept ${swept.report.swept}, raised ${swept.report.raised}; longest pass ${Math.max(...sweeps.map((x) => x.ms)).toFixed(0)} ms`,
);
row(
  'a pass later the same day',
  same.report.casesRead,
  same.ms,
  `pass ${same.report.ms} ms (subjects ${same.report.subjectsMs}); subjects ${same.report.subjectsRead}, raised ${same.report.raised}, closed ${same.report.closed}`,
);
row(
  `the next day's first pass (budget ${MAX_CASES_PER_PASS})`,
  daily.report.casesRead,
  daily.ms,
  `pass ${daily.report.ms} ms (subjects ${daily.report.subjectsMs})${daily.report.timeUp ? ' (time up)' : ''}; swept ${daily.report.swept}, raised ${daily.report.raised}, updated ${daily.report.updated}, closed ${daily.report.closed}`,
);
const perCase = (daily.report.ms - daily.report.subjectsMs) / Math.max(1, daily.report.casesRead);
console.log(
  `\nopen alerts ${open?.n}; judging one case ≈ ${(perCase * 1000).toFixed(0)} µs (the next day's pass less its subjects, per case); ` +
    `keyset read of one case ≈ ${((keyset.ms / keyset.rows) * 1000).toFixed(0)} µs`,
);
const dayWork = (perCase * 1_000_000) / 1000;
console.log(
  `a pass later the same day reads no case whatever the number of cases (an index range); a day's re-judging of 1,000,000 open cases ≈ ${dayWork.toFixed(0)} s of work: ≈ ${Math.ceil(Math.max(dayWork / (MAX_PASS_MS / 1000), 1_000_000 / MAX_CASES_PER_PASS))} passes of at most ${MAX_CASES_PER_PASS} cases or ${MAX_PASS_MS / 1000} s (288 a day at five minutes)`,
);

// What the alerts add to one case event: the evaluation after the write (audit head, the write's
// events, the case with its surroundings, its open alerts and check row, the rules), nothing changing.
// The chain's last case event: evaluateTouched reads every event after the seq given, so it must be
// the last (the template's last event may lie millions of events back in a generated file: each
// of the thousand evaluations then judged every case touched since, and the bench never ended).
const [{ seq } = { seq: 0 }] = await server.db
  .select({ seq: auditEvents.seq })
  .from(auditEvents)
  .where(isNotNull(auditEvents.caseId))
  .orderBy(desc(auditEvents.seq))
  .limit(1);
const EVENTS = 1000;
const cpu0 = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < EVENTS; i++) {
  await server.db.select({ seq: sql<number>`max(${auditEvents.seq})` }).from(auditEvents);
  await evaluateTouched(server.services, seq - 1);
}
const perEvent = (performance.now() - started) / EVENTS;
const cpu = process.cpuUsage(cpu0);
console.log(
  `after one case event (×${EVENTS}, in process, nothing changing): ${(perEvent * 1000).toFixed(0)} µs wall, ${((cpu.user + cpu.system) / EVENTS).toFixed(0)} µs CPU`,
);
server.db.$client.close();
if (copyDir) rmSync(copyDir, { recursive: true, force: true });
