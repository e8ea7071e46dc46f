/**
 * Alerts follow every committed case event: a middleware collects the audit events a write
 * request appends and, once the request has answered successfully (its transaction committed),
 * evaluates the cases its events name (opening, facts, transitions, documents, links, payments,
 * review) and the subjects of the case sources it registered, decided, extended or filed. Every
 * case event is in the chain (执法全过程记录), so no route has to remember to call it. A failure
 * here never fails the user's write: it is logged, and the scheduler's next pass catches the case.
 */
import { and, gt, inArray, isNotNull, like, or } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { type AppendedEvent, collectingEvents } from '../audit/chain.ts';
import type { AppEnv } from '../context.ts';
import { auditEvents, caseSources } from '../db/schema.ts';
import { type AlertServices, evaluateCases, evaluateSubjects } from './evaluate.ts';

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
async function evaluateEvents(s: AlertServices, events: AppendedEvent[]): Promise<void> {
  try {
    const touched = await touchedBy(s, events);
    await evaluateCases(s, touched.cases);
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
    const { events } = await collectingEvents(next);
    if (c.res.status < 400 && events.length > 0) await evaluateEvents(s, events);
  };
}
