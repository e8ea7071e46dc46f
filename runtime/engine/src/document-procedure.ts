/**
 * What a document form says about the procedure, decided for one case: whether it may be
 * edited in the case's state (`editableIn`), which of its fields a user's roles may fill
 * (`sections`), and which case facts issuing it sets (`sets`). Pure: the platform refuses and
 * stores, this decides — so the officer's screen and the server give the same answer.
 */
import { type DocumentForm, type DocumentSection, platformFact, type Workflow } from '@yifa/metamodel';
import { cached, compileCondition, type FactContext, type RuleEnv } from '@yifa/rules';
import { type DateOf, writtenDate } from './deadlines.ts';

/**
 * The states the form may be edited in, by name, when the case's state is not one of them; else
 * undefined. Only the states of the case's workflow are named (the 立案审批表 is also filled in the
 * inspection's 转立案审批, which an ordinary case never enters), unless it has none of them.
 */
export function outsideEditableStates(
  form: DocumentForm,
  state: string,
  workflow: Workflow,
): { states: string[]; names: string[] } | undefined {
  const all = form.editableIn;
  if (!all || all.includes(state)) return undefined;
  const own = all.filter((code) => workflow.states.some((s) => s.code === code));
  const states = own.length ? own : [...all];
  const name = (code: string) => workflow.states.find((s) => s.code === code)?.name ?? code;
  return { states, names: states.map(name) };
}

/**
 * Whether a user with these roles issues (签发) the document: one of the form's `issuedBy`
 * roles, or anyone (who holds document.issue) when the form names none.
 *
 * @example
 * mayIssue(penaltyDecision, ['officer']) // false: issuedBy [agency-head]
 */
export function mayIssue(form: DocumentForm, roles: readonly string[]): boolean {
  return !form.issuedBy || form.issuedBy.some((r) => roles.includes(r));
}

/** A section another role fills, and the fields of it a save changed. */
export interface SectionRefusal {
  section: DocumentSection;
  fields: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The sections whose fields `after` changes from `before` although none of the user's roles
 * fills them. Fields in no section are anyone's who may edit the document.
 *
 * @example
 * othersSections(filingForm, ['officer'], draft, { ...draft, agencyDecision: '同意立案' })
 * // [{ section: { code: 'agency', … roles: ['agency-head'] }, fields: ['agencyDecision'] }]
 */
export function othersSections(
  form: DocumentForm,
  roles: readonly string[],
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): SectionRefusal[] {
  const out: SectionRefusal[] = [];
  for (const section of form.sections ?? []) {
    if (section.roles.some((r) => roles.includes(r))) continue;
    const fields = section.fields.filter((f) => !same(before[f], after[f]));
    if (fields.length) out.push({ section, fields });
  }
  return out;
}

/**
 * The fields of the form a user with these roles fills: those of no section and those of the
 * sections one of the roles fills — a field some other role's section names is that role's, as
 * othersSections refuses a change to it. Whether the document may be edited at all (its state,
 * its status) is the caller's to add.
 *
 * @example
 * ownFields(filingForm, ['agency-head']) // ['caseNumber', 'agencyDecision', 'notFiledReason', …]
 */
export function ownFields(form: DocumentForm, roles: readonly string[]): string[] {
  const others = new Set(
    (form.sections ?? []).filter((s) => !s.roles.some((r) => roles.includes(r))).flatMap((s) => s.fields),
  );
  return form.fields.map((f) => f.name).filter((name) => !others.has(name));
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The case facts issuing the document sets, from its issued values: each setting whose `when`
 * holds over the values and the case's facts (a condition that cannot be decided sets nothing),
 * with its constant or its field's value (an empty field sets nothing). A date fact set from a
 * date-time field (the time of a meeting) takes its date by `dateOf` (the platform's legal day).
 *
 * @example
 * factsOnIssue(receipt, { servedDocuments: ['行政处罚事先告知书'], servedAt: '2026-03-02' }, { facts }, env)
 * // { statementNotified: true, statementNotifiedAt: '2026-03-02' }
 */
export function factsOnIssue(
  form: DocumentForm,
  values: Readonly<Record<string, unknown>>,
  context: Partial<FactContext>,
  env: RuleEnv,
  dateOf: DateOf = writtenDate,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ctx: FactContext = { ...context, facts: { ...context.facts, ...values } };
  (form.sets ?? []).forEach((s, i) => {
    if (s.when) {
      const compiled = cached(env, s.when, () =>
        compileCondition(s.when as NonNullable<typeof s.when>, env, {
          kind: 'document',
          code: form.code,
          part: `sets/${i}`,
        }),
      );
      if (!compiled.ok || compiled.value.test(ctx) !== 1) return;
    }
    const value = s.field !== undefined ? values[s.field] : s.value;
    if (isEmpty(value)) return;
    out[s.fact] =
      platformFact(s.fact)?.type === 'date' && typeof value === 'string' && value.length > 10 ? dateOf(value) : value;
  });
  return out;
}

/** The forms of a pack that set each fact on issue, by fact name. */
export function factSetters(forms: Iterable<DocumentForm>): Map<string, DocumentForm[]> {
  const out = new Map<string, DocumentForm[]>();
  for (const form of forms)
    for (const s of form.sets ?? []) {
      const list = out.get(s.fact) ?? [];
      if (!list.includes(form)) list.push(form);
      out.set(s.fact, list);
    }
  return out;
}
