/**
 * The alert board's reads and writes over stored alerts, with the actor's data scope in the WHERE
 * clause: an alert of a subject in the scope of the actor's `alert.read` (`own`: an alert naming
 * the actor, as an officer of its case or a head of its subject); "mine" adds that it names one of
 * the actor's roles or the actor. Marking read and handling (with a note) are audited in the same
 * transaction; an alert outside the scope is not found.
 */
import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type AlertRow, alertRecipients, alerts, cases, organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import type { Level } from './explain.ts';
import { roleRecipient, userRecipient } from './recipients.ts';

/** The statuses a board filters by: `open` is every status but closed. */
export const STATUS_FILTERS = ['open', 'raised', 'read', 'handled', 'closed', 'any'] as const;
/** How a board sorts: most severe first, newest first, oldest first. */
export const SORTS = ['severity', 'newest', 'oldest'] as const;

/** What a board asks for. */
export interface BoardQuery {
  scope: Scope;
  /** Only alerts naming one of my roles or me (otherwise every alert in scope). */
  mine: boolean;
  status: (typeof STATUS_FILTERS)[number];
  level?: Level;
  rule?: string;
  caseId?: string;
  kind?: 'case' | 'subject';
  sort: (typeof SORTS)[number];
  limit: number;
  offset: number;
}

/** The recipients that stand for the actor. */
function recipientsOf(actor: Actor): string[] {
  return [userRecipient(actor.user.id), ...actor.roles.map((r) => roleRecipient(r.code))];
}

/** Alerts naming any of these recipients, as `alerts.id IN (…)` over the recipient index. */
function naming(db: Db, recipients: string[]): SQL {
  return inArray(
    alerts.id,
    db
      .select({ id: alertRecipients.alertId })
      .from(alertRecipients)
      .where(inArray(alertRecipients.recipient, recipients)),
  );
}

/** The condition of the actor's scope on alerts (undefined: all). */
export function alertScope(db: Db, actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  if (scope === 'own') return naming(db, [userRecipient(actor.user.id)]);
  return subjectCondition(scope, scopeValues(actor), { code: alerts.subjectOrg, path: alerts.subjectPath });
}

/** Whether the alert names the actor or one of the actor's roles, as a column. */
function addressedColumn(actor: Actor) {
  const list = sql.join(
    recipientsOf(actor).map((r) => sql`${r}`),
    sql`, `,
  );
  return sql<number>`exists (select 1 from ${alertRecipients} where ${alertRecipients.alertId} = ${alerts.id}
    and ${alertRecipients.recipient} in (${list}))`;
}

/** An alert as the board reads it, with its case and subject. */
export interface BoardRow {
  alert: AlertRow;
  addressed: boolean;
  subjectName: string | null;
  case: {
    id: string;
    number: string;
    matterCode: string;
    workflowCode: string;
    state: string;
    packHash: string;
    openedAt: string;
    closedAt: string | null;
  } | null;
}

const selection = (actor: Actor) => ({
  alert: alerts,
  addressed: addressedColumn(actor),
  subjectName: organisations.name,
  caseId: cases.id,
  caseNumber: cases.number,
  matterCode: cases.matterCode,
  workflowCode: cases.workflowCode,
  state: cases.state,
  packHash: cases.packHash,
  openedAt: cases.openedAt,
  closedAt: cases.closedAt,
});

type Selected = {
  alert: AlertRow;
  addressed: number;
  subjectName: string | null;
  caseId: string | null;
  caseNumber: string | null;
  matterCode: string | null;
  workflowCode: string | null;
  state: string | null;
  packHash: string | null;
  openedAt: string | null;
  closedAt: string | null;
};

function toBoardRow(r: Selected): BoardRow {
  return {
    alert: r.alert,
    addressed: Boolean(r.addressed),
    subjectName: r.subjectName,
    case:
      r.caseId && r.caseNumber && r.matterCode && r.workflowCode && r.state && r.packHash && r.openedAt
        ? {
            id: r.caseId,
            number: r.caseNumber,
            matterCode: r.matterCode,
            workflowCode: r.workflowCode,
            state: r.state,
            packHash: r.packHash,
            openedAt: r.openedAt,
            closedAt: r.closedAt,
          }
        : null,
  };
}

/** The filters of a query but the level (counts by level are over them). */
function filters(db: Db, actor: Actor, q: Omit<BoardQuery, 'sort' | 'limit' | 'offset'>): (SQL | undefined)[] {
  return [
    alertScope(db, actor, q.scope),
    q.mine ? naming(db, recipientsOf(actor)) : undefined,
    q.status === 'any' ? undefined : q.status === 'open' ? ne(alerts.status, 'closed') : eq(alerts.status, q.status),
    q.rule ? eq(alerts.ruleCode, q.rule) : undefined,
    q.caseId ? eq(alerts.caseId, q.caseId) : undefined,
    q.kind === 'case'
      ? sql`${alerts.caseId} is not null`
      : q.kind === 'subject'
        ? sql`${alerts.caseId} is null`
        : undefined,
  ];
}

