/**
 * Reading cases as an actor: every query carries the actor's data scope in its WHERE clause
 * (storage/scope.ts), so another subject's case, review or list row is never read. Party
 * identifiers leave this module masked unless the caller asks for them in full.
 */
import { maskId, maskPhone } from '@yifa/engine';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { type Actor, type Permission, requirePermission, type Scope, scopeFor } from '../auth/access.ts';
import { openPii } from '../crypto/pii.ts';
import type { Db } from '../db/client.ts';
import {
  auditEvents,
  type CaseRow,
  cases,
  documents,
  organisations,
  type ReviewRow,
  reviews,
  type StoredParty,
  users,
} from '../db/schema.ts';
import { maskAddress } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import { caseScope, SCOPE_PLACEHOLDERS, scopeCondition, scopeValues } from './scope.ts';
import { openCaseRow, openReason, openReview } from './sealed-rows.ts';
import { type Surroundings, surroundings } from './snapshot.ts';

/**
 * The query for one case within a scope, prepared once per database, scope and shape: every
 * request that opens a case runs one of these eight, and building drizzle's query for the case
 * row and its surroundings costs more than running it.
 */
function caseQuery(db: Db, scope: Scope, withSurroundings: boolean) {
  const byDb = prepared.get(db) ?? new Map<string, unknown>();
  prepared.set(db, byDb);
  const key = `${scope}:${withSurroundings}`;
  let q = byDb.get(key);
  if (!q) {
    const id = eq(cases.id, sql.placeholder('id'));
    const filter = scopeCondition(scope, SCOPE_PLACEHOLDERS);
    const where = filter ? and(id, filter) : id;
    q = withSurroundings
      ? db
          .select({ c: cases, ...surroundings })
          .from(cases)
          .where(where)
          .prepare()
      : db.select({ c: cases }).from(cases).where(where).prepare();
    byDb.set(key, q);
  }
  return q as PreparedCase;
}
type PreparedCase = {
  get(values: Record<string, unknown>): Promise<({ c: CaseRow } & Partial<Surroundings>) | undefined>;
};
const prepared = new WeakMap<Db, Map<string, unknown>>();

/**
 * Which of the permissions cover the case, each checked by a scoped query, and the row if any
 * does. A permission the actor lacks covers nothing.
 */
export async function covering(
  db: Db,
  actor: Actor,
  id: string,
  permissions: readonly Permission[],
  opts: { surroundings?: boolean } = {},
): Promise<{ row: CaseRow | undefined; covering: Permission[]; around?: Surroundings }> {
  let row: CaseRow | undefined;
  let around: Surroundings | undefined;
  const found: Permission[] = [];
  const values = { id, ...scopeValues(actor) };
  for (const p of permissions) {
    const scope = scopeFor(actor, p);
    if (!scope) continue;
    // The snapshot's surroundings come with the first query that finds the case.
    const withSurroundings = Boolean(opts.surroundings && !row);
    const r = await caseQuery(db, scope, withSurroundings).get(values);
    if (!r) continue;
    found.push(p);
    if (withSurroundings) {
      const { c, ...rest } = r;
      row = c;
      around = rest as Surroundings;
    } else row ??= r.c;
  }
  return { row: row && openCaseRow(row), covering: found, ...(around ? { around } : {}) };
}

/**
 * The case if any of the permissions covers it: `forbidden` when the actor holds none of
 * them, and the same 404 for a missing case as for one out of scope. With `surroundings`,
 * also what loadCase needs besides the row, read by the same query.
 */
export async function scopedCase(
  db: Db,
  actor: Actor,
  id: string,
  permissions: readonly Permission[],
  opts: { surroundings?: boolean } = {},
): Promise<{ row: CaseRow; covering: Permission[]; around?: Surroundings }> {
  if (!permissions.some((p) => scopeFor(actor, p))) throw new AppError('forbidden', { permission: permissions });
  const { row, covering: found, around } = await covering(db, actor, id, permissions, opts);
  if (!row) throw new AppError('not-found', { case: id });
  return { row, covering: found, ...(around ? { around } : {}) };
}

/** The party as the API shows it: identifiers opened in full, or masked. */
export function partyView(p: StoredParty, full: boolean) {
  const id = openPii(p.idNumber);
  const phone = p.phone ? openPii(p.phone) : null;
  const address = p.address ? openPii(p.address) : null;
  return {
    kind: p.kind,
    name: p.name,
    idNumber: full ? id : maskId(id),
    phone: phone === null ? null : full ? phone : maskPhone(phone),
    address: address === null ? null : full ? address : maskAddress(address),
    representative: p.representative ?? null,
    masked: !full,
  };
}

