/**
 * Documents in the database. A document is reached through its case's data scope in the
 * query itself, so one of a case the actor may not see answers the same 404 as one that
 * does not exist. Every write runs in one transaction with its audit event; an issued row
 * is never updated again (the UPDATEs below all require status = 'draft'), and a closed case's
 * documents not at all (open-case.ts). Personal values
 * are sealed on the way in and joined back on the way out (sealed.ts): callers see whole data.
 */
import type { DocumentForm } from '@yifa/metamodel';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type AuditInput, appendEvent } from '../audit/chain.ts';
import { type Actor, type Permission, requirePermission } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases, type DocumentRow, documents, type StoredPrintContext } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { allocateDocumentNumber, type NumberingOrg } from '../storage/numbering.ts';
import { requireOpenCase } from '../storage/open-case.ts';
import { caseScope } from '../storage/scope.ts';
import { openCaseRow, sealFacts } from '../storage/sealed-rows.ts';
import { localDate } from '../time.ts';
import { snapshotHash } from './hash.ts';
import { openRow, sealData } from './sealed.ts';

/** Whether an error is SQLite refusing a duplicate in a unique index (drizzle wraps the driver's error). */
export function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e; x instanceof Error; x = x.cause) if (/UNIQUE constraint failed/.test(x.message)) return true;
  return false;
}

/** An ISO time strictly after `previous`, so optimistic checks on updatedAt never see two equal stamps. */
export function laterThan(previous: string, now: Date): string {
  const at = now.toISOString();
  return at > previous ? at : new Date(Date.parse(previous) + 1).toISOString();
}

/** The document with this id and its case, if the actor's scope for the permission covers the case. */
export async function documentFor(
  db: Db,
  actor: Actor,
  id: string,
  permission: Permission,
): Promise<{ doc: DocumentRow; caseRow: CaseRow }> {
  const scope = requirePermission(actor, permission);
  const filter = caseScope(actor, scope);
  const [row] = await db
    .select({ doc: documents, caseRow: cases })
    .from(documents)
    .innerJoin(cases, eq(cases.id, documents.caseId))
    .where(filter ? and(eq(documents.id, id), filter) : eq(documents.id, id));
  if (!row) throw new AppError('not-found', { document: id });
  return { doc: openRow(row.doc), caseRow: row.caseRow };
}

/** Every version of every document of a case, by form and version. */
export async function documentsOfCase(db: Db, caseId: string): Promise<DocumentRow[]> {
  const rows = await db
    .select()
    .from(documents)
    .where(eq(documents.caseId, caseId))
    .orderBy(asc(documents.formCode), asc(documents.version));
  return rows.map(openRow);
}

/** The latest version of a form in a case. */
export async function latestVersion(db: Db, caseId: string, formCode: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.caseId, caseId), eq(documents.formCode, formCode)))
    .orderBy(desc(documents.version))
    .limit(1);
  return row && openRow(row);
}

/** A new document as inserted: its data whole (it is sealed here). */
export type NewDocument = Omit<typeof documents.$inferInsert, 'sealedData' | 'printContext'>;

