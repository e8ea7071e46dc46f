/**
 * Keeps the stored next steps (case_tasks, task_steps) up to date. The database forgets a case's
 * rows whenever anything they are computed from changes (the triggers of migration 0029, so no
 * writer — route, demo generator, import, test — can leave them stale); this module computes them
 * again: right after a write request for the cases its events name (alerts/after-write.ts), on
 * the scheduler's tick for the stored cases of another day (a new day moves the guards' dates and
 * the parameters in force; alerts/scheduler.ts), and before a task list is read for the cases in
 * the reader's scope still without rows or of another day (an upgraded database has no rows at
 * all, so its first reads are the backfill).
 *
 * Each batch is read, computed and written in one write transaction: no other write can commit
 * between reading a case and storing its steps, so a step is never stored from a case as it was.
 */

import { caseDeadlines } from '@yifa/engine';
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { AlertServices } from '../alerts/evaluate.ts';
import type { Services } from '../context.ts';
import { cases, caseTasks, taskSteps } from '../db/schema.ts';
import { dayOf, nearestDeadline, stateOf } from '../routes/case-views.ts';
import { loadCase } from '../storage/snapshot.ts';
import { casesForTasks } from '../storage/tasks.ts';
import { legalDateOf } from '../time.ts';
import { candidateSteps, type StoredDocument } from './steps.ts';

/** What the refresh needs of the app's services. */
export type TaskServices = AlertServices & Pick<Services, 'backgroundTasks'>;

/** Cases computed per write transaction: long enough to amortise the COMMIT, short enough not to hold writers up. */
export const REFRESH_BATCH = 50;

/**
 * A list of role codes as stored: each between bars (`|officer|agency-head|`), so the read tests a
 * role with instr() rather than opening JSON for every step; an empty list (`|`) holds no role.
 */
export const roleList = (roles: readonly string[] | null) =>
  roles === null ? null : roles.length ? `|${roles.join('|')}|` : '|';

/** The nearest running deadline of a case, with the days before it that it is near. */
function storedDeadline(loaded: Awaited<ReturnType<typeof loadCase>>, today: string) {
  const { snapshot, row, env } = loaded;
  const d = nearestDeadline(
    caseDeadlines(snapshot.workflow, row.stateEntered, row.extensions, today, env, legalDateOf),
  );
  if (!d) return null;
  const warnBefore = snapshot.workflow.deadlines?.find((x) => x.code === d.code)?.warnBefore ?? 3;
  return { code: d.code, name: d.name, nameEn: d.nameEn, due: d.due, warnBefore };
}