/** A LIKE pattern for text typed by a user, matched literally (escape character `\`). */
function contains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** One page of the cases the actor may read. */
export async function listCases(
  db: Db,
  actor: Actor,
  o: { state?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const scope = requirePermission(actor, 'case.read');
  // SQLite reads a LIKE pattern as a C string, up to its first NUL ("\0" would match every case),
  // and PostgreSQL refuses a NUL in text. No number, matter code or party name holds one.
  if (o.q?.includes('\0')) return { total: 0, rows: [] };
  const pattern = o.q ? contains(o.q) : undefined;
  const where = and(
    caseScope(actor, scope),
    o.state ? eq(cases.state, o.state) : undefined,
    pattern
      ? or(
          sql`${cases.number} like ${pattern} escape '\\'`,
          sql`${cases.matterCode} like ${pattern} escape '\\'`,
          sql`json_extract(${cases.party}, '$.name') like ${pattern} escape '\\'`,
        )
      : undefined,
  );
  const [total] = await db.select({ n: count() }).from(cases).where(where);
  const rows = await db
    .select({ c: cases, subjectName: organisations.name })
    .from(cases)
    .leftJoin(organisations, eq(organisations.code, cases.subjectOrg))
    .where(where)
    .orderBy(desc(cases.openedAt), desc(cases.number))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  return { total: total?.n ?? 0, rows };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The case's audit events, oldest first, with the actors' display names; a transition's reason
 * as typed for a reader with `full` personal data, masked for the others.
 */
export async function timelineOf(db: Db, caseId: string, full: boolean) {
  const rows = await db
    .select({ e: auditEvents, name: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actor))
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(asc(auditEvents.seq));
  return rows.map(({ e, name }) => ({
    seq: e.seq,
    at: e.at,
    action: e.action,
    actor: { id: e.actor, name: name ?? e.actor },
    target: e.target,
    // Only the case and review events, and a correction with its reason (masked unless `full`), are known
    // to carry no personal data in the clear; others show no payload.
    ...(e.action.startsWith('case.') || e.action.startsWith('review.') || e.action === 'document.correct'
      ? { before: e.before, after: isRecord(e.after) ? openReason(e.after, full) : e.after }
      : {}),
  }));
}

/** The documents of a case, by form and version. */
export async function documentsOf(db: Db, caseId: string) {
  return db
    .select({
      id: documents.id,
      form: documents.formCode,
      version: documents.version,
      status: documents.status,
      number: documents.number,
      updatedAt: documents.updatedAt,
      issuedAt: documents.issuedAt,
    })
    .from(documents)
    .where(eq(documents.caseId, caseId))
    .orderBy(asc(documents.formCode), asc(documents.version));
}

/** A review's status: pending, decided with an opinion, or closed when the case left the review without one. */
export function reviewStatus(r: Pick<ReviewRow, 'decidedAt' | 'opinion'>): 'pending' | 'decided' | 'closed' {
  return r.decidedAt === null ? 'pending' : r.opinion ? 'decided' : 'closed';
}

/** The reviews of a case, oldest first, with the reviewers' names. */
export async function reviewsOf(db: Db, caseId: string) {
  const rows = await db
    .select({ r: reviews, reviewerName: users.displayName })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.reviewer))
    .where(eq(reviews.caseId, caseId))
    .orderBy(asc(reviews.requestedAt));
  return rows.map(({ r, reviewerName }) => reviewView(openReview(r), reviewerName));
}

/** A review row as the API shows it. */
export function reviewView(r: ReviewRow, reviewerName: string | null) {
  return {
    id: r.id,
    caseId: r.caseId,
    status: reviewStatus(r),
    requestedAt: r.requestedAt,
    dueDate: r.dueDate,
    reviewer: r.reviewer ? { id: r.reviewer, name: reviewerName ?? r.reviewer } : null,
    opinion: r.opinion,
    checklist: r.checklist,
    comment: r.comment,
    decidedAt: r.decidedAt,
  };
}

/** One page of the reviews whose case the actor may review (review.perform scope, in the query). */
export async function reviewQueue(
  db: Db,
  actor: Actor,
  o: { status: 'pending' | 'decided'; page: number; pageSize: number },
) {
  const scope = requirePermission(actor, 'review.perform');
  const where = and(
    caseScope(actor, scope),
    o.status === 'pending' ? isNull(reviews.decidedAt) : isNotNull(reviews.opinion),
  );
  const [total] = await db
    .select({ n: count() })
    .from(reviews)
    .innerJoin(cases, eq(cases.id, reviews.caseId))
    .where(where);
  const rows = await db
    .select({ r: reviews, c: cases, reviewerName: users.displayName })
    .from(reviews)
    .innerJoin(cases, eq(cases.id, reviews.caseId))
    .leftJoin(users, eq(users.id, reviews.reviewer))
    .where(where)
    .orderBy(
      ...(o.status === 'pending'
        ? [asc(reviews.dueDate), asc(reviews.requestedAt)]
        : [desc(reviews.decidedAt), desc(reviews.requestedAt)]),
    )
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  return { total: total?.n ?? 0, rows: rows.map((x) => ({ ...x, r: openReview(x.r), c: openCaseRow(x.c) })) };
}

/** A review and its case, if the actor's review.perform scope covers the case; else 404. */
export async function reviewFor(db: Db, actor: Actor, id: string): Promise<{ review: ReviewRow; row: CaseRow }> {
  const scope = requirePermission(actor, 'review.perform');
  const filter = caseScope(actor, scope);
  const [found] = await db
    .select({ r: reviews, c: cases })
    .from(reviews)
    .innerJoin(cases, eq(cases.id, reviews.caseId))
    .where(filter ? and(eq(reviews.id, id), filter) : eq(reviews.id, id));
  if (!found) throw new AppError('not-found', { review: id });
  return { review: openReview(found.r), row: openCaseRow(found.c) };
}

/** An organisation by code. */
export async function organisationOf(db: Db, code: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.code, code));
  return org;
}

/** Users by id, with what a case shows of them (name, organisation, certificate). */
export async function usersById(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: users.id,
      name: users.displayName,
      orgCode: users.orgCode,
      disabled: users.disabled,
      certificateNo: users.certificateNo,
      certificateValidUntil: users.certificateValidUntil,
    })
    .from(users)
    .where(inArray(users.id, [...ids]));
}
