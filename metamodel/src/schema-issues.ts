/**
 * Turns ajv errors into issue data with zh-CN and en messages. ajv reports every
 * branch of a oneOf/anyOf that failed; we keep only the branch that best fits the
 * data, so an author reads "missing property value", not five unrelated complaints.
 */
import type { ErrorObject } from 'ajv';
import localize from 'ajv-i18n';
import type { Message } from './issues.ts';

/** A schema violation inside one item. */
export interface SchemaViolation {
  keyword: string;
  pointer: string;
  message: Message;
  params: Record<string, unknown>;
}

const zhLocalize = (localize as unknown as { zh: (errors: ErrorObject[]) => void }).zh;
const SHAPE = new Set(['required', 'additionalProperties', 'type', 'const', 'enum']);

/** The violations of an item from its validator's errors. */
export function schemaViolations(errors: readonly ErrorObject[], data: unknown): SchemaViolation[] {
  const kept = collapseAlternatives([...errors], data);
  const zh = kept.map((e) => ({ ...e }));
  zhLocalize(zh);
  return kept.map((e, i) => toViolation(e, zh[i]?.message ?? e.message ?? ''));
}

function collapseAlternatives(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const alternatives = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => b.instancePath.length - a.instancePath.length);
  let result = errors;
  for (const alt of alternatives) {
    const at = alt.instancePath;
    const shapeHere = result.filter((e) => e.instancePath === at && SHAPE.has(e.keyword));
    const deeper = result.filter((e) => e.instancePath !== at && within(e.instancePath, at));
    const best = bestSchema(shapeHere, valueAt(data, at));
    // Keep the whole-shape complaints of the branch that fits the data best and what went wrong
    // deeper inside; when no branch fits at all, one "matches none of the forms" says it best.
    const drop = new Set<ErrorObject>(shapeHere.filter((e) => best === undefined || e.parentSchema !== best));
    if (best !== undefined || deeper.length > 0) drop.add(alt);
    result = result.filter((e) => !drop.has(e));
  }
  return result;
}

function bestSchema(errors: ErrorObject[], value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  let best: unknown;
  let bestScore = 0;
  for (const e of errors) {
    const schema = e.parentSchema as { required?: string[]; properties?: Record<string, unknown> } | undefined;
    if (!schema?.properties) continue;
    const score =
      keys.filter((k) => k in (schema.properties ?? {})).length * 2 +
      (schema.required ?? []).filter((k) => keys.includes(k)).length;
    if (score > bestScore) {
      best = schema;
      bestScore = score;
    }
  }
  return best;
}

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function toViolation(e: ErrorObject, zhText: string): SchemaViolation {
  const p = e.params as Record<string, unknown>;
  let pointer = e.instancePath;
  let zh = zhText;
  let en = e.message ?? e.keyword;
  if (e.keyword === 'required') pointer += `/${String(p.missingProperty)}`;
  if (e.keyword === 'additionalProperties') pointer += `/${String(p.additionalProperty)}`;
  if (e.keyword === 'additionalProperties') {
    zh = `不允许的属性“${String(p.additionalProperty)}”`;
    en = `property "${String(p.additionalProperty)}" is not allowed`;
  }
  if (e.keyword === 'required') {
    zh = `缺少必填属性“${String(p.missingProperty)}”`;
    en = `required property "${String(p.missingProperty)}" is missing`;
  }
  if (e.keyword === 'enum') {
    const allowed = (p.allowedValues as unknown[]).map(String);
    const list = allowed.slice(0, 12).join(', ') + (allowed.length > 12 ? ' …' : '');
    zh = `应为以下值之一：${list}`;
    en = `must be one of: ${list}`;
  }
  if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
    zh = '不符合任何一种允许的形式';
    en = 'matches none of the allowed forms';
  }
  return { keyword: e.keyword, pointer, message: { zh, en }, params: p };
}
