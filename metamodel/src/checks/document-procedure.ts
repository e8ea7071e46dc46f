/**
 * What a document form says about the procedure: the workflow states it may be edited in
 * (`editableIn`), the sections each filled by their roles (`sections`), and the case facts its
 * issue sets (`sets`). States must exist in a workflow, a section's fields in the form and in
 * one section only, and a fact set on issue must be one a case records (a platform fact the
 * platform does not compute, or a fact of a matter using the form) with exactly one source.
 * Section roles resolve in references.ts; conditions of `sets[].when` in conditions.ts.
 */
import { platformFact } from '../facts.ts';
import type { DocumentForm, Workflow } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, type CheckContext, validItems } from './context.ts';

/** Platform facts the platform derives itself: a document can never set them. */
const COMPUTED = new Set([
  'state',
  'matter',
  'workflow',
  'category',
  'subject',
  'subjectType',
  'subjectName',
  'caseNumber',
  'matterName',
  'partyKind',
  'partyName',
  'openedAt',
  'today',
  'daysSince',
  'deadlineDaysLeft',
  'deadlineExtended',
  'officerCount',
  'officersCertified',
  'legalReviewed',
  'legalReviewOpinion',
  'documentsIssued',
  'documentsCompleted',
  'evidenceCount',
]);

/** Checks editableIn, sections, issuedBy and sets of every document form, and the document fields transitions require. */
export const checkDocumentProcedure: Check = (ctx) => {
  const states = new Set<string>();
  for (const wf of ctx.pack.items.workflow.values()) for (const s of wf.states ?? []) states.add(s.code);
  return [
    ...validItems(ctx, 'document').flatMap(([code, d]) => checkOne(ctx, code, d, states)),
    ...validItems(ctx, 'workflow').flatMap(([code, wf]) => checkDocumentFields(ctx, code, wf)),
  ];
};

/**
 * A transition's documentFields: the field exists on the form, exactly one of equal and
 * notEqual, and for a choice field the value is one of its options (a typo would otherwise
 * refuse, or allow, every case). An unknown form is a reference error (references.ts).
 */
function checkDocumentFields(ctx: CheckContext, code: string, wf: Workflow): Finding[] {
  const out: Finding[] = [];
  wf.transitions.forEach((t, i) =>
    t.documentFields?.forEach((r, j) => {
      const at = (pointer: string, issue: Parameters<typeof finding>[3], params: Record<string, unknown>) =>
        out.push(finding('workflow', code, pointer, issue, { document: r.document, field: r.field, ...params }));
      const base = pointerOf('transitions', i, 'documentFields', j);
      if ((r.equal === undefined) === (r.notEqual === undefined)) at(base, 'workflow.document-field-value', {});
      const form = ctx.pack.items.document.get(r.document);
      if (!form) return;
      const field = form.fields.find((f) => f.name === r.field);
      if (!field) {
        at(`${base}/field`, 'workflow.document-field-unknown', {});
        return;
      }
      const value = r.equal ?? r.notEqual;
      if (field.options && value !== undefined && !field.options.includes(String(value)))
        at(`${base}/${r.equal !== undefined ? 'equal' : 'notEqual'}`, 'workflow.document-field-option', {
          value,
          options: field.options.join(', '),
        });
    }),
  );
  return out;
}

/** The facts a document using this form may set: recordable platform facts and its matters' facts. */
function settable(ctx: CheckContext, code: string): (fact: string) => boolean {
  const matterFacts = new Set<string>();
  for (const m of ctx.pack.items.matter.values())
    if (m.documents?.includes(code)) for (const f of m.facts ?? []) matterFacts.add(f.name);
  return (fact) => matterFacts.has(fact) || (platformFact(fact) !== undefined && !COMPUTED.has(fact));
}

function checkOne(ctx: CheckContext, code: string, d: DocumentForm, states: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const at = (pointer: string, issue: Parameters<typeof finding>[3], params: Record<string, unknown>) =>
    out.push(finding('document', code, pointer, issue, params));
  const names = new Set(d.fields.map((f) => f.name));
  d.editableIn?.forEach((s, i) => {
    if (!states.has(s)) at(pointerOf('editableIn', i), 'document.unknown-state', { state: s });
  });
  const owner = new Map<string, string>();
  d.sections?.forEach((s, i) =>
    s.fields.forEach((f, j) => {
      const pointer = pointerOf('sections', i, 'fields', j);
      if (!names.has(f)) at(pointer, 'document.unknown-field', { field: f });
      const first = owner.get(f);
      if (first !== undefined) at(pointer, 'document.section-overlap', { field: f, first, second: s.code });
      else owner.set(f, s.code);
    }),
  );
  // A role named to issue the document must hold document.issue, or nobody could ever issue it.
  d.issuedBy?.forEach((r, i) => {
    const role = ctx.pack.items.role.get(r);
    if (role && !role.permissions.includes('document.issue'))
      at(pointerOf('issuedBy', i), 'document.issuer-cannot-issue', { role: r });
  });
  const canSet = settable(ctx, code);
  d.sets?.forEach((x, i) => {
    if ((x.value === undefined) === (x.field === undefined))
      at(pointerOf('sets', i), 'document.sets-value', { fact: x.fact });
    if (x.field !== undefined && !names.has(x.field))
      at(pointerOf('sets', i, 'field'), 'document.unknown-field', { field: x.field });
    if (!canSet(x.fact)) at(pointerOf('sets', i, 'fact'), 'document.sets-unknown-fact', { fact: x.fact });
  });
  return out;
}