/** The day `n` calendar days before an ISO date. */
function daysBefore(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/**
 * Computes and stores the next steps of these cases for the legal date `today` (a closed case's
 * rows are removed).
 *
 * @example
 * await refreshCaseTasks(services, [caseId], '2026-06-01')
 */
export async function refreshCaseTasks(
  s: TaskServices,
  ids: readonly string[],
  today: string,
  { pauseMs = 0 }: { pauseMs?: number } = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
    if (i > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const batch = ids.slice(i, i + REFRESH_BATCH);
    await s.db.transaction(async (tx) => {
      const found = await casesForTasks(tx, batch);
      await tx.delete(taskSteps).where(inArray(taskSteps.caseId, batch));
      await tx.delete(caseTasks).where(inArray(caseTasks.caseId, batch));
      const heads: (typeof caseTasks.$inferInsert)[] = [];
      const steps: (typeof taskSteps.$inferInsert)[] = [];
      for (const { row, around, documentIds, pendingReview } of found) {
        if (row.closedAt) continue;
        // The surroundings were read with the row: loadCase reads nothing more from the database.
        const loaded = await loadCase(s.db, s.packs, row, today, around);
        const { snapshot, pack, env } = loaded;
        const { steps: candidates, actions } = candidateSteps({
          caseId: row.id,
          snapshot,
          pack,
          env,
          today,
          documentIds,
          documents: JSON.parse(around.docs) as StoredDocument[],
          pendingReview,
        });
        const deadline = storedDeadline(loaded, today);
        const state = snapshot.workflow.states.find((x) => x.code === row.state);
        heads.push({
          caseId: row.id,
          computedFor: today,
          legalReview: state?.kind === 'legal-review',
          due: deadline?.due ?? null,
          warnFrom: deadline ? daysBefore(deadline.due, deadline.warnBefore) : null,
          deadline: deadline ? JSON.stringify(deadline) : null,
          view: JSON.stringify({
            matter: { name: snapshot.matter.name, nameEn: snapshot.matter.nameEn ?? null },
            state: stateOf(snapshot.workflow, row.state),
            subject: { code: snapshot.subject.code, name: snapshot.subject.name },
          }),
          actions: JSON.stringify(actions),
        });
        candidates.forEach((c, ord) =>
          steps.push({
            caseId: row.id,
            ord,
            key: c.key,
            kind: c.step.kind,
            action: c.step.action ?? null,
            document: c.step.document ? JSON.stringify(c.step.document) : null,
            name: JSON.stringify(c.step.name),
            href: c.step.href,
            rolesAny: roleList(c.rolesAny),
            rolesAlso: roleList(c.rolesAlso),
            rolesNot: roleList(c.rolesNot),
            officersOnly: c.officersOnly,
            needsIssue: c.needsIssue,
          }),
        );
      }
      if (heads.length) await tx.insert(caseTasks).values(heads);
      // SQLite allows 32,766 variables a statement: 13 a step, so a batch's steps go in chunks.
      for (let j = 0; j < steps.length; j += 1000) await tx.insert(taskSteps).values(steps.slice(j, j + 1000));
    });
  }
}

/** How long the hook waits for more written cases before computing a batch. */
export const DRAIN_WAIT_MS = 25;

/**
 * The pause between two background batches (the hook's drain, the scheduler's tick): longer than
 * SQLite's longest busy-handler sleep (100 ms), so another process waiting for the file's write
 * lock (a `yifa` command, a second app process) gets it between them rather than after a whole
 * backlog. A read that computes missing steps does not pause.
 */
export const BACKGROUND_PAUSE_MS = 120;

/** The cases written and not yet refreshed, and the drain working through them, by app services. */
const pending = new WeakMap<TaskServices, { ids: Set<string>; draining: Promise<void> | null }>();

async function drain(s: TaskServices, q: { ids: Set<string> }): Promise<void> {
  // Writes answered meanwhile join one batch: one read and one transaction for all of them (a case
  // alone costs ≈ 4× its share of a batch of 50: platform/bench/tasks-bench.ts).
  await new Promise((resolve) => setTimeout(resolve, DRAIN_WAIT_MS));
  for (let first = true; q.ids.size > 0; first = false) {
    if (!first) await new Promise((resolve) => setTimeout(resolve, BACKGROUND_PAUSE_MS));
    const batch = [...q.ids].slice(0, REFRESH_BATCH);
    for (const id of batch) q.ids.delete(id);
    await refreshAfterWrite(s, batch);
  }
}

/**
 * After a committed write request: queues the cases its audit events name (the alerts'
 * middleware collects them, alerts/after-write.ts) and computes their steps once the answer has
 * left, in batches — the write's answer never waits for it, and a read before it is done computes
 * what is still missing itself. Never throws.
 */
export function refreshAfterEvents(s: TaskServices, events: readonly { caseId: string | null }[]): void {
  if (s.backgroundTasks === false) return;
  let q = pending.get(s);
  if (!q) {
    q = { ids: new Set(), draining: null };
    pending.set(s, q);
  }
  for (const e of events) if (e.caseId) q.ids.add(e.caseId);
  if (q.draining || q.ids.size === 0) return;
  const queue = q;
  queue.draining = drain(s, queue).finally(() => {
    queue.draining = null;
  });
}

/** Resolves once the queued refreshes are done (tests, benches, shutdown). */
export async function tasksSettled(s: TaskServices): Promise<void> {
  while (pending.get(s)?.draining) await pending.get(s)?.draining;
}

/**
 * After a committed write: computes the steps of the open cases it touched whose rows the write
 * made the database forget. Never throws: a failure is logged, and the next read computes them.
 */
export async function refreshAfterWrite(s: TaskServices, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  try {
    const today = dayOf(s.now());
    const stale = await s.db
      .select({ id: cases.id })
      .from(cases)
      .leftJoin(caseTasks, eq(caseTasks.caseId, cases.id))
      .where(
        and(
          inArray(cases.id, [...caseIds]),
          isNull(cases.closedAt),
          or(isNull(caseTasks.caseId), ne(caseTasks.computedFor, today)),
        ),
      );
    await refreshCaseTasks(
      s,
      stale.map((r) => r.id),
      today,
    );
  } catch (e) {
    console.error('tasks: computing the next steps after a write failed; the next read computes them', e);
  }
}

/** The most stored cases one scheduler tick computes again for a new day. */
export const STALE_PER_TICK = 2_000;

/**
 * For the scheduler's tick (alerts/scheduler.ts): the stored cases computed for another day, the
 * oldest first, at most `max` — so that the first read of a day finds them computed (a day moves
 * the guards' dates and the parameters in force). Never throws; what it leaves, a read computes.
 *
 * @example
 * await refreshStaleTasks(services) // { refreshed: 2000 }
 */
export async function refreshStaleTasks(s: TaskServices, max = STALE_PER_TICK): Promise<{ refreshed: number }> {
  try {
    const today = dayOf(s.now());
    const stale = await s.db
      .select({ id: caseTasks.caseId })
      .from(caseTasks)
      .where(ne(caseTasks.computedFor, today))
      .orderBy(asc(caseTasks.computedFor))
      .limit(max);
    await refreshCaseTasks(
      s,
      stale.map((r) => r.id),
      today,
      { pauseMs: BACKGROUND_PAUSE_MS },
    );
    return { refreshed: stale.length };
  } catch (e) {
    console.error('tasks: computing the stored steps for a new day failed; reads compute them', e);
    return { refreshed: 0 };
  }
}
