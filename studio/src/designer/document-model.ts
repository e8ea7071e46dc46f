/**
 * The document-form designer's edits (#14), pure: each takes the document item's value and gives
 * the next one, so the designer, the generated form and the YAML view edit one value. A field is
 * added, removed, moved, changed or renamed; its conditions ("visible when", "required when") are
 * the document's field rules naming it alone; the numbering pattern is set or cleared. Removing or
 * renaming a field carries through to the rules, the sections and the print blocks that name it,
 * so the document stays consistent. `fieldProblems` is what the designer marks at a field before
 * saving (a duplicate name, an empty title …), in Chinese and English.
 */
import type { DocumentForm, Field } from '@yifa/metamodel';
import { NUMBERING_TOKENS } from '@yifa/metamodel';

export type DocValue = Record<string, unknown>;
export type FieldValue = Partial<Field> & Record<string, unknown>;
export type Rule = NonNullable<DocumentForm['rules']>[number];
export type ConditionEffect = 'show' | 'require';

export const FIELD_TYPES = [
  'string',
  'text',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'enum',
  'multi-enum',
  'party',
  'legal-basis',
  'attachment',
  'signature',
  'table',
] as const satisfies readonly Field['type'][];

/** The `source` values the schema allows besides `fact:<name>` (document.schema.json's pattern). */
export const SOURCES = [
  'party.name',
  'party.kind',
  'party.idNumber',
  'party.address',
  'party.phone',
  'party.representative',
  'org.name',
  'org.shortName',
  'org.address',
  'matter.name',
  'matter.cause',
  'matter.violatedBasis',
  'matter.penaltyBasis',
  'discretion.tier',
  'discretion.fineRange',
  'discretion.explanation',
  'case.number',
  'case.openedAt',
  'case.officers',
  'review.opinion',
  'review.comment',
  'review.reviewer',
  'review.requestedAt',
  'review.decidedAt',
  'today',
] as const;

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SOURCE =
  /^(fact:[A-Za-z][A-Za-z0-9_.]*|party\.(name|kind|idNumber|address|phone|representative)|org\.(name|shortName|address)|matter\.(name|cause|violatedBasis|penaltyBasis)|discretion\.(tier|fineRange|explanation)|case\.(number|openedAt|officers)|review\.(opinion|comment|reviewer|requestedAt|decidedAt|check\.[A-Za-z]+)|today)$/;

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The document's fields as they are in the value (an absent list is empty). */
export const fieldsOf = (doc: DocValue): FieldValue[] => arr<FieldValue>(doc.fields);
const rulesOf = (doc: DocValue): Rule[] => arr<Rule>(doc.rules);

/** The value with `key` set, or left out when `next` is undefined. */
function withKey(doc: DocValue, key: string, next: unknown): DocValue {
  const { [key]: _, ...rest } = doc;
  return next === undefined ? rest : { ...rest, [key]: next };
}