/** A page of the board, the total that matches, and the counts by level (without the level filter). */
export async function boardPage(
  db: Db,
  actor: Actor,
  q: BoardQuery,
): Promise<{ total: number; counts: Record<Level, number> & { total: number }; rows: BoardRow[] }> {
  const base = filters(db, actor, q);
  const byLevel = await db
    .select({ level: alerts.level, n: count() })
    .from(alerts)
    .where(and(...base))
    .groupBy(alerts.level);
  const counts = { red: 0, orange: 0, yellow: 0, blue: 0, total: 0 };
  for (const { level, n } of byLevel) {
    counts[level] = n;
    counts.total += n;
  }
  const where = and(...base, q.level ? eq(alerts.level, q.level) : undefined);
  const total = q.level ? counts[q.level] : counts.total;
  const order =
    q.sort === 'severity'
      ? [asc(alerts.severity), desc(alerts.raisedAt), asc(alerts.id)]
      : q.sort === 'newest'
        ? [desc(alerts.raisedAt), asc(alerts.id)]
        : [asc(alerts.raisedAt), asc(alerts.id)];
  const rows = await db
    .select(selection(actor))
    .from(alerts)
    .leftJoin(cases, eq(cases.id, alerts.caseId))
    .leftJoin(organisations, eq(organisations.code, alerts.subjectOrg))
    .where(where)
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset);
  return { total, counts, rows: rows.map(toBoardRow) };
}

/** The number of alerts naming the actor (or the actor's roles) in scope that no one has read yet. */
export async function unreadCount(db: Db, actor: Actor, scope: Scope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alerts)
    .where(and(alertScope(db, actor, scope), naming(db, recipientsOf(actor)), eq(alerts.status, 'raised')));
  return row?.n ?? 0;
}

/** One alert in the actor's scope, or not-found. */
export async function boardAlert(db: Db, actor: Actor, scope: Scope, id: string): Promise<BoardRow> {
  const [row] = await db
    .select(selection(actor))
    .from(alerts)
    .leftJoin(cases, eq(cases.id, alerts.caseId))
    .leftJoin(organisations, eq(organisations.code, alerts.subjectOrg))
    .where(and(eq(alerts.id, id), alertScope(db, actor, scope)));
  if (!row) throw new AppError('not-found', { alert: id });
  return toBoardRow(row);
}

/** Display names of users by id. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Marks an alert read (raised → read; nothing changes once it is read, handled or closed), audited.
 * Returns whether it changed.
 */
export async function markRead(db: Db, actor: Actor, alert: AlertRow, at: string): Promise<boolean> {
  if (alert.status !== 'raised') return false;
  return db.transaction(async (tx) => {
    const done = await tx
      .update(alerts)
      .set({ status: 'read', readAt: at, readBy: actor.user.id })
      .where(and(eq(alerts.id, alert.id), eq(alerts.status, 'raised')))
      .returning({ id: alerts.id });
    if (done.length === 0) return false;
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'alert.read',
        caseId: alert.caseId,
        target: alert.id,
        before: { status: 'raised' },
        after: { status: 'read' },
      },
      at,
    );
    return true;
  });
}

/**
 * Records how an alert was handled, with the note (raised or read → handled; a handled alert's
 * note is replaced, the earlier one kept in the audit chain). A closed alert is refused: its
 * condition has cleared, there is nothing left to handle.
 */
export async function handleAlert(db: Db, actor: Actor, alert: AlertRow, note: string, at: string): Promise<void> {
  if (alert.status === 'closed')
    throw new AppError(
      'conflict',
      { alert: alert.id, status: 'closed', closedWhy: alert.closedWhy },
      {
        zh: '该预警已关闭（其条件已不成立），无需处理',
        en: 'this alert is closed (its condition no longer holds); there is nothing to handle',
      },
    );
  await db.transaction(async (tx) => {
    const done = await tx
      .update(alerts)
      .set({
        status: 'handled',
        handledAt: at,
        handledBy: actor.user.id,
        handleNote: note,
        readAt: alert.readAt ?? at,
        readBy: alert.readBy ?? actor.user.id,
      })
      .where(and(eq(alerts.id, alert.id), ne(alerts.status, 'closed')))
      .returning({ id: alerts.id });
    if (done.length === 0) throw new AppError('conflict', { alert: alert.id });
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'alert.handle',
        caseId: alert.caseId,
        target: alert.id,
        before: { status: alert.status, note: alert.handleNote },
        after: { status: 'handled', note },
      },
      at,
    );
  });
}
