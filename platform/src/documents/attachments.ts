/**
 * Attachment records: which evidence file (by SHA-256) belongs to which case, with its
 * name, type, size and note. Reached through the case's data scope in the query, like
 * documents; each record is written with its audit event, which carries the hash.
 */
import { and, asc, eq } from 'drizzle-orm';
import { type AuditInput, appendEvent } from '../audit/chain.ts';
import { type Actor, type Permission, requirePermission } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type AttachmentRow, attachments, cases } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { requireOpenCase } from '../storage/open-case.ts';
import { caseScope } from '../storage/scope.ts';
import { openAttachment, sealAttachmentText } from '../storage/sealed-rows.ts';

/** Records an attachment and its audit event in one transaction, while the case is open. */
export function insertAttachment(
  db: Db,
  row: typeof attachments.$inferInsert,
  audit: AuditInput,
  at: string,
): Promise<AttachmentRow> {
  return db.transaction(async (tx) => {
    await requireOpenCase(tx, row.caseId);
    const [created] = await tx
      .insert(attachments)
      .values({ ...row, ...sealAttachmentText({ filename: row.filename, note: row.note ?? null }) })
      .returning();
    await appendEvent(tx, audit, at);
    return openAttachment(created as AttachmentRow);
  });
}

/** The attachments of a case, oldest first. */
export async function attachmentsOfCase(db: Db, caseId: string): Promise<AttachmentRow[]> {
  const rows = await db
    .select()
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
  return rows.map(openAttachment);
}

/** The attachment with this id, if the actor's scope for the permission covers its case (else 404). */
export async function attachmentFor(db: Db, actor: Actor, id: string, permission: Permission): Promise<AttachmentRow> {
  const scope = requirePermission(actor, permission);
  const filter = caseScope(actor, scope);
  const [row] = await db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(cases, eq(cases.id, attachments.caseId))
    .where(filter ? and(eq(attachments.id, id), filter) : eq(attachments.id, id));
  if (!row) throw new AppError('not-found', { attachment: id });
  return openAttachment(row.attachment);
}
