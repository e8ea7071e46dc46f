import { fork } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_FACTS, FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { alertChecks, alerts, cases, schedulerLeases } from '../db/schema.ts';
import { ALERT_LEASE, createAlertScheduler, intervalFromEnv, runPass } from './scheduler.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** One app process's scheduler (test/alert-scheduler-process.ts). */
const SCHEDULER_PROCESS = fileURLToPath(new URL('../../test/alert-scheduler-process.ts', import.meta.url));

/** Cases opened on a Monday; a month later their filing decisions are overdue with no event. */
const OPENED = new Date('2026-03-02T02:00:00Z');
const LATER = new Date('2026-04-01T02:00:00Z');

let server: Server;
let clock = OPENED;
const caseIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const wang = await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const c = await server.as('li.officer');
  for (let i = 0; i < 5; i++) {
    const res = await c.post('/api/v1/cases', {
      matter: FOOD_MATTER,
      party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
      facts: FOOD_FACTS,
      violationDate: '2026-02-20',
      officers: [li.id, wang.id],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    caseIds.push(((await res.json()) as { id: string }).id);
  }
}, 120_000);

/** The open overdue-filing alerts of the test cases. */
async function overdueFiling() {
  const rows = await server.db.select().from(alerts).where(eq(alerts.ruleCode, 'overdue-filing'));
  return rows.filter((r) => r.status !== 'closed' && caseIds.includes(r.caseId ?? ''));
}

