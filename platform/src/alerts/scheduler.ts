/**
 * The alert scheduler: what no event announces — a deadline passing while nothing happens on a
 * case, a subject's participation falling to zero — is found by a pass every few minutes. Every
 * rule reads days, and an event judges its case at once, so a case's verdict can only have
 * changed since it was last judged if the legal date has: a pass judges the watched cases (open,
 * or closed under an includeClosed rule) not yet judged today, read by an index range
 * (alert_checks), the longest-unjudged first and at most MAX_CASES_PER_PASS of them; once a day
 * a pass also sweeps for open cases never judged (through the partial index cases_open, the open
 * cases only), within the same budget (MAX_CASES_PER_PASS cases, MAX_PASS_MS): a sweep larger than the budget goes on in the next passes
 * until one finds none left, and the lease row records the day it finished (swept_on), so it
 * carries over to another process too; every pass judges every enforcement subject. However many processes share the database, one runs each pass: a pass needs the lease
 * row `alerts` of scheduler_leases, taken by one conditional upsert when it is free or expired
 * (or already ours) and held for 1.5 intervals, so its holder keeps it from tick to tick and
 * another process takes over only when the holder stops.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alertChecks, cases, organisations, schedulerLeases } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type Surroundings, surroundings } from '../storage/snapshot.ts';
import { refreshStaleTasks } from '../tasks/refresh.ts';
import { localDate } from '../time.ts';
import { type AlertServices, evaluateSubjects, judgeCases } from './evaluate.ts';
import { reconcileAlerts } from './store.ts';

/** The lease's name. */
export const ALERT_LEASE = 'alerts';
/** Default minutes between passes (setting YIFA_ALERT_INTERVAL_MINUTES; 0 turns the scheduler off). */
export const DEFAULT_INTERVAL_MINUTES = 5;
/** Cases read per page: a pass overruns its time budget by at most the page in hand. */
export const DEFAULT_PAGE_SIZE = 250;
/**
 * The most cases one pass judges by default: about 10 s of work on the bench machine (2 ms a
 * case under load), and 288 passes a day at five minutes judge 1.4 million.
 */
export const MAX_CASES_PER_PASS = 5_000;
/**
 * The time from a pass's start after which it takes no further page of cases (the page in hand is
 * finished: 250 cases, 0.25 s at 1 ms a case, 2.5 s at the 10 ms a case that raises an alert with
 * its audit event costs on a loaded machine): a pass whose cases raise many alerts, or a loaded
 * machine, judges fewer cases and leaves the rest to the next passes instead of running past the
 * issue's 10 s. The subjects are judged first, inside it.
 */
export const MAX_PASS_MS = 7_500;
/** Subjects judged per batch. */
const SUBJECT_BATCH = 200;

/** What one pass did. */
export interface PassReport {
  /** Case rows read and judged: the watched ones due, and those swept. */
  casesRead: number;
  /** Of them, open cases that had never been judged. */
  swept: number;
  /** Whether the pass swept and found no more never-judged open case (not stopped by its budget). */
  sweepDone: boolean;
  /** Whether the pass stopped taking cases at its time budget (maxMs) with cases left. */
  timeUp: boolean;
  subjectsRead: number;
  /** The time judging the subjects took (the pass's fixed cost), in ms. */
  subjectsMs: number;
  pages: number;
  raised: number;
  updated: number;
  closed: number;
  ms: number;
}

/** Options of a scheduler. */
export interface SchedulerOptions {
  intervalMinutes?: number;
  /** This process's name in the lease (a random id by default). */
  holder?: string;
  pageSize?: number;
  /** The most cases a pass judges (MAX_CASES_PER_PASS by default). */
  maxCases?: number;
  /** The time budget of a pass's pages in ms (MAX_PASS_MS by default). */
  maxMs?: number;
  /** Where a failed pass is reported (stderr by default). */
  log?: (message: string, error: unknown) => void;
}

/** A scheduler. */
export interface AlertScheduler {
  readonly holder: string;
  /** Runs a pass if this process gets the lease; the pass's report, or undefined when another holds it. */
  tick(): Promise<PassReport | undefined>;
  /** Starts ticking every interval (the first tick one interval after the start). */
  start(): void;
  /** Stops ticking and waits for a pass in progress. */
  stop(): Promise<void>;
}

/** The interval from the setting, in minutes (0: off); a bad value is refused by name. */
export function intervalFromEnv(value = process.env.YIFA_ALERT_INTERVAL_MINUTES): number {
  if (value === undefined || value === '') return DEFAULT_INTERVAL_MINUTES;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(
      `YIFA_ALERT_INTERVAL_MINUTES 应为非负数（0 关闭预警调度）/ YIFA_ALERT_INTERVAL_MINUTES must be a number ≥ 0 (0 turns the alert scheduler off); it is "${value}"`,
    );
  return n;
}

