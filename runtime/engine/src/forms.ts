/**
 * Document forms on the server (and in the browser): the pack's field list becomes a JSON
 * Schema that ajv checks types, formats and ranges with; the rules part's compiled field
 * rules decide what is visible, required and computed. Hidden fields are dropped, computed
 * fields recomputed, and a draft may be incomplete while an issued document may not.
 */
import type { DocumentForm, Field } from '@yifa/metamodel';
import { schemaViolations } from '@yifa/metamodel';
import { evaluateForm, type FactContext, type RuleEnv } from '@yifa/rules';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

const addFormats = formats as unknown as typeof formats.default;
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
addFormats(ajv, ['date', 'date-time']);
const compiled = new WeakMap<DocumentForm, ValidateFunction>();

/** One problem with a document's data, for the form to show by its field. */
export interface FieldProblem {
  field: string;
  pointer: string;
  code: string;
  message: { zh: string; en: string };
}

/** The outcome of checking a document's data. */
export interface DocumentCheck {
  /** The data as stored: known fields only, hidden ones dropped, computed ones recomputed. */
  values: Record<string, unknown>;
  /** Values that are wrong (bad type, format, range, unknown field): nothing may be saved with these. */
  problems: FieldProblem[];
  /** Required visible fields still empty: a draft may have these, an issued document may not. */
  missing: FieldProblem[];
}

const TEXT_LIMIT = 20_000;

function fieldSchema(f: Field): Record<string, unknown> {
  const str = (limit: number) => ({
    type: 'string',
    maxLength: Math.min(f.maxLength ?? limit, limit),
    ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
    ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
  });
  const num = (type: string) => ({
    type,
    ...(f.minimum !== undefined ? { minimum: f.minimum } : {}),
    ...(f.maximum !== undefined ? { maximum: f.maximum } : {}),
  });
  switch (f.type) {
    case 'string':
    case 'signature':
      return str(500);
    case 'text':
      return str(TEXT_LIMIT);
    case 'number':
      return num('number');
    case 'integer':
      return num('integer');
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { enum: f.options ?? [] };
    case 'multi-enum':
      return { type: 'array', items: { enum: f.options ?? [] }, uniqueItems: true, maxItems: 50 };
    case 'legal-basis':
    case 'attachment':
      return { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 100 };
    case 'party':
      return {
        type: 'object',
        properties: {
          kind: { enum: ['person', 'organisation'] },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          idNumber: { type: 'string', maxLength: 30 },
          address: { type: 'string', maxLength: 300 },
          phone: { type: 'string', maxLength: 30 },
          representative: { type: 'string', maxLength: 100 },
        },
        required: ['name'],
        additionalProperties: false,
      };
    case 'table':
      return {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          properties: Object.fromEntries((f.columns ?? []).map((c) => [c.name, fieldSchema(c)])),
          additionalProperties: false,
        },
      };
  }
}

/** The JSON Schema of a form's data (types, formats, ranges; requiredness depends on the rules). */
export function formJsonSchema(form: DocumentForm): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: Object.fromEntries(form.fields.map((f) => [f.name, fieldSchema(f)])),
    additionalProperties: false,
  };
}

function validatorOf(form: DocumentForm): ValidateFunction {
  let v = compiled.get(form);
  if (!v) {
    v = ajv.compile(formJsonSchema(form));
    compiled.set(form, v);
  }
  return v;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Checks a document's data against its form, given the case's facts. */
export function checkDocument(
  form: DocumentForm,
  data: Readonly<Record<string, unknown>>,
  context: Partial<FactContext>,
  env: RuleEnv,
): DocumentCheck {
  const problems: FieldProblem[] = [];
  const titles = new Map(form.fields.map((f) => [f.name, f.title]));
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!isEmpty(v)) given[k] = v;
  const state = evaluateForm(form, given, env, context);
  if (!state.ok)
    throw new Error(`form ${form.code} does not compile: ${state.issues.map((i) => i.message.en).join('; ')}`);
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) {
    const s = state.value.fields[k];
    if (!titles.has(k))
      values[k] = v; // unknown: kept so the schema names it
    else if (s?.visible !== false) values[k] = v;
  }
  for (const [k, v] of Object.entries(state.value.computed)) {
    if (v === null) delete values[k];
    else values[k] = v;
  }
  const validate = validatorOf(form);
  if (!validate(values)) {
    for (const v of schemaViolations(validate.errors ?? [], values)) {
      const field = v.pointer.split('/')[1] ?? '';
      const title = titles.get(field) ?? field;
      problems.push({
        field,
        pointer: v.pointer,
        code: v.keyword,
        message: { zh: `${title}：${v.message.zh}`, en: `${field}: ${v.message.en}` },
      });
    }
  }
  const missing: FieldProblem[] = [];
  for (const f of form.fields) {
    const s = state.value.fields[f.name];
    if (s?.visible !== false && s?.required && isEmpty(values[f.name])) {
      missing.push({
        field: f.name,
        pointer: `/${f.name}`,
        code: 'required',
        message: { zh: `${f.title}：必填`, en: `${f.name}: required` },
      });
    }
  }
  return { values, problems, missing };
}
