import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, type ItemKind } from '../kinds.ts';
import { loadPackChain } from './chain.ts';
import { elementId, KEYED_ARRAYS, keyFieldsAt } from './keyed-arrays.ts';
import { resolveLayers } from './layer.ts';
import { directivePointers, mergeOverride } from './merge.ts';
import { deepEqual, minimalOverride } from './minimal-override.ts';
import { isPlainObject } from './overlay-path.ts';

const PACKS = join(dirname(fileURLToPath(import.meta.url)), '../../../packs');
const packIds = readdirSync(PACKS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^[a-z]{2}-/.test(d.name))
  .map((d) => d.name);

type Item = Record<string, unknown>;
/** A copy without shared parts (YAML aliases share objects; structuredClone would keep them shared). */
const copyOf = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
interface Sample {
  pack: string;
  kind: ItemKind;
  code: string;
  item: Item;
}

/** Every item of every resolved pack of packs/. */
const samples: Sample[] = packIds.flatMap((pack) => {
  const { chain } = loadPackChain(join(PACKS, pack));
  const { pack: resolved } = resolveLayers(chain);
  return ITEM_KINDS.flatMap(({ kind }) =>
    [...(resolved.items[kind] as ReadonlyMap<string, unknown>).entries()].map(([code, item]) => ({
      pack,
      kind,
      code,
      item: item as Item,
    })),
  );
});

const merged = (kind: ItemKind, base: unknown, patch: unknown) => {
  const r = mergeOverride(base, patch, { kind, keyed: true });
  expect(r.problems).toEqual([]);
  return r.value;
};

