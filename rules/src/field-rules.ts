/**
 * Field rules of a document form: which fields are visible, required and read-only, and the
 * values of computed fields, from the field values and the case facts. This is the code the
 * browser runs as the officer types and the server runs when it checks the submitted form: the
 * rules part is pure, so both import it and compile the same form into the same closures.
 *
 * Semantics: a field named by a `show` rule is hidden unless one of its show rules holds; a
 * `hide` rule that holds hides it. Required = the field's `required` or a `require` rule that
 * holds, and only while visible. Read-only = computed, or a `readOnly` rule holds. A condition
 * that cannot be decided (say, on a field still empty) counts as not holding. Field values
 * shadow case facts of the same name; computed fields are computed in dependency order.
 */
import type { DocumentForm } from '@yifa/metamodel';
import type { CompiledCondition } from './compiler.ts';
import { compileCondition } from './engine.ts';
import { cached, type RuleEnv } from './env.ts';
import { type CompiledExpression, compileExpression, type Scalar } from './expression.ts';
import type { FactContext, Facts } from './facts.ts';
import { fail, type Issue, issue, ok, type Result } from './issues.ts';
import type { Evaluation } from './trace.ts';

/** The state of one field. */
export interface FieldState {
  visible: boolean;
  required: boolean;
  readOnly: boolean;
}

/** The state of a form for given values. */
export interface FormState {
  fields: Record<string, FieldState>;
  computed: Record<string, Scalar | null>;
  /** Whether each rule held, in the form's order (null: undetermined, counted as not holding). */
  rules: (boolean | null)[];
  /** The evaluation of each rule, when asked for. */
  evaluations?: Evaluation[];
  issues: Issue[];
}

/** A form compiled once. */
export interface CompiledForm {
  readonly form: DocumentForm;
  evaluate(values: Facts, context?: Partial<FactContext>, options?: { explain?: boolean }): FormState;
}

/** Compiles a form's rules and computed fields. */
export function compileForm(form: DocumentForm, env: RuleEnv): Result<CompiledForm> {
  const issues: Issue[] = [];
  const rules: (CompiledCondition | undefined)[] = (form.rules ?? []).map((r, i) => {
    const c = compileCondition(
      r.when,
      env,
      { kind: 'document', code: form.code, part: `rules/${i}` },
      `/rules/${i}/when`,
    );
    if (!c.ok) issues.push(...c.issues);
    return c.ok ? c.value : undefined;
  });
  const order = computeOrder(form, issues);
  const computed: [string, CompiledExpression][] = [];
  for (const i of order) {
    const field = form.fields[i];
    if (!field?.computed) continue;
    const c = compileExpression(
      field.computed,
      env,
      { kind: 'document', code: form.code, part: `fields/${field.name}` },
      `/fields/${i}/computed`,
    );
    if (c.ok) computed.push([field.name, c.value]);
    else issues.push(...c.issues);
  }
  if (issues.length) return fail(issues);
  return ok({
    form,
    evaluate(values, context = {}, options = {}) {
      const facts: Record<string, unknown> = { ...context.facts, ...values };
      const out: FormState = { fields: {}, computed: {}, rules: [], issues: [] };
      const ctx: FactContext = { ...context, facts };
      for (const [name, expr] of computed) {
        const r = expr.evaluate(ctx);
        out.computed[name] = r.value;
        out.issues.push(...r.issues);
        facts[name] = r.value ?? undefined;
      }
      if (options.explain) out.evaluations = [];
      for (const c of rules) {
        if (!c) continue;
        const ev = options.explain ? c.evaluate(ctx) : undefined;
        if (ev) out.evaluations?.push(ev);
        const t = ev ? ev.held : c.test(ctx);
        out.rules.push(typeof t === 'number' ? (t === 2 ? null : t === 1) : t);
      }
      out.fields = applyFieldRules(form, out.rules);
      return out;
    },
  });
}

/** Evaluates a form once, compiling it on first use within the environment. */
export function evaluateForm(
  form: DocumentForm,
  values: Facts,
  env: RuleEnv,
  context?: Partial<FactContext>,
): Result<FormState> {
  const compiled = cached(env, form, () => compileForm(form, env));
  return compiled.ok ? ok(compiled.value.evaluate(values, context)) : compiled;
}

/** Folds which rules held into field states (see the module comment for the semantics). */
export function applyFieldRules(form: DocumentForm, held: readonly (boolean | null)[]): Record<string, FieldState> {
  const shown = new Map<string, boolean>();
  const hidden = new Set<string>();
  const required = new Set<string>();
  const readOnly = new Set<string>();
  (form.rules ?? []).forEach((r, i) => {
    const on = held[i] === true;
    for (const f of r.fields) {
      if (r.effect === 'show') shown.set(f, (shown.get(f) ?? false) || on);
      else if (on && r.effect === 'hide') hidden.add(f);
      else if (on && r.effect === 'require') required.add(f);
      else if (on && r.effect === 'readOnly') readOnly.add(f);
    }
  });
  const out: Record<string, FieldState> = {};
  for (const f of form.fields) {
    const visible = (shown.get(f.name) ?? true) && !hidden.has(f.name);
    out[f.name] = {
      visible,
      required: visible && (f.required === true || required.has(f.name)),
      readOnly: f.computed !== undefined || readOnly.has(f.name),
    };
  }
  return out;
}

/** Indexes of the form's fields with computed fields after those they read; cycles are issues. */
function computeOrder(form: DocumentForm, issues: Issue[]): number[] {
  const index = new Map(form.fields.map((f, i) => [f.name, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: number[] = [];
  const visit = (name: string, chain: string[]): void => {
    const i = index.get(name);
    const field = i === undefined ? undefined : form.fields[i];
    if (i === undefined || !field?.computed || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      issues.push(issue('form.computed-cycle', `/fields/${i}/computed`, { chain: [...chain, name] }));
      return;
    }
    state.set(name, 'visiting');
    for (const dep of factsOf(field.computed)) visit(dep, [...chain, name]);
    state.set(name, 'done');
    order.push(i);
  };
  for (const f of form.fields) visit(f.name, []);
  return order;
}

function factsOf(x: unknown): string[] {
  if (typeof x !== 'object' || x === null) return [];
  if (Array.isArray(x)) return x.flatMap(factsOf);
  const o = x as Record<string, unknown>;
  return [...(typeof o.fact === 'string' ? [o.fact] : []), ...Object.values(o).flatMap(factsOf)];
}
