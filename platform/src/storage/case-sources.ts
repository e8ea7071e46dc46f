/**
 * 案源登记: clues registered before a case is opened (市场监督管理行政处罚程序规定第十八条), each
 * with the day to decide by and what was decided — 立案 (the case opened from it, linked in the
 * case's own transaction), 不予立案 or 移送 (by the head, with the reason), or still pending. A
 * source belongs to the subject of the user who registered it; scope is a WHERE condition on its
 * subject's code and path (or its registrar, for roles scoped to their own work), as for cases.
 * Free text is stored masked with the originals sealed (sealed-rows.ts), and every write records
 * its audit event in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, type Permission, type Scope, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseSourceRow, caseSources, cases, users } from '../db/schema.ts';
import { openTexts, sealTexts } from '../documents/sealed.ts';
import { AppError } from '../errors.ts';
import { type ScopeValues, scopeValues, subjectCondition } from './scope.ts';

/** The permissions that let a user read the sources in their scope. */
export const SOURCE_READ: readonly Permission[] = ['case-source.register', 'case-source.decide'];

/** The free text of a source, as typed. */
interface SourceTexts {
  description: string;
  partyName: string | null;
  outcomeReason: string | null;
  extensionReason: string | null;
}

type Tx = Pick<Db, 'insert' | 'select' | 'update' | 'run'>;

/** The users table again, for who decided a source. */
const decider = alias(users, 'decider');

/** The condition on case_sources rows that a scope allows. */
function sourceCondition(scope: Scope, v: ScopeValues): SQL | undefined {
  switch (scope) {
    case 'all':
      return undefined;
    case 'own':
      return eq(caseSources.registeredBy, v.userId);
    default:
      return subjectCondition(scope, v, { code: caseSources.subjectOrg, path: caseSources.subjectPath });
  }
}

/**
 * The rows any of the permissions lets the actor see (`1` for all), or undefined when the actor
 * holds none of them.
 */
export function sourceScope(actor: Actor, permissions: readonly Permission[]): SQL | undefined {
  const v = scopeValues(actor);
  const conditions: SQL[] = [];
  for (const p of permissions) {
    const scope = scopeFor(actor, p);
    if (!scope) continue;
    const c = sourceCondition(scope, v);
    if (!c) return sql`1`;
    conditions.push(c);
  }
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : (or(...conditions) as SQL);
}

/** The scope condition, or 403 naming the permissions. */
function requireScope(actor: Actor, permissions: readonly Permission[]): SQL {
  const where = sourceScope(actor, permissions);
  if (!where) throw new AppError('forbidden', { permission: permissions });
  return where;
}

/** A source as storage hands it out: texts as typed, with whether the actor may read personal data in it. */
export interface SourceRecord extends CaseSourceRow {
  full: boolean;
  registeredByName: string | null;
  /** Who decided it (the head, or the officer who opened the case from it). */
  decidedByName: string | null;
  /** The number of the case opened from it. */
  caseNumber: string | null;
}

function openSource(row: CaseSourceRow): CaseSourceRow {
  if (!row.sealedText) return row;
  const t = openTexts(textsOf(row), row.sealedText);
  return { ...row, ...t };
}

function textsOf(row: Pick<CaseSourceRow, keyof SourceTexts>): SourceTexts {
  return {
    description: row.description,
    partyName: row.partyName,
    outcomeReason: row.outcomeReason,
    extensionReason: row.extensionReason,
  };
}

function seal(t: SourceTexts) {
  const { masked, sealed } = sealTexts(t);
  return { ...masked, sealedText: sealed };
}

