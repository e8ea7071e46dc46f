/**
 * A document as the API answers it: its data (personal data masked unless the reader may
 * see it), the field states the form's rules give (visible, required, read-only), what
 * still blocks issuing, whether an issued document still matches its hashes, and the print
 * context the browser previews unsaved edits with (citations for every legal basis a draft
 * may cite; an issued document's own frozen context).
 */
import { checkDocument, type FieldProblem } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import { evaluateForm } from '@yifa/rules';
import { type Actor, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import type { DocumentRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { caseFor } from '../storage/cases.ts';
import { citedBases, type DocumentContext, storedPrintContext } from './context.ts';
import { maskPersonalData, maskPersonalTexts } from './pii.ts';
import { isIntact } from './print.ts';

/** A field problem as the API answers it. */
export const problem = (p: FieldProblem) => ({ path: p.pointer, field: p.field, code: p.code, message: p.message });

/** Whether the actor holds the permission on the case (role and scope, checked in the query). */
async function mayOnCase(
  db: Db,
  actor: Actor,
  caseId: string,
  permission: 'personal-data.read' | 'document.edit',
): Promise<boolean> {
  if (!scopeFor(actor, permission)) return false;
  try {
    await caseFor(db, actor, caseId, permission);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found') return false;
    throw e;
  }
}

/** Whether the actor may see the case's personal data in full (role and scope, checked in the query). */
export const mayReadPersonalData = (db: Db, actor: Actor, caseId: string) =>
  mayOnCase(db, actor, caseId, 'personal-data.read');

/** Whether the actor may edit the case's documents (document.edit, role and scope). */
export const mayEditDocuments = (db: Db, actor: Actor, caseId: string) => mayOnCase(db, actor, caseId, 'document.edit');

/** The legal bases a document may cite: those it cites, and while a draft, its matter's. */
function citable(form: DocumentForm, doc: DocumentRow, dc: DocumentContext): string[] {
  const { matter } = dc.loaded.snapshot;
  const drafting = doc.status === 'draft' ? [...(matter.violatedBasis ?? []), ...(matter.penaltyBasis ?? [])] : [];
  return [...citedBases(form, doc.data), ...drafting];
}

/** A document as the API answers it: data, field states, what blocks issuing, its print context. */
export function documentView(form: DocumentForm, doc: DocumentRow, dc: DocumentContext, personalData: boolean) {
  const check = checkDocument(form, doc.data, dc.facts, dc.loaded.env);
  const state = evaluateForm(form, doc.data, dc.loaded.env, dc.facts);
  return {
    id: doc.id,
    caseId: doc.caseId,
    caseNumber: dc.loaded.row.number,
    form: {
      code: form.code,
      name: form.name,
      nameEn: form.nameEn ?? null,
      numbered: !!form.numbering,
      issued: form.issued,
    },
    version: doc.version,
    status: doc.status,
    number: doc.number,
    data: personalData ? doc.data : maskPersonalData(form, doc.data),
    personalData: personalData ? 'full' : 'masked',
    fields: state.ok ? state.value.fields : {},
    missing: check.missing.map(problem),
    problems: check.problems.map(problem),
    formHash: doc.formHash,
    hash: doc.hash,
    intact: isIntact(form, doc),
    supersedes: doc.supersedes,
    // Why this version corrects the one it supersedes; masked like the data for readers who see masked data.
    correctionReason: personalData ? doc.correctionReason : maskPersonalTexts(doc.correctionReason),
    createdBy: doc.createdBy,
    updatedAt: doc.updatedAt,
    issuedAt: doc.issuedAt,
    issuedBy: doc.issuedBy,
    print: storedPrintContext(dc, doc, citable(form, doc, dc)),
  };
}
