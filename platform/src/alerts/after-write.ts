/**
 * Alerts follow every committed case event: a middleware collects the audit events a write
 * request appends and, once the request has answered successfully (its transaction committed),
 * evaluates the cases its events name (opening, facts, transitions, documents, links, payments,
 * review) and the subjects of the case sources it registered, decided, extended or filed. Every
 * case event is in the chain (执法全过程记录), so no route has to remember to call it. A failure
 * here never fails the user's write: it is logged, and the scheduler's next pass catches the case.
 */
import { and, gt, inArray, isNotNull, like, or } from 'drizzle-orm';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { type AppendedEvent, collectingEvents } from '../audit/chain.ts';
import type { AppEnv } from '../context.ts';
import { auditEvents, type CaseRow, caseSources } from '../db/schema.ts';
import type { LoadedCase, Surroundings } from '../storage/snapshot.ts';
import { refreshAfterEvents } from '../tasks/refresh.ts';
import { type AlertServices, evaluateCases, evaluateSubjects, type WrittenCase } from './evaluate.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The cases and subjects these events concern (alert events themselves left out). */
async function touchedBy(s: AlertServices, events: AppendedEvent[]): Promise<{ cases: string[]; subjects: string[] }> {
  const mine = events.filter((e) => !e.action.startsWith('alert.'));
  const caseIds = new Set(mine.flatMap((e) => (e.caseId ? [e.caseId] : [])));
  const sourceIds = mine.flatMap((e) => (e.action.startsWith('case-source.') && e.target ? [e.target] : []));
  const subjects = sourceIds.length
    ? await s.db
        .selectDistinct({ code: caseSources.subjectOrg })
        .from(caseSources)
        .where(inArray(caseSources.id, sourceIds))
    : [];
  return { cases: [...caseIds], subjects: subjects.map((r) => r.code) };
}

/** Judges what these events touched; never throws (a failure is logged and left to the scheduler's next pass). */
async function evaluateEvents(
  s: AlertServices,
  events: AppendedEvent[],
  written?: ReadonlyMap<string, WrittenCase>,
): Promise<void> {
  try {
    const touched = await touchedBy(s, events);
    await evaluateCases(s, touched.cases, written);
    await evaluateSubjects(s, touched.subjects);
  } catch (e) {
    console.error('alerts: evaluation after a write failed; the scheduler will catch up', e);
  }
}

/** Evaluates the alerts of what the events after `seq` in the chain touched (the scheduler bench). */
export async function evaluateTouched(s: AlertServices, seq: number): Promise<void> {
  const events = await s.db
    .select({ caseId: auditEvents.caseId, action: auditEvents.action, target: auditEvents.target })
    .from(auditEvents)
    .where(and(gt(auditEvents.seq, seq), or(isNotNull(auditEvents.caseId), like(auditEvents.action, 'case-source.%'))));
  await evaluateEvents(s, events);
}

/** Cases a request's write left as it knows them, by request (the request's Context). */
const writtenBy = new WeakMap<Context, Map<string, WrittenCase>>();

/**
 * Records a case as the request's committed write left it, with its surroundings (what loadCase
 * reads beside the row), so the alerts after the write judge it without reading it again. Only
 * for a write that knows the whole of it: a transition changes the row's state, version and
 * clocks and (when it opens a legal review) the latest opinion; the case's other surroundings
 * (documents, officers, organisation, linked case) are as the request read them before writing.
 */
export function noteWrittenCase(c: Context, written: WrittenCase): void {
  let m = writtenBy.get(c);
  if (!m) {
    m = new Map();
    writtenBy.set(c, m);
  }
  m.set(written.c.id, written);
}

/** What a committed transition changed of a case (writeTransition's answer and the engine's outcome). */
export interface TransitionWritten {
  state: string;
  version: number;
  closedAt: string | null;
  stateEntered: CaseRow['stateEntered'];
  extensions: CaseRow['extensions'];
  at: string;
  /** Whether it opened a legal review (the latest review then has no opinion yet). */
  reviewOpened: boolean;
}

/**
 * The case as a transition left it: the row and surroundings read before writing, with what the
 * transition's UPDATE (storage/case-write.ts, moveCase) and review insert changed. A test reads the
 * case back after real transitions and compares (after-write.test.ts).
 */
export function transitionedCase(
  row: CaseRow,
  around: Surroundings,
  t: TransitionWritten,
  before?: { today: string; loaded: LoadedCase },
): WrittenCase {
  const c: CaseRow = {
    ...row,
    state: t.state,
    version: t.version,
    closedAt: t.closedAt,
    stateEntered: t.stateEntered,
    extensions: t.extensions,
    updatedAt: t.at,
  };
  const written: WrittenCase = { c, around: t.reviewOpened ? { ...around, opinion: null } : around };
  if (!before) return written;
  // What loadCase reads of the row and the latest review changed; facts, documents, officers,
  // subject, linked case and parameters did not (a test compares with loadCase after the write).
  const { legalReview: _opinion, ...snapshot } = before.loaded.snapshot;
  const loaded: LoadedCase = {
    ...before.loaded,
    row: c,
    snapshot: {
      ...snapshot,
      state: t.state,
      stateEntered: t.stateEntered,
      extensions: t.extensions,
      ...(!t.reviewOpened && before.loaded.snapshot.legalReview
        ? { legalReview: before.loaded.snapshot.legalReview }
        : {}),
    },
  };
  return { ...written, loaded: { today: before.today, loaded } };
}

/** A workflow action's path (routes/cases.ts), with the case's id. */
const TRANSITION = /^\/api\/v1\/cases\/([^/]+)\/transitions$/;

/**
 * A workflow action's events, known without collecting them: all of them (case.transition,
 * review.request) name the case of its path, and it answers 200 only when it wrote them. Collecting
 * keeps an AsyncLocalStorage in use, and while one is, Node runs a hook on every promise of the
 * process (audit/chain.ts, collectingEvents): the commonest write is spared it.
 */
const pathParam = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};
async function transitionWrite(caseId: string, next: Next): Promise<{ events: AppendedEvent[] }> {
  await next();
  return { events: [{ caseId: pathParam(caseId), action: 'case.transition', target: null }] };
}

/**
 * The middleware: around each successful write under /api/v1, evaluates the alerts of the cases
 * and subjects the write's own events touched, before the answer leaves (so the next read sees
 * them). The events are collected in the request's async context (audit/chain.ts), not read back
 * from the chain by sequence: with concurrent writers, a window of sequence numbers also holds
 * other requests' events, and each request judged every case written meanwhile (8 clients: about
 * 2 ms of CPU more per transition, measured with the transitions bench).
 */
export function alertsAfterWrite(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const s = c.get('services');
    const transition = c.req.method === 'POST' ? TRANSITION.exec(c.req.path) : null;
    const { events } = transition ? await transitionWrite(transition[1] as string, next) : await collectingEvents(next);
    if (c.res.status < 400 && events.length > 0) await evaluateEvents(s, events, writtenBy.get(c));
    if (c.res.status < 400 && events.length > 0) refreshAfterEvents(s, events); // 我的待办, after the answer (tasks/refresh.ts)
  };
}