/**
 * Takes (or renews) the lease until `until` when it is free, expired or already ours, in one
 * statement in a transaction: only one of several processes racing for it gets the row.
 */
export async function takeLease(
  s: Pick<AlertServices, 'db'>,
  name: string,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  return s.db.transaction(async (tx) => {
    const got = await tx
      .insert(schedulerLeases)
      .values({ name, holder, expiresAt: until.toISOString() })
      .onConflictDoUpdate({
        target: schedulerLeases.name,
        set: { holder, expiresAt: until.toISOString() },
        setWhere: or(
          sql`${schedulerLeases.expiresAt} <= ${now.toISOString()}`,
          eq(schedulerLeases.holder, holder),
        ) as SQL,
      })
      .returning({ holder: schedulerLeases.holder });
    return got[0]?.holder === holder;
  });
}

/** How a pass chooses the cases it judges. */
export interface PassOptions {
  pageSize?: number;
  /**
   * Also look for open cases never judged (their evaluation after opening failed, or the rows were
   * written outside the platform): an anti-join over the open cases, so done once a legal day,
   * within the pass's budget (first, before the cases due); `sweepDone` says whether it finished.
   */
  sweep?: boolean;
  /** Judge every watched case again, whatever day it was judged (after data changed outside the platform). */
  full?: boolean;
  /**
   * The most cases one pass judges (default MAX_CASES_PER_PASS): the day's re-evaluation of a
   * province's open cases is spread over the day's passes, the longest-unjudged first, so no
   * pass runs long.
   */
  maxCases?: number;
  /** The time budget of the cases' pages, in ms (default MAX_PASS_MS): no page is begun after it. */
  maxMs?: number;
}

/**
 * How much room a pass has left for its next page: cases, or none when its time is up — after its
 * first page, so that a pass always judges some cases however long the subjects took.
 */
function roomLeft(o: PassOptions, report: PassReport, started: number): number {
  const size = o.pageSize ?? DEFAULT_PAGE_SIZE;
  const budget = o.maxCases ?? MAX_CASES_PER_PASS;
  if (report.pages > 0 && performance.now() - started >= (o.maxMs ?? MAX_PASS_MS)) {
    report.timeUp = true;
    return 0;
  }
  return Math.min(size, budget - report.casesRead);
}

/** Judges a page of case rows and stores the outcome, counting into the report. */
async function judgePage(
  s: AlertServices,
  rows: readonly { c: typeof cases.$inferSelect; around: Surroundings }[],
  today: string,
  report: PassReport,
) {
  report.pages += 1;
  report.casesRead += rows.length;
  const judged = await judgeCases(s.packs, s.db, rows, today);
  const r = await reconcileAlerts(s.db, judged, s.now().toISOString());
  report.raised += r.raised;
  report.updated += r.updated;
  report.closed += r.closed;
}

/**
 * The watched cases not judged today (all watched ones with `full`), in pages of the check
 * index's order (checked_on, case_id): an index range, and a judged case leaves it.
 */
async function passOverDue(s: AlertServices, today: string, o: PassOptions, report: PassReport, started: number) {
  const k = alertChecks;
  let after = { on: '', id: '' };
  for (;;) {
    const room = roomLeft(o, report, started);
    if (room <= 0) return;
    const rows = await s.db
      .select({ c: cases, ...surroundings, on: k.checkedOn })
      .from(k)
      .innerJoin(cases, eq(cases.id, k.caseId))
      .where(
        and(
          eq(k.watched, true),
          o.full ? undefined : lt(k.checkedOn, today),
          sql`(${k.checkedOn}, ${k.caseId}) > (${after.on}, ${after.id})`,
        ),
      )
      .orderBy(asc(k.checkedOn), asc(k.caseId))
      .limit(room);
    if (rows.length === 0) return;
    await judgePage(
      s,
      rows.map(({ c, on: _on, ...around }) => ({ c, around })),
      today,
      report,
    );
    const last = rows[rows.length - 1];
    if (last) after = { on: last.on, id: last.c.id };
    if (rows.length < room) return;
  }
}

/**
 * Open cases with no check row, by id (keyset over the partial index cases_open, which holds the
 * open cases only), within the pass's budget; sets `sweepDone` when none is left.
 */
