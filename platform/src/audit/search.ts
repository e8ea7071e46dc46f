/**
 * The audit administrator's view of the chain (安全审计员): events filtered by person, case,
 * action and time, newest first, with who the actor is and the case's number beside each. Reads
 * only; the indexes audit_actor, audit_action and audit_case (with seq) serve the filters.
 */
import { and, count, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import { type AuditEventRow, auditEvents, cases, users } from '../db/schema.ts';

/** What the events are filtered by; each left out matches every event. */
export interface AuditFilters {
  /** A user name, or an actor as the chain records it (a user's id, `cli:…`, `system`). */
  person?: string;
  /** A case's number or id. */
  caseRef?: string;
  /** An action (`user.create`), or every action of a group (`user.*`). */
  action?: string;
  /** From this instant on (ISO time, inclusive). */
  from?: string;
  /** Before this instant (ISO time, exclusive). */
  to?: string;
}

/** One event as the audit screen and the export show it. */
export interface AuditEntry extends Omit<AuditEventRow, 'prevHash'> {
  /** The actor's account when the actor is a user (null for the CLI, the system, a deleted id). */
  actorUser: { username: string; displayName: string } | null;
  /** The account the event was about, when its target is one (a user's id). */
  targetUser: { username: string; displayName: string } | null;
  caseNumber: string | null;
}

const targetUsers = alias(users, 'target_user');

/** Escapes LIKE's wildcards so a prefix is matched as typed. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * The SQL condition of the filters (undefined: every event). A person and a case are looked up
 * first and compared as a list of values, so SQLite reads the audit_actor and audit_case indexes
 * (an OR with a subquery made it scan the chain).
 */
async function where(db: Db, f: AuditFilters): Promise<SQL | undefined> {
  const e = auditEvents;
  const parts: (SQL | undefined)[] = [];
  if (f.person) {
    const ids = await db.select({ id: users.id }).from(users).where(eq(users.username, f.person));
    parts.push(inArray(e.actor, [f.person, ...ids.map((u) => u.id)]));
  }
  if (f.caseRef) {
    const ids = await db.select({ id: cases.id }).from(cases).where(eq(cases.number, f.caseRef));
    parts.push(inArray(e.caseId, [f.caseRef, ...ids.map((c) => c.id)]));
  }
  if (f.action)
    parts.push(
      f.action.endsWith('.*')
        ? sql`${e.action} LIKE ${likePrefix(f.action.slice(0, -1))} ESCAPE '\\'`
        : eq(e.action, f.action),
    );
  if (f.from) parts.push(gte(e.at, f.from));
  if (f.to) parts.push(lt(e.at, f.to));
  return and(...parts);
}

const entryColumns = {
  seq: auditEvents.seq,
  at: auditEvents.at,
  actor: auditEvents.actor,
  action: auditEvents.action,
  caseId: auditEvents.caseId,
  target: auditEvents.target,
  before: auditEvents.before,
  after: auditEvents.after,
  hash: auditEvents.hash,
  username: users.username,
  displayName: users.displayName,
  caseNumber: cases.number,
  targetUsername: targetUsers.username,
  targetDisplayName: targetUsers.displayName,
};

type Joined = Omit<AuditEntry, 'actorUser' | 'targetUser'> & {
  username: string | null;
  displayName: string | null;
  targetUsername: string | null;
  targetDisplayName: string | null;
};

const account = (username: string | null, displayName: string | null) =>
  username !== null && displayName !== null ? { username, displayName } : null;

const toEntry = ({ username, displayName, targetUsername, targetDisplayName, ...row }: Joined): AuditEntry => ({
  ...row,
  actorUser: account(username, displayName),
  targetUser: account(targetUsername, targetDisplayName),
});

/** Events matching the filters, newest first: `limit` of them after skipping `offset`. */
export async function auditEntries(db: Db, filters: AuditFilters, limit: number, offset = 0): Promise<AuditEntry[]> {
  const rows = await db
    .select(entryColumns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actor))
    .leftJoin(cases, eq(cases.id, auditEvents.caseId))
    .leftJoin(targetUsers, eq(targetUsers.id, auditEvents.target))
    .where(await where(db, filters))
    .orderBy(desc(auditEvents.seq))
    .limit(limit)
    .offset(offset);
  return rows.map(toEntry);
}

/** How many events match the filters. */
export async function auditCount(db: Db, filters: AuditFilters): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(await where(db, filters));
  return row?.n ?? 0;
}

/** The actions the chain holds (for the filter's choices), in order. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}

/** Whether a text could be an action filter: letters, digits, `.`, `-`, `_`, optionally ending in `.*`. */
export const ACTION_FILTER = /^[A-Za-z0-9_.-]+(\.\*)?$/;