describe('the alert scheduler', () => {
  it('finds a deadline passed with no event, reading the open cases page by page', async () => {
    expect(await overdueFiling()).toEqual([]);
    clock = LATER;
    const report = await runPass(server.services, { pageSize: 2 });
    // Five open cases judged a month ago, in pages of two: three pages, each case read once.
    expect(report).toMatchObject({ casesRead: 5, pages: 3, swept: 0 });
    expect(report.subjectsRead).toBeGreaterThan(0);
    expect(report.raised).toBeGreaterThanOrEqual(5);
    expect((await overdueFiling()).map((r) => r.caseId).sort()).toEqual([...caseIds].sort());
    // A second pass the same day reads no case at all: each was judged today.
    expect(await runPass(server.services, { pageSize: 2 })).toMatchObject({ casesRead: 0, raised: 0 });
    // With a budget, a pass judges the longest-unjudged first and leaves the rest to the next.
    clock = new Date(LATER.getTime() + 86_400_000);
    expect(await runPass(server.services, { pageSize: 2, maxCases: 3 })).toMatchObject({ casesRead: 3 });
    expect(await runPass(server.services, { pageSize: 2, maxCases: 3 })).toMatchObject({ casesRead: 2 });
    expect(await runPass(server.services, { pageSize: 2, maxCases: 3 })).toMatchObject({ casesRead: 0 });
  });

  it('runs a pass in one process only when two processes share the database file', async () => {
    // Two app processes over the same file, ticking at the same moment.
    // The next day, so that every case is due again.
    clock = new Date(clock.getTime() + 86_400_000);
    const at = clock.toISOString();
    const children = ['process-a', 'process-b'].map((holder) =>
      fork(SCHEDULER_PROCESS, [join(server.dir, 'yifa.db'), holder, at], {
        execArgv: ['--import', 'tsx'],
        stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
      }),
    );
    const lines = children.map((child) => {
      const out = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      const it = out[Symbol.asyncIterator]();
      return async () => (await it.next()).value as string;
    });
    expect(await Promise.all(lines.map((next) => next()))).toEqual(['ready', 'ready']);
    for (const child of children) child.stdin?.write('go\n');
    const results = (await Promise.all(lines.map((next) => next()))).map(
      (l) => JSON.parse(l) as { holder: string; ran: boolean; casesRead: number },
    );
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    const winner = results.find((r) => r.ran);
    expect(winner?.casesRead).toBeGreaterThan(0);
    const [lease] = await server.db.select().from(schedulerLeases).where(eq(schedulerLeases.name, ALERT_LEASE));
    expect(lease).toMatchObject({ holder: winner?.holder, lastPassAt: at });
  }, 60_000);

  it('keeps the lease with its holder from tick to tick, and hands it over when the holder stops', async () => {
    const [lease] = await server.db.select().from(schedulerLeases).where(eq(schedulerLeases.name, ALERT_LEASE));
    const holder = createAlertScheduler(server.services, { holder: lease?.holder ?? '', intervalMinutes: 5 });
    const other = createAlertScheduler(server.services, { holder: 'process-c', intervalMinutes: 5 });
    // Five minutes on: the holder runs its next pass, the other does not.
    clock = new Date(new Date(lease?.lastPassAt ?? clock).getTime() + 5 * 60_000);
    expect(await other.tick()).toBeUndefined();
    expect(await holder.tick()).toBeDefined();
    // The holder misses its ticks: one and a half intervals after its last pass the other takes over.
    clock = new Date(clock.getTime() + 8 * 60_000);
    expect(await other.tick()).toBeDefined();
    expect(await holder.tick()).toBeUndefined();
  });

  it('reads its interval from YIFA_ALERT_INTERVAL_MINUTES, refusing a bad value in both languages', () => {
    expect(intervalFromEnv(undefined)).toBe(5);
    expect(intervalFromEnv('0')).toBe(0);
    expect(intervalFromEnv('1.5')).toBe(1.5);
    expect(() => intervalFromEnv('often')).toThrow(/应为非负数.*must be a number/);
    expect(() => intervalFromEnv('-1')).toThrow(/YIFA_ALERT_INTERVAL_MINUTES/);
  });

  it('closes the alerts of a case that closed without its evaluation running', async () => {
    const [id] = caseIds;
    // As if the case had been closed by a write whose evaluation failed afterwards.
    await server.db
      .update(cases)
      .set({ closedAt: clock.toISOString(), state: 'closed' })
      .where(eq(cases.id, id ?? ''));
    // The change announced no event: the case's verdict is judged again the next day.
    clock = new Date(clock.getTime() + 86_400_000);
    await runPass(server.services);
    const [check] = await server.db
      .select()
      .from(alertChecks)
      .where(eq(alertChecks.caseId, id ?? ''));
    expect(check).toMatchObject({ watched: false, checkedOn: clock.toISOString().slice(0, 10) });
    const rows = await server.db
      .select()
      .from(alerts)
      .where(eq(alerts.caseId, id ?? ''));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'closed' && r.closedWhy === 'case-closed')).toBe(true);
  });

  it('sweeps, on the first pass of a day, for an open case never judged', async () => {
    const [, id] = caseIds;
    // As if the evaluation after its opening had failed: no check row.
    await server.db.delete(alertChecks).where(eq(alertChecks.caseId, id ?? ''));
    expect(await runPass(server.services)).toMatchObject({ casesRead: 0, swept: 0 });
    expect(await runPass(server.services, { sweep: true })).toMatchObject({ casesRead: 1, swept: 1 });
    const [check] = await server.db
      .select()
      .from(alertChecks)
      .where(eq(alertChecks.caseId, id ?? ''));
    expect(check?.watched).toBe(true);
  });

  it('spreads a sweep larger than the budget over the next passes, and records the day it finished', async () => {
    const [lease] = await server.db.select().from(schedulerLeases).where(eq(schedulerLeases.name, ALERT_LEASE));
    const scheduler = createAlertScheduler(server.services, {
      holder: lease?.holder ?? '',
      intervalMinutes: 5,
      maxCases: 2,
    });
    const open = caseIds.slice(1); // the first was closed above
    // A new day, and the four open cases never judged (as if written outside the platform).
    clock = new Date(clock.getTime() + 86_400_000);
    const today = clock.toISOString().slice(0, 10);
    await server.db.delete(alertChecks).where(inArray(alertChecks.caseId, open));
    const sweptOn = async () =>
      (await server.db.select().from(schedulerLeases).where(eq(schedulerLeases.name, ALERT_LEASE)))[0]?.sweptOn;
    // Each tick judges at most two cases: the sweep goes on until a pass finds none left.
    const ticks = [];
    for (let i = 0; i < 3; i++) {
      clock = new Date(clock.getTime() + 5 * 60_000);
      ticks.push(await scheduler.tick());
      if (i < 2) expect(await sweptOn(), `after tick ${i + 1}`).not.toBe(today);
    }
    expect(ticks.map((r) => [r?.swept, r?.sweepDone])).toEqual([
      [2, false],
      [2, false],
      [0, true],
    ]);
    expect(await sweptOn()).toBe(today);
    const checks = await server.db.select().from(alertChecks).where(inArray(alertChecks.caseId, open));
    expect(checks.map((c) => [c.checkedOn, c.watched])).toEqual(open.map(() => [today, true]));
    // The day's sweep is done: the next pass does not sweep again.
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect(await scheduler.tick()).toMatchObject({ swept: 0, sweepDone: false, casesRead: 0 });
  });

  it('takes no page after its time budget, but always one, and leaves the rest to the next passes', async () => {
    // A new day: the four open cases are due again. With no time at all, each pass judges one page.
    clock = new Date(clock.getTime() + 86_400_000);
    const pass = () => runPass(server.services, { pageSize: 2, maxMs: 0 });
    expect(await pass()).toMatchObject({ casesRead: 2, pages: 1, timeUp: true });
    expect(await pass()).toMatchObject({ casesRead: 2, pages: 1, timeUp: true });
    expect(await pass()).toMatchObject({ casesRead: 0, pages: 0, timeUp: false });
  });
});
