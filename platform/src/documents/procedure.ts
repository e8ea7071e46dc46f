/**
 * The procedure a document form declares, enforced on the server: a document is created,
 * saved and issued only in the workflow states it belongs to (409 naming them), each of its
 * sections is filled only by the roles the pack names for it (403 naming the section and
 * roles — another role's field in a save is refused, never silently dropped), and the facts
 * its issue sets are taken from the issued values (engine: document-procedure.ts).
 */
import { othersSections, outsideEditableStates } from '@yifa/engine';
import type { DocumentForm, ResolvedPack } from '@yifa/metamodel';
import type { Actor } from '../auth/access.ts';
import { AppError } from '../errors.ts';
import type { DocumentContext } from './context.ts';

/** Throws 409 `document-state` unless the case is in a state the form may be edited in. */
export function requireEditableState(form: DocumentForm, dc: DocumentContext): void {
  const { snapshot } = dc.loaded;
  const outside = outsideEditableStates(form, snapshot.state, snapshot.workflow);
  if (!outside) return;
  const current = snapshot.workflow.states.find((s) => s.code === snapshot.state)?.name ?? snapshot.state;
  throw new AppError(
    'document-state',
    { form: form.code, state: snapshot.state, editableIn: outside.states },
    {
      zh: `${form.name}只能在“${outside.names.join('”“')}”环节填写和出具，本案现处于“${current}”环节`,
      en: `${form.nameEn ?? form.code} can be filled and issued only in ${outside.states.join(', ')}; the case is in ${snapshot.state}`,
    },
  );
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
