/**
 * The metamodel's JSON Schemas as formily schemas, written once for every kind (#14). Formily
 * does not follow `$ref` across files, `oneOf`/`anyOf` or recursive schemas, so this walks our
 * schemas itself: `$ref` resolved by file and pointer, `enum` → Select, strings / numbers /
 * booleans → their inputs, objects → nested sections, arrays of objects → cards (a keyed array's
 * cards show each element's key), lists of codes → a tag select. What a generated form cannot
 * serve goes to a dedicated editor: the recursive condition schema → `ConditionEditor`; unions →
 * `UnionEditor` (the variant chosen, then its input), or `JsonEditor` (a JSON sub-editor) when
 * every variant is an object; open maps and shapeless values → `JsonEditor`; a value of several
 * scalar types → `ScalarInput`. Pure (no React), so the test runs it over every kind in node.
 */
import type { ISchema } from '@formily/json-schema';
import { ITEM_KINDS, type ItemKind, keyFieldsAt, SCHEMAS } from '@yifa/metamodel';
import { fieldLabel, type Lang } from './labels.ts';

type Node = Record<string, unknown>;

/** The components a translated schema names that are editors of their own, taking the whole value below them. */
export const DEDICATED_EDITORS = ['ConditionEditor', 'JsonEditor', 'ScalarInput', 'UnionEditor'] as const;

/** The one recursive schema with a builder of its own. */
const CONDITION_REF = 'condition.schema.json#/$defs/Condition';

/** A kind's translation: the formily schema, and every `$ref` that could not be resolved (none, when the schemas are sound). */
export interface Translation {
  schema: ISchema;
  unresolved: string[];
}

interface Ctx {
  kind: ItemKind;
  file: string;
  /** The schema path from the item (property names, `*` for array elements), for keyed arrays. */
  path: string[];
  /** The refs being expanded, to stop at a recursion. */
  refs: readonly string[];
  lang: Lang;
  unresolved: string[];
}

/** The JSON Schema file of a kind. */
export function kindSchemaFile(kind: ItemKind): string {
  const k = ITEM_KINDS.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return k.schema;
}

/** The formily schema of a kind's items, in one language. */
export function translateKind(kind: ItemKind, lang: Lang = 'zh'): Translation {
  const file = kindSchemaFile(kind);
  const root = SCHEMAS[file] as unknown as Node;
  const ctx: Ctx = { kind, file, path: [], refs: [], lang, unresolved: [] };
  return { schema: translate(root, ctx), unresolved: ctx.unresolved };
}

/** `file#/pointer` for a ref written in `file`. */
function refKey(ref: string, file: string): string {
  const [target = '', pointer = ''] = ref.split('#');
  return `${target || file}#${pointer}`;
}

function lookup(key: string): Node | undefined {
  const [file = '', pointer = ''] = key.split('#');
  let node: unknown = SCHEMAS[file];
  for (const raw of pointer.split('/').filter(Boolean)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Node)[part];
  }
  return typeof node === 'object' && node !== null ? (node as Node) : undefined;
}

const editor = (component: (typeof DEDICATED_EDITORS)[number], extra: ISchema = {}): ISchema => ({
  'x-decorator': 'FormItem',
  'x-component': component,
  ...extra,
});

/** Resolves `$ref`s at the top of a node (siblings such as `description` win over the target's). */
function deref(node: Node, ctx: Ctx): { node: Node; ctx: Ctx } | { special: ISchema } {
  let current = node;
  let c = ctx;
  while (typeof current.$ref === 'string') {
    const key = refKey(current.$ref, c.file);
    if (key === CONDITION_REF) return { special: editor('ConditionEditor', { type: 'object' }) };
    if (c.refs.includes(key)) return { special: editor('JsonEditor') };
    const target = lookup(key);
    if (!target) {
      ctx.unresolved.push(key);
      return { special: editor('JsonEditor') };
    }
    const { $ref: _, ...siblings } = current;
    current = { ...target, ...siblings };
    c = { ...c, file: key.split('#')[0] as string, refs: [...c.refs, key] };
  }
  return { node: current, ctx: c };
}

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * One variant of a union, as the union editor offers it: a text, a number, yes/no, one of fixed
 * values, a list of texts — or JSON for an object (a reference, an operation) or anything else.
 */
