/**
 * The pack's field rules applied to a formily form: the rules part's evaluateForm, the same
 * compiled closures the server checks a document with, decides which fields are visible,
 * required and read-only and what the computed fields are; this writes that into the form.
 */
import type { Form } from '@formily/core';
import type { DocumentForm, Field } from '@yifa/metamodel';
import { evaluateForm, type FactContext, type FormState, type RuleEnv } from '@yifa/rules';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The case fact a field is pre-filled from (`source: fact:…`), if it fits the field's type. */
function factOf(f: Field, context: Partial<FactContext> | undefined): unknown {
  if (!f.source?.startsWith('fact:')) return undefined;
  const v = context?.facts?.[f.source.slice('fact:'.length)];
  const fits =
    f.type === 'number' || f.type === 'integer'
      ? typeof v === 'number'
      : f.type === 'boolean'
        ? typeof v === 'boolean'
        : f.type === 'multi-enum'
          ? Array.isArray(v)
          : typeof v === 'string';
  return fits ? v : undefined;
}

/** The values the rules read: empty ones left out, as the server leaves them out. */
export function givenValues(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !isEmpty(v)));
}

/**
 * The document's data as the server takes it: table rows keep their columns only (formily's
 * ArrayTable marks rows with an index property of its own).
 */
export function documentData(form: DocumentForm, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of form.fields) {
    const rows = out[f.name];
    if (f.type !== 'table' || !Array.isArray(rows)) continue;
    const columns = (f.columns ?? []).map((c) => c.name);
    out[f.name] = rows.map((row) =>
      Object.fromEntries(columns.filter((c) => row?.[c] !== undefined).map((c) => [c, row[c]])),
    );
  }
  return out;
}

/** Fields that are visible, required and still empty. */
export function missingFields(
  form: DocumentForm,
  values: Readonly<Record<string, unknown>>,
  state: FormState,
): string[] {
  return form.fields
    .filter((f) => {
      const s = state.fields[f.name];
      return s?.visible !== false && s?.required && isEmpty(values[f.name]);
    })
    .map((f) => f.name);
}

/**
 * Evaluates the rules on the form's values and applies them. Returns the state, or undefined
 * when the form does not compile (the pack is checked before publishing, so this is a bug).
 */
export function applyFormRules(
  target: Form,
  def: DocumentForm,
  env: RuleEnv,
  context: Partial<FactContext> | undefined,
  locked: boolean,
  /** Fields the user may not edit (another role's part of the form, or all outside the form's step): disabled. */
  othersFields: ReadonlySet<string> = new Set(),
): FormState | undefined {
  const values = target.values as Record<string, unknown>;
  const result = evaluateForm(def, givenValues(values), env, context);
  if (!result.ok) return undefined;
  const state = result.value;
  for (const f of def.fields) {
    const s = state.fields[f.name];
    if (!s) continue;
    target.setFieldState(f.name, (field) => {
      const appearing = field.visible === false && s.visible;
      field.visible = s.visible;
      field.required = s.required;
      // Another role's field is disabled: shown in its place with its value, visibly not for typing.
      if (!locked) field.pattern = othersFields.has(f.name) ? 'disabled' : s.readOnly ? 'readOnly' : 'editable';
      // A field that appears empty takes its case fact, as the server pre-fills a new document.
      if (appearing && !locked && !othersFields.has(f.name) && isEmpty(field.value)) {
        const fact = factOf(f, context);
        if (fact !== undefined) field.value = fact;
      }
    });
  }
  for (const [name, value] of Object.entries(state.computed)) {
    const next = value ?? undefined;
    if (target.getValuesIn(name) !== next) target.setValuesIn(name, next);
  }
  return state;
}
