/**
 * Arrays of identifiable things, by kind: the one table that says which arrays an override
 * of a metamodel-2 pack merges element by element, and by which key. Every other array (print
 * blocks, document rules, scoring rules, lists of codes) is replaced whole, as in version 1.
 * Paths are relative to the item, `*` standing for any element of an array on the way.
 */
import type { ItemKind } from '../kinds.ts';

/** Keyed arrays by kind: path → the field(s) whose values identify an element. */
export const KEYED_ARRAYS: { readonly [K in ItemKind]: Readonly<Record<string, readonly string[]>> } = {
  codelist: { entries: ['code'] },
  parameter: {
    versions: ['effectiveFrom'],
    byOrganisation: ['organisation', 'effectiveFrom'],
    bySector: ['sector', 'effectiveFrom'],
  },
  // holidays and workdays are lists of dates: replaced whole.
  calendar: {},
  'legal-basis': { versions: ['effectiveFrom'] },
  'authority-item': { responsibilities: ['stage'] },
  organisation: {},
  role: {},
  condition: {},
  // A section is known by its code; the facts a document sets are replaced whole (one fact may be
  // set under two conditions, so the fact is no key).
  document: { fields: ['name'], 'fields/*/columns': ['name'], sections: ['code'] },
  // An action name repeats across states, so a transition is known by where it starts and its action.
  workflow: { states: ['code'], transitions: ['from', 'action'], deadlines: ['code'] },
  discretion: {
    versions: ['effectiveFrom'],
    'versions/*/tiers': ['code'],
    'versions/*/noPenalty': ['code'],
    'versions/*/circumstances': ['code'],
  },
  matter: { facts: ['name'] },
  alert: { levels: ['level'] },
  assessment: { indicators: ['code'], grades: ['name'] },
  'report-format': { columns: ['code'] },
  'risk-scheme': { classes: ['code'] },
  'review-checklist': {
    groups: ['code'],
    'groups/*/points': ['code'],
    'groups/*/points/*/deductions': ['code'],
    basicStandards: ['code'],
  },
  test: { cases: ['name'] },
};

/** The key fields of the array at a schema path (`fields/*\/columns`), if it is keyed. */
export function keyFieldsAt(kind: ItemKind, schemaPath: readonly string[]): readonly string[] | undefined {
  return KEYED_ARRAYS[kind][schemaPath.join('/')];
}

/** The identity of an element under its key fields (a canonical string), or undefined when a key field is absent. */
export function elementId(element: unknown, fields: readonly string[]): string | undefined {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return undefined;
  const values = fields.map((f) => normalise((element as Record<string, unknown>)[f]));
  return values.some((v) => v === undefined) ? undefined : JSON.stringify(values);
}

/** The identity a position directive (`$after: x`) names: a scalar for one key field, an object for several. */
export function referenceId(ref: unknown, fields: readonly string[]): string | undefined {
  if (fields.length === 1 && (typeof ref === 'string' || typeof ref === 'number')) return JSON.stringify([ref]);
  return elementId(ref, fields);
}

/** A readable label of an identity, e.g. `name=fine` or `from=review,action=approve`. */
export function idLabel(id: string, fields: readonly string[]): string {
  const values = JSON.parse(id) as unknown[];
  return fields
    .map((f, i) => {
      const v = values[i];
      return `${f}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`;
    })
    .join(',');
}

/**
 * A pointer into a resolved item written with keys for the elements of keyed arrays:
 * `/fields/12/title` reads `/fields[name=fine]/title`.
 */
export function describePointer(kind: ItemKind, item: unknown, pointer: string): string {
  const segments = pointer.split('/').slice(1);
  const schemaPath: string[] = [];
  let node: unknown = item;
  let out = '';
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const fields = Array.isArray(node) ? keyFieldsAt(kind, schemaPath) : undefined;
    const id = fields && /^\d+$/.test(segment) ? elementId((node as unknown[])[Number(segment)], fields) : undefined;
    out += fields && id ? `[${idLabel(id, fields)}]` : `/${raw}`;
    schemaPath.push(Array.isArray(node) ? '*' : segment);
    node = Array.isArray(node) ? node[Number(segment)] : (node as Record<string, unknown> | undefined)?.[segment];
  }
  return out;
}

// A transition's `from` may list several states: the same set in another order is the same key.
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? [...value].sort() : undefined;
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}