async function sweepUnchecked(s: AlertServices, today: string, o: PassOptions, report: PassReport, started: number) {
  let after = '';
  for (;;) {
    const room = roomLeft(o, report, started);
    if (room <= 0) return;
    const rows = await s.db
      .select({ c: cases, ...surroundings })
      .from(cases)
      .where(
        and(
          isNull(cases.closedAt),
          gt(cases.id, after),
          sql`not exists (select 1 from ${alertChecks} where ${alertChecks.caseId} = ${cases.id})`,
        ),
      )
      .orderBy(asc(cases.id))
      .limit(room);
    if (rows.length === 0) {
      report.sweepDone = true;
      return;
    }
    report.swept += rows.length;
    await judgePage(
      s,
      rows.map(({ c, ...around }) => ({ c, around })),
      today,
      report,
    );
    after = rows[rows.length - 1]?.c.id ?? after;
    if (rows.length < room) {
      report.sweepDone = true;
      return;
    }
  }
}

/**
 * One pass: the watched cases not judged today (an event judges a case at once, so only the date
 * can have changed their verdict), the open cases never judged (with `sweep`), and every
 * enforcement subject.
 */
export async function runPass(s: AlertServices, options: PassOptions = {}): Promise<PassReport> {
  const started = performance.now();
  const report: PassReport = {
    casesRead: 0,
    swept: 0,
    sweepDone: false,
    timeUp: false,
    subjectsRead: 0,
    subjectsMs: 0,
    pages: 0,
    raised: 0,
    updated: 0,
    closed: 0,
    ms: 0,
  };
  // A copy with no active pack yet (just installed) has no rules to run and no cases.
  const active = await s.packs.active().catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not-found') return undefined;
    throw e;
  });
  if (!active) return report;
  const today = localDate(s.now());
  // The subjects first (a fixed cost, about 2 s for 110 subjects at 1,000,000 cases), then the
  // cases until the budget: the time budget bounds the whole pass.
  const subjects = await s.db
    .select({ code: organisations.code })
    .from(organisations)
    .where(eq(organisations.enforcementSubject, true))
    .orderBy(asc(organisations.code));
  report.subjectsRead = subjects.length;
  for (let i = 0; i < subjects.length; i += SUBJECT_BATCH) {
    const r = await evaluateSubjects(
      s,
      subjects.slice(i, i + SUBJECT_BATCH).map((x) => x.code),
    );
    report.raised += r.raised;
    report.updated += r.updated;
    report.closed += r.closed;
  }
  report.subjectsMs = Math.round(performance.now() - started);
  if (options.sweep) await sweepUnchecked(s, today, options, report, started);
  await passOverDue(s, today, options, report, started);
  report.ms = Math.round(performance.now() - started);
  return report;
}

/**
 * A scheduler over the services' database. Nothing runs until `start` (the server starts it;
 * tests and tools call `tick`).
 *
 * @example
 * const scheduler = createAlertScheduler(services, { intervalMinutes: 5 });
 * scheduler.start();
 * // … on shutdown
 * await scheduler.stop();
 */
export function createAlertScheduler(s: AlertServices, options: SchedulerOptions = {}): AlertScheduler {
  const minutes = options.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
  const intervalMs = minutes * 60_000;
  const holder = options.holder ?? `${process.pid}-${randomUUID()}`;
  const log = options.log ?? ((m, e) => console.error(m, e));
  let running: Promise<PassReport | undefined> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const tick = async (): Promise<PassReport | undefined> => {
    const now = s.now();
    if (!(await takeLease(s, ALERT_LEASE, holder, now, new Date(now.getTime() + intervalMs * 1.5)))) return undefined;
    const [lease] = await s.db.select().from(schedulerLeases).where(eq(schedulerLeases.name, ALERT_LEASE));
    // The day's sweep until a pass finishes it (the budget may spread it over several passes).
    const today = localDate(now);
    const sweep = !lease?.sweptOn || lease.sweptOn < today;
    const report = await runPass(s, {
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.maxCases ? { maxCases: options.maxCases } : {}),
      ...(options.maxMs !== undefined ? { maxMs: options.maxMs } : {}),
      sweep,
    });
    await refreshStaleTasks(s); // 我的待办 computed for the new day before it is read (tasks/refresh.ts)
    const end = s.now();
    await s.db
      .update(schedulerLeases)
      .set({
        lastPassAt: end.toISOString(),
        expiresAt: new Date(end.getTime() + intervalMs * 1.5).toISOString(),
        ...(report.sweepDone ? { sweptOn: today } : {}),
      })
      .where(and(eq(schedulerLeases.name, ALERT_LEASE), eq(schedulerLeases.holder, holder)));
    return report;
  };

  const guarded = () => {
    // A pass still running when the next tick comes is not doubled.
    if (running) return;
    running = tick()
      .catch((e) => {
        log('alerts: the scheduler pass failed; the next tick tries again', e);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
  };

  return {
    holder,
    tick,
    start() {
      if (timer || minutes <= 0) return;
      // Not at once: a process that starts (or restarts) leaves the database to its start-up work;
      // the cases' own events keep their alerts current meanwhile.
      timer = setInterval(guarded, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