/** Inserts a new draft (a first version or a correction); a taken version is `document-exists`. */
export async function insertDraft(
  db: Db,
  form: DocumentForm,
  row: NewDocument,
  audit: AuditInput,
  at: string,
): Promise<DocumentRow> {
  try {
    return await db.transaction(async (tx) => {
      await requireOpenCase(tx, row.caseId);
      const [created] = await tx
        .insert(documents)
        .values({ ...row, ...sealData(form, row.data) })
        .returning();
      await appendEvent(tx, audit, at);
      return openRow(created as DocumentRow);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('document-exists', { form: row.formCode, version: row.version });
    throw e;
  }
}

/** Why a draft could not be written: it was issued meanwhile, or changed by someone else. */
async function refusal(tx: Pick<Db, 'select'>, id: string): Promise<AppError> {
  const [now] = await tx.select().from(documents).where(eq(documents.id, id));
  if (now?.status === 'issued') return new AppError('document-issued', { document: id, number: now.number });
  return new AppError('conflict', { document: id, updatedAt: now?.updatedAt });
}

/** Replaces a draft's data if it is still the draft the caller read (same updatedAt). */
export async function updateDraft(
  db: Db,
  form: DocumentForm,
  doc: DocumentRow,
  data: Record<string, unknown>,
  at: string,
  audit: AuditInput,
): Promise<DocumentRow> {
  return db.transaction(async (tx) => {
    await requireOpenCase(tx, doc.caseId);
    const [updated] = await tx
      .update(documents)
      .set({ ...sealData(form, data), updatedAt: at })
      .where(and(eq(documents.id, doc.id), eq(documents.status, 'draft'), eq(documents.updatedAt, doc.updatedAt)))
      .returning();
    if (!updated) throw await refusal(tx, doc.id);
    await appendEvent(tx, audit, at);
    return openRow(updated);
  });
}

/** Merges facts into a case inside the issue's transaction (its audit event records them). */
async function setCaseFacts(
  tx: Pick<Db, 'select' | 'update'>,
  caseId: string,
  sets: Record<string, unknown>,
  at: string,
) {
  const [row] = await tx
    .select({ facts: cases.facts, sealedFacts: cases.sealedFacts })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row) throw new AppError('not-found', { case: caseId });
  const facts = { ...openCaseRow(row).facts, ...sets };
  await tx
    .update(cases)
    .set({ ...sealFacts(facts), version: sql`${cases.version} + 1`, updatedAt: at })
    .where(eq(cases.id, caseId));
}

/** How a draft is issued. */
export interface IssueInput {
  /** The numbering pattern and subject, when the form is numbered. */
  numbering?: { pattern: string; org: NumberingOrg };
  issuedAt: string;
  issuedBy: string;
  /** What the document prints with besides its data and number, frozen with it. */
  print: StoredPrintContext;
  /** Case facts the issue sets (the form's `sets`), written with it; the case's version moves on. */
  sets?: Record<string, unknown>;
  /** The audit event, given the number and hash. */
  audit(number: string | null, hash: string): AuditInput;
}

/**
 * Issues a draft with its checked data in one transaction: the next number of its
 * sequence, the snapshot hash, the frozen print context, status issued, and the audit
 * event. A draft changed or issued since it was checked is refused, and its number goes
 * back to the sequence (the transaction rolls back).
 */
export async function issueDraft(
  db: Db,
  form: DocumentForm,
  doc: DocumentRow,
  data: Record<string, unknown>,
  input: IssueInput,
): Promise<DocumentRow> {
  try {
    return await db.transaction(async (tx) => {
      await requireOpenCase(tx, doc.caseId);
      // The year of the number is the legal (local) year of issue.
      const year = Number(localDate(new Date(input.issuedAt)).slice(0, 4));
      const number = input.numbering
        ? await allocateDocumentNumber(tx, input.numbering.pattern, input.numbering.org, year)
        : null;
      const hash = snapshotHash({
        form: doc.formCode,
        version: doc.version,
        number,
        data,
        formHash: doc.formHash,
        issuedAt: input.issuedAt,
        print: input.print,
      });
      const [issued] = await tx
        .update(documents)
        .set({
          status: 'issued',
          ...sealData(form, data),
          printContext: input.print,
          number,
          hash,
          issuedAt: input.issuedAt,
          issuedBy: input.issuedBy,
          updatedAt: input.issuedAt,
        })
        .where(and(eq(documents.id, doc.id), eq(documents.status, 'draft'), eq(documents.updatedAt, doc.updatedAt)))
        .returning();
      if (!issued) throw await refusal(tx, doc.id);
      if (input.sets && Object.keys(input.sets).length) await setCaseFacts(tx, doc.caseId, input.sets, input.issuedAt);
      await appendEvent(tx, input.audit(number, hash), input.issuedAt);
      return openRow(issued);
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError(
        'conflict',
        { document: doc.id },
        {
          zh: '文书编号已被占用，请检查各执法主体的文号前缀是否重复',
          en: 'the document number is taken; check that no two subjects share a numbering prefix',
        },
      );
    throw e;
  }
}
