/**
 * The procedure a document form declares, enforced on the server: a document is created,
 * saved and issued only in the workflow states it belongs to (409 naming them), each of its
 * sections is filled only by the roles the pack names for it (403 naming the section and
 * roles — another role's field in a save is refused, never silently dropped), it is issued
 * (签发, numbered) only by the roles the form names (403 naming them), and the facts its issue
 * sets are taken from the issued values (engine: document-procedure.ts).
 */
import { mayIssue, othersSections, outsideEditableStates, ownFields } from '@yifa/engine';
import type { DocumentForm, ResolvedPack } from '@yifa/metamodel';
import type { Actor } from '../auth/access.ts';
import { AppError } from '../errors.ts';
import type { DocumentContext } from './context.ts';

/** Why the form may not be edited in the case's state, naming the states it may (zh/en); undefined when it may. */
function outsideStateMessage(form: DocumentForm, dc: DocumentContext) {
  const { snapshot } = dc.loaded;
  const outside = outsideEditableStates(form, snapshot.state, snapshot.workflow);
  if (!outside) return undefined;
  const st = (code: string) => snapshot.workflow.states.find((s) => s.code === code);
  const current = st(snapshot.state)?.name ?? snapshot.state;
  // In English, the states by their English names, never their codes.
  const en = (code: string) => st(code)?.nameEn ?? st(code)?.name ?? code;
  return {
    states: outside.states,
    message: {
      zh: `${form.name}只能在“${outside.names.join('”“')}”环节填写和出具，本案现处于“${current}”环节`,
      en: `${form.nameEn ?? form.name} can be filled and issued only in ${outside.states.map(en).join(', ')}; the case is in ${en(snapshot.state)}`,
    },
  };
}

/** Throws 409 `document-state` unless the case is in a state the form may be edited in. */
export function requireEditableState(form: DocumentForm, dc: DocumentContext): void {
  const outside = outsideStateMessage(form, dc);
  if (!outside) return;
  throw new AppError(
    'document-state',
    { form: form.code, state: dc.loaded.snapshot.state, editableIn: outside.states },
    outside.message,
  );
}

/** A section of a form as the document page names it: its title, who fills it, its fields, and whether it is the user's. */
export interface DocumentPart {
  code: string;
  title: { zh: string; en: string };
  filledBy: { zh: string; en: string };
  fields: string[];
  mine: boolean;
}

/** What the user may edit of a document, as the API tells the document page (the server's own rules, never a copy). */
export interface DocumentEditing {
  /** The fields the user may change in this version now: none when the document cannot be edited. */
  editableFields: string[];
  /** Why the user can edit nothing of a draft (the step it belongs to, no permission, a closed case); null otherwise. */
  notEditable: { zh: string; en: string } | null;
  /** The form's sections, each with who fills it (empty when the form has none). */
  parts: DocumentPart[];
}

/**
 * What the actor may edit of the document: nothing of an issued one; of a draft, nothing outside
 * the form's states (editableIn), on a closed case or without document.edit on the case (`mayEdit`),
 * else the fields of no section and of the actor's sections — the rules the save and issue routes
 * enforce (requireEditableState, requireOwnSections).
 */
export function documentEditing(
  form: DocumentForm,
  dc: DocumentContext,
  actor: Actor,
  status: 'draft' | 'issued',
  mayEdit: boolean,
): DocumentEditing {
  const roles = actor.roles.map((r) => r.code);
  const own = new Set(ownFields(form, roles));
  const parts = (form.sections ?? []).map((s) => ({
    code: s.code,
    title: { zh: s.title, en: s.titleEn ?? s.title },
    filledBy: roleNames(dc.loaded.pack, s.roles),
    fields: [...s.fields],
    mine: s.roles.some((r) => roles.includes(r)),
  }));
  if (status === 'issued') return { editableFields: [], notEditable: null, parts };
  const outside = outsideStateMessage(form, dc);
  const notEditable = outside
    ? outside.message
    : dc.loaded.row.closedAt
      ? { zh: '案件已结案，文书不能修改', en: 'the case is closed; its documents cannot be changed' }
      : !mayEdit
        ? { zh: '您没有修改本案文书的权限', en: 'you may not edit the documents of this case' }
        : null;
  return {
    editableFields: notEditable ? [] : form.fields.map((f) => f.name).filter((n) => own.has(n)),
    notEditable,
    parts,
  };
}

/**
 * Throws 403 `document-issuer` unless one of the actor's roles issues (签发) the form — a
 * decision is the agency head's, not the officer's who drafted it — naming the form and the
 * roles that may. Numbering happens only at that issue.
 */
export function requireIssuer(form: DocumentForm, dc: DocumentContext, actor: Actor): void {
  if (
    mayIssue(
      form,
      actor.roles.map((r) => r.code),
    )
  )
    return;
  const roles = form.issuedBy ?? [];
  const who = roleNames(dc.loaded.pack, roles);
  throw new AppError(
    'document-issuer',
    { form: form.code, issuedBy: roles },
    {
      zh: `${form.name}由${who.zh}签发（出具），您不能出具`,
      en: `the ${form.nameEn ?? form.name} is issued by ${who.en}; you cannot issue it`,
    },
  );
}

/** Who issues the form, by role code and name; null when any role holding document.issue may. */
export function issuersOf(
  pack: ResolvedPack,
  form: DocumentForm,
): { roles: string[]; names: { zh: string; en: string } } | null {
  return form.issuedBy ? { roles: [...form.issuedBy], names: roleNames(pack, form.issuedBy) } : null;
}

/** The names of the pack's roles, for messages. */
function roleNames(pack: ResolvedPack, codes: readonly string[]): { zh: string; en: string } {
  const roles = codes.map((c) => pack.items.role.get(c));
  return {
    zh: roles.map((r, i) => r?.name ?? codes[i]).join('、'),
    en: roles.map((r, i) => r?.nameEn ?? codes[i]).join(', '),
  };
}

/**
 * Throws 403 `document-section` when `after` changes a field of a section none of the actor's
 * roles fills, naming the section, its roles and the fields.
 */
export function requireOwnSections(
  form: DocumentForm,
  dc: DocumentContext,
  actor: Actor,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): void {
  const roles = actor.roles.map((r) => r.code);
  const [first] = othersSections(form, roles, before, after);
  if (!first) return;
  const { section, fields } = first;
  const who = roleNames(dc.loaded.pack, section.roles);
  throw new AppError(
    'document-section',
    { form: form.code, section: section.code, roles: section.roles, fields },
    {
      zh: `“${section.title}”由${who.zh}填写，不能修改：${fields.join('、')}`,
      en: `"${section.titleEn ?? section.code}" is filled by ${who.en}; you cannot change ${fields.join(', ')}`,
    },
  );
}
