/**
 * The print layout of a stored document, from its own form in the case's pinned pack and
 * its own data, with the print context frozen when it was issued. An issued document is first
 * checked against its hashes: the template must be the one it was issued with and the snapshot
 * (data, number, print context) must hash as it did then, so a reprint is the issued document
 * or a clear refusal, never something quietly different.
 */
import { layoutDocument, type PrintDoc } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import type { DocumentRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type DocumentContext, printContext } from './context.ts';
import { formHash, snapshotHash } from './hash.ts';
import { maskPersonalData } from './pii.ts';

/** Whether an issued document still matches its template and snapshot hashes (drafts always do). */
export function isIntact(form: DocumentForm, doc: DocumentRow): boolean {
  if (doc.status !== 'issued') return true;
  if (formHash(form) !== doc.formHash) return false;
  return (
    !!doc.issuedAt &&
    snapshotHash({
      form: doc.formCode,
      version: doc.version,
      number: doc.number,
      data: doc.data,
      formHash: doc.formHash,
      issuedAt: doc.issuedAt,
      print: doc.printContext,
    }) === doc.hash
  );
}

/**
 * The resolved print layout of a document; personal data masked unless the reader may see it.
 *
 * @example
 * printHtml(printDocument(form, doc, dc, { personalData: true }))
 */
export function printDocument(
  form: DocumentForm,
  doc: DocumentRow,
  dc: DocumentContext,
  options: { personalData: boolean },
): PrintDoc {
  if (!isIntact(form, doc)) throw new AppError('document-altered', { document: doc.id, number: doc.number });
  const data = options.personalData ? doc.data : maskPersonalData(form, doc.data);
  return layoutDocument(form, data, printContext(dc, doc));
}
