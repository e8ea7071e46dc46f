/**
 * Free text on case rows at rest (个人信息保护法; 密评 存储机密性): a 身份证号, phone number or
 * address typed into a fact, a review comment, an evidence file's name or note, or a
 * transition's reason is stored masked, with the original sealed beside it (documents/sealed.ts
 * sealTexts), as document data and the party are. Rows are opened where storage hands them to
 * the routes, so a route sees what was typed and a view masks it for readers who see masked data.
 */
import type { AttachmentRow, CaseRow, ReviewRow } from '../db/schema.ts';
import { openTexts, sealTexts } from '../documents/sealed.ts';

/** The facts columns of a case as stored. */
export function sealFacts(facts: Record<string, unknown>): {
  facts: Record<string, unknown>;
  sealedFacts: string | null;
} {
  const { masked, sealed } = sealTexts(facts);
  return { facts: masked, sealedFacts: sealed };
}

/** A case row with its facts as typed. */
export function openCaseRow<R extends Pick<CaseRow, 'facts' | 'sealedFacts'>>(row: R): R {
  return row.sealedFacts ? { ...row, facts: openTexts(row.facts, row.sealedFacts) } : row;
}

/** The comment columns of a review as stored. */
export function sealComment(comment: string | null): { comment: string | null; sealedComment: string | null } {
  const { masked, sealed } = sealTexts(comment);
  return { comment: masked, sealedComment: sealed };
}

/** A review row with its comment as typed. */
export function openReview(row: ReviewRow): ReviewRow {
  return row.sealedComment ? { ...row, comment: openTexts(row.comment, row.sealedComment) } : row;
}

/** The name and note columns of an evidence record as stored. */
export function sealAttachmentText(t: { filename: string; note: string | null }) {
  const { masked, sealed } = sealTexts(t);
  return { ...masked, sealedText: sealed };
}

/** An evidence record with its name and note as typed. */
export function openAttachment(row: AttachmentRow): AttachmentRow {
  if (!row.sealedText) return row;
  const { filename, note } = openTexts({ filename: row.filename, note: row.note }, row.sealedText);
  return { ...row, filename, note };
}

/** A correction's reason (更正理由) as its document row stores it: masked, the original sealed when the mask changed it. */
export function sealCorrectionReason(reason: string): {
  correctionReason: string;
  sealedCorrectionReason: string | null;
} {
  const { masked, sealed } = sealTexts(reason);
  return { correctionReason: masked, sealedCorrectionReason: sealed };
}

/**
 * A transition's reason as its audit event records it: masked, with the original sealed beside
 * it when the mask changed anything (the event is the only record of the reason).
 */
export function reasonOf(reason: string | null | undefined): { reason: string | null; sealedReason?: string } {
  if (!reason) return { reason: reason ?? null };
  const { masked, sealed } = sealTexts(reason);
  return sealed ? { reason: masked, sealedReason: sealed } : { reason: masked };
}

/** A transition event's `after` as a reader sees it: the reason as typed when `full`, else masked; never the sealed copy. */
export function openReason(after: Record<string, unknown>, full: boolean): Record<string, unknown> {
  const { sealedReason, ...rest } = after;
  if (typeof sealedReason !== 'string') return after;
  return full ? { ...rest, reason: openTexts(after.reason, sealedReason) } : rest;
}