/** Reads sources within the actor's scope for the permissions, newest first or by id. */
async function select(
  db: Db,
  actor: Actor,
  permissions: readonly Permission[],
  filter: SQL | undefined,
  limit: number,
): Promise<SourceRecord[]> {
  const where = requireScope(actor, permissions);
  const personal = sourceScope(actor, ['personal-data.read']);
  const rows = await db
    .select({
      row: caseSources,
      full: personal ? sql<number>`case when ${personal} then 1 else 0 end` : sql<number>`0`,
      registeredByName: users.displayName,
      decidedByName: decider.displayName,
      caseNumber: cases.number,
    })
    .from(caseSources)
    .leftJoin(users, eq(users.id, caseSources.registeredBy))
    .leftJoin(decider, eq(decider.id, caseSources.decidedBy))
    .leftJoin(cases, eq(cases.id, caseSources.caseId))
    .where(filter ? and(where, filter) : where)
    .orderBy(
      // Pending first, the nearest deadline first; then the decided, latest first.
      sql`case when ${caseSources.outcome} = 'pending' then 0 else 1 end`,
      asc(sql`case when ${caseSources.outcome} = 'pending' then ${caseSources.dueOn} end`),
      desc(caseSources.registeredAt),
    )
    .limit(limit);
  return rows.map((r) => ({
    ...openSource(r.row),
    full: r.full === 1,
    registeredByName: r.registeredByName,
    decidedByName: r.decidedByName,
    caseNumber: r.caseNumber,
  }));
}

/** The sources the actor may read, pending first; `outcome` narrows them. */
export function listSources(db: Db, actor: Actor, outcome?: CaseSourceRow['outcome']): Promise<SourceRecord[]> {
  return select(db, actor, SOURCE_READ, outcome ? eq(caseSources.outcome, outcome) : undefined, 500);
}

/** One source the actor may read with one of the permissions, else 404 (403 without any of them). */
export async function scopedSource(
  db: Db,
  actor: Actor,
  id: string,
  permissions: readonly Permission[] = SOURCE_READ,
): Promise<SourceRecord> {
  const [row] = await select(db, actor, permissions, eq(caseSources.id, id), 1);
  if (!row) throw new AppError('not-found', { caseSource: id });
  return row;
}

/** A new source, already checked. */
export interface NewSource {
  subjectOrg: string;
  subjectPath: string;
  packHash: string;
  kind: string;
  receivedOn: string;
  description: string;
  partyName: string | null;
  dueOn: string;
  actorId: string;
  at: string;
}

/** Registers a source and its `case-source.register` event. */
export async function registerSource(db: Db, n: NewSource): Promise<CaseSourceRow> {
  const id = randomUUID();
  const texts = seal({
    description: n.description,
    partyName: n.partyName,
    outcomeReason: null,
    extensionReason: null,
  });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseSources)
      .values({
        id,
        subjectOrg: n.subjectOrg,
        subjectPath: n.subjectPath,
        packHash: n.packHash,
        kind: n.kind,
        receivedOn: n.receivedOn,
        ...texts,
        registeredBy: n.actorId,
        registeredAt: n.at,
        dueOn: n.dueOn,
      })
      .returning();
    await appendEvent(
      tx,
      {
        actor: n.actorId,
        action: 'case-source.register',
        target: id,
        after: {
          subject: n.subjectOrg,
          kind: n.kind,
          receivedOn: n.receivedOn,
          dueOn: n.dueOn,
          description: texts.description,
          partyName: texts.partyName,
        },
      },
      n.at,
    );
    return openSource(row as CaseSourceRow);
  });
}

const decided = (row: Pick<CaseSourceRow, 'id' | 'outcome'>) =>
  new AppError(
    'transition-refused',
    { caseSource: row.id, outcome: row.outcome },
    { zh: '该案源已经作出处理决定，不能再次处理', en: 'this case source has already been decided' },
  );

/**
 * Updates a pending source at `version` in a transaction with its event; a source decided
 * meanwhile is 409 `transition-refused`, one changed meanwhile 409 `conflict`. Nothing changes on refusal.
 */
async function updatePending(
  tx: Tx,
  current: CaseSourceRow,
  set: Partial<CaseSourceRow>,
  texts: Partial<SourceTexts>,
  event: { actor: string; action: string; after: Record<string, unknown>; caseId?: string },
  at: string,
): Promise<CaseSourceRow> {
  const sealed = seal({ ...textsOf(current), ...texts });
  const [row] = await tx
    .update(caseSources)
    .set({ ...set, ...sealed, version: current.version + 1 })
    .where(
      and(eq(caseSources.id, current.id), eq(caseSources.outcome, 'pending'), eq(caseSources.version, current.version)),
    )
    .returning();
  if (!row) {
    const [now] = await tx
      .select({ id: caseSources.id, outcome: caseSources.outcome })
      .from(caseSources)
      .where(eq(caseSources.id, current.id));
    if (now && now.outcome !== 'pending') throw decided(now);
    throw new AppError('conflict', { caseSource: current.id });
  }
  // The event records the texts masked, as the row does.
  const after = Object.fromEntries(
    Object.entries(event.after).map(([k, v]) => [k, k in sealed ? sealed[k as keyof typeof sealed] : v]),
  );
  await appendEvent(
    tx,
    { actor: event.actor, action: event.action, target: current.id, caseId: event.caseId ?? null, after },
    at,
  );
  return openSource(row as CaseSourceRow);
}