export type UnionVariant =
  | { kind: 'string' | 'number' | 'boolean' | 'strings' | 'json' }
  | { kind: 'enum'; values: (string | number | boolean)[] };

function unionVariants(variants: Node[], ctx: Ctx): UnionVariant[] {
  const out: UnionVariant[] = [];
  const add = (v: UnionVariant) => {
    if (v.kind === 'enum' || !out.some((o) => o.kind === v.kind)) out.push(v);
  };
  for (const raw of variants) {
    const r = deref(raw, ctx);
    if ('special' in r) {
      add({ kind: 'json' });
      continue;
    }
    const n = r.node;
    const values = (n.enum ?? ('const' in n ? [n.const] : undefined)) as (string | number | boolean)[] | undefined;
    const types = Array.isArray(n.type) ? (n.type as string[]) : [n.type as string];
    if (values) add({ kind: 'enum', values });
    else if (n.type === 'array') {
      const items = n.items ? deref(n.items as Node, r.ctx) : undefined;
      add(items && !('special' in items) && items.node.type === 'string' ? { kind: 'strings' } : { kind: 'json' });
    } else if (n.oneOf || n.anyOf || n.type === 'object' || n.type === undefined) add({ kind: 'json' });
    else
      for (const t of types) {
        if (t === 'string') add({ kind: 'string' });
        else if (t === 'number' || t === 'integer') add({ kind: 'number' });
        else if (t === 'boolean') add({ kind: 'boolean' });
        else add({ kind: 'json' });
      }
  }
  return out;
}

function translate(raw: Node, outer: Ctx, name?: string): ISchema {
  const resolved = deref(raw, outer);
  const base: ISchema = {};
  if (name !== undefined) {
    base.title = fieldLabel(name, outer.lang);
    base.name = name;
    // The field's path (`*` for array elements), on the form item's element as data-field.
    base['x-decorator-props'] = { 'data-field': outer.path.join('.') };
  }
  if ('special' in resolved) return { ...base, ...resolved.special };
  const { node, ctx } = resolved;
  if (typeof node.description === 'string')
    base['x-decorator-props'] = { ...base['x-decorator-props'], tooltip: node.description };

  const union = (node.oneOf ?? node.anyOf) as Node[] | undefined;
  if (union) {
    const variants = unionVariants(union, ctx);
    return variants.every((v) => v.kind === 'json')
      ? { ...base, ...editor('JsonEditor') }
      : { ...base, ...editor('UnionEditor', { 'x-component-props': { variants } }) };
  }
  const values = (node.enum ?? ('const' in node ? [node.const] : undefined)) as unknown[] | undefined;
  if (values) {
    return {
      ...base,
      type: typeof values[0] === 'number' ? 'number' : typeof values[0] === 'boolean' ? 'boolean' : 'string',
      'x-decorator': 'FormItem',
      'x-component': 'Select',
      'x-component-props': { allowClear: true },
      enum: values.map((v) => ({ label: String(v), value: v })),
    };
  }
  const type = node.type;
  if (Array.isArray(type)) {
    return type.every((t) => SCALARS.has(String(t)))
      ? { ...base, ...editor('ScalarInput') }
      : { ...base, ...editor('JsonEditor') };
  }
  switch (type) {
    case 'string': {
      const long = typeof node.maxLength !== 'number' || node.maxLength > 200;
      const date = node.format === 'date';
      return {
        ...base,
        type: 'string',
        'x-decorator': 'FormItem',
        'x-component': long && !date && !node.pattern ? 'Input.TextArea' : 'Input',
        'x-component-props': date
          ? { placeholder: 'YYYY-MM-DD' }
          : long
            ? { autoSize: { minRows: 1, maxRows: 8 } }
            : {},
      };
    }
    case 'number':
    case 'integer':
      return {
        ...base,
        type: 'number',
        'x-decorator': 'FormItem',
        'x-component': 'NumberPicker',
        'x-component-props': type === 'integer' ? { precision: 0 } : {},
      };
    case 'boolean':
      return { ...base, type: 'boolean', 'x-decorator': 'FormItem', 'x-component': 'Switch' };
    case 'object':
      return objectSchema(node, ctx, base);
    case 'array':
      return arraySchema(node, ctx, base);
    default:
      // No type and no union: anything JSON (examples, expected values of tests).
      return { ...base, ...editor('JsonEditor') };
  }
}

