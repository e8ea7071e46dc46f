/**
 * 出具 of a case's document, put together once: the facts its issue sets, its number from the
 * subject's own pattern, the print context frozen with it, and the `document.issue` audit event.
 * The officer's 出具 (POST /documents/{id}/issue) and the reviewer's enter-once opinion (which
 * issues the 法制审核意见书 it fills) both call this, so what an issued document records and what
 * the audit chain says of it cannot differ between the two.
 */
import { factsOnIssue, numberingPatternFor } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import type { Db } from '../db/client.ts';
import type { DocumentRow } from '../db/schema.ts';
import { citedBases, type DocumentContext, storedPrintContext } from './context.ts';
import { issueDraft } from './store.ts';

/** Who issues and when; `review` names the legal review whose opinion issued it. */
export interface IssueBy {
  actor: string;
  issuedAt: string;
  review?: string;
}

/** Issues a checked draft of the case `dc` in one transaction (see `issueDraft`). */
export function issueInCase(
  db: Db,
  dc: DocumentContext,
  form: DocumentForm,
  doc: DocumentRow,
  values: Record<string, unknown>,
  by: IssueBy,
): Promise<DocumentRow> {
  // The facts the pack says this issue sets (served notice, written waiver, hearing held).
  const sets = factsOnIssue(form, values, dc.facts, dc.loaded.env, dc.loaded.snapshot.dateOf);
  return issueDraft(db, form, doc, values, {
    sets,
    ...(form.numbering
      ? // The organisation may number this form with a whole pattern of its own (e.g. 消行罚决字).
        {
          numbering: {
            pattern: numberingPatternFor(form.code, form.numbering.pattern, dc.org.numbering),
            org: dc.org,
          },
        }
      : {}),
    issuedAt: by.issuedAt,
    issuedBy: by.actor,
    // Frozen with the document: a later change of the case's party does not change what it prints.
    print: storedPrintContext(dc, { number: null, issuedAt: by.issuedAt }, citedBases(form, values)),
    audit: (number, hash) => ({
      actor: by.actor,
      action: 'document.issue',
      caseId: doc.caseId,
      target: doc.id,
      after: {
        form: form.code,
        version: doc.version,
        number,
        hash,
        formHash: doc.formHash,
        ...(by.review ? { review: by.review } : {}),
        ...(Object.keys(sets).length ? { sets } : {}),
      },
    }),
  });
}