/** A name not used by any field yet: `field1`, `field2` … */
export function freshName(doc: DocValue, stem = 'field'): string {
  const used = new Set(fieldsOf(doc).map((f) => f.name));
  for (let i = 1; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** A field added at `at` (the end by default). */
export function addField(doc: DocValue, field: FieldValue, at?: number): DocValue {
  const fields = [...fieldsOf(doc)];
  fields.splice(at ?? fields.length, 0, field);
  return { ...doc, fields };
}

/** The field at `from` moved to `to` (both indexes into the list before the move). */
export function moveField(doc: DocValue, from: number, to: number): DocValue {
  const fields = [...fieldsOf(doc)];
  if (from < 0 || from >= fields.length || to < 0 || to >= fields.length || from === to) return doc;
  const [moved] = fields.splice(from, 1);
  fields.splice(to, 0, moved as FieldValue);
  return { ...doc, fields };
}

/**
 * The field at `index` removed, and with it every mention: it leaves the rules (a rule left with
 * no field goes), the sections (likewise) and the print (its field or table block, and its place
 * in a signatures block).
 */
export function removeField(doc: DocValue, index: number): DocValue {
  const fields = fieldsOf(doc);
  const name = fields[index]?.name;
  if (name === undefined) return doc;
  let next: DocValue = { ...doc, fields: fields.filter((_, i) => i !== index) };
  if (Array.isArray(doc.rules)) {
    const rules = rulesOf(doc)
      .map((r) => ({ ...r, fields: r.fields.filter((f) => f !== name) }) as Rule)
      .filter((r) => r.fields.length > 0);
    next = withKey(next, 'rules', rules.length > 0 ? rules : undefined);
  }
  if (Array.isArray(doc.sections)) {
    const sections = arr<Record<string, unknown>>(doc.sections)
      .map((s) => ({ ...s, fields: arr<string>(s.fields).filter((f) => f !== name) }))
      .filter((s) => s.fields.length > 0);
    next = withKey(next, 'sections', sections.length > 0 ? sections : undefined);
  }
  const print = obj(doc.print);
  if (Array.isArray(print.blocks)) {
    const blocks = arr<Record<string, unknown>>(print.blocks)
      .filter((b) => !((b.kind === 'field' || b.kind === 'table') && b.field === name))
      .map((b) => (b.dateField === name ? withKey(b, 'dateField', undefined) : b));
    next = { ...next, print: { ...print, blocks } };
  }
  return next;
}

/**
 * The field at `index` changed: `patch`'s keys set, those given as undefined left out. A new
 * name is carried to the rules, sections and print blocks that named the old one (when neither
 * name is another field's).
 */
export function updateField(doc: DocValue, index: number, patch: Record<string, unknown>): DocValue {
  const fields = fieldsOf(doc);
  const before = fields[index];
  if (!before) return doc;
  let field: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(patch)) field = withKey(field, k, v);
  let next: DocValue = { ...doc, fields: fields.map((f, i) => (i === index ? (field as FieldValue) : f)) };
  const from = before.name;
  const to = field.name;
  // The mentions are carried only from a name this field alone had to one no other field has: a
  // name shared by two fields (while the designer marks it) names the other one's rules and print too.
  const others = fields.filter((_, i) => i !== index).map((f) => f.name);
  if (
    typeof from === 'string' &&
    typeof to === 'string' &&
    from !== to &&
    to !== '' &&
    !others.includes(from) &&
    !others.includes(to)
  )
    next = renameRefs(next, from, to);
  return next;
}

function renameRefs(doc: DocValue, from: string, to: string): DocValue {
  const swap = (n: unknown) => (n === from ? to : n);
  let next = doc;
  if (Array.isArray(doc.rules))
    next = { ...next, rules: rulesOf(doc).map((r) => ({ ...r, fields: r.fields.map(swap) }) as Rule) };
  if (Array.isArray(doc.sections))
    next = {
      ...next,
      sections: arr<Record<string, unknown>>(doc.sections).map((s) => ({ ...s, fields: arr(s.fields).map(swap) })),
    };
  const print = obj(doc.print);
  if (Array.isArray(print.blocks)) {
    const blocks = arr<Record<string, unknown>>(print.blocks).map((b) => {
      let out = b;
      for (const key of ['field', 'dateField'] as const) if (b[key] === from) out = { ...out, [key]: to };
      if (Array.isArray(b.fields)) out = { ...out, fields: b.fields.map(swap) };
      if (typeof b.text === 'string' && b.text.includes(`{${from}}`))
        out = { ...out, text: b.text.split(`{${from}}`).join(`{${to}}`) };
      return out;
    });
    next = { ...next, print: { ...print, blocks } };
  }
  return next;
}

/** The condition of the rule with this effect that names the field alone, if there is one. */
export function fieldCondition(doc: DocValue, name: string, effect: ConditionEffect): Rule['when'] | undefined {
  return rulesOf(doc).find((r) => r.effect === effect && r.fields.length === 1 && r.fields[0] === name)?.when;
}

/** The other rules that name the field (with others, or with another effect): shown, edited in the form. */
export function otherRules(doc: DocValue, name: string): { index: number; rule: Rule }[] {
  return rulesOf(doc)
    .map((rule, index) => ({ rule, index }))
    .filter(
      ({ rule }) =>
        rule.fields.includes(name) &&
        !(rule.fields.length === 1 && (rule.effect === 'show' || rule.effect === 'require')),
    );
}

/**
 * The field shown (`show`) or required (`require`) when `when` holds: the rule naming the field
 * alone with that effect is set, added after the others, or removed when `when` is undefined.
 */
export function setFieldCondition(
  doc: DocValue,
  name: string,
  effect: ConditionEffect,
  when: Rule['when'] | undefined,
): DocValue {
  const rules = rulesOf(doc);
  const at = rules.findIndex((r) => r.effect === effect && r.fields.length === 1 && r.fields[0] === name);
  let next: Rule[];
  if (when === undefined) next = rules.filter((_, i) => i !== at);
  else if (at >= 0) next = rules.map((r, i) => (i === at ? { ...r, when } : r));
  else next = [...rules, { effect, fields: [name], when } as Rule];
  return withKey(doc, 'rules', next.length > 0 ? next : undefined);
}

/** The numbering pattern set, or the numbering left out for an empty pattern (the example kept). */
export function setNumbering(doc: DocValue, pattern: string): DocValue {
  const numbering = obj(doc.numbering);
  if (pattern === '') return withKey(doc, 'numbering', undefined);
  return { ...doc, numbering: { ...numbering, pattern } };
}

/** Whether a field has a print block of its own (field or table). */
export const printed = (doc: DocValue, name: string): boolean =>
  arr<Record<string, unknown>>(obj(doc.print).blocks).some(
    (b) => (b.kind === 'field' || b.kind === 'table') && b.field === name,
  );

/**
 * The field printed on the A4 sheet (a field block, or a table block for a table; placed after the
 * line of the nearest field before it that has one, else before the signatures and seal) or not
 * printed (its own blocks removed).
 */
export function setPrinted(doc: DocValue, name: string, on: boolean): DocValue {
  const print = obj(doc.print);
  const blocks = arr<Record<string, unknown>>(print.blocks);
  const own = (b: Record<string, unknown>) => (b.kind === 'field' || b.kind === 'table') && b.field === name;
  if (!on) return { ...doc, print: { ...print, blocks: blocks.filter((b) => !own(b)) } };
  if (blocks.some(own)) return doc;
  const fields = fieldsOf(doc);
  const index = fields.findIndex((f) => f.name === name);
  const block = { kind: fields[index]?.type === 'table' ? 'table' : 'field', field: name };
  // After the line of the nearest field before it that prints one; else before the signatures.
  const before = new Set(fields.slice(0, Math.max(0, index)).map((f) => f.name));
  const after = blocks.findLastIndex(
    (b) => (b.kind === 'field' || b.kind === 'table') && before.has(b.field as string),
  );
  const end = blocks.findIndex((b) => b.kind === 'signatures' || b.kind === 'seal');
  const at = after >= 0 ? after + 1 : end < 0 ? blocks.length : end;
  return { ...doc, print: { ...print, blocks: [...blocks.slice(0, at), block, ...blocks.slice(at)] } };
}

export interface Problem {
  /** The property of the field (name, title, options, source …), or the document's (numbering). */
  at: string;
  zh: string;
  en: string;
}

/** What is wrong with each field, by index (only fields with problems). */
export function fieldProblems(doc: DocValue): Map<number, Problem[]> {
  const out = new Map<number, Problem[]>();
  const add = (i: number, p: Problem) => out.set(i, [...(out.get(i) ?? []), p]);
  const fields = fieldsOf(doc);
  const count = new Map<string, number>();
  for (const f of fields) count.set(String(f.name ?? ''), (count.get(String(f.name ?? '')) ?? 0) + 1);
  fields.forEach((f, i) => {
    const name = String(f.name ?? '');
    if (name === '') add(i, { at: 'name', zh: '字段名不能为空', en: 'The field name is empty' });
    else if (!NAME.test(name))
      add(i, {
        at: 'name',
        zh: `字段名“${name}”须以英文字母开头，只含字母、数字和下划线`,
        en: `The field name “${name}” must start with a letter and hold only letters, digits and _`,
      });
    else if ((count.get(name) ?? 0) > 1)
      add(i, { at: 'name', zh: `字段名“${name}”重复`, en: `The field name “${name}” is used twice` });
    if (String(f.title ?? '').trim() === '')
      add(i, { at: 'title', zh: '字段标题不能为空', en: 'The field label is empty' });
    if (!FIELD_TYPES.includes(f.type as Field['type']))
      add(i, { at: 'type', zh: '请选择字段类型', en: 'Choose the field type' });
    const options = arr<string>(f.options);
    if ((f.type === 'enum' || f.type === 'multi-enum') && options.length === 0)
      add(i, { at: 'options', zh: '选择字段至少需要一个选项', en: 'A choice field needs at least one option' });
    if (new Set(options).size !== options.length)
      add(i, { at: 'options', zh: '选项重复', en: 'An option is listed twice' });
    if (f.optionsEn !== undefined && arr(f.optionsEn).length !== options.length)
      add(i, {
        at: 'optionsEn',
        zh: `英文选项须与选项一一对应（${options.length} 个）`,
        en: `The English options must match the options one by one (${options.length})`,
      });
    if (f.type === 'table' && arr(f.columns).length === 0)
      add(i, {
        at: 'type',
        zh: '表格字段需要列（在下方表单中设置）',
        en: 'A table field needs columns (set them in the form below)',
      });
    if (f.source !== undefined && !SOURCE.test(String(f.source)))
      add(i, {
        at: 'source',
        zh: `预填来源“${String(f.source)}”不是允许的来源（如 fact:事实名、party.name、today）`,
        en: `The source “${String(f.source)}” is not one the schema allows (such as fact:name, party.name, today)`,
      });
  });
  return out;
}

/** What is wrong with the numbering pattern, if anything (tokens as the metamodel's check knows them). */
export function numberingProblem(doc: DocValue): Problem | undefined {
  const pattern = obj(doc.numbering).pattern;
  if (pattern === undefined) return undefined;
  const text = String(pattern);
  const tokens = [...text.matchAll(/\{(\w+)(?::\d)?\}/g)].map((m) => m[1] as string);
  const unknown = tokens.filter((t) => !(NUMBERING_TOKENS as readonly string[]).includes(t));
  if (unknown.length > 0)
    return {
      at: 'numbering',
      zh: `编号格式中的 {${unknown[0]}} 不是可用的占位符（${NUMBERING_TOKENS.map((t) => `{${t}}`).join('、')}）`,
      en: `{${unknown[0]}} is not a numbering token (${NUMBERING_TOKENS.map((t) => `{${t}}`).join(', ')})`,
    };
  if (!tokens.includes('seq'))
    return {
      at: 'numbering',
      zh: '编号格式须含流水号 {seq} 或 {seq:N}',
      en: 'The pattern needs a sequence, {seq} or {seq:N}',
    };
  return undefined;
}