function objectSchema(node: Node, ctx: Ctx, base: ISchema): ISchema {
  const props = node.properties as Record<string, Node> | undefined;
  if (!props || Object.keys(props).length === 0) return { ...base, ...editor('JsonEditor') };
  const required = new Set((node.required as string[] | undefined) ?? []);
  const properties: Record<string, ISchema> = {};
  let index = 1;
  for (const [key, child] of Object.entries(props)) {
    const s = translate(child, { ...ctx, path: [...ctx.path, key] }, key);
    properties[key] = { ...s, required: required.has(key) || undefined, 'x-index': index++ };
  }
  return {
    ...base,
    type: 'object',
    ...(base.title === undefined ? {} : { 'x-decorator': 'FormItem', 'x-component': 'Section' }),
    properties,
  };
}

function arraySchema(node: Node, ctx: Ctx, base: ISchema): ISchema {
  const itemsRaw = node.items as Node | undefined;
  if (!itemsRaw) return { ...base, ...editor('JsonEditor') };
  const inner = { ...ctx, path: [...ctx.path, '*'] };
  const items = deref(itemsRaw, inner);
  if ('special' in items) return { ...base, ...editor('JsonEditor') };
  const it = items.node;
  if (Array.isArray(it.enum)) {
    return {
      ...base,
      type: 'array',
      'x-decorator': 'FormItem',
      'x-component': 'Select',
      'x-component-props': { mode: 'multiple', allowClear: true },
      enum: (it.enum as unknown[]).map((v) => ({ label: String(v), value: v })),
    };
  }
  if (it.type === 'string' && !it.oneOf && !it.anyOf) {
    // Lists of codes, dates, names: a tag select (type a value, Enter).
    return {
      ...base,
      type: 'array',
      'x-decorator': 'FormItem',
      'x-component': 'Select',
      'x-component-props': { mode: 'tags', tokenSeparators: [',', '，'], open: false },
    };
  }
  if (it.type !== 'object' || !it.properties) return { ...base, ...editor('JsonEditor') };
  const element = objectSchema(it, items.ctx, {});
  const keyFields = keyFieldsAt(ctx.kind, ctx.path);
  const ops = {
    remove: { type: 'void', 'x-component': 'ArrayCards.Remove' },
    moveUp: { type: 'void', 'x-component': 'ArrayCards.MoveUp' },
    moveDown: { type: 'void', 'x-component': 'ArrayCards.MoveDown' },
  } satisfies Record<string, ISchema>;
  return {
    ...base,
    type: 'array',
    'x-decorator': 'FormItem',
    'x-component': 'ArrayCards',
    'x-component-props': { title: base.title, size: 'small' },
    items: {
      ...element,
      properties: {
        ...(keyFields
          ? {
              __key: {
                type: 'void',
                'x-component': 'ElementKey',
                'x-component-props': { fields: keyFields },
                // First in the card (formily orders by x-index; the fields start at 1).
                'x-index': 0,
              },
            }
          : {}),
        ...(element.properties as Record<string, ISchema>),
        ...ops,
      },
    },
    properties: {
      add: {
        type: 'void',
        title: ctx.lang === 'zh' ? '添加一项' : 'Add an element',
        'x-component': 'ArrayCards.Addition',
      },
    },
  };
}
