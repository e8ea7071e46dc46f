/**
 * The alert scheduler: what no event announces — a deadline passing while nothing happens on a
 * case, a subject's participation falling to zero — is found by a pass every few minutes over
 * the open cases (read in pages by key, never all at once), the closed cases the active pack's
 * includeClosed rules still judge, the cases whose open alerts outlived them, and every
 * enforcement subject. However many processes share the database, one runs each pass: a pass
 * needs the lease row `alerts` of scheduler_leases, taken by one conditional upsert when it is
 * free or expired (or already ours) and held for 1.5 intervals, so its holder keeps it from tick
 * to tick and another process takes over only when the holder stops.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alerts, cases, organisations, schedulerLeases } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { closedTargets } from '../storage/alerts.ts';
import { surroundings } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';
import { type AlertServices, evaluateCases, evaluateSubjects, judgeCases } from './evaluate.ts';
import { reconcileAlerts } from './store.ts';

/** The lease's name. */
export const ALERT_LEASE = 'alerts';
/** Default minutes between passes (setting YIFA_ALERT_INTERVAL_MINUTES; 0 turns the scheduler off). */
export const DEFAULT_INTERVAL_MINUTES = 5;
/** Cases read per page. */
export const DEFAULT_PAGE_SIZE = 500;
/** Subjects judged per batch. */
const SUBJECT_BATCH = 200;

/** What one pass did. */
export interface PassReport {
  /** Case rows read: open, closed ones judged by includeClosed rules, closed ones with open alerts. */
  casesRead: number;
  subjectsRead: number;
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

/** Reads cases in pages by id (keyset), judging and storing each page before reading the next. */
async function passOverCases(s: AlertServices, where: SQL | undefined, pageSize: number, report: PassReport) {
  const today = localDate(s.now());
  let after = '';
  for (;;) {
    const rows = await s.db
      .select({ c: cases, ...surroundings })
      .from(cases)
      .where(and(gt(cases.id, after), where))
      .orderBy(asc(cases.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    report.pages += 1;
    report.casesRead += rows.length;
    const judged = await judgeCases(
      s.packs,
      s.db,
      rows.map(({ c, ...around }) => ({ c, around })),
      today,
    );
    const r = await reconcileAlerts(s.db, judged, s.now().toISOString());
    report.raised += r.raised;
    report.updated += r.updated;
    report.closed += r.closed;
    after = rows[rows.length - 1]?.c.id ?? after;
    if (rows.length < pageSize) return;
  }
}

/** One pass: open cases, closed cases still judged, cases closed under open alerts, subjects. */
export async function runPass(s: AlertServices, pageSize = DEFAULT_PAGE_SIZE): Promise<PassReport> {
  const started = performance.now();
  const report: PassReport = { casesRead: 0, subjectsRead: 0, pages: 0, raised: 0, updated: 0, closed: 0, ms: 0 };
  // A copy with no active pack yet (just installed) has no rules to run and no cases.
  const active = await s.packs.active().catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not-found') return undefined;
    throw e;
  });
  if (!active) return report;
  const { pack } = active;
  await passOverCases(s, isNull(cases.closedAt), pageSize, report);
  const targets = closedTargets(pack);
  if (targets.any || targets.matters.length || targets.workflows.length) {
    const applies = targets.any
      ? undefined
      : or(
          targets.matters.length ? inArray(cases.matterCode, targets.matters) : undefined,
          targets.workflows.length ? inArray(cases.workflowCode, targets.workflows) : undefined,
        );
    await passOverCases(s, and(isNotNull(cases.closedAt), applies), pageSize, report);
  }
  // Closed cases whose alerts are still open (the evaluation after their closing failed): closing them.
  const stale = await s.db
    .selectDistinct({ id: alerts.caseId })
    .from(alerts)
    .innerJoin(cases, eq(cases.id, alerts.caseId))
    .where(and(ne(alerts.status, 'closed'), isNotNull(cases.closedAt)));
  const ids = stale.flatMap((r) => (r.id ? [r.id] : []));
  for (let i = 0; i < ids.length; i += pageSize) {
    const r = await evaluateCases(s, ids.slice(i, i + pageSize));
    report.casesRead += Math.min(pageSize, ids.length - i);
    report.closed += r.closed;
  }
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
    const report = await runPass(s, options.pageSize);
    const end = s.now();
    await s.db
      .update(schedulerLeases)
      .set({ lastPassAt: end.toISOString(), expiresAt: new Date(end.getTime() + intervalMs * 1.5).toISOString() })
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
