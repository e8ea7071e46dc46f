import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ISchema } from '@formily/json-schema';
import { ITEM_KINDS, type ItemKind, validatePackDir } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { hasChineseLabel } from './labels.ts';
import { DEDICATED_EDITORS, translateKind } from './translate.ts';

const dedicated = new Set<string>(DEDICATED_EDITORS);

// The packs shipped in packs/, read as test data by path: the studio itself never imports them (it
// reaches packs over HTTP), so it does not depend on @yifa/packs (scripts/architecture.test.ts).
const PACKS = fileURLToPath(new URL('../../../packs/', import.meta.url));
const packFolders = () =>
  readdirSync(PACKS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[a-z]{2}-/.test(d.name))
    .map((d) => ({ id: d.name, dir: join(PACKS, d.name) }));

/** Every `$ref` left anywhere in a translated schema (formily would not follow it). */
function refsIn(node: unknown, at = ''): string[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' ? [`${at}: ${String(v)}`] : refsIn(v, `${at}/${k}`)));
}

/**
 * The paths of a value the translated schema cannot reach: a path is reached by a field of an
 * object, an element of an array, or anything under a dedicated editor.
 */
function unreachable(value: unknown, schema: ISchema | undefined, path: string): string[] {
  if (!schema) return [path];
  if (dedicated.has(String(schema['x-component']))) return [];
  if (Array.isArray(value)) {
    if (schema.type !== 'array') return [`${path} (an array, the form has ${String(schema.type)})`];
    if (schema['x-component'] === 'Select') {
      return value.every((v) => typeof v !== 'object') ? [] : [`${path} (objects in a select)`];
    }
    const items = schema.items as ISchema | undefined;
    return value.flatMap((v, i) => unreachable(v, items, `${path}/${i}`));
  }
  if (typeof value === 'object' && value !== null) {
    if (schema.type !== 'object') return [`${path} (an object, the form has ${String(schema.type)})`];
    const props = (schema.properties ?? {}) as Record<string, ISchema>;
    return Object.entries(value).flatMap(([k, v]) => unreachable(v, props[k], `${path}/${k}`));
  }
  return schema.type === 'object' || schema.type === 'array' || schema.type === 'void'
    ? [`${path} (a ${typeof value}, the form has ${String(schema.type)})`]
    : [];
}

describe('the schema → formily translation', () => {
  it.each(ITEM_KINDS.map((k) => k.kind))('%s translates with every $ref resolved, in both languages', (kind) => {
    for (const lang of ['zh', 'en'] as const) {
      const { schema, unresolved } = translateKind(kind, lang);
      expect(unresolved).toEqual([]);
      expect(refsIn(schema)).toEqual([]);
      expect(schema.type).toBe('object');
      expect(Object.keys(schema.properties ?? {})).toContain('code');
    }
  });

  it('gives a parameter the inputs its schema asks for', () => {
    const props = translateKind('parameter').schema.properties as Record<string, ISchema>;
    expect(props.type?.['x-component']).toBe('Select');
    expect(props.type?.enum).toHaveLength(4);
    expect(props.value?.['x-component']).toBe('ScalarInput');
    expect(props.code?.required).toBe(true);
    expect(props.code?.title).toBe('编码');
    expect(props.code?.['x-decorator-props']).toMatchObject({ 'data-field': 'code' });
    const en = translateKind('parameter', 'en').schema.properties as Record<string, ISchema>;
    expect([en.code?.title, en.nameEn?.title, en.byOrganisation?.title]).toEqual([
      'Code',
      'Name (English)',
      'By organisation',
    ]);
    const versions = props.versions as ISchema;
    expect(versions['x-component']).toBe('ArrayCards');
    const element = (versions.items as ISchema).properties as Record<string, ISchema>;
    // A keyed array's cards show each element's key (versions are known by effectiveFrom).
    expect(element.__key?.['x-component-props']).toEqual({ fields: ['effectiveFrom'] });
    expect(element.effectiveFrom?.['x-component-props']).toEqual({ placeholder: 'YYYY-MM-DD' });
    expect((props.basis as ISchema)['x-component-props']).toMatchObject({ mode: 'tags' });
  });

  it('sends conditions to the condition builder, wherever they are', () => {
    const named = translateKind('condition').schema.properties as Record<string, ISchema>;
    expect(named.when?.['x-component']).toBe('ConditionEditor');
    const wf = translateKind('workflow').schema.properties as Record<string, ISchema>;
    const transition = ((wf.transitions as ISchema).items as ISchema).properties as Record<string, ISchema>;
    expect(transition.when?.['x-component']).toBe('ConditionEditor');
    expect(transition.unless?.['x-component']).toBe('ConditionEditor');
    // Keyed by where it starts and its action.
    expect(transition.__key?.['x-component-props']).toEqual({ fields: ['from', 'action'] });
    // from: one state or several — a choice of variant, not JSON.
    expect(transition.from?.['x-component']).toBe('UnionEditor');
    expect(transition.from?.['x-component-props']).toEqual({ variants: [{ kind: 'string' }, { kind: 'strings' }] });
  });

  it('offers a union’s variants where it can, and JSON where every variant is an object', () => {
    const found = new Map<string, ISchema>();
    const walk = (node: unknown, at: string) => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as ISchema;
      if (n['x-component'] === 'UnionEditor' || n['x-component'] === 'JsonEditor') found.set(at, n);
      for (const [k, v] of Object.entries(n.properties ?? {})) walk(v, `${at}/${k}`);
      walk(n.items, `${at}/*`);
    };
    for (const { kind } of ITEM_KINDS) walk(translateKind(kind).schema, kind);
    // An expression: a number, a text, yes/no, or a reference or operation in JSON.
    const fine = [...found].find(([at]) => at.startsWith('document/fields/*/computed'))?.[1];
    expect(fine?.['x-component-props']).toEqual({
      variants: [{ kind: 'number' }, { kind: 'string' }, { kind: 'boolean' }, { kind: 'json' }],
    });
    // An indicator's measure is one of two objects (a ratio, a count): JSON.
    expect(found.get('assessment/indicators/*/measure')?.['x-component']).toBe('JsonEditor');
  });

  it('labels every field in Chinese', () => {
    const missing = new Set<string>();
    const walk = (s: unknown) => {
      if (typeof s !== 'object' || s === null) return;
      const node = s as ISchema;
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        if (!k.startsWith('__') && (v as ISchema).type !== 'void' && !hasChineseLabel(k)) missing.add(k);
        walk(v);
      }
      walk(node.items);
    };
    for (const { kind } of ITEM_KINDS) walk(translateKind(kind).schema);
    expect([...missing]).toEqual([]);
  });

  describe.each(packFolders())('every item of $id', ({ dir }) => {
    const { pack } = validatePackDir(dir);
    it('has every value path reachable in its kind’s form', () => {
      const problems: string[] = [];
      let count = 0;
      for (const { kind } of ITEM_KINDS) {
        const { schema } = translateKind(kind as ItemKind);
        for (const [code, item] of pack.items[kind]) {
          count++;
          for (const p of unreachable(item, schema, '')) problems.push(`${kind}/${code}${p}`);
        }
      }
      expect(count).toBeGreaterThan(50);
      expect(problems).toEqual([]);
    });
  });
});