/** 不予立案 or 移送 by the head, with the reason (and the receiving agency). */
export function decideSource(
  db: Db,
  current: CaseSourceRow,
  d: {
    outcome: 'not-filed' | 'transferred';
    reason: string;
    transferredTo: string | null;
    actorId: string;
    at: string;
  },
): Promise<CaseSourceRow> {
  if (current.outcome !== 'pending') throw decided(current);
  return db.transaction((tx) =>
    updatePending(
      tx,
      current,
      { outcome: d.outcome, transferredTo: d.transferredTo, decidedBy: d.actorId, decidedAt: d.at },
      { outcomeReason: d.reason },
      {
        actor: d.actorId,
        action: 'case-source.decide',
        after: { outcome: d.outcome, outcomeReason: d.reason, transferredTo: d.transferredTo },
      },
      d.at,
    ),
  );
}

/** The head's one extension of the period (第十八条: 经负责人批准，可以延长), with the reason and the new day. */
export function extendSource(
  db: Db,
  current: CaseSourceRow,
  e: { dueOn: string; reason: string; actorId: string; at: string },
): Promise<CaseSourceRow> {
  if (current.outcome !== 'pending') throw decided(current);
  if (current.extendedBy)
    throw new AppError(
      'transition-refused',
      { caseSource: current.id },
      {
        zh: '核查期限已经延长过一次，不能再延长（市场监督管理行政处罚程序规定第十八条）',
        en: 'the period has already been extended once and cannot be extended again',
      },
    );
  return db.transaction((tx) =>
    updatePending(
      tx,
      current,
      { dueOn: e.dueOn, extendedBy: e.actorId },
      { extensionReason: e.reason },
      {
        actor: e.actorId,
        action: 'case-source.extend',
        after: { from: current.dueOn, dueOn: e.dueOn, extensionReason: e.reason },
      },
      e.at,
    ),
  );
}

/**
 * Records 立案 on the source inside the transaction that opens the case: the case is not opened
 * (and its number not taken) when the source was decided or changed meanwhile.
 */
export async function fileSource(
  tx: Tx,
  f: { sourceId: string; subjectOrg: string; caseId: string; caseNumber: string; actorId: string; at: string },
): Promise<void> {
  const [stored] = await tx.select().from(caseSources).where(eq(caseSources.id, f.sourceId));
  const current = stored && openSource(stored);
  if (!current || current.subjectOrg !== f.subjectOrg) throw new AppError('not-found', { caseSource: f.sourceId });
  await updatePending(
    tx,
    current,
    { outcome: 'filed', caseId: f.caseId, decidedBy: f.actorId, decidedAt: f.at },
    {},
    {
      actor: f.actorId,
      action: 'case-source.file',
      // The source's record, not the case's timeline: the case's own case.open event names the source.
      after: { outcome: 'filed', caseId: f.caseId, case: f.caseNumber },
    },
    f.at,
  );
}

/**
 * The source a case is about to be opened from, checked before anything is written: one the actor
 * may read as a registrar (404 otherwise), of the subject the case is opened in, and still pending
 * (409 naming what was decided). The case's transaction checks the pending state again.
 */
export async function sourceToFile(db: Db, actor: Actor, id: string, subjectOrg: string): Promise<{ id: string }> {
  const row = await scopedSource(db, actor, id, ['case-source.register']);
  if (row.subjectOrg !== subjectOrg) throw new AppError('not-found', { caseSource: id });
  if (row.outcome !== 'pending') throw decided(row);
  return { id: row.id };
}