/** The path (object keys and array indexes) of the deepest scalar of an item that is not a key of a keyed element. */
function deepestScalar(kind: ItemKind, value: unknown): (string | number)[] | undefined {
  let best: (string | number)[] | undefined;
  const visit = (v: unknown, p: (string | number)[], schema: string[], keys: readonly string[]) => {
    if (Array.isArray(v)) {
      const fields = keyFieldsAt(kind, schema) ?? [];
      v.forEach((e, i) => visit(e, [...p, i], [...schema, '*'], fields));
    } else if (isPlainObject(v)) {
      for (const [k, e] of Object.entries(v)) if (!keys.includes(k)) visit(e, [...p, k], [...schema, k], []);
    } else if ((typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && p[0] !== 'code')
      if (!best || p.length > best.length) best = p;
  };
  visit(value, [], [], []);
  return best;
}

function setAt(value: unknown, path: (string | number)[], next: (old: unknown) => unknown): void {
  let node = value as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  node[last] = next(node[last]);
}

const changed = (old: unknown) =>
  typeof old === 'number' ? old + 1 : typeof old === 'boolean' ? !old : `${String(old)}（改）`;

/** The first keyed array of an item with at least two elements: its path, key fields and elements. */
function keyedArrayOf(kind: ItemKind, item: Item) {
  for (const [path, fields] of Object.entries(KEYED_ARRAYS[kind])) {
    if (path.includes('*')) continue;
    const elements = item[path];
    if (Array.isArray(elements) && elements.length >= 2 && elements.every((e) => elementId(e, fields)))
      return { path, fields, elements: elements as Item[] };
  }
  return undefined;
}

describe('minimalOverride over every item of every pack', () => {
  it('reads the packs', () => {
    expect(packIds).toEqual(expect.arrayContaining(['cn-national', 'tj-binhai', 'he-shijiazhuang']));
    expect(samples.length).toBeGreaterThan(1000);
  });

  it('(a) unchanged: an empty patch', () => {
    for (const s of samples)
      expect(minimalOverride(s.kind, s.item, copyOf(s.item)), `${s.pack} ${s.kind}/${s.code}`).toEqual({});
  });

  it('(b) one scalar changed deep down: one pointer, and it merges back', () => {
    let tested = 0;
    for (const s of samples) {
      const path = deepestScalar(s.kind, s.item);
      if (!path) continue;
      const edited = copyOf(s.item);
      setAt(edited, path, changed);
      const patch = minimalOverride(s.kind, s.item, edited);
      const r = mergeOverride(s.item, patch, { kind: s.kind, keyed: true });
      expect(r.problems, `${s.kind}/${s.code}`).toEqual([]);
      expect(deepEqual(r.value, edited), `${s.pack} ${s.kind}/${s.code} ${path.join('/')}`).toBe(true);
      expect(r.pointers, `${s.kind}/${s.code} ${JSON.stringify(patch)} ${r.pointers}`).toHaveLength(1);
      expect(directivePointers(patch)).toEqual([]);
      tested++;
    }
    expect(tested).toBeGreaterThan(1000);
  });

  it('(c) one field of one keyed element: only that element, by its key', () => {
    let tested = 0;
    for (const s of samples) {
      const keyed = keyedArrayOf(s.kind, s.item);
      if (!keyed) continue;
      const index = keyed.elements.length - 1;
      const element = keyed.elements[index] as Item;
      const field = Object.keys(element).find((k) => !keyed.fields.includes(k) && typeof element[k] !== 'object');
      const edited = copyOf(s.item);
      const target = (edited[keyed.path] as Item[])[index] as Item;
      if (field) target[field] = changed(element[field]);
      else target.studioNote = 'added';
      const patch = minimalOverride(s.kind, s.item, edited);
      expect(Object.keys(patch)).toEqual([keyed.path]);
      const list = patch[keyed.path] as Item[];
      expect(list).toHaveLength(1);
      expect(elementId(list[0], keyed.fields)).toBe(elementId(element, keyed.fields));
      expect(Object.keys(list[0] as Item).sort()).toEqual([...keyed.fields, field ?? 'studioNote'].sort());
      expect(deepEqual(merged(s.kind, s.item, patch), edited), `${s.kind}/${s.code}`).toBe(true);
      tested++;
    }
    expect(tested).toBeGreaterThan(100);
  });

  it('(d) a keyed element removed or inserted: $remove, or one new element with its position', () => {
    let tested = 0;
    for (const s of samples) {
      const keyed = keyedArrayOf(s.kind, s.item);
      if (!keyed) continue;
      const key = Object.fromEntries(keyed.fields.map((f) => [f, (keyed.elements[0] as Item)[f]]));

      const removed = copyOf(s.item);
      (removed[keyed.path] as Item[]).splice(0, 1);
      const removal = minimalOverride(s.kind, s.item, removed);
      expect(removal).toEqual({ [keyed.path]: [{ ...key, $remove: true }] });
      expect(deepEqual(merged(s.kind, s.item, removal), removed)).toBe(true);

      // A copy of the second element under a new key, inserted after the first.
      const inserted = copyOf(s.item);
      const copy = copyOf(keyed.elements[1]) as Item;
      const keyField = keyed.fields[0] as string;
      copy[keyField] = Array.isArray(copy[keyField])
        ? ['studio-new']
        : typeof copy[keyField] === 'number'
          ? 999_999
          : '2999-01-01';
      (inserted[keyed.path] as Item[]).splice(1, 0, copy);
      const insertion = minimalOverride(s.kind, s.item, inserted);
      const list = insertion[keyed.path] as Item[];
      expect(Object.keys(insertion)).toEqual([keyed.path]);
      expect(list).toHaveLength(1);
      const after = keyed.fields.length === 1 ? key[keyField] : key;
      expect((list[0] as Item).$after, `${s.kind}/${s.code}`).toEqual(after);
      expect(deepEqual(merged(s.kind, s.item, insertion), inserted), `${s.kind}/${s.code}`).toBe(true);
      tested++;
    }
    expect(tested).toBeGreaterThan(100);
  });
});

describe('minimalOverride, small cases', () => {
  const workflow = {
    code: 'w',
    states: [{ code: 'a' }, { code: 'b' }, { code: 'c' }],
    transitions: [{ from: ['a', 'b'], action: 'go', to: 'c' }],
  };

  it('deletes a field the edit left out with null', () => {
    const patch = minimalOverride('parameter', { code: 'p', name: 'x', notes: 'n' }, { code: 'p', name: 'x' });
    expect(patch).toEqual({ notes: null });
  });

  it('moves an element with a position and puts one at the front before the first that stays', () => {
    const edited = { ...workflow, states: [{ code: 'c' }, { code: 'a' }, { code: 'b' }] };
    const patch = minimalOverride('workflow', workflow, edited);
    expect(patch).toEqual({ states: [{ code: 'c', $before: 'a' }] });
    expect(merged('workflow', workflow, patch)).toEqual(edited);
  });

  it('names a transition by its from and action', () => {
    const edited = copyOf(workflow);
    edited.transitions[0] = { from: ['a', 'b'], action: 'go', to: 'b' };
    expect(minimalOverride('workflow', workflow, edited)).toEqual({
      transitions: [{ from: ['a', 'b'], action: 'go', to: 'b' }],
    });
  });

  it('replaces an unkeyed array whole, and every array in metamodel 1', () => {
    const base = { code: 'r', permissions: ['a', 'b'] };
    expect(minimalOverride('role', base, { code: 'r', permissions: ['a'] })).toEqual({ permissions: ['a'] });
    const edited = { ...workflow, states: [{ code: 'a' }, { code: 'b', name: 'B' }, { code: 'c' }] };
    expect(minimalOverride('workflow', workflow, edited, { keyed: false })).toEqual({ states: edited.states });
  });
});
